"""manage.py omr_accuracy: generate (or reuse) a corpus, read it with all cores, compare with the truth."""

from __future__ import annotations

import json
import os
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand

from edu.paper import pipeline
from edu.paper.omr.layout import DEFAULT_LAYOUT, LAYOUTS


def _read(args: tuple[str, str]) -> dict:
    path, layout = args
    return pipeline.read_job(pipeline.Job(path, "", -1, Path(path).name), layout)


class Command(BaseCommand):
    help = "Measure OMR accuracy on the generated corpus (questions read correctly, doubles/partials scored, IDs)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--dir", default="var/omr-corpus")
        parser.add_argument("--count", type=int, default=1000)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--layout", default=DEFAULT_LAYOUT, choices=sorted(LAYOUTS))
        parser.add_argument("--reuse", action="store_true", help="read the corpus already in --dir")

    def handle(self, *args: Any, **options: Any) -> None:
        folder = Path(options["dir"])
        if not options["reuse"] or not (folder / "truth.jsonl").exists():
            call_command(
                "omr_corpus",
                out=str(folder),
                count=options["count"],
                seed=options["seed"],
                layout=options["layout"],
                stdout=self.stdout,
            )
        truths = [json.loads(line) for line in (folder / "truth.jsonl").read_text().splitlines()]
        started = time.monotonic()
        with ProcessPoolExecutor(max_workers=os.cpu_count()) as pool:
            reads = list(pool.map(_read, [(str(folder / t["file"]), options["layout"]) for t in truths], chunksize=8))
        elapsed = time.monotonic() - started
        correct = total = scored_bad = bad_marks = 0
        spoiled = spoiled_to_review = wrong_ids = unreadable = 0
        misses: list[str] = []
        for truth, read in zip(truths, reads, strict=True):
            if truth["candidate_id"] is None:
                spoiled += 1
            if read["error"]:
                unreadable += 1
                total += len(truth["answers"])
                spoiled_to_review += truth["candidate_id"] is None
                continue
            if truth["candidate_id"] is None:
                spoiled_to_review += read["candidate_id"] is None
            elif read["candidate_id"] != truth["candidate_id"]:
                wrong_ids += 1
            for q, answer in truth["answers"].items():
                total += 1
                got, flag = read["answers"].get(int(q)), read["flags"].get(int(q))
                if got == answer and flag == truth["flags"].get(q):
                    correct += 1
                elif len(misses) < 20:
                    misses.append(
                        f"{truth['file']} q{q} {truth['kinds'][q]}: "
                        f"want {answer}/{truth['flags'].get(q)}, read {got}/{flag}"
                    )
                if truth["flags"].get(q):
                    bad_marks += 1
                    scored_bad += got is not None
        for miss in misses:
            self.stdout.write("  " + miss)
        self.stdout.write(f"sheets: {len(truths)} read in {elapsed:.1f} s, unreadable: {unreadable}")
        self.stdout.write(f"questions read correctly: {correct} / {total} ({100 * correct / max(total, 1):.3f} %)")
        self.stdout.write(f"double or partial marks scored: {scored_bad} / {bad_marks}")
        self.stdout.write(
            f"spoiled IDs sent to review: {spoiled_to_review} / {spoiled}; readable IDs misread: {wrong_ids}"
        )
