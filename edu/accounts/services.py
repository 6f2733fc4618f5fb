"""Accounts: sign-up by SMS code, sign-in limits, profile, photo and password (L1, L15)."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from typing import Any

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from edu.accounts.models import CodePurpose, PhoneCode, User
from edu.accounts.photos import photo_process
from edu.core.errors import ApplicationError, ThrottledError
from edu.core.throttle import Limit
from edu.journal.services import journal_create, journal_record, journal_snapshot, journal_update
from edu.sms.services import sms_send

PROFILE_FIELDS = (
    "surname",
    "first_name",
    "patronymic",
    "birth_date",
    "gender",
    "pinfl",
    "passport",
    "workplace",
    "position",
    "email",
)


def _hash_code(phone: str, code: str) -> str:
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"{phone}:{code}".encode(), hashlib.sha256).hexdigest()


def _minutes(seconds: int) -> int:
    return max(1, (seconds + 59) // 60)


def phone_is_registered(phone: str) -> bool:
    return User.objects.filter(phone=phone).exists()


@transaction.atomic
def phone_code_send(*, phone: str, purpose: str, ip: str | None) -> PhoneCode:
    """Create a one-time code for `phone` and queue the SMS.

    Refused when the phone is in the wrong state for the purpose, when the last code is younger
    than SMS_RESEND_SECONDS, or when the phone's or the IP's hourly cap is reached.
    """
    registered = phone_is_registered(phone)
    if purpose == CodePurpose.SIGNUP and registered:
        raise ApplicationError(
            _("This phone number is already registered. Sign in or reset your password."), field="phone"
        )
    if purpose == CodePurpose.RESET and not registered:
        raise ApplicationError(_("No account is registered with this phone number."), field="phone")

    now = timezone.now()
    last = PhoneCode.objects.filter(phone=phone, purpose=purpose).order_by("-created_at").first()
    if last is not None:
        wait = settings.SMS_RESEND_SECONDS - int((now - last.created_at).total_seconds())
        if wait > 0:
            raise ThrottledError(
                ngettext(
                    "A new code can be sent in %(seconds)d second.",
                    "A new code can be sent in %(seconds)d seconds.",
                    wait,
                )
                % {"seconds": wait},
                retry_after=wait,
                field="phone",
            )
    hour_ago = now - dt.timedelta(hours=1)
    if PhoneCode.objects.filter(phone=phone, created_at__gte=hour_ago).count() >= settings.SMS_PER_PHONE_PER_HOUR:
        raise ThrottledError(
            _("Too many codes were sent to this number. Try again in an hour."), retry_after=3600, field="phone"
        )
    if ip and PhoneCode.objects.filter(ip=ip, created_at__gte=hour_ago).count() >= settings.SMS_PER_IP_PER_HOUR:
        raise ThrottledError(
            _("Too many codes were requested from your network. Try again in an hour."),
            retry_after=3600,
            field="phone",
        )

    code = "".join(secrets.choice("0123456789") for _i in range(settings.SMS_CODE_LENGTH))
    # A new code replaces any earlier one for the same purpose.
    PhoneCode.objects.filter(phone=phone, purpose=purpose, used_at__isnull=True, expires_at__gt=now).update(
        expires_at=now
    )
    phone_code = PhoneCode.objects.create(
        phone=phone,
        purpose=purpose,
        code_hash=_hash_code(phone, code),
        created_at=now,
        expires_at=now + dt.timedelta(seconds=settings.SMS_CODE_TTL_SECONDS),
        ip=ip,
    )
    text = _("%(platform)s: your code is %(code)s. It is valid for %(minutes)d minutes. Do not share it.") % {
        "platform": settings.PLATFORM_NAME,
        "code": code,
        "minutes": _minutes(settings.SMS_CODE_TTL_SECONDS),
    }
    sms_send(phone=phone, text=text)
    return phone_code


def _code_problem(phone_code: PhoneCode | None, phone: str, code: str) -> ApplicationError | None:
    """Check a code against the latest one sent; count a wrong try. Caller holds the row lock."""
    if phone_code is None:
        return ApplicationError(_("Request a code first."), field="code")
    if phone_code.used_at is not None:
        return ApplicationError(_("This code has already been used. Request a new one."), field="code")
    if phone_code.tries >= settings.SMS_CODE_MAX_TRIES:
        return ApplicationError(_("Too many wrong tries. Request a new code."), field="code")
    if phone_code.expires_at <= timezone.now():
        return ApplicationError(_("The code has expired. Request a new one."), field="code")
    if not hmac.compare_digest(phone_code.code_hash, _hash_code(phone, code.strip())):
        phone_code.tries += 1
        phone_code.save(update_fields=["tries"])
        left = settings.SMS_CODE_MAX_TRIES - phone_code.tries
        if left <= 0:
            return ApplicationError(_("Wrong code. No tries left: request a new code."), field="code")
        return ApplicationError(
            ngettext("Wrong code. %(left)d try left.", "Wrong code. %(left)d tries left.", left) % {"left": left},
            field="code",
        )
    return None


def _consume_code_then(phone: str, purpose: str, code: str, action: Any) -> Any:
    """Lock the latest code, check it, and run `action()` in the same transaction if it is right.

    A wrong try is committed even though the caller sees an error; an action that fails leaves
    the code unused.
    """
    with transaction.atomic():
        phone_code = (
            PhoneCode.objects.select_for_update().filter(phone=phone, purpose=purpose).order_by("-created_at").first()
        )
        problem = _code_problem(phone_code, phone, code)
        if problem is None:
            assert phone_code is not None
            phone_code.used_at = timezone.now()
            phone_code.save(update_fields=["used_at"])
            return action()  # if it raises, the whole block (and the code's use) rolls back
    raise problem


def password_check(password: str, *, user: User) -> None:
    try:
        validate_password(password, user=user)
    except ValidationError as exc:
        raise ApplicationError(" ".join(exc.messages), field="password1") from exc


def user_signup(*, phone: str, code: str, password: str, language: str = "") -> User:
    """Step 2 of sign-up: a right code and a good password create the account."""
    password_check(password, user=User(phone=phone))

    def create() -> User:
        if phone_is_registered(phone):
            raise ApplicationError(_("This phone number is already registered."), field="phone")
        user = User(phone=phone, language=language)
        user.set_password(password)
        try:
            user.save()
        except IntegrityError:
            raise ApplicationError(_("This phone number is already registered."), field="phone") from None
        journal_create(instance=user, actor=user)
        return user

    return _consume_code_then(phone, CodePurpose.SIGNUP, code, create)


def user_password_reset(*, phone: str, code: str, password: str) -> User:
    """Forgotten password: a right code sent to the registered phone sets a new password."""
    user = User.objects.filter(phone=phone).first()
    if user is None:
        raise ApplicationError(_("No account is registered with this phone number."), field="phone")
    password_check(password, user=user)

    def reset() -> User:
        locked = User.objects.select_for_update().get(pk=user.pk)
        locked.set_password(password)
        locked.save(update_fields=["password"])
        _journal_password(locked)
        login_failures_reset(phone)
        return locked

    return _consume_code_then(phone, CodePurpose.RESET, code, reset)


def _journal_password(user: User) -> None:
    journal_record(
        action="update", instance=user, before={"password": "…"}, after={"password": _("changed")}, actor=user
    )


@transaction.atomic
def user_password_change(*, user: User, old_password: str, new_password: str) -> User:
    if not user.check_password(old_password):
        raise ApplicationError(_("The current password is wrong."), field="old_password")
    password_check(new_password, user=user)
    user.set_password(new_password)
    user.save(update_fields=["password"])
    _journal_password(user)
    return user


@transaction.atomic
def user_profile_update(*, user: User, data: dict[str, Any], actor: Any = None) -> User:
    """Personal data (sign-up step 3 and the profile's Edit page). `data` comes from a valid form."""
    before = journal_snapshot(user)
    for name in PROFILE_FIELDS:
        if name in data:
            setattr(user, name, data[name])
    if user.pinfl == "":
        user.pinfl = None
    user.full_clean(exclude=["password", "photo"])
    user.save(update_fields=[n for n in PROFILE_FIELDS if n in data])
    journal_update(instance=user, before=before, actor=actor or user)
    return user


@transaction.atomic
def user_photo_set(*, user: User, upload: Any) -> User:
    """Re-encode the upload (size-limited, metadata stripped) and make it the profile photo."""
    content = photo_process(upload)
    before = journal_snapshot(user)
    old = user.photo.name if user.photo else None
    user.photo.save("photo.jpg", ContentFile(content), save=False)
    user.save(update_fields=["photo"])
    journal_update(instance=user, before=before, actor=user)
    if old:
        storage = user.photo.storage
        transaction.on_commit(lambda: storage.delete(old))
    return user


@transaction.atomic
def user_photo_remove(*, user: User) -> User:
    if not user.photo:
        return user
    before = journal_snapshot(user)
    old = str(user.photo.name)
    storage = user.photo.storage
    user.photo = None  # type: ignore[assignment]
    user.save(update_fields=["photo"])
    journal_update(instance=user, before=before, actor=user)
    transaction.on_commit(lambda: storage.delete(old))
    return user


@transaction.atomic
def user_language_set(*, user: User, language: str) -> None:
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])


