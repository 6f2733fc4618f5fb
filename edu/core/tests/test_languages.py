"""Four languages: Uzbek Latin by default, Uzbek Cyrillic (ours and Django's strings), Russian, English."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from edu.core.translit import _PROTECTED, latin_to_cyrillic

ROOT = Path(settings.BASE_DIR)
REQUIRED = ["uz", "uz_Cyrl", "ru"]


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """Run makemessages on a copy of the source, so strings added to code but not to the
    catalogues are caught too; the catalogues' translations are merged in as usual."""
    work = tmp_path_factory.mktemp("i18n")
    for name in ("edu", "templates", "static", "locale", "config"):
        shutil.copytree(ROOT / name, work / name, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    cwd = os.getcwd()
    os.chdir(work)
    try:
        with override_settings(LOCALE_PATHS=[work / "locale"]):
            for domain in ("django", "djangojs"):
                call_command(
                    "makemessages",
                    locale=REQUIRED,
                    domain=domain,
                    add_location="never",
                    no_obsolete=True,
                    ignore_patterns=["staticfiles/*", "*/tests/*", "tests/*"],
                    verbosity=0,
                )
    finally:
        os.chdir(cwd)
    return work / "locale"


@pytest.mark.parametrize("language", REQUIRED)
def test_every_ui_string_has_a_translation(extracted, language):
    missing = []
    for domain in ("django", "djangojs"):
        path = extracted / language / "LC_MESSAGES" / f"{domain}.po"
        if not path.exists():
            continue
        for entry in polib.pofile(str(path)):
            if entry.obsolete:
                continue
            if not entry.translated() or "fuzzy" in entry.flags:
                missing.append(entry.msgid)
    assert not missing, f"{len(missing)} strings lack a {language} translation: {missing[:15]}"


def test_cyrillic_catalogue_has_no_latin_words_left():
    leftovers = []
    for domain in ("django", "djangojs"):
        path = ROOT / "locale" / "uz_Cyrl" / "LC_MESSAGES" / f"{domain}.po"
        if not path.exists():
            continue
        for entry in polib.pofile(str(path)):
            texts = [entry.msgstr, *entry.msgstr_plural.values()]
            for text in texts:
                if re.search(r"[A-Za-z]{2,}", _PROTECTED.sub("", text)):
                    leftovers.append(text)
    assert not leftovers, leftovers[:10]


def test_transliteration_rules():
    assert latin_to_cyrillic("O‘zbekiston") == "Ўзбекистон"
    assert latin_to_cyrillic("g‘alaba, shahar, choy") == "ғалаба, шаҳар, чой"
    assert latin_to_cyrillic("yangi yer, eng, ma’lumot") == "янги ер, энг, маълумот"
    assert latin_to_cyrillic("%(count)d ta SMS") == "%(count)d та SMS"


@pytest.mark.django_db
def test_default_language_is_uzbek_latin_whatever_the_browser_says(client):
    response = client.get(reverse("accounts:signup"), HTTP_ACCEPT_LANGUAGE="ru,en;q=0.8")
    assert response["Content-Language"] == "uz"
    with translation.override("uz"):
        assert escape(translation.gettext("Send the code")) in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["uz-cyrl", "ru", "en"])
def test_switcher_changes_and_remembers_the_language(client, language):
    response = client.post(reverse("core:set_language"), {"language": language, "next": reverse("accounts:signup")})
    assert response.status_code == 302 and response["Location"] == reverse("accounts:signup")
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == language
    page = client.get(reverse("accounts:signup"))
    assert page["Content-Language"] == language
    with translation.override(language):
        expected = translation.gettext("Send the code")
    assert escape(expected) in page.content.decode()


@pytest.mark.django_db
def test_django_own_messages_appear_in_uzbek_cyrillic(client):
    client.post(reverse("core:set_language"), {"language": "uz-cyrl"})
    response = client.post(reverse("accounts:login"), {"phone": "", "password": ""})
    with translation.override("uz-cyrl"):
        required = translation.gettext("This field is required.")
    assert required != "This field is required."
    assert re.search("[а-яўқғҳ]", required)
    assert escape(required) in response.content.decode()


@pytest.mark.django_db
def test_signed_in_users_language_is_kept_on_their_account(client):
    from edu.accounts.tests.factories import PASSWORD, UserFactory

    user = UserFactory()
    client.force_login(user)
    client.post(reverse("core:set_language"), {"language": "ru"})
    user.refresh_from_db()
    assert user.language == "ru"
    client.logout()
    client.cookies.pop(settings.LANGUAGE_COOKIE_NAME, None)
    response = client.post(reverse("accounts:login"), {"phone": user.phone, "password": PASSWORD})
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ru"
