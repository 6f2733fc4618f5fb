"""Uzbek identity formats: phone numbers, PINFL (JShShIR) and passport numbers."""

from __future__ import annotations

import datetime as dt
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_PHONE_NOISE = re.compile(r"[\s\-()]")


def normalize_phone(value: str) -> str:
    """Return +998XXXXXXXXX or raise ValidationError.

    Accepts the ways people write numbers: "+998 90 123-45-67", "998901234567", "90 123 45 67".
    """
    raw = _PHONE_NOISE.sub("", (value or "").strip())
    if raw.startswith("+"):
        raw = raw[1:]
    if not raw.isdigit():
        raise ValidationError(_("Enter the phone number as +998 XX XXX XX XX."), code="phone_format")
    if len(raw) == 9:
        raw = "998" + raw
    if len(raw) != 12 or not raw.startswith("998"):
        raise ValidationError(_("Enter the phone number as +998 XX XXX XX XX."), code="phone_format")
    if raw[3:5] not in settings.PHONE_OPERATOR_CODES:
        raise ValidationError(
            _("%(code)s is not a mobile operator code in Uzbekistan."),
            code="phone_operator",
            params={"code": raw[3:5]},
        )
    return "+" + raw


def format_phone(phone: str) -> str:
    """+998901234567 → +998 90 123 45 67 for display."""
    if len(phone) == 13 and phone.startswith("+998"):
        return f"{phone[:4]} {phone[4:6]} {phone[6:9]} {phone[9:11]} {phone[11:]}"
    return phone


PINFL_WEIGHTS = (7, 3, 1)


def pinfl_check_digit(first13: str) -> int:
    return sum(int(d) * PINFL_WEIGHTS[i % 3] for i, d in enumerate(first13)) % 10


def pinfl_birth_date(pinfl: str) -> dt.date | None:
    """The birth date encoded in digits 1–7, or None if they do not make a date."""
    century = {"1": 1800, "2": 1800, "3": 1900, "4": 1900, "5": 2000, "6": 2000}.get(pinfl[0])
    if century is None:
        return None
    try:
        return dt.date(century + int(pinfl[5:7]), int(pinfl[3:5]), int(pinfl[1:3]))
    except ValueError:
        return None


def pinfl_is_male(pinfl: str) -> bool:
    return int(pinfl[0]) % 2 == 1


def validate_pinfl(value: str) -> None:
    """14 digits; a real century/sex digit and date; non-zero area and serial; the check digit."""
    if not re.fullmatch(r"\d{14}", value or ""):
        raise ValidationError(_("PINFL is 14 digits."), code="pinfl_format")
    if pinfl_birth_date(value) is None or value[7:10] == "000" or value[10:13] == "000":
        raise ValidationError(_("This is not a valid PINFL."), code="pinfl_invalid")
    if pinfl_check_digit(value[:13]) != int(value[13]):
        raise ValidationError(_("This PINFL has a wrong check digit."), code="pinfl_checksum")


def make_pinfl(*, birth_date: dt.date, male: bool, area: int = 261, serial: int = 1) -> str:
    """Build a valid PINFL (for demo data and tests)."""
    first = {1800: 1, 1900: 3, 2000: 5}[birth_date.year // 100 * 100] + (0 if male else 1)
    body = f"{first}{birth_date:%d%m}{birth_date.year % 100:02d}{area:03d}{serial:03d}"
    return body + str(pinfl_check_digit(body))


def normalize_passport(value: str) -> str:
    """AA1234567: two Latin capitals and seven digits; spaces removed, upper-cased."""
    raw = re.sub(r"\s", "", value or "").upper()
    if not re.fullmatch(r"[A-Z]{2}\d{7}", raw):
        raise ValidationError(_("Passport series and number look like AA1234567."), code="passport_format")
    return raw
