"""Fixtures shared by every app's tests."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator

import pytest
from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache

from edu.sms import backends as sms_backends

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


@pytest.fixture(autouse=True)
def _clean_state() -> Iterator[None]:
    """Each test starts with an empty cache and SMS outbox.

    Redis is shared with other test processes, so instead of flushing it each test gets its own key prefix.
    """
    base = getattr(cache, "_edu_base_prefix", None) or cache.key_prefix
    cache._edu_base_prefix = base  # type: ignore[attr-defined]
    cache.key_prefix = f"{base}-{uuid.uuid4().hex[:10]}"
    if isinstance(caches["default"], LocMemCache):
        cache.clear()
    sms_backends.outbox.clear()
    from edu.assessment.services.attempts import process_caches_clear

    process_caches_clear()
    from edu.accounts import tokens

    tokens._local.clear()
    yield


@pytest.fixture
def sms_outbox() -> list[tuple[str, str]]:
    """Messages "sent" through the locmem SMS backend: (phone, text)."""
    return sms_backends.outbox


@pytest.fixture(scope="session")
def browser():  # type: ignore[no-untyped-def]
    """Debian's Chromium driven by Playwright; the test is skipped, with the reason, if it is missing."""
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        pytest.skip(f"Chromium not found at {CHROMIUM}: apt-get install chromium to run browser tests")
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield instance
        instance.close()


@pytest.fixture
def page(browser, live_server):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.base_url = live_server.url  # type: ignore[attr-defined]
    yield page
    context.close()
