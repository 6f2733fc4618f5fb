"""manage.py omr_corpus --out DIR --count N --seed S: filled and degraded answer sheets, with truth.jsonl."""

from __future__ import annotations

import shutil
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand

from edu.paper.omr import corpus
from edu.paper.omr.layout import DEFAULT_LAYOUT, LAYOUTS, get_layout


class Command(BaseCommand):
    help = "Generate a reproducible corpus of answer-sheet scans (the same seed gives the same files)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--out", default="var/omr-corpus")
        parser.add_argument("--count", type=int, default=200)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--layout", default=DEFAULT_LAYOUT, choices=sorted(LAYOUTS))
        parser.add_argument("--dpi", type=int, default=None, help="one DPI for all (default: a mix of 150–600)")
        parser.add_argument("--mild", action="store_true", help="light degradation (a good office scanner)")
        parser.add_argument("--spoil", type=float, default=0.08, help="share of sheets with a spoiled ID")

    def handle(self, *args: Any, **options: Any) -> None:
        out = Path(options["out"])
        shutil.rmtree(out, ignore_errors=True)
        started = time.monotonic()
        corpus.generate(
            out,
            get_layout(options["layout"]),
            count=options["count"],
            seed=options["seed"],
            dpi=options["dpi"],
            mild=options["mild"],
            spoil_share=options["spoil"],
        )
        self.stdout.write(
            f"{options['count']} sheets in {out} ({time.monotonic() - started:.0f} s), truth in truth.jsonl"
        )
