from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from edu.rest.services import data_token_institution


class DataTokenAuthentication(authentication.BaseAuthentication):
    """`Authorization: Bearer <data token>`: the request acts for the token's institution, not for a person."""

    def authenticate(self, request: Request) -> tuple[Any, Any] | None:
        header = authentication.get_authorization_header(request).decode("latin-1")
        if not header.startswith("Bearer "):
            return None
        token = data_token_institution(header[7:].strip())
        if token is None:
            raise exceptions.AuthenticationFailed(_("The token is invalid or has been revoked."))
        request.data_token = token  # type: ignore[attr-defined]
        return None, token

    def authenticate_header(self, request: Request) -> str:
        return "Bearer"
