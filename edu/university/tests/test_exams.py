"""The exam schedule: the timetable's clashes refused next to the fields, scope (404), the deadline lock,
the student's and the teacher's views, and the HEMIS shape of `education/exam-table` and `data/exam-list`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from edu.core.errors import ApplicationError
from edu.journal.models import JournalEntry
from edu.org.actor import Actor
from edu.org.roles import Role
from edu.regulation.models import DataKind, DeadlinePeriod
from edu.rest.services import data_token_issue
from edu.rest.tests.conftest import bearer, failed, ok
from edu.university.models import Auditorium, Building, ExamSchedule, LessonPair
from edu.university.services.exams import exam_save
from edu.university.tests.conftest import act_as
from edu.university.tests.factories import (
    SubjectFactory,
    World,
    add_subject,
    build_world,
    employee_in,
    group_for,
    lesson_of,
    student_in,
)

pytestmark = pytest.mark.django_db


@dataclass
class Setup:
    world: World
    monday: dt.date
    pair: LessonPair
    hall: Auditorium
    small: Auditorium
    exam_a: ExamSchedule  # world.a's final, Tuesday pair 2
    exam_b: ExamSchedule  # world.b's (another faculty), Tuesday pair 3
    exam_c: ExamSchedule  # the other institution's


def _exam(side: Any, day: dt.date, pair_code: str, room: Auditorium, exam_type: str = "13") -> ExamSchedule:
    return ExamSchedule.objects.create(
        institution=side.group.institution,
        faculty=side.faculty,
        group=side.group,
        curriculum_subject=side.subject,
        education_year=side.curriculum.education_year,
        exam_type=exam_type,
        final_exam_type="11",
        exam_date=day,
        lesson_pair=LessonPair.objects.get(institution=side.group.institution, code=pair_code),
        auditorium=room,
        employee=side.teacher,
    )


@pytest.fixture
def setup() -> Setup:
    world = build_world()
    today = timezone.localdate()
    monday = today + dt.timedelta(days=7 - today.weekday())
    building = Building.objects.create(institution=world.institution, name="Bosh bino")
    hall = Auditorium.objects.create(institution=world.institution, building=building, name="Aula", capacity=40)
    small = Auditorium.objects.create(institution=world.institution, building=building, name="Kichik", capacity=1)
    other_building = Building.objects.create(institution=world.other_institution, name="B")
    other_room = Auditorium.objects.create(
        institution=world.other_institution, building=other_building, name="1", capacity=30
    )
    tuesday = monday + dt.timedelta(days=1)
    return Setup(
        world=world,
        monday=monday,
        pair=LessonPair.objects.get(institution=world.institution, code="11"),
        hall=hall,
        small=small,
        exam_a=_exam(world.a, tuesday, "12", hall),
        exam_b=_exam(world.b, tuesday, "13", hall),
        exam_c=_exam(world.c, tuesday, "12", other_room),
    )


def _actor(world: World, role: str = Role.ACADEMIC_OFFICE) -> Actor:
    a = world.actors[role]
    return Actor(user=a.user, assignment=a, assignments=[a])


def _values(s: Setup, **changes: Any) -> dict[str, Any]:
    a = s.world.a
    values = {
        "group": a.group,
        "curriculum_subject": a.subject,
        "exam_type": "12",
        "final_exam_type": "11",
        "exam_date": s.monday,
        "lesson_pair": s.pair,
        "auditorium": s.hall,
        "employee": a.teacher,
    }
    return values | changes


def _kinds(exc: pytest.ExceptionInfo) -> set[str]:
    return {c.kind for c in exc.value.extra["conflicts"]}


def test_every_kind_of_clash_is_refused_and_a_free_slot_is_saved_and_journaled(setup):
    s, a = setup, setup.world.a
    actor = _actor(s.world)
    tuesday = s.monday + dt.timedelta(days=1)
    lesson_of(a.assignment, s.monday, pair_code="11")  # the group and its teacher have a lesson on Monday, pair 1
    with pytest.raises(ApplicationError) as exc:
        exam_save(actor=actor, **_values(s))
    assert _kinds(exc) == {"group"} and exc.value.field == "exam_date"
    # Examiner busy with the lesson of their group while another group of theirs would sit.
    group2 = group_for(a.curriculum)
    with pytest.raises(ApplicationError) as exc:
        exam_save(actor=actor, **_values(s, group=group2))
    assert _kinds(exc) == {"teacher"} and exc.value.field == "employee"
    # The room is taken by world.b's exam (Tuesday, pair 3); and a room too small for two students.
    other = employee_in(a.department)
    pair3 = LessonPair.objects.get(institution=s.world.institution, code="13")
    with pytest.raises(ApplicationError) as exc:
        exam_save(actor=actor, **_values(s, group=group2, employee=other, exam_date=tuesday, lesson_pair=pair3))
    assert _kinds(exc) == {"auditorium"} and exc.value.field == "auditorium"
    student_in(group2)
    student_in(group2)
    with pytest.raises(ApplicationError) as exc:
        exam_save(actor=actor, **_values(s, group=group2, employee=other, auditorium=s.small))
    assert _kinds(exc) == {"capacity"}
    before = ExamSchedule.objects.count()
    saved = exam_save(actor=actor, **_values(s, group=group2, employee=other, lesson_pair=pair3))
    assert ExamSchedule.objects.count() == before + 1
    assert saved.faculty_id == a.faculty.pk and saved.education_year_id is not None
    assert JournalEntry.objects.filter(object_id=str(saved.pk), action="create").exists()
    # The same sitting twice, or moving an exam onto itself, is handled.
    with pytest.raises(ApplicationError) as exc:
        exam_save(actor=actor, **_values(s, group=group2, employee=other, exam_date=s.monday + dt.timedelta(days=3)))
    assert exc.value.field == "final_exam_type"
    exam_save(actor=actor, exam=saved, **_values(s, group=group2, employee=other, lesson_pair=pair3))


def test_the_form_shows_clashes_next_to_the_fields_and_other_scopes_are_404(
    client, setup, django_assert_max_num_queries
):
    s, world = setup, setup.world
    a = world.a
    lesson_of(a.assignment, s.monday, pair_code="11")
    act_as(client, world.actors[Role.ACADEMIC_OFFICE])
    url = reverse("university:exam_new")
    narrowed = client.get(url + f"?group={a.group.pk}")
    offered = narrowed.context["form"].fields["curriculum_subject"].queryset
    assert {x.curriculum_id for x in offered} == {a.curriculum.pk}  # only the group's plan
    data = {
        "group": a.group.pk,
        "curriculum_subject": a.subject.pk,
        "exam_type": "12",
        "final_exam_type": "11",
        "exam_date": s.monday.isoformat(),
        "lesson_pair": s.pair.pk,
        "auditorium": s.hall.pk,
        "employee": a.teacher.pk,
    }
    busy = client.post(url, data)
    assert busy.status_code == 200 and "exam_date" in busy.context["form"].errors
    saved = client.post(
        url, data | {"lesson_pair": LessonPair.objects.get(institution=world.institution, code="14").pk}
    )
    assert saved.status_code == 302 and ExamSchedule.objects.filter(group=a.group, exam_type="12").exists()
    with django_assert_max_num_queries(15):
        listing = client.get(reverse("university:exams") + f"?group={a.group.pk}&exam_type=12")
    assert [x.exam_type for x in listing.context["page"]] == ["12"]
    export = client.get(reverse("university:exams") + "?export=xlsx")
    assert export.status_code == 200 and "spreadsheetml" in export["Content-Type"]
    # Another institution's sitting: 404. The dean of faculty a: faculty b's sitting is 404, their own opens.
    assert client.get(reverse("university:exam_edit", args=[s.exam_c.pk])).status_code == 404
    act_as(client, world.actors[Role.DEAN])
    assert client.get(reverse("university:exam_edit", args=[s.exam_b.pk])).status_code == 404
    assert client.post(reverse("university:exam_delete", args=[s.exam_b.pk])).status_code == 404
    assert client.get(reverse("university:exam_edit", args=[s.exam_a.pk])).status_code == 200
    assert client.post(reverse("university:exam_delete", args=[s.exam_a.pk])).status_code == 302
    assert not ExamSchedule.objects.filter(pk=s.exam_a.pk).exists()
    assert JournalEntry.objects.filter(object_id=str(s.exam_a.pk), action="delete").exists()
    # A teacher reads only the sittings they examine and cannot edit.
    act_as(client, world.actors[Role.TEACHER])
    mine = client.get(reverse("university:exams"))
    assert {x.group_id for x in mine.context["page"]} == {a.group.pk}
    assert client.get(reverse("university:exam_new")).status_code == 404


def test_the_subject_list_follows_the_group_within_the_editors_scope(client, setup):
    world = setup.world
    a, b = world.a, world.b
    second = add_subject(a.curriculum, SubjectFactory(department=a.department), semester=a.subject.semester)
    subjects = reverse("university:exam_subjects")
    act_as(client, world.actors[Role.ACADEMIC_OFFICE])
    # The form's subject list says where to reload from when the group changes (static/js/app.js).
    form = client.get(reverse("university:exam_new")).content.decode()
    assert f'data-options-url="{subjects}"' in form and 'data-options-for="group"' in form
    # Choosing group a offers exactly a's curriculum's subjects; choosing b's group, b's.
    options = client.get(subjects, {"group": a.group.pk}).json()["options"]
    assert {o["id"] for o in options} == {a.subject.pk, second.pk}
    assert {o["name"].split(" · ")[0] for o in options} == {a.subject.subject.name, second.subject.name}
    assert [o["id"] for o in client.get(subjects, {"group": b.group.pk}).json()["options"]] == [b.subject.pk]
    # Another institution's group, no group, or a non-number: 404.
    for group in (world.c.group.pk, "", "x"):
        assert client.get(subjects, {"group": group}).status_code == 404
    # The dean of faculty a: their group's subjects; faculty b's group is 404.
    act_as(client, world.actors[Role.DEAN])
    assert {o["id"] for o in client.get(subjects, {"group": a.group.pk}).json()["options"]} == {
        a.subject.pk,
        second.pk,
    }
    assert client.get(subjects, {"group": b.group.pk}).status_code == 404
    # Roles that do not edit the schedule do not read it.
    for role in (Role.TEACHER, Role.STUDENT, Role.MANAGEMENT):
        act_as(client, world.actors[role])
        assert client.get(subjects, {"group": a.group.pk}).status_code == 404


def test_a_subject_outside_the_groups_curriculum_is_refused_next_to_the_field(client, setup):
    s, world = setup, setup.world
    a, b = world.a, world.b
    act_as(client, world.actors[Role.ACADEMIC_OFFICE])
    client.cookies["lang"] = "en"
    before = ExamSchedule.objects.count()
    response = client.post(
        reverse("university:exam_new"),
        {
            "group": a.group.pk,
            "curriculum_subject": b.subject.pk,  # faculty b's plan, in the office's scope but not group a's
            "exam_type": "12",
            "final_exam_type": "11",
            "exam_date": s.monday.isoformat(),
            "lesson_pair": LessonPair.objects.get(institution=world.institution, code="14").pk,
            "auditorium": s.hall.pk,
            "employee": a.teacher.pk,
        },
    )
    assert response.status_code == 200 and ExamSchedule.objects.count() == before
    message = "This subject is not in the group&#x27;s curriculum."
    assert response.context["form"].errors == {"curriculum_subject": ["This subject is not in the group's curriculum."]}
    errors = response.content.decode().split('id="id_curriculum_subject_errors"', 1)[1].split("</ul>", 1)[0]
    assert message in errors
    # The list the form comes back with is the chosen group's.
    offered = response.context["form"].fields["curriculum_subject"].queryset
    assert {x.curriculum_id for x in offered} == {a.curriculum.pk}


@pytest.mark.parametrize("kind, locks", [(DataKind.EXAM_SCHEDULE, True), (DataKind.TIMETABLE, False)])
def test_a_closed_exam_schedule_period_locks_exam_sittings_and_a_closed_timetable_does_not(client, setup, kind, locks):
    """The exam schedule has its own deadline kind: closing the lessons' timetable leaves exams editable."""
    s, world = setup, setup.world
    today = timezone.localdate()
    DeadlinePeriod.objects.create(
        institution=world.institution,
        kind=kind,
        period_start=today - dt.timedelta(days=30),
        period_end=today,
        due_at=timezone.now() - dt.timedelta(days=1),
    )
    past = today - dt.timedelta(days=1 if today.weekday() != 0 else 2)
    act_as(client, world.actors[Role.ACADEMIC_OFFICE])
    url = reverse("university:exam_edit", args=[s.exam_a.pk])
    response = client.post(
        url,
        {
            "group": world.a.group.pk,
            "curriculum_subject": world.a.subject.pk,
            "exam_type": "13",
            "final_exam_type": "11",
            "exam_date": past.isoformat(),
            "lesson_pair": s.exam_a.lesson_pair_id,
            "auditorium": s.hall.pk,
            "employee": world.a.teacher.pk,
        },
    )
    s.exam_a.refresh_from_db()
    if locks:
        assert response.status_code == 200 and response.context["form"].errors
        assert s.exam_a.exam_date == s.monday + dt.timedelta(days=1)
    else:
        assert response.status_code == 302
        assert s.exam_a.exam_date == past


