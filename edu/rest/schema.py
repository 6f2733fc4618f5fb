"""The /rest/v1 OpenAPI document, generated from the code (drf-spectacular), and the helpers views declare
their operation with: the envelope, the query parameters, the two bearer schemes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers

SETTINGS = {
    "TITLE": "HEMIS-compatible REST API",
    "DESCRIPTION": (
        "Student API v1 (`/rest/v1/auth/login` → `Authorization: Bearer <token>`), the university data API "
        "(`/rest/v1/data/…`, a static token issued by the super administrator), public statistics "
        "(`/rest/v1/public/…`). Every answer is `{success, error, data, code}`; language by `l` "
        "(`uz-UZ`, `oz-UZ`, `ru-RU`, `en-US`); dates are Unix seconds."
    ),
    "VERSION": "1.0.0",
    "SCHEMA_PATH_PREFIX": r"/rest/v1",
}

Envelope = inline_serializer(
    "RestEnvelope",
    {
        "success": serializers.BooleanField(),
        "error": serializers.CharField(allow_null=True),
        "data": serializers.JSONField(allow_null=True),
        "code": serializers.IntegerField(),
    },
)

LANGUAGE = OpenApiParameter("l", str, enum=["uz-UZ", "oz-UZ", "ru-RU", "en-US"], description="Language")
PAGE = OpenApiParameter("page", int, description="Page, from 1")
LIMIT = OpenApiParameter("limit", int, description="Items per page, at most 200")


def q(name: str, kind: Any = str, description: str = "", required: bool = False) -> OpenApiParameter:
    return OpenApiParameter(name, kind, required=required, description=description)


def doc(
    tag: str,
    summary: str,
    *params: OpenApiParameter,
    request: Any = None,
    paginated: bool = False,
    binary: bool = False,
) -> Callable[[Any], Any]:
    """An operation of /rest/v1: its tag, summary, parameters and the envelope as the answer."""
    parameters = [LANGUAGE, *params, *((PAGE, LIMIT) if paginated else ())]
    responses: Any = {200: OpenApiTypes.BINARY} if binary else {200: Envelope, 400: Envelope, 401: Envelope}
    if not binary:
        responses[404] = Envelope
    return extend_schema(tags=[tag], summary=summary, parameters=parameters, request=request, responses=responses)


class StudentBearerScheme(OpenApiAuthenticationExtension):
    target_class = "edu.accounts.tokens.BearerTokenAuthentication"
    name = "studentToken"
    priority = 1

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {"type": "http", "scheme": "bearer", "description": "The token of POST /rest/v1/auth/login"}


class DataBearerScheme(OpenApiAuthenticationExtension):
    target_class = "edu.rest.authentication.DataTokenAuthentication"
    name = "dataToken"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {"type": "http", "scheme": "bearer", "description": "A data API token of the institution"}
