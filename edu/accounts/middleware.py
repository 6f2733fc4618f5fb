from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

# Paths a signed-in user with an unfinished sign-up may still open.
OPEN_PREFIXES = ("/static/", "/i18n/", "/healthz", "/api/", "/rest/", "/verify/", "/admin/", "/oauth/")


class ProfileCompletionMiddleware:
    """Until step 3 of sign-up (personal data) is filled, every page leads to it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith(OPEN_PREFIXES):  # before touching the session: API calls stay cheap
            return self.get_response(request)
        user = request.user
        if user.is_authenticated and not user.is_profile_complete and not user.is_superuser:  # type: ignore[union-attr]
            allowed = (reverse("accounts:signup_profile"), reverse("accounts:logout"))
            if request.path not in allowed:
                return redirect("accounts:signup_profile")
        return self.get_response(request)
