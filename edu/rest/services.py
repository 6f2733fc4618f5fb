"""Tokens of the REST API: student sign-in (with refresh) and the university data API's static tokens."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Callable

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from edu.accounts.models import User
from edu.accounts.tokens import api_token_issue
from edu.core.errors import ApplicationError, AuthenticationError
from edu.journal.services import journal_create, journal_record
from edu.org.actor import Actor
from edu.org.roles import Role
from edu.rest.models import DataApiToken, RefreshToken

# Other apps teach sign-in new logins (e.g. the student ID number): fn(login) -> User | None.
LOGIN_LOOKUPS: list[Callable[[str], User | None]] = []


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def student_by_id_number(login: str) -> User | None:
    """Sign-in by the student ID number (digits only, as printed on the student card)."""
    from edu.university.models import Student

    if not login.isdigit():
        return None
    student = Student.objects.filter(student_id_number=login, user__is_active=True).select_related("user").first()
    return student.user if student is not None else None


def login_user(login: str) -> User | None:
    """A student ID number (through LOGIN_LOOKUPS) or a phone number."""
    from django.core.exceptions import ValidationError

    from edu.core.validators import normalize_phone

    login = (login or "").strip()
    for lookup in LOGIN_LOOKUPS:
        user = lookup(login)
        if user is not None:
            return user
    try:
        return User.objects.filter(phone=normalize_phone(login), is_active=True).first()
    except ValidationError:
        return None


def _issue(user: User) -> dict[str, str]:
    token, _record = api_token_issue(user=user)
    refresh = secrets.token_urlsafe(32)
    RefreshToken.objects.create(
        user=user,
        key_hash=_hash(refresh),
        expires_at=timezone.now() + dt.timedelta(seconds=settings.REST_REFRESH_TOKEN_TTL_SECONDS),
    )
    return {"token": token, "refresh_token": refresh}


def rest_login(*, login: str, password: str, ip: str | None) -> dict[str, str]:
    """auth/login: the same lockout as the sign-in page (too many failures → 429)."""
    from edu.accounts import services as accounts

    ident = f"rest:{login.strip().lower()}"
    accounts.login_lockout_check(phone=ident, ip=ip)
    user = login_user(login)
    if user is None or not user.is_active or not user.check_password(password):
        accounts.login_failure_record(phone=ident, ip=ip)
        raise AuthenticationError(_("The login or the password is wrong."))
    accounts.login_failures_reset(ident)
    return _issue(user)


@transaction.atomic
def rest_refresh(*, refresh_token: str) -> dict[str, str]:
    """auth/refresh-token: a valid refresh token buys a new pair once."""
    record = RefreshToken.objects.select_for_update().filter(key_hash=_hash(refresh_token or "")).first()
    if record is None or record.used_at is not None or record.expires_at <= timezone.now():
        raise AuthenticationError(_("The refresh token is invalid or has expired. Sign in again."))
    record.used_at = timezone.now()
    record.save(update_fields=["used_at"])
    return _issue(record.user)


@transaction.atomic
def data_token_issue(*, actor: Actor, name: str) -> tuple[DataApiToken, str]:
    """A static token of the data API for one of the institution's systems; the key is shown once."""
    assignment = actor.require_role(Role.SUPER_ADMIN)
    if not name.strip():
        raise ApplicationError(_("Name the system that will use the token."), field="name")
    key = secrets.token_urlsafe(32)
    token = DataApiToken.objects.create(
        institution_id=assignment.institution_id,
        name=name.strip()[:255],
        key_hash=_hash(key),
        key_prefix=key[:6],
        created_by=actor.user,
    )
    journal_create(instance=token, actor=actor)
    return token, key


@transaction.atomic
def data_token_revoke(*, actor: Actor, token: DataApiToken) -> None:
    actor.require_role(Role.SUPER_ADMIN)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        journal_record(
            action="update",
            instance=token,
            before={"revoked_at": None},
            after={"revoked_at": token.revoked_at.isoformat()},
            actor=actor,
        )


def data_token_institution(key: str) -> DataApiToken | None:
    token = DataApiToken.objects.filter(key_hash=_hash(key), revoked_at__isnull=True).first()
    if token is not None and (
        token.last_used_at is None or timezone.now() - token.last_used_at > dt.timedelta(minutes=5)
    ):
        DataApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token


@transaction.atomic
def account_update(
    *, user: User, change_password: bool = False, password: str = "", confirmation: str = "", email: str | None = None
) -> User:
    """account/update: a new password (twice; the token already proves who asks) and/or the e-mail; journaled."""
    from edu.accounts.services import password_check

    before: dict[str, str] = {}
    after: dict[str, str] = {}
    fields: list[str] = []
    if change_password:
        if not password:
            raise ApplicationError(_("Enter the new password."), field="password")
        if password != confirmation:
            raise ApplicationError(_("The two passwords differ."), field="confirmation")
        password_check(password, user=user)
        user.set_password(password)
        fields.append("password")
        before["password"], after["password"] = "…", str(_("changed"))
    if email is not None and email != user.email:
        before["email"], after["email"] = user.email, email
        user.email = email
        fields.append("email")
    if fields:
        user.save(update_fields=fields)
        journal_record(action="update", instance=user, before=before, after=after, actor=user)
    return user
