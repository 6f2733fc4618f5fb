from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.functional import SimpleLazyObject

from edu.org.actor import Actor
from edu.org.selectors import user_role_assignments

ACTIVE_ROLE_SESSION_KEY = "active_role"


def actor_for_request(request: HttpRequest) -> Actor:
    """The user with the role they switched to (kept in the session), or their first role."""
    user = request.user
    if not user.is_authenticated:
        return Actor(user=user)  # type: ignore[arg-type]
    assignments = user_role_assignments(user_id=user.pk)
    active_id = request.session.get(ACTIVE_ROLE_SESSION_KEY)
    active = next((a for a in assignments if a.pk == active_id), assignments[0] if assignments else None)
    return Actor(user=user, assignment=active, assignments=assignments)  # type: ignore[arg-type]


class ActorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.actor = SimpleLazyObject(lambda: actor_for_request(request))  # type: ignore[attr-defined]
        return self.get_response(request)
