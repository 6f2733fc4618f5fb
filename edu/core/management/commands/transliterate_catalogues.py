"""Fill the Uzbek Cyrillic catalogues from the Uzbek Latin ones.

* Our strings: every empty msgstr in locale/uz_Cyrl/*.po gets the transliterated uz msgstr
  (hand corrections already there are kept; --all redoes every entry).
* Django's own strings (--django): Django ships Uzbek only in Latin script, so its catalogues
  (core and contrib apps) are transliterated into locale_django/uz_Cyrl.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import django
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from edu.core.translit import latin_to_cyrillic

HEADER = {
    "Language": "uz_Cyrl",
    "Plural-Forms": "nplurals=1; plural=0;",
    "Content-Type": "text/plain; charset=UTF-8",
}


def _fill(entry: Any, source: Any, redo: bool) -> bool:
    redo = redo or "fuzzy" in entry.flags  # gettext's guess from another string: always wrong here
    changed = False
    if source.msgstr_plural:
        plural = {k: latin_to_cyrillic(v) for k, v in source.msgstr_plural.items()}
        if redo or not any(entry.msgstr_plural.values()):
            entry.msgstr_plural = plural
            changed = True
    elif source.msgstr and (redo or not entry.msgstr):
        entry.msgstr = latin_to_cyrillic(source.msgstr)
        changed = True
    if changed and "fuzzy" in entry.flags:
        entry.flags.remove("fuzzy")
    return changed


class Command(BaseCommand):
    help = "Generate Uzbek Cyrillic translations from Uzbek Latin."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--all", action="store_true", help="Redo entries that already have a translation.")
        parser.add_argument("--django", action="store_true", help="Rebuild locale_django from Django's catalogues.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            import polib
        except ImportError as exc:  # pragma: no cover - dev dependency
            raise CommandError("polib is needed: pip install -r requirements/dev.txt") from exc
        locale = Path(settings.LOCALE_PATHS[0])
        for domain in ("django", "djangojs"):
            latin_path = locale / "uz" / "LC_MESSAGES" / f"{domain}.po"
            cyr_path = locale / "uz_Cyrl" / "LC_MESSAGES" / f"{domain}.po"
            if not latin_path.exists() or not cyr_path.exists():
                continue
            latin = {(e.msgctxt, e.msgid): e for e in polib.pofile(str(latin_path)) if not e.obsolete}
            cyr = polib.pofile(str(cyr_path))
            cyr.metadata.update(HEADER)
            count = 0
            for entry in cyr:
                source = latin.get((entry.msgctxt, entry.msgid))
                if source is not None and not entry.obsolete and "fuzzy" not in source.flags:
                    count += _fill(entry, source, options["all"])
            cyr.save()
            self.stdout.write(f"{cyr_path}: {count} entries filled")
        if options["django"]:
            self._django(polib)

    def _django(self, polib: Any) -> None:
        root = Path(django.__file__).parent
        sources = [root / "conf" / "locale" / "uz" / "LC_MESSAGES"]
        sources += sorted(root.glob("contrib/*/locale/uz/LC_MESSAGES"))
        target_dir = Path(settings.LOCALE_PATHS[1]) / "uz_Cyrl" / "LC_MESSAGES"
        target_dir.mkdir(parents=True, exist_ok=True)
        for domain in ("django", "djangojs"):
            merged = polib.POFile()
            merged.metadata = {
                **HEADER,
                "Project-Id-Version": f"Django {django.get_version()} (transliterated from Uzbek Latin)",
                "MIME-Version": "1.0",
                "Content-Transfer-Encoding": "8bit",
            }
            seen: set[tuple[str | None, str]] = set()
            for directory in sources:
                path = directory / f"{domain}.po"
                if not path.exists():
                    continue
                for entry in polib.pofile(str(path)):
                    key = (entry.msgctxt, entry.msgid)
                    if entry.obsolete or "fuzzy" in entry.flags or key in seen:
                        continue
                    if not (entry.msgstr or any(entry.msgstr_plural.values())):
                        continue
                    seen.add(key)
                    new = polib.POEntry(
                        msgid=entry.msgid,
                        msgctxt=entry.msgctxt,
                        msgid_plural=entry.msgid_plural,
                        flags=[f for f in entry.flags if f != "fuzzy"],
                    )
                    if entry.msgid_plural:
                        new.msgstr_plural = {0: latin_to_cyrillic(entry.msgstr_plural.get(0, ""))}
                    else:
                        new.msgstr = latin_to_cyrillic(entry.msgstr)
                    merged.append(new)
            out = target_dir / f"{domain}.po"
            merged.save(str(out))
            self.stdout.write(f"{out}: {len(merged)} Django strings")
