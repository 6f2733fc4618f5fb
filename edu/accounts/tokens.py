"""Bearer tokens for the API: issued after phone + password, checked on each request (remembered briefly)."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import time
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from edu.accounts.models import ApiToken, User
from edu.core.rawrow import field_count, from_row, hot_fetch, model_columns


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
    _local.pop(digest, None)


# A short in-process memory: a saving taker costs no query to authenticate. A revoked token stops working in
# other processes within LOCAL_SECONDS. (A shared cache in front of the database was tried and dropped: in a
# start storm every token is new, and a miss plus a store cost more than the one indexed query they spare.)
_local: dict[str, tuple[float, User, float]] = {}
LOCAL_SECONDS = 60.0


def api_token_user(key: str) -> User | None:
    digest = _hash(key)
    now = time.time()
    local = _local.get(digest)
    if local is None or time.monotonic() - local[0] >= LOCAL_SECONDS:
        found = _token_lookup(digest)
        if found is None:
            _local.pop(digest, None)
            return None
        if len(_local) > 100_000:
            _local.clear()
        local = (time.monotonic(), *found)
        _local[digest] = local
    _seen, user, expires = local
    return user if expires > now else None


def _token_lookup(digest: str) -> tuple[User, float] | None:
    """(user, expiry timestamp) of an active user's token: one indexed query, read without the ORM's query
    building (every token in a start storm is new; see edu/core/rawrow.py)."""
    # Table and column names come from the models; the key is a parameter.
    columns = f"{model_columns(User, 'u')}, {model_columns(ApiToken, 't')}"
    tables = f"{ApiToken._meta.db_table} t JOIN {User._meta.db_table} u ON u.id = t.user_id"
    sql = f"SELECT {columns} FROM {tables} WHERE t.key_hash = %s"  # noqa: S608
    row = hot_fetch(sql, [digest])
    if row is None:
        return None
    user = from_row(User, row)
    token = from_row(ApiToken, row[field_count(User) :])
    return (user, token.expires_at.timestamp()) if user.is_active else None


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
