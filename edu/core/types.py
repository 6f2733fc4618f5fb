from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from edu.accounts.models import User
    from edu.org.actor import Actor


class AuthedRequest(HttpRequest):
    """A request behind login_required: a real user and their acting role (for type checking only)."""

    user: User  # type: ignore[assignment]
    actor: Actor
