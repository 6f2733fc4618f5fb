"""The timetable (`e_subject_schedule`) with conflict detection: a teacher, a group or an auditorium booked
twice, or an auditorium too small. A lecture given to several groups at once (same teacher, room, subject)
is a stream, not a conflict; its room must seat them all."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Q
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from edu.core.errors import ApplicationError
from edu.journal.services import journal_snapshot
from edu.org.actor import Actor
from edu.org.roles import Role
from edu.regulation.services import guard_instance
from edu.university.models import (
    Auditorium,
    ExamSchedule,
    Lesson,
    LessonPair,
    Student,
    StudentGroup,
    StudentStatus,
    TeachingAssignment,
)
from edu.university.selectors.scope import TIMETABLE_EDITORS
from edu.university.services.common import check_faculty, check_same_institution, create, delete, require, update

LECTURE = "11"


class Parity:
    ALL = "all"
    ODD = "odd"
    EVEN = "even"


@dataclass(frozen=True)
class Conflict:
    date: dt.date
    pair: int
    kind: str  # group | teacher | auditorium | capacity
    message: str


def series_dates(*, weekday: int, date_from: dt.date, date_to: dt.date, parity: str = Parity.ALL) -> list[dt.date]:
    """Every `weekday` (0 = Monday) between the dates, in odd or even ISO weeks when asked."""
    first = date_from + dt.timedelta(days=(weekday - date_from.weekday()) % 7)
    days = []
    current = first
    while current <= date_to:
        week = current.isocalendar().week
        if parity == Parity.ALL or (parity == Parity.ODD) == (week % 2 == 1):
            days.append(current)
        current += dt.timedelta(days=7)
    return days


def group_sizes(group_ids: set[int]) -> dict[int, int]:
    rows = (
        Student.objects.filter(group_id__in=group_ids, student_status=StudentStatus.STUDYING)
        .values("group_id")
        .annotate(n=Count("id"))
    )
    return {r["group_id"]: r["n"] for r in rows}


def timetable_conflicts(
    *,
    item: TeachingAssignment,
    auditorium: Auditorium | None,
    pair: LessonPair,
    dates: list[dt.date],
    exclude_lesson_id: int | None = None,
) -> list[Conflict]:
    """What would clash if `item` were taught in `auditorium` at `pair` on each of `dates`: other lessons and
    exam sittings of the group, the teacher or the room, and the room's seats."""
    if not dates:
        return []
    busy = Q(group_id=item.group_id) | Q(employee_id=item.employee_id)
    if auditorium is not None:
        busy |= Q(auditorium_id=auditorium.pk)
    existing = (
        Lesson.objects.filter(institution_id=item.institution_id, lesson_pair=pair, lesson_date__in=dates)
        .filter(busy)
        .select_related("group", "employee__user", "curriculum_subject", "auditorium")
    )
    if exclude_lesson_id:
        existing = existing.exclude(pk=exclude_lesson_id)
    by_date: dict[dt.date, list[Lesson]] = defaultdict(list)
    for lesson in existing:
        by_date[lesson.lesson_date].append(lesson)
    exams_by_date: dict[dt.date, list[ExamSchedule]] = defaultdict(list)
    for exam in (
        ExamSchedule.objects.filter(institution_id=item.institution_id, lesson_pair=pair, exam_date__in=dates)
        .filter(busy)
        .select_related("group")
    ):
        exams_by_date[exam.exam_date].append(exam)
    sizes = group_sizes({item.group_id} | {lesson.group_id for lesson in existing})
    conflicts: list[Conflict] = []
    for day in dates:
        stream_size = sizes.get(item.group_id, 0)
        when = f"{date_format(day, 'SHORT_DATE_FORMAT')}, {pair.number}"
        for other in by_date.get(day, []):
            stream = (
                item.training_type == LECTURE
                and other.training_type == LECTURE
                and other.employee_id == item.employee_id
                and other.auditorium_id == (auditorium.pk if auditorium else None)
                and other.curriculum_subject.subject_id == item.curriculum_subject.subject_id
                and other.group_id != item.group_id
            )
            if other.group_id == item.group_id:
                conflicts.append(
                    Conflict(
                        day,
                        pair.number,
                        "group",
                        _("%(when)s: group %(group)s already has a lesson.") % {"when": when, "group": item.group.name},
                    )
                )
                continue
            if stream:
                stream_size += sizes.get(other.group_id, 0)
                continue
            if other.employee_id == item.employee_id:
                conflicts.append(
                    Conflict(
                        day,
                        pair.number,
                        "teacher",
                        _("%(when)s: the teacher already teaches group %(group)s.")
                        % {"when": when, "group": other.group.name},
                    )
                )
            if auditorium is not None and other.auditorium_id == auditorium.pk:
                conflicts.append(room_taken(day, pair, when, auditorium, other.group.name))
        for exam in exams_by_date.get(day, []):
            conflicts += _exam_clashes(exam, item, auditorium, day, pair, when)
        if auditorium is not None:
            conflicts += room_too_small(day, pair, when, auditorium, stream_size)
    return conflicts


