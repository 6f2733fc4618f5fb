"""When data lock: standing rules (working days, holidays, week and month anchors) and explicit periods."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from edu.org.tests.factories import InstitutionFactory
from edu.regulation.models import Anchor, DataKind, DeadlinePeriod, DeadlineRule, Holiday
from edu.regulation.services import add_months, add_working_days, deadline_for, is_locked

pytestmark = pytest.mark.django_db


def test_three_working_days_skip_the_weekend_and_holidays():
    friday = dt.date(2025, 3, 14)
    assert add_working_days(friday, 3) == dt.date(2025, 3, 19)  # Mon, Tue, Wed
    Holiday.objects.create(date=dt.date(2025, 3, 21), name="Navro‘z")
    thursday = dt.date(2025, 3, 20)
    assert add_working_days(thursday, 1) == dt.date(2025, 3, 24)  # Friday is a holiday


@pytest.mark.parametrize(
    ("anchor", "days", "working", "record", "due"),
    [
        (Anchor.DAY, 3, True, dt.date(2025, 3, 14), dt.date(2025, 3, 19)),
        (Anchor.WEEK, 2, False, dt.date(2025, 3, 12), dt.date(2025, 3, 18)),  # Sunday 16th + 2 days
        (Anchor.MONTH, 5, False, dt.date(2025, 2, 3), dt.date(2025, 3, 5)),
    ],
)
def test_rule_deadlines(anchor, days, working, record, due):
    institution = InstitutionFactory()
    DeadlineRule.objects.create(
        institution=institution, kind=DataKind.HR_ORDER, anchor=anchor, offset_days=days, working_days=working
    )
    got = deadline_for(institution_id=institution.pk, kind=DataKind.HR_ORDER, data_date=record)
    assert timezone.localtime(got).date() == due
    assert timezone.localtime(got).time() == dt.time(23, 59, 59)


def test_a_period_deadline_overrides_the_rule_and_other_institutions_are_untouched():
    institution, other = InstitutionFactory(), InstitutionFactory()
    DeadlineRule.objects.create(institution=institution, kind=DataKind.GRADES, offset_days=300, working_days=False)
    yesterday = timezone.now() - dt.timedelta(days=1)
    DeadlinePeriod.objects.create(
        institution=institution,
        kind=DataKind.GRADES,
        period_start=dt.date(2025, 9, 1),
        period_end=dt.date(2026, 1, 31),
        due_at=yesterday,
    )
    assert is_locked(institution_id=institution.pk, kind=DataKind.GRADES, data_date=dt.date(2025, 10, 1))
    assert not is_locked(institution_id=other.pk, kind=DataKind.GRADES, data_date=dt.date(2025, 10, 1))
    # Outside the period the rule applies (300 days from a recent date: still open).
    assert not is_locked(institution_id=institution.pk, kind=DataKind.GRADES, data_date=timezone.localdate())


def test_add_months_keeps_the_day_or_takes_the_month_end():
    moment = timezone.make_aware(dt.datetime(2025, 11, 30, 12, 0))
    assert add_months(moment, 3).date() == dt.date(2026, 2, 28)
    assert add_months(moment, 1).date() == dt.date(2025, 12, 30)
