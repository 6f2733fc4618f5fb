"""A small university with one student's whole record (timetable, points, absences, GPA, a task, an order,
a reference), another student of the same institution and one of another institution — for the scope tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from edu.accounts.tokens import api_token_issue
from edu.org.roles import Role
from edu.org.tests.factories import RoleAssignmentFactory
from edu.rest.models import DataApiToken
from edu.rest.services import data_token_issue
from edu.university import models as m
from edu.university.classifiers import classifier_cache_clear
from edu.university.tests.factories import World, build_world


@pytest.fixture(autouse=True)
def _fresh_classifiers() -> Iterator[None]:
    classifier_cache_clear()
    yield
    classifier_cache_clear()


@dataclass
class Uni:
    world: World
    student: m.Student
    other_student: m.Student  # same institution, another faculty
    foreign_student: m.Student  # another institution
    task: m.Task
    foreign_task: m.Task
    record: m.AcademicRecord
    document: m.IssuedDocument
    foreign_document: m.IssuedDocument


def _task(side: Any, title: str) -> m.Task:
    return m.Task.objects.create(
        institution=side.group.institution,
        faculty=side.faculty,
        department=side.department,
        assignment=side.assignment,
        title=title,
        description="Referat yozing",
        deadline=timezone.now() + dt.timedelta(days=3),
        max_ball=Decimal("10"),
        attempt_limit=2,
    )


def _document(student: m.Student) -> m.IssuedDocument:
    return m.IssuedDocument.objects.create(
        institution=student.institution, student=student, kind=m.DocumentKind.REFERENCE, number="26-000001"
    )


@pytest.fixture
def uni(db: Any) -> Uni:
    world = build_world(with_actors=False)
    a = world.a
    student = a.student
    building = m.Building.objects.create(institution=world.institution, name="Bosh bino")
    room = m.Auditorium.objects.create(institution=world.institution, building=building, name="101", capacity=30)
    a.lesson.auditorium = room
    a.lesson.save(update_fields=["auditorium"])
    common = {
        "institution": world.institution,
        "faculty": a.faculty,
        "department": a.department,
        "student": student,
        "group": a.group,
        "curriculum_subject": a.subject,
    }
    m.Performance.objects.create(**common, exam_type="11", points=Decimal("25"), exam_date=timezone.localdate())
    m.Performance.objects.create(**common, exam_type="12", points=Decimal("15"), exam_date=timezone.localdate())
    m.Attendance.objects.create(**common, lesson=a.lesson, lesson_date=a.lesson.lesson_date, absent_off=2)
    record = m.AcademicRecord.objects.create(
        **common,
        education_year=a.curriculum.education_year.code,
        semester=a.subject.semester,
        subject_name=a.subject.subject.name,
        credit=a.subject.credit,
        total_point=Decimal("80"),
        grade=4,
        record_date=timezone.localdate(),
        status=m.RecordStatus.APPROVED,
    )
    m.StudentGpa.objects.create(
        institution=world.institution,
        faculty=a.faculty,
        group=a.group,
        student=student,
        scope=m.GpaScope.YEAR,
        education_year=a.curriculum.education_year.code,
        level="11",
        subjects=1,
        credit_sum=Decimal("6"),
        gpa=Decimal("4.0"),
        debt_subjects=0,
        can_transfer=True,
    )
    a.decree.status = m.DecreeStatus.APPLIED
    a.decree.save(update_fields=["status"])
    return Uni(
        world=world,
        student=student,
        other_student=world.b.student,
        foreign_student=world.c.student,
        task=_task(a, "1-topshiriq"),
        foreign_task=_task(world.b, "Boshqa guruh topshirig‘i"),
        record=record,
        document=_document(student),
        foreign_document=_document(world.b.student),
    )


def bearer(user: Any) -> APIClient:
    key, _record = api_token_issue(user=user)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    return api


@pytest.fixture
def student_api(uni: Uni) -> APIClient:
    return bearer(uni.student.user)


def data_client(institution: Any) -> tuple[APIClient, DataApiToken]:
    from edu.org.actor import Actor

    admin = RoleAssignmentFactory(role=Role.SUPER_ADMIN, institution=institution, faculty=None)
    token, key = data_token_issue(actor=Actor(user=admin.user, assignment=admin), name="Kutubxona")
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    return api, token


@pytest.fixture
def data_api(uni: Uni) -> APIClient:
    return data_client(uni.world.institution)[0]


def ok(response: Any) -> Any:
    """The envelope of a success; its data."""
    body = response.json()
    assert response.status_code == 200, body
    assert body["success"] is True and body["error"] is None and body["code"] == 200
    return body["data"]


def failed(response: Any, code: int) -> str:
    body = response.json()
    assert response.status_code == code, body
    assert body["success"] is False and body["data"] is None and body["code"] == code and body["error"]
    return str(body["error"])
