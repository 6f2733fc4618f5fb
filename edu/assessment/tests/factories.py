from __future__ import annotations

import factory

from edu.assessment.models import Audience, Blueprint, BlueprintSection, Choice, Question, QuestionPool
from edu.org.tests.factories import InstitutionFactory


class PoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QuestionPool

    institution = factory.SubFactory(InstitutionFactory)
    name = factory.Sequence(lambda n: f"Pool {n}")
    code = factory.Sequence(lambda n: f"P{n}")


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question
        skip_postgeneration_save = True

    pool = factory.SubFactory(PoolFactory)
    text = factory.Sequence(lambda n: f"Savol {n}?")

    @factory.post_generation
    def choices(self, create, extracted, **kwargs):  # type: ignore[no-untyped-def]
        count = extracted or 4
        correct = kwargs.get("correct", 0)
        Choice.objects.bulk_create(
            Choice(question=self, text=f"Javob {i}", is_correct=i == correct, order=i) for i in range(count)
        )


def pool_with_questions(institution, n=10, **kwargs):  # type: ignore[no-untyped-def]
    pool = PoolFactory(institution=institution, **kwargs)
    for _ in range(n):
        QuestionFactory(pool=pool)
    return pool


def make_blueprint(institution, sections=((10, 5),), **fields):  # type: ignore[no-untyped-def]
    """A published blueprint; `sections` = ((questions in pool, questions to draw), …)."""
    defaults = {"title": "Test", "audience": Audience.EVERYONE, "is_published": True, "pass_percent": 60}
    defaults.update(fields)
    blueprint = Blueprint.objects.create(institution=institution, **defaults)
    for i, (have, draw) in enumerate(sections):
        pool = pool_with_questions(institution, have)
        BlueprintSection.objects.create(
            blueprint=blueprint, title=f"Bo‘lim {i + 1}", order=i, pool=pool, draw_count=draw
        )
    return blueprint
