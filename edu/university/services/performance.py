"""The teacher's journal entries: attendance per lesson, points per assessment type, and the final grade
sheet (qaydnoma) that turns points into 5-point grades — approved by another person when maker–checker is on."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from edu.core.errors import ApplicationError
from edu.journal.services import journal_snapshot
from edu.org.actor import Actor
from edu.regulation.models import ApprovalKind
from edu.regulation.services import approval_submit, guard_instance, maker_checker_enabled
from edu.university.models import (
    AUDITORIUM_TRAINING_TYPES,
    AcademicRecord,
    Attendance,
    CurriculumSemester,
    CurriculumSubject,
    CurriculumSubjectDetail,
    FinalSheet,
    GradeBorder,
    Lesson,
    MarkingSystem,
    Performance,
    RecordStatus,
    Student,
    StudentStatus,
    TeachingAssignment,
)
from edu.university.services.common import create, delete, update
from edu.university.services.teaching import teacher_assignment

AttendanceMark = Literal["present", "excused", "unexcused"]
FINAL_EXAM = "13"
# 824 §41: unexcused absence of this share of a subject's auditorium hours excludes the student from YN.
EXCLUSION_SHARE = Decimal("0.25")
HOURS_PER_PAIR = 2
# JN (current) and ON (midterm): DOMAIN §1.3 — a student needs ≥ 60 % (configurable per marking system) of their
# maximum points to sit YN (the final assessment).
CURRENT_TYPES = ("11", "12")


def roster(*, group_id: int, curriculum_subject: CurriculumSubject) -> list[Student]:
    """Studying students of the group who take the subject (for an elective: those who chose it)."""
    qs = Student.objects.filter(group_id=group_id, student_status=StudentStatus.STUDYING).select_related("user")
    if curriculum_subject.is_elective:
        qs = qs.filter(elective_choices__curriculum_subject=curriculum_subject)
    return list(qs.order_by("user__surname", "user__first_name"))


# --- attendance ------------------------------------------------------------------------------------------------


def auditorium_hours(curriculum_subject_id: int) -> int:
    total = CurriculumSubjectDetail.objects.filter(
        curriculum_subject_id=curriculum_subject_id, training_type__in=AUDITORIUM_TRAINING_TYPES
    ).aggregate(total=Sum("academic_load"))["total"]
    return int(total or 0)


def auditorium_hours_map(curriculum_subject_ids: list[int]) -> dict[int, int]:
    rows = (
        CurriculumSubjectDetail.objects.filter(
            curriculum_subject_id__in=curriculum_subject_ids, training_type__in=AUDITORIUM_TRAINING_TYPES
        )
        .values("curriculum_subject_id")
        .annotate(total=Sum("academic_load"))
    )
    return {r["curriculum_subject_id"]: int(r["total"] or 0) for r in rows}


def unexcused_hours(*, student_ids: list[int], curriculum_subject_id: int) -> dict[int, int]:
    rows = (
        Attendance.objects.filter(student_id__in=student_ids, curriculum_subject_id=curriculum_subject_id)
        .values("student_id")
        .annotate(off=Sum("absent_off"))
    )
    return {r["student_id"]: int(r["off"] or 0) for r in rows}


def excluded_from_final(*, unexcused: int, hours: int) -> bool:
    """The 25 % rule: unexcused absence of at least a quarter of the auditorium hours."""
    return hours > 0 and Decimal(unexcused) >= EXCLUSION_SHARE * hours


def _current_keys(max_balls: dict[str, Decimal]) -> list[str]:
    """The plan's JN and ON types (or their sub-types when the plan lists those instead)."""
    return [
        t
        for t in max_balls
        if t in CURRENT_TYPES or (SUB_TYPES.get(t) in CURRENT_TYPES and SUB_TYPES[t] not in max_balls)
    ]


def current_points(*, points: dict[str, Decimal], max_balls: dict[str, Decimal]) -> Decimal:
    return sum((points.get(t, Decimal(0)) for t in _current_keys(max_balls)), Decimal(0))


