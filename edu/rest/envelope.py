"""The real HEMIS API's conventions: the envelope, errors inside it, pagination, language by `l`."""

from __future__ import annotations

import math
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from edu.core.errors import ApplicationError, ThrottledError

# `l` parameter → our language codes
LANGUAGES = {
    "uz-UZ": "uz",
    "oz-UZ": "uz-cyrl",
    "ru-RU": "ru",
    "en-US": "en",
    "uz": "uz",
    "oz": "uz-cyrl",
    "ru": "ru",
    "en": "en",
}
MAX_LIMIT = 200


def envelope(data: Any, code: int = 200, error: str | None = None) -> dict[str, Any]:
    return {"success": error is None, "error": error, "data": data, "code": code}


class EnvelopeRenderer(JSONRenderer):
    """Wraps successful responses as {"success": true, "error": null, "data": …, "code": 200}."""

    def render(self, data: Any, accepted_media_type: str | None = None, renderer_context: Any = None) -> bytes:
        response = (renderer_context or {}).get("response")
        if isinstance(data, dict) and set(data) == {"success", "error", "data", "code"}:
            wrapped = data
        else:
            wrapped = envelope(data, code=response.status_code if response is not None else 200)
        return super().render(wrapped, accepted_media_type, renderer_context)


class HemisApiView(APIView):
    """Base of every /rest/v1 endpoint: envelope, errors in the envelope (404 for anything out of scope),
    the language from `l`."""

    renderer_classes = [EnvelopeRenderer]

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        language = LANGUAGES.get(request.query_params.get("l", ""))
        if language:
            translation.activate(language)
            request.LANGUAGE_CODE = language  # type: ignore[attr-defined]
        super().initial(request, *args, **kwargs)

    def handle_exception(self, exc: Exception) -> Response:
        code: int = 500
        message: str | None = None
        headers: dict[str, str] = {}
        if isinstance(exc, Http404 | exceptions.NotFound):
            code, message = 404, _("Not found.")
        elif isinstance(exc, ThrottledError):
            code, message = 429, str(exc.message)
            headers["Retry-After"] = str(exc.retry_after)
        elif isinstance(exc, ApplicationError):
            code, message = exc.status_code, str(exc.message)
        elif isinstance(exc, exceptions.Throttled):
            code, message = 429, str(exc.detail)
        elif isinstance(exc, exceptions.NotAuthenticated | exceptions.AuthenticationFailed):
            code, message = 401, str(exc.detail)
        elif isinstance(exc, PermissionDenied | exceptions.PermissionDenied):
            code, message = 403, _("You may not do this.")
        elif isinstance(exc, exceptions.ValidationError):
            code, message = 400, _flatten(exc.detail)
        elif isinstance(exc, exceptions.APIException):
            code, message = exc.status_code, str(exc.detail)
        else:
            return super().handle_exception(exc)
        response = Response(envelope(None, code=code, error=message), status=code, headers=headers)
        return response


def _flatten(detail: Any) -> str:
    if isinstance(detail, dict):
        return "; ".join(f"{key}: {_flatten(value)}" for key, value in detail.items())
    if isinstance(detail, list):
        return " ".join(_flatten(item) for item in detail)
    return str(detail)


def paginate(request: Request, queryset: Any, serialize: Any) -> dict[str, Any]:
    """data = {"items": [...], "pagination": {totalCount, pageSize, pageCount, page}}; `page`, `limit` ≤ 200."""
    try:
        limit = max(1, min(MAX_LIMIT, int(request.query_params.get("limit", 20))))
        page = max(1, int(request.query_params.get("page", 1)))
    except ValueError:
        raise ApplicationError(_("page and limit must be whole numbers.")) from None
    total = len(queryset) if isinstance(queryset, list) else queryset.count()
    items = [serialize(obj) for obj in queryset[(page - 1) * limit : page * limit]]
    return {
        "items": items,
        "pagination": {
            "totalCount": total,
            "pageSize": limit,
            "pageCount": math.ceil(total / limit) if total else 0,
            "page": page,
        },
    }
