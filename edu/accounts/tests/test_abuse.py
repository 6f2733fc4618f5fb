"""Every abuse rule and every bad input of sign-up, sign-in and the photo upload (issue: foundation)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext
from PIL import Image

from edu.accounts.models import PhoneCode, User
from edu.accounts.tests.factories import PASSWORD, UserFactory
from edu.accounts.tests.helpers import last_code, says, start_signup

pytestmark = pytest.mark.django_db(transaction=True)
PHONE = "+998935551122"


def verify(client, code, password="Yaxshi-parol-7", password2=None):
    return client.post(
        reverse("accounts:signup_verify"),
        {"code": code, "password1": password, "password2": password2 or password},
    )


def age_codes(phone: str, seconds: int) -> None:
    """Move the phone's codes `seconds` into the past, as if that time had passed."""
    for code in PhoneCode.objects.filter(phone=phone):
        code.created_at -= dt.timedelta(seconds=seconds)
        code.expires_at -= dt.timedelta(seconds=seconds)
        code.save()


def test_codes_are_random_and_only_their_hash_is_stored(client, sms_outbox):
    codes = set()
    for i in range(4):
        phone = f"+9989355500{i:02d}"
        start_signup(client, phone)
        code = last_code(sms_outbox, phone)
        stored = PhoneCode.objects.get(phone=phone)
        assert code not in stored.code_hash and len(stored.code_hash) == 64
        codes.add(code)
    assert len(codes) > 1


def test_wrong_code_then_right_code(client, sms_outbox):
    start_signup(client, PHONE)
    code = last_code(sms_outbox, PHONE)
    wrong = "000000" if code != "000000" else "111111"
    response = verify(client, wrong)
    assert response.status_code == 200
    says(response, "Wrong code. %(left)d try left.", "Wrong code. %(left)d tries left.", n=4, left=4)
    assert not User.objects.filter(phone=PHONE).exists()
    assert verify(client, code).status_code == 302
    assert User.objects.filter(phone=PHONE).exists()


def test_code_dies_after_five_wrong_tries(client, sms_outbox):
    start_signup(client, PHONE)
    code = last_code(sms_outbox, PHONE)
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(5):
        verify(client, wrong)
    response = verify(client, code)
    assert response.status_code == 200
    assert not User.objects.filter(phone=PHONE).exists()
    assert PhoneCode.objects.get(phone=PHONE).tries == 5


def test_code_expires_after_three_minutes(client, sms_outbox):
    start_signup(client, PHONE)
    code = last_code(sms_outbox, PHONE)
    age_codes(PHONE, 181)
    response = verify(client, code)
    says(response, "The code has expired. Request a new one.")
    assert not User.objects.filter(phone=PHONE).exists()


def test_code_cannot_be_reused(client, sms_outbox):
    from edu.accounts import services
    from edu.core.errors import ApplicationError

    user = UserFactory(phone=PHONE)
    client.post(reverse("accounts:reset"), {"phone": PHONE})
    code = last_code(sms_outbox, PHONE)
    services.user_password_reset(phone=PHONE, code=code, password="Birinchi-parol-1")
    with pytest.raises(ApplicationError) as error, translation.override("uz"):
        services.user_password_reset(phone=PHONE, code=code, password="Ikkinchi-parol-2")
    with translation.override("uz"):
        assert str(error.value.message) == gettext("This code has already been used. Request a new one.")
    user.refresh_from_db()
    assert user.check_password("Birinchi-parol-1")


def test_resend_only_after_sixty_seconds(client, sms_outbox):
    start_signup(client, PHONE)
    response = client.post(reverse("accounts:code_resend", args=["signup"]), follow=True)
    assert len(sms_outbox) == 1
    assert "60" in response.content.decode() or "59" in response.content.decode()
    age_codes(PHONE, 61)
    client.post(reverse("accounts:code_resend", args=["signup"]))
    assert len(sms_outbox) == 2
    # Only the newest code is alive once a new one was sent.
    assert PhoneCode.objects.filter(phone=PHONE, expires_at__gt=timezone.now()).count() == 1


@override_settings(SMS_PER_PHONE_PER_HOUR=3, SMS_RESEND_SECONDS=0)
def test_per_phone_hourly_cap(client, sms_outbox):
    for _ in range(3):
        start_signup(client, PHONE)
    response = client.post(reverse("accounts:signup"), {"phone": PHONE})
    assert response.status_code == 200
    assert len(sms_outbox) == 3
    says(response, "Too many codes were sent to this number. Try again in an hour.")


@override_settings(SMS_PER_IP_PER_HOUR=3, SMS_RESEND_SECONDS=0)
def test_per_ip_hourly_cap(client, sms_outbox):
    for i in range(3):
        start_signup(client, f"+99893555{i:04d}")
    response = client.post(reverse("accounts:signup"), {"phone": "+998935559999"})
    assert response.status_code == 200
    assert len(sms_outbox) == 3
    assert not PhoneCode.objects.filter(phone="+998935559999").exists()
    # Another network is not affected.
    other = client.post(reverse("accounts:signup"), {"phone": "+998935559999"}, REMOTE_ADDR="10.1.2.3")
    assert other.status_code == 302


