"""Lists cost the same number of queries whatever their length (no query per item)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from edu.rest.tests.conftest import ok
from edu.university import classifiers
from edu.university.tests.factories import lesson_of, student_in

pytestmark = pytest.mark.django_db

LISTS = (
    "/rest/v1/data/student-list?limit=200",
    "/rest/v1/data/employee-list?limit=200",
    "/rest/v1/data/group-list?limit=200",
    "/rest/v1/data/schedule-list?limit=200",
    "/rest/v1/data/curriculum-subject-list?limit=200",
    "/rest/v1/data/attendance-list?limit=200",
)


def counts(api, urls) -> list[int]:
    result = []
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            ok(api.get(url))
        result.append(len(queries))
    return result


def test_data_lists_and_the_students_week_do_not_grow_queries_with_their_length(
    uni, data_api, student_api, monkeypatch
):
    monkeypatch.setattr(classifiers, "TTL_SECONDS", 3600)  # a slow machine must not expire the memory mid-test

    week = "/rest/v1/education/schedule"
    counts(data_api, LISTS), counts(student_api, [week])  # warm the classifier and token memory
    before = counts(data_api, LISTS) + counts(student_api, [week])
    a = uni.world.a
    for _ in range(4):
        student_in(a.group)
    for day in (1, 2, 3):
        lesson_of(a.assignment, a.lesson.lesson_date + dt.timedelta(days=day))
    after = counts(data_api, LISTS) + counts(student_api, [week])
    assert after == before