def admission_need(*, max_balls: dict[str, Decimal], percent: int) -> Decimal:
    """The JN + ON points a student needs for the final assessment."""
    maximum = sum((max_balls[t] for t in _current_keys(max_balls)), Decimal(0))
    return (maximum * percent / 100).quantize(Decimal("0.1"), ROUND_HALF_UP)


def admitted_to_final(*, points: dict[str, Decimal], max_balls: dict[str, Decimal], percent: int) -> bool:
    """Whether JN + ON reach `percent` of their maximum (always, when the plan has neither)."""
    maximum = sum((max_balls[t] for t in _current_keys(max_balls)), Decimal(0))
    if not maximum:
        return True
    return current_points(points=points, max_balls=max_balls) * 100 >= Decimal(percent) * maximum


def points_by_student(
    *, student_ids: list[int], performances: list[Performance], max_balls: dict[str, Decimal]
) -> dict[int, dict[str, Decimal]]:
    """Each student's points per assessment type of the plan. Sub-types (1-JN, 2-JN, 1-ON, 2-ON) add up into
    their parent when the plan gives the parent's maximum; for the final assessment the last sitting counts."""
    by_student: dict[int, dict[str, Decimal]] = {sid: {} for sid in student_ids}
    for p in sorted(performances, key=lambda p: p.final_exam_type):
        if p.student_id not in by_student:
            continue
        key = SUB_TYPES.get(p.exam_type, p.exam_type)
        if key not in max_balls and p.exam_type in max_balls:
            key = p.exam_type
        if p.exam_type == FINAL_EXAM:
            by_student[p.student_id][key] = p.points
        else:
            by_student[p.student_id][key] = by_student[p.student_id].get(key, Decimal(0)) + p.points
    return by_student


@transaction.atomic
def attendance_mark(
    *, actor: Actor, lesson: Lesson, marks: dict[int, AttendanceMark], hours: int = HOURS_PER_PAIR
) -> Lesson:
    """The teacher takes attendance at a lesson: present, absent with a reason, absent without one."""
    teacher_assignment(actor, lesson.assignment)
    if lesson.lesson_date > timezone.localdate():
        raise ApplicationError(_("Attendance is taken on the day of the lesson or later, not in advance."))
    students = {s.pk: s for s in roster(group_id=lesson.group_id, curriculum_subject=lesson.curriculum_subject)}
    unknown = set(marks) - set(students)
    if unknown:
        raise ApplicationError(_("Some students are not in this group."))
    existing = {a.student_id: a for a in Attendance.objects.select_for_update().filter(lesson=lesson)}
    probe = Attendance(
        institution_id=lesson.institution_id,
        faculty_id=lesson.faculty_id,
        department_id=lesson.department_id,
        lesson_date=lesson.lesson_date,
    )
    guard_instance(actor=actor, instance=probe)
    for student_id, mark in marks.items():
        row = existing.get(student_id)
        if mark == "present":
            if row is not None:
                delete(row, actor=actor)
            continue
        absent_on, absent_off = (hours, 0) if mark == "excused" else (0, hours)
        if row is None:
            create(
                Attendance(
                    institution_id=lesson.institution_id,
                    faculty_id=lesson.faculty_id,
                    department_id=lesson.department_id,
                    lesson=lesson,
                    student_id=student_id,
                    group_id=lesson.group_id,
                    curriculum_subject_id=lesson.curriculum_subject_id,
                    lesson_date=lesson.lesson_date,
                    absent_on=absent_on,
                    absent_off=absent_off,
                ),
                actor=actor,
            )
        elif (row.absent_on, row.absent_off) != (absent_on, absent_off):
            before = journal_snapshot(row)
            row.absent_on, row.absent_off = absent_on, absent_off
            update(row, before=before, actor=actor, fields=["absent_on", "absent_off", "updated_at"])
    if not lesson.held:
        before = journal_snapshot(lesson)
        lesson.held = True
        update(lesson, before=before, actor=actor, fields=["held"])
    return lesson


