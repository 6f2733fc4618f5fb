"""Who is acting and from where, for the journal and the throttles.

The middleware sets these for each request; services read them when they record a change.
Background tasks and management commands leave them empty.
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.http import HttpRequest

_request_ip: ContextVar[str | None] = ContextVar("request_ip", default=None)
_request_user: ContextVar[Any] = ContextVar("request_user", default=None)


def client_ip(request: HttpRequest) -> str:
    """The client's address, trusting only as many X-Forwarded-For hops as there are proxies."""
    count = settings.TRUSTED_PROXY_COUNT
    if count:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= count:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR", "") or "0.0.0.0"  # noqa: S104 - a placeholder, not a bind


def set_request_context(*, ip: str | None, user: Any) -> tuple[Any, Any]:
    return _request_ip.set(ip), _request_user.set(user)


def reset_request_context(tokens: tuple[Any, Any]) -> None:
    _request_ip.reset(tokens[0])
    _request_user.reset(tokens[1])


def current_ip() -> str | None:
    return _request_ip.get()


def current_user() -> Any:
    user = _request_user.get()
    if user is not None and getattr(user, "is_authenticated", False):
        return user
    return None
