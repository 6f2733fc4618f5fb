"""The whole account path a learner walks (L1, L15), through the real views."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from PIL import Image

from edu.accounts.models import User
from edu.accounts.tests.helpers import last_code, start_signup
from edu.core.validators import make_pinfl

# SMS leave after the transaction commits, so these tests commit for real.
pytestmark = pytest.mark.django_db(transaction=True)

PROFILE = {
    "surname": "Qodirova",
    "first_name": "Laylo",
    "patronymic": "Anvarovna",
    "birth_date": "1991-03-08",
    "gender": "12",
    "passport": "ab 1234567",
    "workplace": "Moliya vazirligi",
    "position": "Bosh mutaxassis",
    "email": "laylo@example.uz",
}


def profile_data(**changes: str) -> dict[str, str]:
    import datetime as dt

    data = {**PROFILE, "pinfl": make_pinfl(birth_date=dt.date(1991, 3, 8), male=False, serial=7)}
    data.update(changes)
    return data


def test_signup_signin_profile_and_password_reset(client, sms_outbox):
    # Step 1: a phone written the way people write it
    start_signup(client, "+998 (90) 123-45-67")
    phone = "+998901234567"
    assert sms_outbox[-1][0] == phone
    code = last_code(sms_outbox, phone)

    # Step 2: code + password
    response = client.post(
        reverse("accounts:signup_verify"), {"code": code, "password1": "Yangi-parol-1", "password2": "Yangi-parol-1"}
    )
    assert response.status_code == 302 and response["Location"] == reverse("accounts:signup_profile")
    user = User.objects.get(phone=phone)
    assert user.password.startswith("argon2")

    # Until step 3 is done, the cabinet leads back to it
    assert client.get(reverse("core:home"))["Location"] == reverse("accounts:signup_profile")

    # Step 3: personal data
    response = client.post(reverse("accounts:signup_profile"), profile_data())
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.get_full_name() == "Qodirova Laylo Anvarovna"
    assert user.passport == "AB1234567"
    cabinet = client.get(reverse("core:home"))
    assert cabinet.status_code == 200
    assert "Laylo" in cabinet.content.decode()

    # Sign out, then sign in with phone + password
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("accounts:profile")).status_code == 302
    response = client.post(reverse("accounts:login"), {"phone": "90 123 45 67", "password": "Yangi-parol-1"})
    assert response.status_code == 302
    assert "Qodirova" in client.get(reverse("accounts:profile")).content.decode()

    # Edit personal data
    response = client.post(reverse("accounts:profile_edit"), profile_data(position="Bo‘lim boshlig‘i"))
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.position == "Bo‘lim boshlig‘i"

    # Upload a photo: re-encoded as JPEG, shrunk, metadata gone
    big = Image.new("RGB", (2000, 1500), (10, 120, 200))
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"  # camera maker
    buf = io.BytesIO()
    big.save(buf, "JPEG", exif=exif)
    buf.seek(0)
    buf.name = "me.jpg"
    response = client.post(reverse("accounts:photo"), {"photo": buf})
    assert response.status_code == 302
    user.refresh_from_db()
    served = b"".join(client.get(reverse("accounts:photo_file")).streaming_content)
    stored = Image.open(io.BytesIO(served))
    assert stored.format == "JPEG" and max(stored.size) == 512
    assert b"SecretCam" not in served and not stored.getexif()

    # Change password
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": "Yangi-parol-1", "password1": "Boshqa-parol-2", "password2": "Boshqa-parol-2"},
    )
    assert response.status_code == 302
    client.post(reverse("accounts:logout"))
    assert client.post(reverse("accounts:login"), {"phone": phone, "password": "Yangi-parol-1"}).status_code == 200
    assert client.post(reverse("accounts:login"), {"phone": phone, "password": "Boshqa-parol-2"}).status_code == 302
    client.post(reverse("accounts:logout"))

    # Forgotten password: a code to the registered phone sets a new one
    assert client.post(reverse("accounts:reset"), {"phone": phone}).status_code == 302
    reset_code = last_code(sms_outbox, phone)
    response = client.post(
        reverse("accounts:reset_verify"),
        {"code": reset_code, "password1": "Uchinchi-parol-3", "password2": "Uchinchi-parol-3"},
    )
    assert response.status_code == 302
    client.post(reverse("accounts:logout"))
    assert client.post(reverse("accounts:login"), {"phone": phone, "password": "Uchinchi-parol-3"}).status_code == 302


def test_remove_photo(client, sms_outbox):
    from edu.accounts.tests.factories import UserFactory

    user = UserFactory()
    client.force_login(user)
    buf = io.BytesIO()
    Image.new("RGBA", (300, 300), (0, 0, 0, 0)).save(buf, "PNG")
    buf.seek(0)
    buf.name = "a.png"
    client.post(reverse("accounts:photo"), {"photo": buf})
    user.refresh_from_db()
    assert user.photo
    client.post(reverse("accounts:photo"), {"remove": "1"})
    user.refresh_from_db()
    assert not user.photo
    assert client.get(reverse("accounts:photo_file")).status_code == 404