# --- points ----------------------------------------------------------------------------------------------------


@transaction.atomic
def performance_set(
    *,
    actor: Actor,
    item: TeachingAssignment,
    exam_type: str,
    values: dict[int, Decimal | None],
    exam_date: dt.date,
    final_exam_type: str = "11",
) -> int:
    """Points of one assessment type for the group (a blank removes them). Returns how many changed."""
    employee = teacher_assignment(actor, item)
    subject = item.curriculum_subject
    limits = dict(subject.exam_types.values_list("exam_type", "max_ball"))
    if exam_type not in limits:
        raise ApplicationError(_("This assessment type is not planned for the subject."), field="exam_type")
    if exam_date > timezone.localdate():
        raise ApplicationError(_("Points are entered for a date that has come."), field="exam_date")
    students = {s.pk: s for s in roster(group_id=item.group_id, curriculum_subject=subject)}
    if set(values) - set(students):
        raise ApplicationError(_("Some students are not in this group."))
    finals = set(
        AcademicRecord.objects.filter(
            curriculum_subject=subject,
            student_id__in=list(values),
            status__in=[RecordStatus.PENDING, RecordStatus.APPROVED],
        ).values_list("student_id", flat=True)
    )
    excluded: set[int] = set()
    not_admitted: dict[int, Decimal] = {}
    need = Decimal(0)
    if exam_type == FINAL_EXAM:
        hours = auditorium_hours(subject.pk)
        off = unexcused_hours(student_ids=list(values), curriculum_subject_id=subject.pk)
        excluded = {sid for sid in values if excluded_from_final(unexcused=off.get(sid, 0), hours=hours)}
        system = subject.curriculum.marking_system
        if not system.is_five_point:
            current = points_by_student(
                student_ids=list(values),
                performances=list(
                    Performance.objects.filter(curriculum_subject=subject, student_id__in=list(values)).exclude(
                        exam_type=FINAL_EXAM
                    )
                ),
                max_balls=limits,
            )
            percent = system.final_admission_percent
            need = admission_need(max_balls=limits, percent=percent)
            not_admitted = {
                sid: current_points(points=current[sid], max_balls=limits)
                for sid in values
                if not admitted_to_final(points=current[sid], max_balls=limits, percent=percent)
            }
    existing = {
        p.student_id: p
        for p in Performance.objects.select_for_update().filter(
            curriculum_subject=subject,
            exam_type=exam_type,
            final_exam_type=final_exam_type,
            student_id__in=list(values),
        )
    }
    changed = 0
    for student_id, points in values.items():
        row = existing.get(student_id)
        if row is None and points is None:
            continue
        if row is not None and points is not None and row.points == points and row.exam_date == exam_date:
            continue
        name = students[student_id].user.get_full_name()
        if student_id in finals:
            raise ApplicationError(
                _("%(name)s: the final grade has been submitted; points are closed.") % {"name": name}
            )
        if points is not None and not Decimal(0) <= points <= limits[exam_type]:
            raise ApplicationError(
                _("%(name)s: points are from 0 to %(max)s.") % {"name": name, "max": limits[exam_type]}
            )
        if points is not None and student_id in excluded:
            raise ApplicationError(
                _("%(name)s missed 25%% or more of the classes without a reason and may not sit the final assessment.")
                % {"name": name}
            )
        if points is not None and student_id in not_admitted:
            raise ApplicationError(
                _(
                    "%(name)s has %(have)s current and midterm points of the %(need)s needed and may not sit the "
                    "final assessment."
                )
                % {"name": name, "have": not_admitted[student_id], "need": need}
            )
        if row is None:
            assert points is not None
            row = Performance(
                institution_id=item.institution_id,
                faculty_id=item.faculty_id,
                department_id=item.department_id,
                student_id=student_id,
                group_id=item.group_id,
                curriculum_subject=subject,
                exam_type=exam_type,
                final_exam_type=final_exam_type,
                points=points,
                exam_date=exam_date,
                employee=employee,
            )
            guard_instance(actor=actor, instance=row)
            create(row, actor=actor)
        elif points is None:
            guard_instance(actor=actor, instance=row)
            delete(row, actor=actor)
        else:
            stored = Performance(
                institution_id=row.institution_id,
                faculty_id=row.faculty_id,
                department_id=row.department_id,
                exam_date=row.exam_date,
            )
            before = journal_snapshot(row)
            row.points, row.exam_date, row.employee = points, exam_date, employee
            guard_instance(actor=actor, instance=row, stored=stored)
            update(row, before=before, actor=actor)
        changed += 1
    return changed


