"""Write translations kept in JSON files into the .po catalogues.

Each file under ``locale/extra/`` maps a language to ``{msgid: translation}``; a translation is a
string, or a list of plural forms. Keeping them there (one file per feature) lets two branches add
strings without fighting over the generated .po files: after a merge, ``make translations``
re-extracts the messages and this command puts every translation back.

Uzbek Cyrillic is filled from Uzbek Latin by ``transliterate_catalogues`` (run afterwards by
``make translations``); a ``uz_Cyrl`` key overrides that where the transliteration is not enough.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Apply the JSON translation files in locale/extra/ to the .po catalogues."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("files", nargs="*", help="JSON files (default: every locale/extra/*.json)")

    def handle(self, *args: Any, **options: Any) -> None:
        import polib

        locale = Path(settings.LOCALE_PATHS[0])
        files = [Path(f) for f in options["files"]] or sorted((locale / "extra").glob("*.json"))
        merged: dict[str, dict[str, Any]] = {}
        for path in files:
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise CommandError(f"{path}: {exc}") from exc
            for lang, table in data.items():
                merged.setdefault(lang, {}).update(table)
        for lang, table in merged.items():
            for domain in ("django", "djangojs"):
                po_path = locale / lang / "LC_MESSAGES" / f"{domain}.po"
                if not po_path.exists():
                    continue
                catalogue = polib.pofile(str(po_path))
                plural_forms = catalogue.metadata.get("Plural-Forms", "nplurals=2;")
                nplurals = int(plural_forms.split("nplurals=")[1].split(";")[0])
                changed = 0
                for entry in catalogue:
                    if entry.msgid not in table:
                        continue
                    value = table[entry.msgid]
                    if entry.msgid_plural:
                        forms = value if isinstance(value, list) else [value]
                        entry.msgstr_plural = {i: forms[min(i, len(forms) - 1)] for i in range(nplurals)}
                    else:
                        entry.msgstr = value if isinstance(value, str) else value[0]
                    if "fuzzy" in entry.flags:
                        entry.flags.remove("fuzzy")
                    changed += 1
                if changed:
                    catalogue.save()
                self.stdout.write(f"{lang}/{domain}: {changed} entries")
