"""Compile every .po catalogue to .mo with polib, for machines without GNU gettext's msgfmt.

`make messages` uses Django's compilemessages (msgfmt) when it is installed and this script otherwise,
so `make run` works on a fresh machine with nothing but Python.
"""

from __future__ import annotations

import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    count = 0
    for folder in ("locale", "locale_django"):
        for po_path in sorted((ROOT / folder).rglob("*.po")):
            mo_path = po_path.with_suffix(".mo")
            if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                continue
            polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
            count += 1
    print(f"compiled {count} catalogues with polib (msgfmt not found)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