def test_the_student_sees_their_groups_sittings_on_the_page_and_in_the_api(client, setup):
    s, world = setup, setup.world
    act_as(client, world.actors[Role.STUDENT])
    page = client.get(reverse("university:my_exams"))
    assert page.status_code == 200
    assert [x.pk for x in page.context["exams"]] == [s.exam_a.pk]
    html = page.content.decode()
    assert world.a.subject.subject.name in html and world.b.subject.subject.name not in html
    overview = client.get(reverse("university:my_overview"))
    assert [x.pk for x in overview.context["upcoming_exams"]] == [s.exam_a.pk]
    rows = ok(bearer(world.a.student.user).get("/rest/v1/education/exam-table"))
    assert [r["id"] for r in rows] == [s.exam_a.pk]
    row = rows[0]
    assert set(row["subject"]) >= {"id", "name"} and row["subject"]["name"] == world.a.subject.subject.name
    assert row["examType"]["code"] == "13" and set(row["examType"]) == {"code", "name"} and row["examType"]["name"]
    assert row["finalExamType"]["code"] == "11"
    assert row["group"]["id"] == world.a.group.pk and row["employee"]["id"] == world.a.teacher.pk
    assert set(row["auditorium"]) >= {"code", "name", "building"} and row["auditorium"]["name"] == "Aula"
    assert set(row["lessonPair"]) >= {"code", "start_time", "end_time"} and row["lessonPair"]["code"] == "12"
    assert isinstance(row["examDate"], int) and dt.datetime.fromtimestamp(
        row["examDate"], tz=timezone.get_current_timezone()
    ).date() == s.monday + dt.timedelta(days=1)
    assert row["semester"]["code"] == world.a.subject.semester
    assert row["educationYear"]["code"] == str(world.a.curriculum.education_year.code)
    failed(bearer(world.a.student.user).get("/rest/v1/education/exam-table?semester=99"), 404)
    other = ok(bearer(world.b.student.user).get("/rest/v1/education/exam-table"))
    assert [r["id"] for r in other] == [s.exam_b.pk]