def _exam_clashes(
    exam: ExamSchedule,
    item: TeachingAssignment,
    auditorium: Auditorium | None,
    day: dt.date,
    pair: LessonPair,
    when: str,
) -> list[Conflict]:
    """A lesson of `item` against an exam sitting at the same pair: the group sits it, the teacher examines, or
    the room is taken by it."""
    params = {"when": when, "group": exam.group.name}
    if exam.group_id == item.group_id:
        return [Conflict(day, pair.number, "group", _("%(when)s: group %(group)s already has an exam then.") % params)]
    clashes = []
    if exam.employee_id == item.employee_id:
        clashes.append(
            Conflict(day, pair.number, "teacher", _("%(when)s: the teacher examines group %(group)s then.") % params)
        )
    if auditorium is not None and exam.auditorium_id == auditorium.pk:
        clashes.append(room_taken(day, pair, when, auditorium, exam.group.name))
    return clashes


def room_taken(day: dt.date, pair: LessonPair, when: str, auditorium: Auditorium, group_name: str) -> Conflict:
    """The clash of `auditorium` already used by another group at `pair` on `day` (a lesson or an exam)."""
    return Conflict(
        day,
        pair.number,
        "auditorium",
        _("%(when)s: auditorium %(room)s is taken by group %(group)s.")
        % {"when": when, "room": auditorium.name, "group": group_name},
    )


def room_too_small(day: dt.date, pair: LessonPair, when: str, auditorium: Auditorium, students: int) -> list[Conflict]:
    """The clash of `auditorium` seating fewer than `students` (none when it fits)."""
    if students <= auditorium.capacity:
        return []
    return [
        Conflict(
            day,
            pair.number,
            "capacity",
            _("%(when)s: auditorium %(room)s seats %(seats)d, but %(students)d students come.")
            % {"when": when, "room": auditorium.name, "seats": auditorium.capacity, "students": students},
        )
    ]


def lock_slots(institution_id: int, pair: LessonPair, dates: list[dt.date]) -> None:
    """Lock the lessons and exam sittings already in these slots, so concurrent editors of the same slots (a lesson
    and an exam, or two of either) serialise here (a no-op on SQLite, which serialises writes anyway)."""
    slot = {"institution_id": institution_id, "lesson_pair": pair}
    list(Lesson.objects.select_for_update().filter(lesson_date__in=dates, **slot).values_list("pk", flat=True))
    list(ExamSchedule.objects.select_for_update().filter(exam_date__in=dates, **slot).values_list("pk", flat=True))


def timetable_editor(actor: Actor, obj: TeachingAssignment | StudentGroup) -> None:
    """The timetable and the exam schedule are kept by the academic office and, within their faculty, the dean."""
    require(actor, *TIMETABLE_EDITORS)
    check_same_institution(actor, obj)
    if actor.has_role(Role.DEAN):
        check_faculty(actor, obj.faculty_id)