# --- Sign-in limits -------------------------------------------------------------------------


def _login_limits() -> tuple[Limit, Limit]:
    return (
        Limit("login-phone", settings.LOGIN_MAX_FAILURES, settings.LOGIN_LOCKOUT_SECONDS),
        Limit("login-ip", settings.LOGIN_MAX_FAILURES_PER_IP, settings.LOGIN_LOCKOUT_SECONDS),
    )


def login_lockout_check(*, phone: str, ip: str | None) -> None:
    """Refuse a sign-in while the phone or the IP is locked out after repeated failures."""
    per_phone, per_ip = _login_limits()
    for limit, ident in ((per_phone, phone), (per_ip, ip or "")):
        if ident and limit.exceeded(ident):
            wait = limit.retry_after(ident)
            raise ThrottledError(
                ngettext(
                    "Too many failed sign-in attempts. Try again in %(minutes)d minute.",
                    "Too many failed sign-in attempts. Try again in %(minutes)d minutes.",
                    _minutes(wait),
                )
                % {"minutes": _minutes(wait)},
                retry_after=wait,
            )


def login_failure_record(*, phone: str, ip: str | None) -> None:
    per_phone, per_ip = _login_limits()
    per_phone.hit(phone)
    if ip:
        per_ip.hit(ip)


def login_failures_reset(phone: str) -> None:
    _login_limits()[0].reset(phone)


@transaction.atomic
def user_create_for_person(*, phone: str, data: dict[str, Any], actor: Any) -> User:
    """An account opened by staff for a student or an employee (dean's office, HR, Excel import).

    It has no password: the person sets one with "Forgot your password?" and an SMS code to this phone.
    """
    if phone_is_registered(phone):
        raise ApplicationError(_("This phone number is already registered."), field="phone")
    user = User(phone=phone)
    for name in PROFILE_FIELDS:
        if name in data:
            setattr(user, name, data[name])
    if user.pinfl == "":
        user.pinfl = None
    user.set_unusable_password()
    try:
        user.full_clean(exclude=["password", "photo"])
    except ValidationError as exc:
        field, errors = next(iter(exc.message_dict.items()))
        raise ApplicationError(errors[0], field=None if field == "__all__" else field) from None
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError:
        raise ApplicationError(_("This phone number or PINFL is already registered."), field="phone") from None
    journal_create(instance=user, actor=actor)
    return user