# --- the final grade -------------------------------------------------------------------------------------------


def grade_for(total: Decimal, borders: list[tuple[int, Decimal]]) -> int:
    """The 5-point grade of a total under the institution's borders (highest grade whose border it reaches)."""
    for grade, minimum in sorted(borders, key=lambda b: -b[0]):
        if total >= minimum:
            return grade
    return 2


def subject_total(*, points: dict[str, Decimal], max_balls: dict[str, Decimal], five_point: bool) -> Decimal:
    """The subject's total: the points of its assessment types out of 100 (scaled when the maxima do not add
    up to 100); under the 5-point system, the average of the marks."""
    if five_point:
        marks = [points[t] for t in max_balls if t in points]
        if not marks:
            return Decimal("0")
        return (sum(marks, Decimal(0)) / len(marks)).quantize(Decimal("0.01"), ROUND_HALF_UP)
    total = sum((points.get(t, Decimal(0)) for t in max_balls), Decimal(0))
    maximum = sum(max_balls.values(), Decimal(0))
    if maximum and maximum != 100:
        total = total * 100 / maximum
    return total.quantize(Decimal("0.1"), ROUND_HALF_UP)


@dataclass(frozen=True)
class FinalRow:
    student: Student
    total: Decimal
    grade: int
    excluded: bool
    admitted: bool = True


SUB_TYPES = {"15": "11", "16": "11", "17": "12", "18": "12"}


def final_rows(
    *,
    students: list[Student],
    performances: list[Performance],
    max_balls: dict[str, Decimal],
    borders: list[tuple[int, Decimal]],
    five_point: bool,
    unexcused: dict[int, int],
    hours: int,
    admission_percent: int = 60,
) -> list[FinalRow]:
    """Each student's total and 5-point grade from their points (pure: the caller loads the data).

    Sub-types (1-JN, 2-JN, 1-ON, 2-ON) add up into their parent when the plan gives the parent's maximum;
    for the final assessment the last sitting counts (a retake replaces the first result).
    """
    by_student = points_by_student(student_ids=[s.pk for s in students], performances=performances, max_balls=max_balls)
    rows = []
    for student in students:
        points = by_student[student.pk]
        total = subject_total(points=points, max_balls=max_balls, five_point=five_point)
        excluded = excluded_from_final(unexcused=unexcused.get(student.pk, 0), hours=hours)
        missing_final = FINAL_EXAM in max_balls and FINAL_EXAM not in points
        admitted = (
            five_point
            or FINAL_EXAM not in max_balls
            or admitted_to_final(points=points, max_balls=max_balls, percent=admission_percent)
        )
        grade = 2 if excluded or missing_final or not admitted else grade_for(total, borders)
        rows.append(FinalRow(student, total, grade, excluded, admitted))
    return rows


def final_sheet_preview(*, item: TeachingAssignment, students: list[Student] | None = None) -> list[FinalRow]:
    """Each student's total and grade as the sheet would record them now."""
    subject = item.curriculum_subject
    system: MarkingSystem = subject.curriculum.marking_system
    students = students if students is not None else roster(group_id=item.group_id, curriculum_subject=subject)
    ids = [s.pk for s in students]
    return final_rows(
        students=students,
        performances=list(Performance.objects.filter(curriculum_subject=subject, student_id__in=ids)),
        max_balls=dict(subject.exam_types.values_list("exam_type", "max_ball")),
        borders=list(GradeBorder.objects.filter(marking_system=system).values_list("grade", "min_value")),
        five_point=system.is_five_point,
        unexcused=unexcused_hours(student_ids=ids, curriculum_subject_id=subject.pk),
        hours=auditorium_hours(subject.pk),
        admission_percent=system.final_admission_percent,
    )


