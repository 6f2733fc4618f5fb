from __future__ import annotations

from django.conf import settings
from django.http import HttpResponseBase


def supported_language(code: str) -> bool:
    return code in {c for c, _name in settings.LANGUAGES}


def language_cookie_set(response: HttpResponseBase, code: str) -> None:
    """Remember the chosen interface language in the browser for a year."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite="Lax",
        secure=settings.LANGUAGE_COOKIE_SECURE,
    )
