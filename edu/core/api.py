from __future__ import annotations

from typing import Any

from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from edu.core.errors import ApplicationError, ThrottledError


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Domain errors become 4xx JSON with the message in the user's language."""
    if isinstance(exc, ApplicationError):
        data: dict[str, Any] = {"detail": str(exc.message)}
        if exc.field:
            data["field"] = exc.field
        response = Response(data, status=exc.status_code)
        if isinstance(exc, ThrottledError):
            response["Retry-After"] = str(exc.retry_after)
        return response
    return drf_exception_handler(exc, context)
