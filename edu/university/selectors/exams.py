"""Reads of the exam schedule within the actor's scope: students see their group's sittings, teachers the
sittings they examine, a head of department their department's subjects, the dean's office and the academic
office their faculty or institution. Anything else is the empty set (a sitting outside it answers 404)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet

from edu.core.access import get_in_scope_or_404
from edu.org.actor import Actor
from edu.org.roles import Role
from edu.university.models import CurriculumSubject, ExamSchedule, StudentGroup
from edu.university.selectors.scope import NOTHING
from edu.university.selectors.study import curriculum_subject_list, group_list

EXAM_RELATED = (
    "group",
    "curriculum_subject__subject",
    "employee__user",
    "auditorium__building",
    "lesson_pair",
    "education_year",
)


def exam_q(actor: Actor) -> Q:
    a = actor.assignment
    if a is None:
        return NOTHING
    if a.role == Role.STUDENT:
        return Q(institution_id=a.institution_id, group__students__user=actor.user)
    if a.role == Role.TEACHER:
        return Q(institution_id=a.institution_id, employee__user=actor.user)
    if a.role == Role.HEAD_OF_DEPARTMENT:
        return Q(institution_id=a.institution_id, curriculum_subject__department_id=a.department_id)
    if a.role in (Role.DEAN, Role.ACADEMIC_OFFICE, Role.MANAGEMENT, Role.SUPER_ADMIN):
        return actor.scope_q(institution="institution", faculty="faculty", department=None)
    return NOTHING


def exam_list(
    *,
    actor: Actor,
    group_id: int | None = None,
    exam_type: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> QuerySet[ExamSchedule]:
    qs = ExamSchedule.objects.filter(exam_q(actor)).select_related(*EXAM_RELATED)
    if group_id:
        qs = qs.filter(group_id=group_id)
    if exam_type:
        qs = qs.filter(exam_type=exam_type)
    if date_from:
        qs = qs.filter(exam_date__gte=date_from)
    if date_to:
        qs = qs.filter(exam_date__lte=date_to)
    return qs.order_by("exam_date", "lesson_pair__code", "group__name")


def access_exam_by_id(actor: Actor, pk: object) -> ExamSchedule:
    return get_in_scope_or_404(exam_list(actor=actor), pk)


def exam_group_list(*, actor: Actor) -> QuerySet[StudentGroup]:
    """Groups a sitting may be put for: the active groups in the actor's scope."""
    return group_list(actor=actor).filter(active=True)


def access_exam_group_by_id(actor: Actor, pk: object) -> StudentGroup:
    return get_in_scope_or_404(exam_group_list(actor=actor), pk)


def exam_subject_list(*, actor: Actor, group: StudentGroup | None = None) -> QuerySet[CurriculumSubject]:
    """Subjects a sitting may be for, in the actor's scope: the group's curriculum's once the group is known."""
    qs = curriculum_subject_list(actor=actor).select_related("curriculum")
    if group is not None:
        qs = qs.filter(curriculum_id=group.curriculum_id)
    return qs


def student_exams(*, student: Any, semester: str | None = None) -> QuerySet[ExamSchedule]:
    """The student's own group's sittings (the student record was reached through their scope)."""
    if not student.group_id:
        return ExamSchedule.objects.none()
    qs = ExamSchedule.objects.filter(institution_id=student.institution_id, group_id=student.group_id)
    if semester:
        qs = qs.filter(curriculum_subject__semester=semester)
    return qs.select_related(*EXAM_RELATED).order_by("exam_date", "lesson_pair__code")
