"""Reads of teaching assignments, the timetable and the teacher's journal, within the actor's scope."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from edu.core.access import get_in_scope_or_404
from edu.org.actor import Actor
from edu.org.roles import Role
from edu.university.models import (
    AcademicRecord,
    Attendance,
    CurriculumSubjectExamType,
    FinalSheet,
    Lesson,
    Performance,
    RecordStatus,
    Resource,
    Submission,
    Task,
    TeachingAssignment,
    Topic,
)
from edu.university.selectors.scope import NOTHING, assignment_q, lesson_q


def assignment_list(
    *, actor: Actor, q: str = "", group_id: int | None = None, employee_id: int | None = None
) -> QuerySet[TeachingAssignment]:
    qs = TeachingAssignment.objects.filter(assignment_q(actor)).select_related(
        "group", "curriculum_subject__subject", "employee__user", "department"
    )
    if q:
        qs = qs.filter(
            Q(group__name__icontains=q)
            | Q(curriculum_subject__subject__name__icontains=q)
            | Q(employee__user__surname__icontains=q)
        )
    if group_id:
        qs = qs.filter(group_id=group_id)
    if employee_id:
        qs = qs.filter(employee_id=employee_id)
    return qs


def _count(model: Any, **filters: Any) -> Coalesce:
    sub = model.objects.filter(**filters).order_by().values(next(iter(filters))).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(sub, output_field=IntegerField()), 0)


def assignment_monitoring(qs: QuerySet[TeachingAssignment]) -> QuerySet[TeachingAssignment]:
    """H2.6: what the head of department checks — topics, resources and tasks entered, classes held."""
    return qs.annotate(
        topic_count=_count(
            Topic, curriculum_subject_id=OuterRef("curriculum_subject_id"), training_type=OuterRef("training_type")
        ),
        resource_count=_count(Resource, curriculum_subject_id=OuterRef("curriculum_subject_id")),
        task_count=_count(Task, assignment_id=OuterRef("pk")),
        lesson_count=_count(Lesson, assignment_id=OuterRef("pk")),
        held_count=_count(Lesson, assignment_id=OuterRef("pk"), held=True),
    )


def access_assignment_by_id(actor: Actor, pk: object) -> TeachingAssignment:
    return get_in_scope_or_404(
        assignment_list(actor=actor).select_related(
            "curriculum_subject__curriculum__marking_system", "group__curriculum", "faculty"
        ),
        pk,
    )


def lesson_list(*, actor: Actor) -> QuerySet[Lesson]:
    return Lesson.objects.filter(lesson_q(actor)).select_related(
        "group", "curriculum_subject__subject", "employee__user", "auditorium", "lesson_pair", "assignment"
    )


def access_lesson_by_id(actor: Actor, pk: object) -> Lesson:
    return get_in_scope_or_404(lesson_list(actor=actor), pk)


def week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def timetable_week(
    *,
    actor: Actor,
    start: dt.date,
    group_id: int | None = None,
    employee_id: int | None = None,
    auditorium_id: int | None = None,
) -> list[Lesson]:
    """One week (Monday–Saturday) of lessons seen by the actor, narrowed to a group, teacher or auditorium."""
    qs = lesson_list(actor=actor).filter(lesson_date__gte=start, lesson_date__lt=start + dt.timedelta(days=7))
    if group_id:
        qs = qs.filter(group_id=group_id)
    if employee_id:
        qs = qs.filter(employee_id=employee_id)
    if auditorium_id:
        qs = qs.filter(auditorium_id=auditorium_id)
    return list(qs.order_by("lesson_date", "lesson_pair__code", "group__name"))


def student_week(*, student: Any, start: dt.date) -> list[Lesson]:
    """The acting student's own group's week (the student record was reached through their scope)."""
    if not student.group_id:
        return []
    return list(
        Lesson.objects.filter(
            group_id=student.group_id, lesson_date__gte=start, lesson_date__lt=start + dt.timedelta(days=7)
        )
        .select_related("group", "curriculum_subject__subject", "employee__user", "auditorium", "lesson_pair")
        .order_by("lesson_date", "lesson_pair__code")
    )


def timetable_grid(lessons: list[Lesson], start: dt.date, pairs: list[Any]) -> list[dict[str, Any]]:
    """Rows of pairs × columns of days for a week view."""
    days = [start + dt.timedelta(days=i) for i in range(6)]
    cells: dict[tuple[dt.date, int], list[Lesson]] = defaultdict(list)
    for lesson in lessons:
        cells[(lesson.lesson_date, lesson.lesson_pair_id)].append(lesson)
    return [{"pair": pair, "cells": [cells.get((day, pair.pk), []) for day in days]} for pair in pairs]


def journal_data(*, item: TeachingAssignment, students: list[Any], tab: str) -> dict[str, Any]:
    """What the journal page shows for one assignment and tab, in a fixed number of queries."""
    subject = item.curriculum_subject
    ids = [s.pk for s in students]
    data: dict[str, Any] = {
        "topic_count": Topic.objects.filter(curriculum_subject=subject, training_type=item.training_type).count(),
        "resource_count": Resource.objects.filter(curriculum_subject=subject).count(),
        "task_count": Task.objects.filter(assignment=item).count(),
        "lessons": [],
        "absences": defaultdict(dict),
        "exam_types": [],
        "points": defaultdict(dict),
        "performances": [],
        "finals": {},
        "sheet": None,
        "topics": [],
        "resources": [],
        "tasks": [],
    }
    if tab == "attendance":
        data["lessons"] = list(
            Lesson.objects.filter(assignment=item)
            .select_related("lesson_pair", "auditorium")
            .order_by("lesson_date", "lesson_pair__code")
        )
        for a in Attendance.objects.filter(lesson__assignment=item, student_id__in=ids):
            data["absences"][a.student_id][a.lesson_id] = a
    elif tab == "points":
        data["exam_types"] = list(
            CurriculumSubjectExamType.objects.filter(curriculum_subject=subject).order_by("exam_type")
        )
        data["performances"] = list(Performance.objects.filter(curriculum_subject=subject, student_id__in=ids))
        for p in sorted(data["performances"], key=lambda p: p.final_exam_type):
            data["points"][p.student_id][p.exam_type] = p.points
        data["finals"] = {
            r.student_id: r for r in AcademicRecord.objects.filter(curriculum_subject=subject, student_id__in=ids)
        }
        data["sheet"] = (
            FinalSheet.objects.filter(curriculum_subject=subject, group_id=item.group_id)
            .exclude(status=RecordStatus.REJECTED)
            .first()
        )
    elif tab == "topics":
        data["topics"] = list(Topic.objects.filter(curriculum_subject=subject, training_type=item.training_type))
    elif tab == "resources":
        data["resources"] = list(Resource.objects.filter(curriculum_subject=subject).select_related("topic"))
    else:
        data["tasks"] = list(
            Task.objects.filter(assignment=item).annotate(submission_count=Count("submissions")).order_by("-deadline")
        )
    return data


def task_list(*, actor: Actor) -> QuerySet[Task]:
    a = actor.assignment
    if a is not None and a.role == Role.STUDENT:
        return Task.objects.filter(
            institution_id=a.institution_id, assignment__group__students__user=actor.user
        ).select_related("assignment__curriculum_subject__subject", "assignment__employee__user")
    scope = assignment_q(actor)
    if scope == NOTHING:
        return Task.objects.none()
    ids = TeachingAssignment.objects.filter(scope).values("pk")
    return Task.objects.filter(assignment_id__in=ids).select_related(
        "assignment__curriculum_subject__subject", "assignment__group", "assignment__employee__user"
    )


def access_task_by_id(actor: Actor, pk: object) -> Task:
    return get_in_scope_or_404(task_list(actor=actor), pk)


def task_submissions(*, task: Task) -> QuerySet[Submission]:
    return Submission.objects.filter(task=task).select_related("student__user", "reviewed_by__user")


def access_submission_by_id(actor: Actor, task: Task, pk: object) -> Submission:
    return get_in_scope_or_404(task_submissions(task=task), pk)


def final_sheet_list(*, actor: Actor) -> QuerySet[FinalSheet]:
    a = actor.assignment
    if a is not None and a.role == Role.TEACHER:
        scope = Q(institution_id=a.institution_id, created_by=actor.user)
    else:
        scope = assignment_q(actor)
    return FinalSheet.objects.filter(scope).select_related(
        "group", "curriculum_subject__subject", "created_by", "department"
    )


def access_final_sheet_by_id(actor: Actor, pk: object) -> FinalSheet:
    return get_in_scope_or_404(final_sheet_list(actor=actor), pk)


def final_sheet_records(*, sheet: FinalSheet) -> QuerySet[AcademicRecord]:
    return (
        AcademicRecord.objects.filter(batch=sheet)
        .select_related("student__user")
        .order_by("student__user__surname", "student__user__first_name")
    )


def topic_queryset(*, item: TeachingAssignment) -> QuerySet[Topic]:
    return Topic.objects.filter(curriculum_subject_id=item.curriculum_subject_id, training_type=item.training_type)


def access_resource_by_id(*, item: TeachingAssignment, pk: object) -> Resource:
    """A resource of the assignment's subject (the assignment itself was reached through the actor's scope)."""
    return get_in_scope_or_404(Resource.objects.filter(curriculum_subject_id=item.curriculum_subject_id), pk)


def get_submission(submissions: QuerySet[Submission], pk: object) -> Submission:
    return get_in_scope_or_404(submissions, pk)
