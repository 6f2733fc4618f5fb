"""Timetable conflicts: teacher, group or auditorium double-booked, auditorium too small; lecture streams allowed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from edu.core.errors import ApplicationError
from edu.org.roles import Role
from edu.org.tests.factories import DepartmentFactory
from edu.regulation.models import DataKind, DeadlinePeriod
from edu.university.models import Auditorium, Building, ExamSchedule, Lesson, LessonPair
from edu.university.services.timetable import lesson_series_create, series_dates
from edu.university.tests.conftest import act_as
from edu.university.tests.factories import assign, build_world, employee_in, group_for, lesson_of, student_in

pytestmark = pytest.mark.django_db


def room(world, capacity: int, name: str = "101") -> Auditorium:  # type: ignore[no-untyped-def]
    building, _ = Building.objects.get_or_create(institution=world.institution, name="A")
    return Auditorium.objects.create(institution=world.institution, building=building, name=name, capacity=capacity)


def next_monday() -> dt.date:
    today = timezone.localdate()
    return today + dt.timedelta(days=7 - today.weekday())


def test_series_dates_every_week_and_every_other_week():
    start = dt.date(2025, 9, 1)  # Monday, ISO week 36
    assert series_dates(weekday=2, date_from=start, date_to=dt.date(2025, 9, 30)) == [
        dt.date(2025, 9, 3),
        dt.date(2025, 9, 10),
        dt.date(2025, 9, 17),
        dt.date(2025, 9, 24),
    ]
    assert series_dates(weekday=2, date_from=start, date_to=dt.date(2025, 9, 30), parity="even") == [
        dt.date(2025, 9, 3),
        dt.date(2025, 9, 17),
    ]


def _actor(world):  # type: ignore[no-untyped-def]
    from edu.org.actor import Actor

    assignment = world.actors[Role.ACADEMIC_OFFICE]
    return Actor(user=assignment.user, assignment=assignment, assignments=[assignment])


def _kinds(exc: pytest.ExceptionInfo) -> set[str]:
    return {c.kind for c in exc.value.extra["conflicts"]}


def test_each_kind_of_conflict_is_found_and_nothing_is_saved():
    world = build_world()
    a = world.a
    actor = _actor(world)
    pair = LessonPair.objects.get(institution=world.institution, code="12")
    small = room(world, 1, "9")
    monday = next_monday()
    span = {"weekday": 0, "date_from": monday, "date_to": monday + dt.timedelta(days=14)}
    lesson_series_create(actor=actor, item=a.assignment, pair=pair, auditorium=room(world, 30), **span)
    before = Lesson.objects.count()
    # Group busy: another subject for the same group at the same time.
    other_teacher = employee_in(a.department)
    other = assign(a.subject, a.group, other_teacher, training_type="11")
    with pytest.raises(ApplicationError) as exc:
        lesson_series_create(actor=actor, item=other, pair=pair, auditorium=room(world, 30, "102"), **span)
    assert "group" in _kinds(exc)
    # Teacher busy: the same teacher with another group.
    group2 = group_for(a.curriculum)
    with pytest.raises(ApplicationError) as exc:
        lesson_series_create(
            actor=actor, item=assign(a.subject, group2, a.teacher), pair=pair, auditorium=room(world, 30, "103"), **span
        )
    assert _kinds(exc) == {"teacher"}
    # Auditorium busy: another teacher and group in the same room.
    group3 = group_for(a.curriculum)
    teacher3 = employee_in(DepartmentFactory(faculty=a.faculty, institution=world.institution))
    item3 = assign(a.subject, group3, teacher3)
    with pytest.raises(ApplicationError) as exc:
        lesson_series_create(actor=actor, item=item3, pair=pair, auditorium=Auditorium.objects.get(name="101"), **span)
    assert _kinds(exc) == {"auditorium"}
    # Too small: 2 students in a 1-seat room.
    student_in(group3)
    student_in(group3)
    with pytest.raises(ApplicationError) as exc:
        lesson_series_create(
            actor=actor,
            item=item3,
            pair=LessonPair.objects.get(institution=world.institution, code="15"),
            auditorium=small,
            **span,
        )
    assert _kinds(exc) == {"capacity"}
    assert len(exc.value.extra["conflicts"]) == 3  # every week of the series is reported
    assert Lesson.objects.count() == before


def test_a_lecture_stream_shares_teacher_and_room_but_must_fit():
    world = build_world()
    a = world.a
    actor = _actor(world)
    pair = LessonPair.objects.get(institution=world.institution, code="13")
    hall = room(world, 3, "Aula")
    monday = next_monday()
    span = {"weekday": 1, "date_from": monday, "date_to": monday + dt.timedelta(days=6)}
    lecture1 = assign(a.subject, a.group, a.teacher, training_type="11")
    group2 = group_for(a.curriculum)
    student_in(group2)
    lecture2 = assign(a.subject, group2, a.teacher, training_type="11")
    lesson_series_create(actor=actor, item=lecture1, pair=pair, auditorium=hall, **span)
    lesson_series_create(actor=actor, item=lecture2, pair=pair, auditorium=hall, **span)  # 1 + 1 students ≤ 3
    group3 = group_for(a.curriculum)
    student_in(group3)
    student_in(group3)
    with pytest.raises(ApplicationError) as exc:
        lesson_series_create(
            actor=actor,
            item=assign(a.subject, group3, a.teacher, training_type="11"),
            pair=pair,
            auditorium=hall,
            **span,
        )
    assert _kinds(exc) == {"capacity"}  # 4 students in 3 seats


def test_the_page_lists_every_conflict(client):
    world = build_world()
    a = world.a
    pair = LessonPair.objects.get(institution=world.institution, code="11")
    act_as(client, world.actors[Role.ACADEMIC_OFFICE])
    day = a.lesson.lesson_date  # the group already has a lesson then (pair 1)
    response = client.post(
        reverse("university:timetable"),
        {
            "assignment": a.assignment.pk,
            "weekday": day.weekday() if day.weekday() < 6 else 0,
            "lesson_pair": pair.pk,
            "date_from": day.isoformat(),
            "date_to": day.isoformat(),
            "parity": "all",
        },
    )
    if day.weekday() == 6:
        pytest.skip("today is Sunday; the series form offers Monday–Saturday")
    assert response.status_code == 200
    assert response.context["conflicts"]
    assert Lesson.objects.filter(group=a.group).count() == 1


def test_week_views_per_group_teacher_and_auditorium(client, django_assert_max_num_queries):
    world = build_world()
    a = world.a
    hall = room(world, 50)
    a.lesson.auditorium = hall
    a.lesson.save()
    act_as(client, world.actors[Role.ACADEMIC_OFFICE])
    week = a.lesson.lesson_date.isoformat()
    for query in (f"group={a.group.pk}", f"teacher={a.teacher.pk}", f"auditorium={hall.pk}"):
        with django_assert_max_num_queries(25):
            response = client.get(reverse("university:timetable") + f"?{query}&week={week}")
        lessons = [lesson for row in response.context["grid"] for cell in row["cells"] for lesson in cell]
        assert [lesson.pk for lesson in lessons] == [a.lesson.pk] or a.lesson.lesson_date.weekday() == 6


def test_moving_a_lesson_checks_conflicts_next_to_the_fields_and_is_journaled(client):
    from edu.journal.models import JournalEntry

    world = build_world()
    a = world.a
    monday = next_monday()
    pair2 = LessonPair.objects.get(institution=world.institution, code="12")
    pair3 = LessonPair.objects.get(institution=world.institution, code="13")
    other = assign(a.subject, a.group, employee_in(a.department), training_type="11")
    lesson_of(other, monday, pair_code="12")  # the group is busy on Monday, pair 2
    act_as(client, world.actors[Role.ACADEMIC_OFFICE])
    url = reverse("university:lesson_edit", args=[a.lesson.pk])
    assert client.get(url).status_code == 200
    busy = client.post(url, {"lesson_date": monday.isoformat(), "lesson_pair": pair2.pk})
    assert busy.status_code == 200
    assert "lesson_date" in busy.context["form"].errors
    student_in(a.group)  # two students now
    small = room(world, 1, "Kichik")
    too_small = client.post(url, {"lesson_date": monday.isoformat(), "lesson_pair": pair3.pk, "auditorium": small.pk})
    assert "auditorium" in too_small.context["form"].errors
    a.lesson.refresh_from_db()
    assert a.lesson.lesson_pair.code == "11"  # nothing moved
    hall = room(world, 40, "Katta")
    moved = client.post(url, {"lesson_date": monday.isoformat(), "lesson_pair": pair3.pk, "auditorium": hall.pk})
    assert moved.status_code == 302
    a.lesson.refresh_from_db()
    assert (a.lesson.lesson_date, a.lesson.lesson_pair_id, a.lesson.auditorium_id) == (monday, pair3.pk, hall.pk)
    assert JournalEntry.objects.filter(object_id=str(a.lesson.pk), action="update").exists()
    # Once the timetable's entry period is closed, a lesson cannot be moved into it.
    today = timezone.localdate()
    DeadlinePeriod.objects.create(
        institution=world.institution,
        kind=DataKind.TIMETABLE,
        period_start=today - dt.timedelta(days=30),
        period_end=today,
        due_at=timezone.now() - dt.timedelta(days=1),
    )
    past = today - dt.timedelta(days=1 if today.weekday() != 0 else 2)
    locked = client.post(url, {"lesson_date": past.isoformat(), "lesson_pair": pair3.pk})
    assert locked.status_code == 200 and locked.context["form"].errors
    a.lesson.refresh_from_db()
    assert a.lesson.lesson_date == monday
    # Another institution's lesson, or the teacher (not an editor): 404 / refused.
    assert client.get(reverse("university:lesson_edit", args=[world.c.lesson.pk])).status_code == 404
    act_as(client, world.actors[Role.DEAN])
    assert client.get(reverse("university:lesson_edit", args=[world.b.lesson.pk])).status_code == 404


def test_a_lesson_may_not_take_the_slot_of_an_exam_sitting():
    world = build_world()
    a = world.a
    actor = _actor(world)
    pair = LessonPair.objects.get(institution=world.institution, code="12")
    hall = room(world, 30)
    monday = next_monday()
    ExamSchedule.objects.create(
        institution=world.institution,
        faculty=a.faculty,
        group=a.group,
        curriculum_subject=a.assignment.curriculum_subject,
        exam_type="13",
        final_exam_type="11",
        exam_date=monday,
        lesson_pair=pair,
        auditorium=hall,
        employee=a.teacher,
    )
    span = {"weekday": 0, "date_from": monday, "date_to": monday}
    before = Lesson.objects.count()
    with pytest.raises(ApplicationError) as exc:
        lesson_series_create(actor=actor, item=a.assignment, pair=pair, auditorium=room(world, 30, "102"), **span)
    assert _kinds(exc) == {"group"}
    group2 = group_for(a.curriculum)
    with pytest.raises(ApplicationError) as exc:
        lesson_series_create(actor=actor, item=assign(a.subject, group2, a.teacher), pair=pair, auditorium=hall, **span)
    assert _kinds(exc) == {"teacher", "auditorium"}
    assert Lesson.objects.count() == before
