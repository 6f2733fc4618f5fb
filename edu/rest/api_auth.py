"""Student API: sign-in and token refresh (`/rest/v1/auth/…`)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from edu.core.context import client_ip
from edu.rest import services
from edu.rest.envelope import HemisApiView

TokenPair = inline_serializer(
    "RestTokenPair", {"token": serializers.CharField(), "refresh_token": serializers.CharField()}
)


class LoginRequest(serializers.Serializer):
    login = serializers.CharField(help_text="Student ID number or phone number")
    password = serializers.CharField()


class RefreshRequest(serializers.Serializer):
    refresh_token = serializers.CharField()


class AuthLoginApi(HemisApiView):
    authentication_classes: list = []
    permission_classes = [AllowAny]
    parser_classes = [JSONParser, FormParser, MultiPartParser]  # apps send JSON or a form

    @extend_schema(request=LoginRequest, responses={200: TokenPair}, tags=["auth"], summary="Sign in")
    def post(self, request: Request) -> Response:
        body = LoginRequest(data=request.data)
        body.is_valid(raise_exception=True)
        return Response(
            services.rest_login(
                login=body.validated_data["login"],
                password=body.validated_data["password"],
                ip=client_ip(request._request),
            )
        )


class AuthRefreshApi(HemisApiView):
    authentication_classes: list = []
    permission_classes = [AllowAny]
    parser_classes = [JSONParser, FormParser, MultiPartParser]  # apps send JSON or a form

    @extend_schema(request=RefreshRequest, responses={200: TokenPair}, tags=["auth"], summary="A new token")
    def post(self, request: Request) -> Response:
        body = RefreshRequest(data=request.data)
        body.is_valid(raise_exception=True)
        return Response(services.rest_refresh(refresh_token=body.validated_data["refresh_token"]))
