"""Single sign-on for university people: the round trip gives the student ID number (or the employee ID number)
as HEMIS user-info does."""

from __future__ import annotations

import pytest
from django.test import Client

from edu.org.roles import Role
from edu.org.tests.factories import RoleAssignmentFactory
from edu.sso.tests.test_oauth import REDIRECT, authorize, register
from edu.sso.userinfo import user_info
from edu.university.tests.factories import build_world

pytestmark = pytest.mark.django_db


def test_round_trip_of_a_student_gives_student_id_number_and_employee_gets_employee_id_number(client):
    world = build_world(with_actors=False)
    admin = RoleAssignmentFactory(role=Role.SUPER_ADMIN, institution=world.institution, faculty=None)
    client_id, secret = register(client, admin)
    student = world.a.student
    browser = Client()
    browser.force_login(student.user)
    code = authorize(browser, client_id, "read")
    access = (
        Client()
        .post(
            "/oauth/access-token",
            {
                "grant_type": "authorization_code",
                "code": code,
                "redirect_uri": REDIRECT,
                "client_id": client_id,
                "client_secret": secret,
            },
        )
        .json()["access_token"]
    )
    info = Client().get("/oauth/api/user", HTTP_AUTHORIZATION=f"Bearer {access}").json()
    assert info["student_id_number"] == student.student_id_number
    assert info["university_id"] == world.institution.code and info["type"] == "student"
    assert info["groups"] == [{"id": student.group_id, "name": student.group.name}]
    teacher = user_info(world.a.teacher.user)
    assert teacher["employee_id_number"] == world.a.teacher.employee_id_number and "student_id_number" not in teacher
