from __future__ import annotations

import re

from django.test import Client
from django.urls import reverse


def last_code(outbox: list[tuple[str, str]], phone: str) -> str:
    """The code in the latest SMS to `phone`."""
    for to, text in reversed(outbox):
        if to == phone:
            match = re.search(r"\b(\d{4,8})\b", text)
            assert match, text
            return match.group(1)
    raise AssertionError(f"no SMS to {phone}: {outbox}")


def start_signup(client: Client, phone: str) -> None:
    response = client.post(reverse("accounts:signup"), {"phone": phone})
    assert response.status_code == 302, response.content.decode()[:2000]


def says(response, msgid: str, plural: str | None = None, n: int = 1, language: str = "uz", **params) -> None:  # type: ignore[no-untyped-def]
    """Assert the page shows `msgid` translated into `language` (and that a translation exists)."""
    from django.utils import translation
    from django.utils.html import escape

    with translation.override(language):
        text = translation.ngettext(msgid, plural, n) if plural else translation.gettext(msgid)
    if language != "en":
        assert text != (plural if plural and n != 1 else msgid), f"no {language} translation for {msgid!r}"
    if params:
        text = text % params
    body = response.content.decode()
    assert escape(text) in body or text in body, f"{text!r} not on the page"
