"""N+1 is a bug: a list page runs the same number of queries whether it shows a few rows or many more."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from edu.org.roles import Role
from edu.university.models import AcademicRecord, Attendance, Decree, DecreeStudent, Performance, RecordStatus
from edu.university.services.gpa import gpa_recalculate
from edu.university.tests.conftest import act_as
from edu.university.tests.factories import (
    SubjectFactory,
    add_subject,
    assign,
    build_world,
    employee_in,
    group_for,
    lesson_of,
    student_in,
)

pytestmark = pytest.mark.django_db

STAFF_PAGES = [
    ("university:students", ""),
    ("university:staff", ""),
    ("university:groups", ""),
    ("university:curricula", ""),
    ("university:subjects", ""),
    ("university:specialties", ""),
    ("university:decrees", ""),
    ("university:assignments", ""),
    ("university:ratings", ""),
    ("university:reports", "?kind=performance&level=group"),
    ("university:reports", "?kind=attendance&level=group"),
    ("regulation:approvals", ""),
]


def _grow(world) -> None:  # type: ignore[no-untyped-def]
    """More of everything each list shows: groups, students, teachers, assignments, lessons, marks, orders."""
    a = world.a
    today = a.lesson.lesson_date
    for _ in range(3):
        group = group_for(a.curriculum)
        teacher = employee_in(a.department)
        subject = add_subject(
            a.curriculum,
            SubjectFactory(department=a.department, institution=world.institution),
            semester=a.subject.semester,
        )
        item = assign(subject, group, teacher)
        lesson = lesson_of(item, today, pair_code="12")
        for _ in range(3):
            s = student_in(group, semester=a.student.semester)
            Attendance.objects.create(
                institution=world.institution,
                faculty=a.faculty,
                department=a.department,
                lesson=lesson,
                student=s,
                group=group,
                curriculum_subject=subject,
                lesson_date=today,
                absent_off=2,
            )
            Performance.objects.create(
                institution=world.institution,
                faculty=a.faculty,
                department=a.department,
                student=s,
                group=group,
                curriculum_subject=subject,
                exam_type="11",
                points=Decimal(20),
                exam_date=today,
            )
            AcademicRecord.objects.create(
                institution=world.institution,
                faculty=a.faculty,
                department=a.department,
                student=s,
                group=group,
                curriculum_subject=subject,
                education_year=today.year,
                semester=subject.semester,
                subject_name="x",
                credit=Decimal(5),
                total_point=Decimal(80),
                grade=4,
                record_date=today,
                status=RecordStatus.APPROVED,
            )
        decree = Decree.objects.create(
            institution=world.institution,
            faculty=a.faculty,
            decree_type="12",
            number=f"N{group.pk}",
            date=today,
            created_by=teacher.user,
        )
        DecreeStudent.objects.create(decree=decree, student=s)
    gpa_recalculate(institution_id=world.institution.pk)


def _counts(client, urls: list[str]) -> dict[str, int]:  # type: ignore[no-untyped-def]
    counts = {}
    for url in urls:
        client.get(url)  # warm caches (classifier names) so only the page's own queries are counted
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200, url
        counts[url] = len(ctx)
    return counts


def test_staff_list_pages_do_not_grow_with_rows(client):
    world = build_world()
    gpa_recalculate(institution_id=world.institution.pk)
    act_as(client, world.actors[Role.SUPER_ADMIN])
    urls = [reverse(name) + query for name, query in STAFF_PAGES]
    urls.append(reverse("university:timetable") + f"?group={world.a.group.pk}&week={world.a.lesson.lesson_date}")
    before = _counts(client, urls)
    _grow(world)
    assert _counts(client, urls) == before


def test_journal_and_cabinet_pages_do_not_grow_with_rows(client):
    world = build_world()
    a = world.a
    journal = reverse("university:journal", args=[a.assignment.pk])
    teacher_urls = [journal + f"?tab={tab}" for tab in ("attendance", "points", "topics", "resources", "tasks")]
    teacher_urls.append(reverse("university:my_teaching"))
    student_urls = [
        reverse(n)
        for n in (
            "university:my_overview",
            "university:my_timetable",
            "university:my_subjects",
            "university:my_tasks",
            "university:my_electives",
            "university:my_documents",
        )
    ]
    act_as(client, world.actors[Role.TEACHER])
    teacher_before = _counts(client, teacher_urls)
    act_as(client, world.actors[Role.STUDENT])
    student_before = _counts(client, student_urls)
    # More students in the journal's group, more lessons, absences and points.
    for n in range(4):
        s = student_in(a.group, semester=a.student.semester)
        lesson = lesson_of(a.assignment, a.lesson.lesson_date - dt.timedelta(days=7 * (n + 1)))
        Attendance.objects.create(
            institution=world.institution,
            faculty=a.faculty,
            department=a.department,
            lesson=lesson,
            student=s,
            group=a.group,
            curriculum_subject=a.subject,
            lesson_date=lesson.lesson_date,
            absent_on=2,
        )
        Performance.objects.create(
            institution=world.institution,
            faculty=a.faculty,
            department=a.department,
            student=s,
            group=a.group,
            curriculum_subject=a.subject,
            exam_type="12",
            points=Decimal(10),
            exam_date=a.lesson.lesson_date,
        )
    _grow(world)
    act_as(client, world.actors[Role.TEACHER])
    assert _counts(client, teacher_urls) == teacher_before
    act_as(client, world.actors[Role.STUDENT])
    assert _counts(client, student_urls) == student_before
