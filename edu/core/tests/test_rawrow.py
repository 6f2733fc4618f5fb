"""Rows read by hand-written queries become the same instances the ORM builds (JSON, dates, booleans converted)."""

from __future__ import annotations

import pytest
from django.db import connection

from edu.assessment.models import Blueprint
from edu.assessment.tests.factories import make_blueprint
from edu.core.rawrow import field_count, from_row, model_columns
from edu.org.tests.factories import InstitutionFactory

pytestmark = pytest.mark.django_db


def test_a_row_read_by_hand_equals_the_orms_instance():
    blueprint = make_blueprint(
        InstitutionFactory(), sections=((5, 3),), title="Yakuniy “test”", time_limit_minutes=45, shuffle_choices=False
    )
    Blueprint.objects.filter(pk=blueprint.pk).update(available_from="2026-05-01T09:00:00+05:00")
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {model_columns(Blueprint, 'b')}, 42 FROM assessment_blueprint b WHERE b.id = %s", [blueprint.pk]
        )
        row = cursor.fetchone()
    by_hand = from_row(Blueprint, row)
    by_orm = Blueprint.objects.get(pk=blueprint.pk)
    assert len(row) == field_count(Blueprint) + 1
    for field in Blueprint._meta.concrete_fields:
        assert getattr(by_hand, field.attname) == getattr(by_orm, field.attname), field.name
        assert type(getattr(by_hand, field.attname)) is type(getattr(by_orm, field.attname)), field.name
    assert by_hand.shuffle_choices is False and by_hand.available_from.year == 2026
    assert not by_hand._state.adding
