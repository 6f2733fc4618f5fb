"""manage.py bench_omr: sheets per second at 200 dpi, from JPEG files on disk to stored, scored results, all cores.

Builds (once, in --dir) a corpus of filled sheets, then runs the real batch job on a ZIP of them against a throwaway
exam (institution, 100-question test, 4 variants) inside a transaction that is rolled back at the end.
"""

from __future__ import annotations

import os
import shutil
import time
import zipfile
from pathlib import Path
from typing import Any

from django.core.files.base import File
from django.core.management.base import BaseCommand
from django.db import transaction

from edu.assessment.models import Blueprint, BlueprintSection, Choice, Question, QuestionPool
from edu.org.models import Institution
from edu.paper.omr import corpus
from edu.paper.omr.layout import DEFAULT_LAYOUT, get_layout


class _Rollback(Exception):
    pass


def _bench_test() -> tuple[Institution, Blueprint]:
    """A throwaway institution and a 100-question test in two sections (rolled back after the run)."""
    institution = Institution.objects.create(name="OMR bench", code=f"bench-{os.getpid()}"[:16])
    blueprint = Blueprint.objects.create(institution=institution, title="OMR bench", shuffle_choices=True)
    for index, size in enumerate((60, 40)):
        pool = QuestionPool.objects.create(institution=institution, name=f"Bench {index}", code=f"B{index}")
        for n in range(size):
            question = Question.objects.create(pool=pool, text=f"Savol {n}?")
            Choice.objects.bulk_create(
                Choice(question=question, text=f"Javob {i}", is_correct=i == n % 4, order=i) for i in range(4)
            )
        BlueprintSection.objects.create(
            blueprint=blueprint, title=f"Bo‘lim {index + 1}", order=index, pool=pool, draw_count=size
        )
    return institution, blueprint


class Command(BaseCommand):
    help = "Measure OMR throughput (sheets/s) at 200 dpi with every core."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--sheets", type=int, default=600)
        parser.add_argument("--dir", default="var/omr-bench")
        parser.add_argument("--seed", type=int, default=45)
        parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)

    def handle(self, *args: Any, **options: Any) -> None:
        from edu.assessment.services.paper import paper_variants_generate
        from edu.paper import services
        from edu.paper.models import Batch, PaperExam

        layout = get_layout(DEFAULT_LAYOUT)
        folder = Path(options["dir"])
        count = options["sheets"]
        archive = folder / f"bench-{count}-{options['seed']}.zip"
        if not archive.exists():
            shutil.rmtree(folder, ignore_errors=True)
            started = time.monotonic()
            corpus.generate(
                folder / "sheets",
                layout,
                count=count,
                seed=options["seed"],
                dpi=200,
                mild=True,
                spoil_share=0.02,
                booklets=(1, 2, 3, 4),
            )
            with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_STORED) as z:
                for path in sorted((folder / "sheets").glob("sheet-*")):
                    z.write(path, path.name)
            self.stdout.write(f"corpus: {count} sheets at 200 dpi in {time.monotonic() - started:.0f} s")
        stored, main_cpu, cpu_total, wall = 0, 0.0, 0.0, 0.0
        images: list[str] = []
        upload = ""
        try:
            with transaction.atomic():
                institution, blueprint = _bench_test()
                paper_variants_generate(actor=None, blueprint=blueprint, count=4)
                exam = PaperExam.objects.create(institution=institution, blueprint=blueprint, title="OMR bench")
                batch = Batch(exam=exam, name=archive.name, total=count)
                with archive.open("rb") as fh:
                    batch.upload.save(archive.name, File(fh), save=True)
                load_before = os.getloadavg()
                wall = time.monotonic()
                main_cpu = time.process_time()
                done = services.batch_process(batch.pk, workers=options["workers"])
                wall = time.monotonic() - wall
                main_cpu = time.process_time() - main_cpu
                cpu_total = main_cpu + done.worker_cpu  # type: ignore[attr-defined]
                stored = exam.sheets.exclude(score=None).count() + exam.sheets.filter(status="review").count()
                images = [str(s.image.path) for s in exam.sheets.exclude(image="")]
                upload = str(batch.upload.path)
                raise _Rollback
        except _Rollback:
            for leftover in [*images, upload]:
                Path(leftover).unlink(missing_ok=True)
        self.stdout.write(f"sheets: {count}, stored: {stored}, workers: {options['workers']}")
        self.stdout.write(f"wall: {wall:.2f} s → {count / wall:.1f} sheets/s")
        self.stdout.write(
            f"CPU: {cpu_total:.2f} s (reading {cpu_total - main_cpu:.2f} s in the workers, storing {main_cpu:.2f} s) "
            f"→ {count / cpu_total * options['workers']:.1f} sheets/s on {options['workers']} idle cores"
        )
        self.stdout.write("load average before: " + ", ".join(f"{x:.2f}" for x in load_before))
