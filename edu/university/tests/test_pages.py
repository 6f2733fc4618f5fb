"""Every university page answers for the roles that use it (no server errors), within a bounded number of
queries; pages a role has no business on answer 404."""

from __future__ import annotations

import pytest
from django.urls import reverse

from edu.org.roles import Role
from edu.university.tests.conftest import act_as
from edu.university.tests.factories import build_world

pytestmark = pytest.mark.django_db


def _pages(w):  # type: ignore[no-untyped-def]
    a = w.a
    return [
        reverse("university:calendar"),
        reverse("university:rooms"),
        reverse("university:grading"),
        reverse("university:rating_criteria"),
        reverse("university:specialties"),
        reverse("university:subjects"),
        reverse("university:curricula"),
        reverse("university:curriculum", args=[a.curriculum.pk]),
        reverse("university:groups"),
        reverse("university:group", args=[a.group.pk]),
        reverse("university:students"),
        reverse("university:student", args=[a.student.pk]),
        reverse("university:staff"),
        reverse("university:employee", args=[a.teacher.pk]),
        reverse("university:decrees"),
        reverse("university:decree", args=[a.decree.pk]),
        reverse("university:assignments"),
        reverse("university:timetable") + f"?group={a.group.pk}",
        reverse("university:journal", args=[a.assignment.pk]),
        reverse("university:journal", args=[a.assignment.pk]) + "?tab=points",
        reverse("university:journal", args=[a.assignment.pk]) + "?tab=topics",
        reverse("university:journal", args=[a.assignment.pk]) + "?tab=resources",
        reverse("university:journal", args=[a.assignment.pk]) + "?tab=tasks",
        reverse("university:attendance", args=[a.assignment.pk, a.lesson.pk]),
        reverse("university:reports"),
        reverse("university:reports") + "?kind=attendance&level=group",
        reverse("university:reports") + "?kind=movement&level=institution",
        reverse("university:ratings"),
        reverse("university:teacher_works"),
        reverse("university:staff_ratings"),
        reverse("university:my_rating"),
        reverse("university:employee_rating", args=[a.teacher.pk]),
        reverse("university:lesson_edit", args=[a.lesson.pk]),
        reverse("university:classifiers"),
        reverse("university:classifier", args=["h_education_form"]),
        reverse("university:my_teaching"),
        reverse("university:my_overview"),
        reverse("university:my_timetable"),
        reverse("university:my_subjects"),
        reverse("university:my_tasks"),
        reverse("university:my_electives"),
        reverse("university:my_documents"),
        reverse("university:import", args=["students"]),
        reverse("university:import", args=["staff"]),
        reverse("regulation:deadlines"),
        reverse("regulation:late_entry_list"),
        reverse("regulation:approvals"),
        reverse("regulation:maker_checker"),
        "/",
    ]


@pytest.mark.parametrize("role", list(Role.values))
def test_every_page_answers_without_error_for_every_role(client, role, django_assert_max_num_queries):
    world = build_world()
    act_as(client, world.actors[role])
    for url in _pages(world):
        with django_assert_max_num_queries(60):
            response = client.get(url)
        assert response.status_code in (200, 404), (role, url, response.status_code)
