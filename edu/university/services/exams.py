"""The exam schedule (`e_exam_schedule`): the academic office or the dean puts a group's midterm or final
sitting at a date, pair and auditorium with an examiner. The same clashes as the timetable are refused — the
group, the examiner or the auditorium already taken by a lesson or another exam, or a room too small — and the
timetable's entry deadline applies. Every change is journaled."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from edu.core.errors import ApplicationError
from edu.journal.services import journal_snapshot
from edu.org.actor import Actor
from edu.regulation.services import guard_instance
from edu.university.models import (
    Auditorium,
    CurriculumSemester,
    CurriculumSubject,
    Employee,
    ExamSchedule,
    Lesson,
    LessonPair,
    StudentGroup,
)
from edu.university.services.common import check_same_institution, create, delete, update
from edu.university.services.timetable import (
    Conflict,
    group_sizes,
    lock_slots,
    room_taken,
    room_too_small,
    timetable_editor,
)

# Assessment types that have a sitting: midterms (12, 1-ON 17, 2-ON 18) and the final (13).
EXAM_TYPES = ["12", "13", "17", "18"]
# Sittings (`h_final_exam_type`): 11 first, 12 retake, 13 commission retake.
SITTINGS = ["11", "12", "13"]

# Where each kind of clash is shown on the form.
CONFLICT_FIELDS = {
    "group": "exam_date",
    "teacher": "employee",
    "auditorium": "auditorium",
    "capacity": "auditorium",
}


def exam_conflicts(
    *,
    institution_id: int,
    group: StudentGroup,
    employee: Employee,
    auditorium: Auditorium,
    pair: LessonPair,
    day: dt.date,
    exclude_exam_id: int | None = None,
) -> list[Conflict]:
    """What would clash if `group` sat an exam with `employee` in `auditorium` at `pair` on `day`: lessons and
    other exams of the group, the examiner or the room; and the room's seats against the group's students."""
    busy = Q(group_id=group.pk) | Q(employee_id=employee.pk) | Q(auditorium_id=auditorium.pk)
    when = f"{date_format(day, 'SHORT_DATE_FORMAT')}, {pair.number}"
    lessons = list(
        Lesson.objects.filter(institution_id=institution_id, lesson_pair=pair, lesson_date=day)
        .filter(busy)
        .select_related("group")
    )
    exams = ExamSchedule.objects.filter(institution_id=institution_id, lesson_pair=pair, exam_date=day).filter(busy)
    if exclude_exam_id:
        exams = exams.exclude(pk=exclude_exam_id)
    others: list[tuple[str, Any]] = [("lesson", x) for x in lessons]
    others += [("exam", x) for x in exams.select_related("group")]
    conflicts: list[Conflict] = []
    for what, other in others:
        params = {"when": when, "group": other.group.name}
        if other.group_id == group.pk:
            message = (
                _("%(when)s: group %(group)s has a lesson then.")
                if what == "lesson"
                else _("%(when)s: group %(group)s already has an exam then.")
            )
            conflicts.append(Conflict(day, pair.number, "group", message % params))
        if other.employee_id == employee.pk and other.group_id != group.pk:
            message = (
                _("%(when)s: the examiner teaches group %(group)s then.")
                if what == "lesson"
                else _("%(when)s: the examiner already examines group %(group)s then.")
            )
            conflicts.append(Conflict(day, pair.number, "teacher", message % params))
        if other.auditorium_id == auditorium.pk and other.group_id != group.pk:
            conflicts.append(room_taken(day, pair, when, auditorium, other.group.name))
    return conflicts + room_too_small(day, pair, when, auditorium, group_sizes({group.pk}).get(group.pk, 0))


@transaction.atomic
def exam_save(
    *,
    actor: Actor,
    exam: ExamSchedule | None = None,
    group: StudentGroup,
    curriculum_subject: CurriculumSubject,
    exam_type: str,
    final_exam_type: str,
    exam_date: dt.date,
    lesson_pair: LessonPair,
    auditorium: Auditorium,
    employee: Employee,
) -> ExamSchedule:
    """Create (`exam=None`) or change one sitting. Clashes refuse the change and name every one of them."""
    timetable_editor(actor, group)
    if exam is not None:
        timetable_editor(actor, exam.group)
    check_same_institution(actor, curriculum_subject, lesson_pair, auditorium, employee)
    if curriculum_subject.curriculum_id != group.curriculum_id:
        raise ApplicationError(_("This subject is not in the group's curriculum."), field="curriculum_subject")
    if exam_type not in EXAM_TYPES:
        raise ApplicationError(_("Choose a midterm or a final exam."), field="exam_type")
    if final_exam_type not in SITTINGS:
        raise ApplicationError(_("Choose a sitting."), field="final_exam_type")
    if exam_date.weekday() == 6:
        raise ApplicationError(_("Exams are not held on Sunday."), field="exam_date")
    if not auditorium.active and (exam is None or exam.auditorium_id != auditorium.pk):
        raise ApplicationError(_("This auditorium is not in use."), field="auditorium")
    lock_slots(group.institution_id, lesson_pair, [exam_date])
    conflicts = exam_conflicts(
        institution_id=group.institution_id,
        group=group,
        employee=employee,
        auditorium=auditorium,
        pair=lesson_pair,
        day=exam_date,
        exclude_exam_id=exam.pk if exam else None,
    )
    if conflicts:
        first = conflicts[0]
        raise ApplicationError(first.message, field=CONFLICT_FIELDS[first.kind], extra={"conflicts": conflicts})
    semester = CurriculumSemester.objects.filter(
        curriculum_id=group.curriculum_id, code=curriculum_subject.semester
    ).first()
    values = {
        "institution_id": group.institution_id,
        "faculty_id": group.faculty_id,
        "group": group,
        "curriculum_subject": curriculum_subject,
        "education_year_id": semester.education_year_id if semester else None,
        "exam_type": exam_type,
        "final_exam_type": final_exam_type,
        "exam_date": exam_date,
        "lesson_pair": lesson_pair,
        "auditorium": auditorium,
        "employee": employee,
    }
    duplicate = _("This group already has this sitting of the subject's exam.")
    same = ExamSchedule.objects.filter(
        group=group, curriculum_subject=curriculum_subject, exam_type=exam_type, final_exam_type=final_exam_type
    )
    if exam is not None:
        same = same.exclude(pk=exam.pk)
    if same.exists():
        raise ApplicationError(duplicate, field="final_exam_type")
    if exam is None:
        new = ExamSchedule(**values)
        guard_instance(actor=actor, instance=new)
        return create(new, actor=actor, duplicate_message=duplicate)
    stored = ExamSchedule(institution_id=exam.institution_id, faculty_id=exam.faculty_id, exam_date=exam.exam_date)
    before = journal_snapshot(exam)
    for name, value in values.items():
        setattr(exam, name, value)
    guard_instance(actor=actor, instance=exam, stored=stored)
    return update(exam, before=before, actor=actor)


@transaction.atomic
def exam_delete(*, actor: Actor, exam: ExamSchedule) -> None:
    timetable_editor(actor, exam.group)
    guard_instance(actor=actor, instance=exam)
    delete(exam, actor=actor)
