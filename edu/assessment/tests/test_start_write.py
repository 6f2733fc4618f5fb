"""The start writes the attempt and its items itself (one statement on PostgreSQL): the rows must be the ones the
ORM would have written, the choice orders fair, and a lost race inside a caller's transaction harmless."""

from __future__ import annotations

import random
from collections import Counter

import pytest
from django.db import IntegrityError, transaction

from edu.accounts.tests.factories import UserFactory
from edu.assessment.models import Attempt, AttemptItem, AttemptState
from edu.assessment.services import attempts as services
from edu.assessment.tests.factories import make_blueprint
from edu.org.tests.factories import InstitutionFactory

pytestmark = pytest.mark.django_db

GIVEN = {"id", "blueprint", "user", "number", "state", "started_at", "deadline", "sections"}


def test_a_started_attempt_holds_the_models_defaults_in_every_column_it_does_not_set():
    blueprint = make_blueprint(InstitutionFactory(), sections=((6, 4), (5, 2)), time_limit_minutes=20)
    user = UserFactory()
    started = services.attempt_start(blueprint=blueprint, user=user)
    stored = Attempt.objects.get(pk=started.pk)
    for field in Attempt._meta.concrete_fields:
        if field.name not in GIVEN:
            assert getattr(stored, field.attname) == field.get_default(), field.name
    assert stored.state == AttemptState.OPEN and stored.number == 1
    assert stored.sections == ["Bo‘lim 1", "Bo‘lim 2"]
    assert stored.started_at == started.started_at and stored.deadline == started.deadline
    items = list(AttemptItem.objects.filter(attempt=stored).order_by("position"))
    assert [i.position for i in items] == list(range(1, 7))
    assert [i.section_index for i in items] == [0, 0, 0, 0, 1, 1]
    for item in items:
        own = sorted(item.question.choices.values_list("pk", flat=True))
        assert sorted(item.choice_order) == own and item.selected is None and item.seq == 0
        assert item.multiple is False and item.flagged is False and item.points is None
    # The instance handed back behaves like a loaded one: saving it updates the row, it does not insert another.
    started.withheld_reason = "check"
    started.save(update_fields=["withheld_reason"])
    assert Attempt.objects.get(pk=started.pk).withheld_reason == "check"
    assert Attempt.objects.count() == 1


def test_choice_orders_are_drawn_fairly_among_every_permutation():
    rng = random.Random(7)
    seen = Counter(tuple(services._shuffled(rng, (11, 12, 13, 14))) for _ in range(24_000))
    assert len(seen) == 24  # every order of four choices appears …
    assert min(seen.values()) > 800 and max(seen.values()) < 1200  # … about equally often (1,000 expected)
    many = services._shuffled(rng, tuple(range(9)))  # more than the table holds: still a permutation
    assert sorted(many) == list(range(9))


def test_a_start_inside_a_callers_transaction_keeps_it_usable_when_another_start_won():
    blueprint = make_blueprint(InstitutionFactory(), sections=((5, 3),))
    user = UserFactory()
    with transaction.atomic():
        first = services.attempt_start(blueprint=blueprint, user=user)
        # Another device's start won the race: an open attempt exists when this one is written.
        second = Attempt(blueprint=blueprint, user=user, number=2, started_at=first.started_at, deadline=first.deadline)
        with pytest.raises(IntegrityError):
            services._attempt_insert(second, [(0, first._drawn[0][0], [])], frozenset())
        # The caller's transaction still works, and nothing of the refused start was written.
        assert list(Attempt.objects.filter(user=user).values_list("pk", flat=True)) == [first.pk]
        assert AttemptItem.objects.filter(attempt__user=user).count() == 3