def test_the_data_api_lists_the_institutions_sittings_with_filters(setup):
    s, world = setup, setup.world
    _token, key = data_token_issue(actor=_actor(world, Role.SUPER_ADMIN), name="Kutubxona")
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    items = ok(api.get("/rest/v1/data/exam-list"))["items"]
    assert {x["id"] for x in items} == {s.exam_a.pk, s.exam_b.pk}
    narrowed = ok(api.get(f"/rest/v1/data/exam-list?_group={world.b.group.pk}&_exam_type=13"))["items"]
    assert [x["id"] for x in narrowed] == [s.exam_b.pk]
    year = world.a.curriculum.education_year.code
    assert ok(api.get(f"/rest/v1/data/exam-list?_education_year={year - 1}"))["items"] == []
    failed(api.get("/rest/v1/data/exam-list?_group=x"), 400)


def test_the_admin_shows_only_the_institutions_sittings_and_refuses_deleting_a_locked_one(client, setup):
    s, world = setup, setup.world
    act_as(client, world.actors[Role.SUPER_ADMIN])
    listing = client.get(reverse("admin:university_examschedule_changelist"))
    assert listing.status_code == 200
    shown = {row.pk for row in listing.context["cl"].result_list}
    assert s.exam_a.pk in shown and s.exam_c.pk not in shown
    assert not ExamSchedule.objects.filter(pk__in=shown).exclude(institution=world.institution).exists()
    today = timezone.localdate()
    DeadlinePeriod.objects.create(
        institution=world.institution,
        kind=DataKind.EXAM_SCHEDULE,
        period_start=today - dt.timedelta(days=400),
        period_end=today + dt.timedelta(days=400),
        due_at=timezone.now() - dt.timedelta(days=1),
    )
    response = client.post(reverse("admin:university_examschedule_delete", args=[s.exam_a.pk]), {"post": "yes"})
    assert response.status_code == 403
    assert ExamSchedule.objects.filter(pk=s.exam_a.pk).exists()
