"""Bearer tokens for the API: issued after phone + password, checked on each request (cached briefly)."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import time
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from edu.accounts.models import ApiToken, User

CACHE_SECONDS = 300


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def api_token_issue(*, user: User) -> tuple[str, ApiToken]:
    key = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        key_hash=_hash(key),
        expires_at=timezone.now() + dt.timedelta(seconds=settings.API_TOKEN_TTL_SECONDS),
    )
    return key, token


def api_token_revoke(*, key: str) -> None:
    digest = _hash(key)
    ApiToken.objects.filter(key_hash=digest).delete()
    cache.delete(f"apitoken:v2:{digest}")
    _local.pop(digest, None)


# A short in-process memory in front of the shared cache: a saving taker costs no network call to
# authenticate. A revoked token stops working here within LOCAL_SECONDS.
_local: dict[str, tuple[float, User, float]] = {}
LOCAL_SECONDS = 60.0


def api_token_user(key: str) -> User | None:
    digest = _hash(key)
    now = time.time()
    local = _local.get(digest)
    if local is None or time.monotonic() - local[0] >= LOCAL_SECONDS:
        found = _api_token_lookup(digest)
        if found is None:
            _local.pop(digest, None)
            return None
        if len(_local) > 100_000:
            _local.clear()
        local = (time.monotonic(), *found)
        _local[digest] = local
    _seen, user, expires = local
    return user if expires > now else None


def _api_token_lookup(digest: str) -> tuple[User, float] | None:
    """(user, expiry timestamp) from the shared cache, or from the database (then cached)."""
    cache_key = f"apitoken:v2:{digest}"
    cached = cache.get(cache_key)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    token = ApiToken.objects.filter(key_hash=digest).select_related("user").first()
    if token is None or not token.user.is_active:
        return None
    # The user row rides along for a few minutes: a busy exam makes no extra query per request.
    found = (token.user, token.expires_at.timestamp())
    cache.set(cache_key, found, CACHE_SECONDS)
    return found


class BearerTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request: Request) -> tuple[User, str] | None:
        header = authentication.get_authorization_header(request).decode("latin-1")
        if not header.startswith(self.keyword + " "):
            return None
        key = header[len(self.keyword) + 1 :].strip()
        user = api_token_user(key) if key else None
        if user is None:
            raise exceptions.AuthenticationFailed(_("The token is invalid or has expired. Sign in again."))
        return user, key

    def authenticate_header(self, request: Request) -> str:
        return self.keyword


def token_schema_extension() -> Any:
    from drf_spectacular.extensions import OpenApiAuthenticationExtension

    class BearerScheme(OpenApiAuthenticationExtension):  # type: ignore[misc]
        target_class = "edu.accounts.tokens.BearerTokenAuthentication"
        name = "bearerAuth"

        def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
            return {"type": "http", "scheme": "bearer"}

    return BearerScheme
