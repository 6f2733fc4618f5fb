import pytest


@pytest.fixture(autouse=True)
def _english(settings):  # type: ignore[no-untyped-def]
    """These tests read messages in English (the msgids); test_languages checks every translation exists."""
    settings.LANGUAGE_CODE = "en"
