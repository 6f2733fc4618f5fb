"""A newcomer signs up through the three steps in a real browser and reaches the cabinet."""

from __future__ import annotations

import datetime as dt

import pytest

from edu.accounts.models import User
from edu.accounts.tests.helpers import last_code
from edu.core.validators import make_pinfl

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_sign_up_in_three_steps_in_uzbek_cyrillic(page, sms_outbox):
    base = page.base_url
    page.goto(base + "/")
    # Choose Uzbek Cyrillic in the switcher
    page.click("summary[aria-label]")  # the language menu is the first one
    page.click("button[value='uz-cyrl']")
    page.click("header a[href='/accounts/signup/']")

    # Step 1: phone
    page.fill("#id_phone", "+998 97 765 43 21")
    page.click("main button[type=submit]")
    page.wait_for_url("**/signup/verify/")
    code = last_code(sms_outbox, "+998977654321")

    # Step 2: code + password
    page.fill("#id_code", code)
    page.fill("#id_password1", "Mustahkam-parol-5")
    page.fill("#id_password2", "Mustahkam-parol-5")
    page.click("main form button[type=submit] >> nth=0")
    page.wait_for_url("**/signup/profile/")

    # Step 3: personal data — first with a PINFL that does not match, then right
    page.fill("#id_surname", "Ergasheva")
    page.fill("#id_first_name", "Sabina")
    page.fill("#id_patronymic", "Rustamovna")
    page.fill("#id_birth_date", "1994-07-21")
    page.check("input[name=gender][value='12']")
    page.fill("#id_pinfl", "12345678901234")
    page.fill("#id_passport", "AC7654321")
    page.fill("#id_workplace", "Adliya vazirligi")
    page.fill("#id_position", "Yetakchi mutaxassis")
    page.click("main button[type=submit]")
    assert page.locator(".field--error #id_pinfl").count() == 1  # the error sits next to the field
    page.fill("#id_pinfl", make_pinfl(birth_date=dt.date(1994, 7, 21), male=False, serial=12))
    page.click("main button[type=submit]")
    page.wait_for_url(base + "/")

    assert "Sabina" in page.inner_text("main")
    assert page.get_attribute("html", "lang") == "uz-cyrl"
    user = User.objects.get(phone="+998977654321")
    assert user.is_profile_complete and user.language == "uz-cyrl"