def _semester(subject: CurriculumSubject) -> CurriculumSemester | None:
    return (
        CurriculumSemester.objects.filter(curriculum_id=subject.curriculum_id, code=subject.semester)
        .select_related("education_year")
        .first()
    )


@transaction.atomic
def final_sheet_submit(*, actor: Actor, item: TeachingAssignment) -> FinalSheet:
    """Close the subject for the group: each student's total and 5-point grade become the final grade.
    With maker–checker on, they count only after the head of department or the dean approves."""
    teacher_assignment(actor, item)
    subject = item.curriculum_subject
    if FinalSheet.objects.filter(
        curriculum_subject=subject, group=item.group, status__in=[RecordStatus.PENDING, RecordStatus.APPROVED]
    ).exists():
        raise ApplicationError(_("The final grades of this subject have already been submitted."))
    semester = _semester(subject)
    if semester is None:
        raise ApplicationError(_("The curriculum has no such semester."))
    record_date = min(timezone.localdate(), semester.end_date)
    rows = final_sheet_preview(item=item)
    if not rows:
        raise ApplicationError(_("The group has no students for this subject."))
    approved = not maker_checker_enabled(institution_id=item.institution_id, kind=ApprovalKind.FINAL_GRADES)
    status = RecordStatus.APPROVED if approved else RecordStatus.PENDING
    sheet = create(
        FinalSheet(
            institution_id=item.institution_id,
            faculty_id=item.faculty_id,
            department_id=item.department_id,
            group_id=item.group_id,
            curriculum_subject=subject,
            status=status,
            created_by=actor.user,
        ),
        actor=actor,
    )
    for old in AcademicRecord.objects.filter(
        curriculum_subject=subject, group_id=item.group_id, status=RecordStatus.REJECTED
    ):
        guard_instance(actor=actor, instance=old)
        delete(old, actor=actor)
    for row in rows:
        student = row.student
        record = AcademicRecord(
            institution_id=item.institution_id,
            faculty_id=item.faculty_id,
            department_id=item.department_id,
            student=student,
            group_id=item.group_id,
            curriculum_subject=subject,
            education_year=semester.education_year.code,
            semester=subject.semester,
            subject_name=subject.subject.name,
            credit=subject.credit,
            total_point=row.total,
            grade=row.grade,
            rating_grade=subject.rating_grade,
            record_date=record_date,
            status=status,
            batch=sheet,
        )
        guard_instance(actor=actor, instance=record)
        create(record, actor=actor, duplicate_message=_("A final grade already exists for a student."))
    if not approved:
        approval_submit(
            actor=actor,
            kind=ApprovalKind.FINAL_GRADES,
            instance=sheet,
            institution_id=item.institution_id,
            faculty_id=item.faculty_id,
            department_id=item.department_id,
            summary=_("%(count)d student(s)") % {"count": len(rows)},
        )
    return sheet


def _sheet_decide(object_id: str, actor: Actor, status: str) -> None:
    sheet = FinalSheet.objects.select_for_update().get(pk=int(object_id))
    if sheet.status != RecordStatus.PENDING:
        raise ApplicationError(_("This sheet is not waiting for approval."))
    before = journal_snapshot(sheet)
    sheet.status = status
    update(sheet, before=before, actor=actor, fields=["status"])
    for record in AcademicRecord.objects.filter(batch=sheet):
        r_before = journal_snapshot(record)
        record.status = status
        update(record, before=r_before, actor=actor, fields=["status"])


def final_sheet_approve(object_id: str, actor: Actor) -> None:
    _sheet_decide(object_id, actor, RecordStatus.APPROVED)


def final_sheet_reject(object_id: str, actor: Actor) -> None:
    _sheet_decide(object_id, actor, RecordStatus.REJECTED)
