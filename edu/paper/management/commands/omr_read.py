"""manage.py omr_read <files…> --layout a4-5: one JSON line per sheet (PDF pages are sheets too)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from edu.paper import pipeline
from edu.paper.omr.layout import DEFAULT_LAYOUT, LAYOUTS


class Command(BaseCommand):
    help = "Read answer sheets and print one JSON line per sheet."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("files", nargs="+")
        parser.add_argument("--layout", default=DEFAULT_LAYOUT, choices=sorted(LAYOUTS))

    def handle(self, *args: Any, **options: Any) -> None:
        for name in options["files"]:
            path = Path(name)
            if not path.is_file():
                raise CommandError(f"{name}: no such file")
            try:
                jobs = pipeline.plan(str(path), path.name)
            except pipeline.UploadError as exc:
                self.stdout.write(json.dumps({"file": name, "error": str(exc)}))
                continue
            for job in jobs:
                row = pipeline.read_job(job, options["layout"])
                label = name if job.page < 0 else f"{name}#{job.page + 1}"
                if job.member:
                    label = f"{name}/{job.member}" + (f"#{job.page + 1}" if job.page >= 0 else "")
                if row["error"]:
                    self.stdout.write(json.dumps({"file": label, "error": row["error"]}))
                    continue
                line = {
                    "file": label,
                    "candidate_id": row["candidate_id"],
                    "booklet": row["booklet"],
                    "answers": {str(q): a for q, a in sorted(row["answers"].items())},
                    "flags": {str(q): f for q, f in sorted(row["flags"].items())},
                }
                self.stdout.write(json.dumps(line, ensure_ascii=False))
