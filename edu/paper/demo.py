"""Demo data: a paper exam on the demo placement test, with its variants and three candidates (idempotent)."""

from __future__ import annotations

from typing import Any

from edu.assessment.demo import PLACEMENT_TITLE
from edu.assessment.models import Blueprint
from edu.assessment.services.paper import paper_variants_generate
from edu.core.errors import ApplicationError
from edu.org.models import Institution
from edu.paper.models import PaperCandidate, PaperExam

DEMO_TITLE = "Kirish testi (qog‘oz) — namuna"
CANDIDATES = (("2600001", "Aliyev Vali"), ("2600002", "Karimova Nodira"), ("2600003", "Tursunov Bekzod"))


def seed(*, institution: Institution, stdout: Any = None) -> PaperExam | None:
    blueprint = Blueprint.objects.filter(institution=institution, title=PLACEMENT_TITLE).first()
    if blueprint is None:
        return None
    exam = PaperExam.objects.filter(institution=institution, title=DEMO_TITLE).first()
    if exam is not None:
        return exam
    if not blueprint.paper_variants.exists():
        try:
            paper_variants_generate(actor=None, blueprint=blueprint, count=4, first_number=101)
        except ApplicationError as exc:
            if stdout:
                stdout.write(f"Paper demo skipped: {exc.message}")
            return None
    exam = PaperExam.objects.create(institution=institution, blueprint=blueprint, title=DEMO_TITLE)
    PaperCandidate.objects.bulk_create(PaperCandidate(exam=exam, candidate_id=c, full_name=n) for c, n in CANDIDATES)
    if stdout:
        stdout.write(f"Paper exam: /paper/{exam.pk}/ (exam-centre staff)")
    return exam
