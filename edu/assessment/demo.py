"""Demo data of the engine: ten question pools (one per course of the demo programme) and the placement
test the demo learner can take at once (60 questions, 6 from each pool, 60 minutes)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.db import transaction

from edu.assessment.models import Audience, Blueprint, BlueprintSection, Choice, Question, QuestionPool
from edu.assessment.richtext import from_plain
from edu.org.models import Institution

BANK = Path(__file__).parent / "fixtures" / "demo_bank.json"
PLACEMENT_TITLE = "Dastlabki bilimni baholash"


def demo_bank() -> dict[str, Any]:
    with BANK.open(encoding="utf-8") as handle:
        return json.load(handle)


@transaction.atomic
def seed(*, institution: Institution, stdout: Any = None) -> Blueprint:
    bank = demo_bank()
    pools: list[QuestionPool] = []
    for course in bank["courses"]:
        pool, created = QuestionPool.objects.get_or_create(
            institution=institution,
            code=course["code"],
            defaults={"name": course["title"], "description": course.get("description", "")},
        )
        pools.append(pool)
        if created:
            for q in course["questions"]:
                question = Question.objects.create(
                    pool=pool, text=from_plain(q["text"]), difficulty=q.get("difficulty", 2), language="uz"
                )
                Choice.objects.bulk_create(
                    Choice(question=question, text=from_plain(text), is_correct=i == q["correct"], order=i)
                    for i, text in enumerate(q["choices"])
                )
    placement = Blueprint.objects.filter(institution=institution, title=PLACEMENT_TITLE).first()
    if placement is None:
        placement = Blueprint.objects.create(
            institution=institution,
            title=PLACEMENT_TITLE,
            instructions=(
                "Dastlabki bilimni baholash testi 60 ta savoldan iborat: har bir kursdan 6 tadan savol tasodifiy "
                "tanlanadi. Test uchun 60 daqiqa vaqt beriladi. Savollarga istalgan tartibda javob berishingiz "
                "mumkin. Vaqt tugaganda test avtomatik yakunlanadi."
            ),
            time_limit_minutes=60,
            pass_percent=0,
            attempts_allowed=1,
            audience=Audience.EVERYONE,
            is_published=True,
        )
        BlueprintSection.objects.bulk_create(
            BlueprintSection(blueprint=placement, title=pool.name, order=i, pool=pool, draw_count=6)
            for i, pool in enumerate(pools)
        )
    if stdout is not None:
        stdout.write(f"  Placement test: {placement.title} ({placement.question_count()} questions)")
    return placement
