"""One family of domain errors, turned into clear messages and HTTP 4xx at the edge."""

from __future__ import annotations

from typing import Any


class ApplicationError(Exception):
    """A rule of the domain refused the request; `message` is shown to the user as is."""

    status_code = 400

    def __init__(self, message: Any, *, field: str | None = None, extra: dict[str, Any] | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        self.extra = extra or {}


class PermissionDeniedError(ApplicationError):
    status_code = 403


class ThrottledError(ApplicationError):
    status_code = 429

    def __init__(self, message: Any, *, retry_after: int, field: str | None = None):
        super().__init__(message, field=field, extra={"retry_after": retry_after})
        self.retry_after = retry_after


class AuthenticationError(ApplicationError):
    status_code = 401