@override_settings(LOGIN_MAX_FAILURES=5)
def test_repeated_failed_signins_lock_out(client):
    user = UserFactory()
    for _ in range(5):
        response = client.post(reverse("accounts:login"), {"phone": user.phone, "password": "wrong-one"})
        assert response.status_code == 200
    response = client.post(reverse("accounts:login"), {"phone": user.phone, "password": PASSWORD})
    assert response.status_code == 429
    says(
        response,
        "Too many failed sign-in attempts. Try again in %(minutes)d minute.",
        "Too many failed sign-in attempts. Try again in %(minutes)d minutes.",
        n=15,
        minutes=15,
    )
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    ("phone", "message", "params"),
    [
        ("12345", "Enter the phone number as +998 XX XXX XX XX.", {}),
        ("+7 912 345 67 89", "Enter the phone number as +998 XX XXX XX XX.", {}),
        ("+998 12 345 67 89", "%(code)s is not a mobile operator code in Uzbekistan.", {"code": "12"}),
        ("abc", "Enter the phone number as +998 XX XXX XX XX.", {}),
    ],
)
def test_malformed_phone(client, sms_outbox, phone, message, params):
    response = client.post(reverse("accounts:signup"), {"phone": phone})
    assert response.status_code == 200
    says(response, message, **params)
    assert not sms_outbox and not PhoneCode.objects.exists()


def test_already_registered_phone(client, sms_outbox):
    UserFactory(phone=PHONE)
    response = client.post(reverse("accounts:signup"), {"phone": PHONE})
    says(response, "This phone number is already registered. Sign in or reset your password.")
    assert not sms_outbox


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("abc1", "This password is too short. It must contain at least %d characters."),
        ("98765432", "This password is entirely numeric."),
        ("password", "This password is too common."),
    ],
)
def test_weak_password_is_refused_and_code_stays_usable(client, sms_outbox, password, message):
    start_signup(client, PHONE)
    code = last_code(sms_outbox, PHONE)
    response = verify(client, code, password=password)
    assert response.status_code == 200
    if "too short" in message:
        with translation.override("uz"):
            text = translation.ngettext(message.replace("characters", "character"), message, 6) % 6
        assert not text.startswith("This") and escape(text) in response.content.decode()
    else:
        says(response, message)
    assert not User.objects.filter(phone=PHONE).exists()
    assert verify(client, code).status_code == 302  # the code was not spent


def test_differing_passwords(client, sms_outbox):
    start_signup(client, PHONE)
    response = verify(client, last_code(sms_outbox, PHONE), "Yaxshi-parol-7", "Yaxshi-parol-8")
    says(response, "The two passwords differ.")
    assert not User.objects.filter(phone=PHONE).exists()


def _upload(client, data: bytes, name: str):
    buf = io.BytesIO(data)
    buf.name = name
    return client.post(reverse("accounts:photo"), {"photo": buf})


def test_oversized_photo_is_refused(client):
    user = UserFactory()
    client.force_login(user)
    response = _upload(client, b"\xff\xd8\xff" + b"0" * (5 * 1024 * 1024 + 10), "big.jpg")
    assert response.status_code == 200
    says(response, "The photo is larger than 5 MB.")
    user.refresh_from_db()
    assert not user.photo


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"%PDF-1.4 not an image", "cv.jpg"),
        (b"GIF89a" + b"\x00" * 100, "anim.gif"),
        (b"\xff\xd8\xff\xe0broken", "x.jpg"),
    ],
)
def test_non_image_photo_is_refused(client, data, name):
    user = UserFactory()
    client.force_login(user)
    response = _upload(client, data, name)
    assert response.status_code == 200
    body = response.content.decode()
    with translation.override("uz"):
        expected = [
            escape(gettext(m)) for m in ("This file is not an image we can read.", "Upload a JPEG, PNG or WebP image.")
        ]
    assert any(e in body for e in expected)
    user.refresh_from_db()
    assert not user.photo


def test_gif_is_refused_even_if_valid(client):
    user = UserFactory()
    client.force_login(user)
    buf = io.BytesIO()
    Image.new("RGB", (10, 10)).save(buf, "GIF")
    response = _upload(client, buf.getvalue(), "a.gif")
    says(response, "Upload a JPEG, PNG or WebP image.")


def test_profile_pinfl_must_match_birth_date_and_be_unique(client):
    from edu.accounts.tests.test_signup_flow import profile_data

    other = UserFactory()
    user = UserFactory()
    client.force_login(user)
    response = client.post(reverse("accounts:profile_edit"), profile_data(pinfl=other.pinfl))
    assert response.status_code == 200
    says(response, "The PINFL does not match the date of birth.")
    mine = profile_data()
    other.pinfl = mine["pinfl"]
    other.save()
    response = client.post(reverse("accounts:profile_edit"), mine)
    says(response, "This PINFL is already registered to another account.")
    response = client.post(reverse("accounts:profile_edit"), profile_data(pinfl="12345678901234"))
    says(response, "This is not a valid PINFL.")
    user.refresh_from_db()
    assert user.surname == "Aliyev"  # nothing saved