@transaction.atomic
def lesson_series_create(
    *,
    actor: Actor,
    item: TeachingAssignment,
    pair: LessonPair,
    auditorium: Auditorium | None,
    weekday: int,
    date_from: dt.date,
    date_to: dt.date,
    parity: str = Parity.ALL,
) -> list[Lesson]:
    """Put a teaching assignment into the timetable every week (or every other week) in a date range.
    All or nothing: any conflict refuses the whole series and lists every clash."""
    timetable_editor(actor, item)
    check_same_institution(actor, pair, auditorium)
    if date_from > date_to:
        raise ApplicationError(_("The period ends before it starts."), field="date_to")
    if (date_to - date_from).days > 200:
        raise ApplicationError(_("A series spans at most one semester."), field="date_to")
    if auditorium is not None and not auditorium.active:
        raise ApplicationError(_("This auditorium is not in use."), field="auditorium")
    dates = series_dates(weekday=weekday, date_from=date_from, date_to=date_to, parity=parity)
    if not dates:
        raise ApplicationError(_("No such weekday in this period."), field="weekday")
    lock_slots(item.institution_id, pair, dates)
    conflicts = timetable_conflicts(item=item, auditorium=auditorium, pair=pair, dates=dates)
    if conflicts:
        raise ApplicationError(
            conflicts[0].message
            if len(conflicts) == 1
            else _("%(count)d conflicts: %(first)s …") % {"count": len(conflicts), "first": conflicts[0].message},
            extra={"conflicts": conflicts},
        )
    lessons = []
    for day in dates:
        lesson = Lesson(
            institution_id=item.institution_id,
            faculty_id=item.faculty_id,
            department_id=item.department_id,
            assignment=item,
            group_id=item.group_id,
            curriculum_subject_id=item.curriculum_subject_id,
            training_type=item.training_type,
            employee_id=item.employee_id,
            auditorium=auditorium,
            lesson_pair=pair,
            lesson_date=day,
        )
        guard_instance(actor=actor, instance=lesson)
        lessons.append(create(lesson, actor=actor, duplicate_message=_("The group already has a lesson then.")))
    return lessons


@transaction.atomic
def lesson_delete(*, actor: Actor, lesson: Lesson) -> None:
    timetable_editor(actor, lesson.assignment)
    guard_instance(actor=actor, instance=lesson)
    if lesson.held or lesson.absences.exists():
        raise ApplicationError(_("Attendance has been taken at this lesson; it cannot be removed."))
    delete(lesson, actor=actor)


# Where each kind of clash is shown on the lesson's edit form.
CONFLICT_FIELDS = {
    "group": "lesson_date",
    "teacher": "lesson_date",
    "auditorium": "auditorium",
    "capacity": "auditorium",
}


@transaction.atomic
def lesson_move(
    *,
    actor: Actor,
    lesson: Lesson,
    lesson_date: dt.date,
    pair: LessonPair,
    auditorium: Auditorium | None,
) -> Lesson:
    """Move one lesson to another date, pair or auditorium with the same conflict checks as a new series.
    A held lesson stays where it was; the old and the new date must both be open for entry."""
    item = lesson.assignment
    timetable_editor(actor, item)
    check_same_institution(actor, pair, auditorium)
    if lesson.held or lesson.absences.exists():
        raise ApplicationError(_("Attendance has been taken at this lesson; it cannot be moved."))
    if auditorium is not None and not auditorium.active and auditorium.pk != lesson.auditorium_id:
        raise ApplicationError(_("This auditorium is not in use."), field="auditorium")
    if lesson_date.weekday() == 6:
        raise ApplicationError(_("Lessons are not held on Sunday."), field="lesson_date")
    lock_slots(item.institution_id, pair, [lesson_date])
    conflicts = timetable_conflicts(
        item=item, auditorium=auditorium, pair=pair, dates=[lesson_date], exclude_lesson_id=lesson.pk
    )
    if conflicts:
        first = conflicts[0]
        raise ApplicationError(first.message, field=CONFLICT_FIELDS[first.kind], extra={"conflicts": conflicts})
    stored = Lesson(institution_id=lesson.institution_id, faculty_id=lesson.faculty_id, lesson_date=lesson.lesson_date)
    before = journal_snapshot(lesson)
    lesson.lesson_date, lesson.lesson_pair, lesson.auditorium = lesson_date, pair, auditorium
    guard_instance(actor=actor, instance=lesson, stored=stored)
    return update(lesson, before=before, actor=actor, fields=["lesson_date", "lesson_pair", "auditorium"])
