"""Scope is security (SPEC H1, 002 §4.1): every role × each kind of record × own scope / another faculty /
another institution → allowed (200) or 404, exactly like a missing record. Table-driven."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from edu.org.roles import Role
from edu.university.models import TeacherWork
from edu.university.tests.conftest import act_as
from edu.university.tests.factories import build_world

pytestmark = pytest.mark.django_db

KINDS = ["student", "group", "employee", "curriculum", "journal", "attendance", "decree", "teacher_work"]

ALL = (200, 200, 404)  # the whole institution
OWN = (200, 404, 404)  # own faculty / department / teaching / self only
NONE = (404, 404, 404)

# role → kind → (own scope, another faculty, another institution)
EXPECTED: dict[str, dict[str, tuple[int, int, int]]] = {
    Role.SUPER_ADMIN: dict.fromkeys(KINDS, ALL),
    Role.ICT_CENTRE: {**dict.fromkeys(KINDS, ALL), "journal": NONE, "attendance": NONE, "decree": NONE},
    Role.HR: {**dict.fromkeys(KINDS, NONE), "employee": ALL, "teacher_work": ALL},
    Role.ACADEMIC_OFFICE: dict.fromkeys(KINDS, ALL),
    Role.DEAN: dict.fromkeys(KINDS, OWN),  # a dean of one faculty
    Role.HEAD_OF_DEPARTMENT: {**dict.fromkeys(KINDS, OWN), "decree": NONE},
    Role.TEACHER: {**dict.fromkeys(KINDS, OWN), "curriculum": NONE, "decree": NONE},
    Role.ACCOUNTING: {**dict.fromkeys(KINDS, NONE), "student": ALL, "group": ALL},
    Role.RESEARCH_OFFICE: {**dict.fromkeys(KINDS, NONE), "employee": ALL, "teacher_work": ALL},
    Role.DOCTORATE_OFFICE: dict.fromkeys(KINDS, NONE),
    Role.MARKETING: {**dict.fromkeys(KINDS, NONE), "student": ALL, "group": ALL},
    Role.DIPLOMA_OFFICE: {**dict.fromkeys(KINDS, NONE), "student": ALL, "group": ALL},
    Role.STUDENT: {**dict.fromkeys(KINDS, NONE), "student": OWN, "group": OWN},
    Role.MANAGEMENT: dict.fromkeys(KINDS, ALL),
    Role.LIBRARY: {**dict.fromkeys(KINDS, NONE), "student": ALL, "group": ALL},
    Role.DORMITORY: {**dict.fromkeys(KINDS, NONE), "student": ALL, "group": ALL},
    Role.MINISTRY: dict.fromkeys(KINDS, NONE),
    Role.LEARNING_EDITOR: dict.fromkeys(KINDS, NONE),
    Role.EXAM_CENTRE: dict.fromkeys(KINDS, NONE),
}


def _url(kind: str, side) -> str:  # type: ignore[no-untyped-def]
    return {
        "student": reverse("university:student", args=[side.student.pk]),
        "group": reverse("university:group", args=[side.group.pk]),
        "employee": reverse("university:employee", args=[side.teacher.pk]),
        "curriculum": reverse("university:curriculum", args=[side.curriculum.pk]),
        "journal": reverse("university:journal", args=[side.assignment.pk]),
        "attendance": reverse("university:attendance", args=[side.assignment.pk, side.lesson.pk]),
        "decree": reverse("university:decree", args=[side.decree.pk]),
        "teacher_work": reverse("university:teacher_work_file", args=[side.work.pk]),
    }[kind]


def _work(side) -> TeacherWork:  # type: ignore[no-untyped-def]
    """A teacher's work entry (H2.6) with a file, read through its download link."""
    t = side.teacher
    work = TeacherWork(
        institution_id=t.institution_id,
        faculty_id=t.faculty_id,
        department_id=t.department_id,
        employee=t,
        kind="research",
        title="Maqola",
        year=2025,
        hours=1,
    )
    work.attachment.save("maqola.txt", ContentFile(b"matn"), save=False)
    work.save()
    return work


def test_the_matrix_covers_every_role():
    assert set(EXPECTED) == set(Role.values)


@pytest.mark.parametrize("role", list(EXPECTED))
def test_scope_matrix(client, role):
    world = build_world()
    for side in (world.a, world.b, world.c):
        side.work = _work(side)  # type: ignore[attr-defined]
    act_as(client, world.actors[role])
    got = {
        kind: tuple(client.get(_url(kind, side)).status_code for side in (world.a, world.b, world.c)) for kind in KINDS
    }
    assert got == EXPECTED[role]


def test_missing_and_out_of_scope_look_the_same(client):
    world = build_world()
    act_as(client, world.actors[Role.DEAN])
    foreign = client.get(reverse("university:student", args=[world.b.student.pk]))
    missing = client.get(reverse("university:student", args=[10**9]))
    assert foreign.status_code == missing.status_code == 404
    assert world.b.student.user.surname not in foreign.content.decode()


@pytest.mark.parametrize(
    ("role", "url_name", "visible", "hidden"),
    [
        (Role.DEAN, "university:students", "a", "b"),
        (Role.DEAN, "university:groups", "a", "b"),
        (Role.TEACHER, "university:students", "a", "b"),
        (Role.HEAD_OF_DEPARTMENT, "university:assignments", "a", "b"),
        (Role.SUPER_ADMIN, "university:students", "a", "c"),
    ],
)
def test_lists_show_only_the_scope(client, role, url_name, visible, hidden):
    world = build_world()
    act_as(client, world.actors[role])
    body = client.get(reverse(url_name)).content.decode()
    shown, not_shown = getattr(world, visible), getattr(world, hidden)
    marker = (lambda s: s.group.name) if url_name != "university:students" else (lambda s: s.student.student_id_number)
    assert marker(shown) in body
    assert marker(not_shown) not in body


@pytest.mark.parametrize(
    ("role", "shown"), [(Role.DEAN, True), (Role.ACCOUNTING, True), (Role.LIBRARY, False), (Role.MANAGEMENT, False)]
)
def test_identity_documents_only_to_entitled_roles(client, role, shown):
    world = build_world()
    act_as(client, world.actors[role])
    body = client.get(reverse("university:student", args=[world.a.student.pk])).content.decode()
    assert (world.a.student.user.pinfl in body) is shown
