"""In a real browser: on the exam sitting form the subject list follows the chosen group."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from edu.org.roles import Role
from edu.university.models import Auditorium, Building, ExamSchedule, LessonPair
from edu.university.tests.conftest import act_as
from edu.university.tests.factories import SubjectFactory, add_subject, build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _offered(page) -> set[str]:  # type: ignore[no-untyped-def]
    return set(page.eval_on_selector_all("#id_curriculum_subject option", "os => os.map(o => o.value)")) - {""}


def _wait_for_subjects(page, count: int) -> None:  # type: ignore[no-untyped-def]
    page.wait_for_function(
        "n => [...document.querySelectorAll('#id_curriculum_subject option')].filter(o => o.value).length === n",
        arg=count,
    )


def test_the_subject_list_reloads_when_the_group_changes(browser, live_server):
    world = build_world()
    a, b = world.a, world.b
    second = add_subject(a.curriculum, SubjectFactory(department=a.department), semester=a.subject.semester)
    building = Building.objects.create(institution=world.institution, name="Bosh bino")
    hall = Auditorium.objects.create(institution=world.institution, building=building, name="Aula", capacity=40)
    client = act_as(Client(), world.actors[Role.ACADEMIC_OFFICE])
    context = browser.new_context(locale="en-US")
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}])
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        page.goto(live_server.url + "/university/exams/new/")
        assert _offered(page) == {str(a.subject.pk), str(second.pk), str(b.subject.pk)}
        # Group b: only b's subject; then group a: a's two, and the choice made for b is dropped.
        page.select_option("#id_group", str(b.group.pk))
        _wait_for_subjects(page, 1)
        assert _offered(page) == {str(b.subject.pk)}
        page.select_option("#id_curriculum_subject", str(b.subject.pk))
        page.select_option("#id_group", str(a.group.pk))
        _wait_for_subjects(page, 2)
        assert _offered(page) == {str(a.subject.pk), str(second.pk)}
        assert page.input_value("#id_curriculum_subject") == ""
        # The sitting is saved for the subject picked from the reloaded list.
        today = timezone.localdate()
        monday = today + dt.timedelta(days=7 - today.weekday())
        page.select_option("#id_curriculum_subject", str(second.pk))
        page.fill("#id_exam_date", monday.isoformat())
        pair = LessonPair.objects.get(institution=world.institution, code="14")
        page.select_option("#id_lesson_pair", str(pair.pk))
        page.select_option("#id_auditorium", str(hall.pk))
        page.select_option("#id_employee", str(a.teacher.pk))
        page.click("main form button[type=submit]")
        page.wait_for_url("**/university/exams/?group=*")
    finally:
        context.close()
    assert ExamSchedule.objects.filter(group=a.group, curriculum_subject=second).exists()
