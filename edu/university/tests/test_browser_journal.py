"""In a real browser: a teacher takes attendance and enters points; the student then sees both."""

from __future__ import annotations

import pytest

from edu.accounts.tests.factories import PASSWORD
from edu.university.models import Attendance, Performance
from edu.university.tests.factories import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in(page, phone: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(page.base_url + "/accounts/login/")
    page.fill("#id_phone", phone)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(page.base_url + "/")


def test_teacher_marks_attendance_and_points_and_the_student_sees_them(page):
    world = build_world(with_actors=False)
    a = world.a
    student = a.student

    # The teacher opens today's lesson from "My teaching" and marks the student absent without a reason.
    _sign_in(page, a.teacher.user.phone)
    page.goto(page.base_url + "/university/teaching/")
    page.click(f"a[href='/university/journal/{a.assignment.pk}/lessons/{a.lesson.pk}/']")
    page.check(f"input[name='s{student.pk}'][value='unexcused']")
    page.click("main form button[type=submit]")
    page.wait_for_url(f"**/university/journal/{a.assignment.pk}/?tab=attendance")
    assert page.locator("table.journal .badge--bad").count() == 1
    assert Attendance.objects.get(student=student).absent_off == 2

    # Points of the current and midterm assessments.
    page.goto(page.base_url + f"/university/journal/{a.assignment.pk}/?tab=points")
    page.fill(f"input[name='p_{student.pk}_11']", "27")
    page.fill(f"input[name='p_{student.pk}_12']", "16,5")
    page.click(f"form[action='/university/journal/{a.assignment.pk}/points/'] button[type=submit]")
    page.wait_for_url("**?tab=points")
    assert page.input_value(f"input[name='p_{student.pk}_11']") in ("27", "27.0", "27,0")
    assert Performance.objects.filter(student=student).count() == 2
    page.click("header summary[aria-label] >> nth=-1")
    page.click("header form[action='/accounts/logout/'] button")

    # The student sees the points and the absence on the subjects page.
    _sign_in(page, student.user.phone)
    page.goto(page.base_url + "/university/me/subjects/")
    card = page.locator(".subject-card", has_text=a.subject.subject.name)
    assert card.locator("[data-points='11']").inner_text().strip() in ("27,0", "27.0")
    assert card.locator("[data-points='12']").inner_text().strip() in ("16,5", "16.5")
    assert card.locator("[data-absent-off]").inner_text().strip() == "2"
