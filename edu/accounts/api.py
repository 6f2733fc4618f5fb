"""POST /api/v1/auth/token: phone + password → a bearer token (the same sign-in limits as the page)."""

from __future__ import annotations

from django.contrib.auth import authenticate
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from edu.accounts import services
from edu.accounts.tokens import api_token_issue
from edu.core.context import client_ip
from edu.core.errors import ApplicationError, AuthenticationError
from edu.core.validators import normalize_phone


class TokenRequest(serializers.Serializer):
    phone = serializers.CharField()
    password = serializers.CharField(style={"input_type": "password"})


class TokenCreateApi(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(
        request=TokenRequest,
        responses={
            200: inline_serializer(
                "Token", {"token": serializers.CharField(), "expires_at": serializers.DateTimeField()}
            )
        },
        summary="Get a bearer token",
        tags=["auth"],
    )
    def post(self, request: Request) -> Response:
        body = TokenRequest(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            phone = normalize_phone(body.validated_data["phone"])
        except ValidationError as exc:
            raise ApplicationError(exc.messages[0], field="phone") from None
        ip = client_ip(request._request)
        services.login_lockout_check(phone=phone, ip=ip)
        user = authenticate(request._request, phone=phone, password=body.validated_data["password"])
        if user is None:
            services.login_failure_record(phone=phone, ip=ip)
            raise AuthenticationError(_("The phone number or the password is wrong."))
        services.login_failures_reset(phone)
        key, token = api_token_issue(user=user)  # type: ignore[arg-type]
        return Response({"token": key, "expires_at": token.expires_at}, status=status.HTTP_200_OK)
