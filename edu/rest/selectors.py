from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from edu.core.access import get_in_scope_or_404
from edu.org.actor import Actor
from edu.org.models import Department, Faculty
from edu.org.roles import Role
from edu.rest.models import DataApiToken
from edu.university.models import (
    Attendance,
    Curriculum,
    CurriculumSemester,
    CurriculumSubject,
    Decree,
    DecreeStatus,
    Employee,
    ExamSchedule,
    IssuedDocument,
    Lesson,
    Performance,
    Student,
    StudentGroup,
    Submission,
    Task,
    TeachingAssignment,
)
from edu.university.selectors.exams import EXAM_RELATED


def data_token_list(*, actor: Actor) -> QuerySet[DataApiToken]:
    assignment = actor.require_role(Role.SUPER_ADMIN)
    return DataApiToken.objects.filter(institution_id=assignment.institution_id).select_related("created_by")


def access_data_token_by_id(actor: Actor, token_id: object) -> DataApiToken:
    return get_in_scope_or_404(data_token_list(actor=actor), token_id)


# --- The student API: every read starts from the signed-in student's own record ---------------------------


def student_actor(user: Any) -> Actor:
    """The API's actor: the user acting in their student role (the token carries no session role)."""
    from edu.org.selectors import user_role_assignments

    assignments = user_role_assignments(user_id=user.pk)
    active = next((a for a in assignments if a.role == Role.STUDENT), None)
    return Actor(user=user, assignment=active, assignments=assignments)


def api_student(user: Any) -> Student:
    """The signed-in person's student record, or 404 (not a student, or not in their institution)."""
    from edu.university.selectors.people import student_of_user

    student = student_of_user(actor=student_actor(user))
    if student is None:
        raise Http404
    return student


def access_student_semester(*, student: Student, code: object) -> CurriculumSemester:
    """A semester of the student's own curriculum by its code (`11`…)."""
    semester = (
        CurriculumSemester.objects.filter(Q(curriculum_id=student.curriculum_id), code=str(code))
        .select_related("education_year")
        .first()
    )
    if semester is None:
        raise Http404
    return semester


def access_student_semester_by_id(*, student: Student, pk: object) -> CurriculumSemester:
    return get_in_scope_or_404(
        CurriculumSemester.objects.filter(Q(curriculum_id=student.curriculum_id)).select_related("education_year"), pk
    )


LESSON_RELATED = (
    "group",
    "curriculum_subject__subject",
    "employee__user",
    "auditorium__building",
    "lesson_pair",
)


def student_lessons(*, student: Student, start: dt.date, end: dt.date) -> QuerySet[Lesson]:
    """The student's group's lessons from `start` to `end` inclusive."""
    if not student.group_id:
        return Lesson.objects.none()
    return (
        Lesson.objects.filter(group_id=student.group_id, lesson_date__gte=start, lesson_date__lte=end)
        .select_related(*LESSON_RELATED)
        .order_by("lesson_date", "lesson_pair__code")
    )


def student_curriculum_subjects(*, student: Student, semester: str) -> QuerySet[CurriculumSubject]:
    return CurriculumSubject.objects.filter(Q(curriculum_id=student.curriculum_id), semester=semester).select_related(
        "subject"
    )


def access_student_subject(*, student: Student, subject_id: object, semester: str | None = None) -> CurriculumSubject:
    """A subject of the student's own curriculum by the subject's id (as HEMIS's `subject=`), in `semester` when
    given (the latest semester that has it otherwise)."""
    qs = CurriculumSubject.objects.filter(Q(curriculum_id=student.curriculum_id)).select_related("subject")
    try:
        qs = qs.filter(subject_id=int(str(subject_id)))
    except ValueError:
        raise Http404 from None
    if semester:
        qs = qs.filter(semester=semester)
    item = qs.order_by("-semester").first()
    if item is None:
        raise Http404
    return item


def student_performances(*, student: Student, semester: str | None) -> QuerySet[Performance]:
    qs = Performance.objects.filter(student=student).select_related("curriculum_subject__subject", "employee__user")
    if semester:
        qs = qs.filter(curriculum_subject__semester=semester)
    return qs.order_by("curriculum_subject__subject__name", "exam_type", "final_exam_type")


def student_absences(*, student: Student, semester: str | None, subject_id: object = None) -> QuerySet[Attendance]:
    qs = Attendance.objects.filter(student=student).select_related(
        "curriculum_subject__subject", "lesson__lesson_pair", "lesson__employee__user"
    )
    if semester:
        qs = qs.filter(curriculum_subject__semester=semester)
    if subject_id:
        qs = qs.filter(Q(curriculum_subject_id=subject_id))
    return qs.order_by("-lesson_date")


def student_teachers(*, student: Student, curriculum_subject: CurriculumSubject) -> QuerySet[TeachingAssignment]:
    return TeachingAssignment.objects.filter(
        group_id=student.group_id, curriculum_subject=curriculum_subject
    ).select_related("employee__user")


def student_task_queryset(*, student: Student) -> QuerySet[Task]:
    return Task.objects.filter(assignment__group_id=student.group_id).select_related(
        "assignment__curriculum_subject__subject", "assignment__employee__user"
    )


def access_student_task_by_id(*, student: Student, pk: object) -> Task:
    return get_in_scope_or_404(student_task_queryset(student=student), pk)


def student_submissions(*, student: Student, task: Task) -> QuerySet[Submission]:
    return Submission.objects.filter(student=student, task=task).order_by("attempt")


def student_decrees(*, student: Student) -> QuerySet[Decree]:
    return Decree.objects.filter(
        items__student=student, institution_id=student.institution_id, status=DecreeStatus.APPLIED
    ).order_by("-date")


def student_documents(*, student: Student, kind: str | None = None) -> QuerySet[IssuedDocument]:
    qs = IssuedDocument.objects.filter(student=student)
    return qs.filter(kind=kind) if kind else qs


def access_student_document_by_id(*, student: Student, pk: object, kind: str | None = None) -> IssuedDocument:
    return get_in_scope_or_404(student_documents(student=student, kind=kind), pk)


# --- The data API: every list is the token's institution only ---------------------------------------------


def data_students(institution_id: int) -> QuerySet[Student]:
    return Student.objects.filter(institution_id=institution_id).select_related(
        "user", "institution", "faculty", "specialty", "group"
    )


def data_employees(institution_id: int) -> QuerySet[Employee]:
    return Employee.objects.filter(institution_id=institution_id).select_related("user", "faculty", "department")


def data_faculties(institution_id: int) -> QuerySet[Faculty]:
    return Faculty.objects.filter(institution_id=institution_id).order_by("name")


def data_departments(institution_id: int) -> QuerySet[Department]:
    return Department.objects.filter(institution_id=institution_id).order_by("name")


def data_groups(institution_id: int) -> QuerySet[StudentGroup]:
    return StudentGroup.objects.filter(institution_id=institution_id).select_related(
        "faculty", "specialty", "curriculum"
    )


def data_curricula(institution_id: int) -> QuerySet[Curriculum]:
    return Curriculum.objects.filter(institution_id=institution_id).select_related(
        "faculty", "specialty", "education_year", "marking_system"
    )


def data_curriculum_subjects(institution_id: int) -> QuerySet[CurriculumSubject]:
    return (
        CurriculumSubject.objects.filter(institution_id=institution_id)
        .select_related("subject", "department")
        .prefetch_related("details", "exam_types")
    )


def data_lessons(institution_id: int) -> QuerySet[Lesson]:
    return (
        Lesson.objects.filter(institution_id=institution_id)
        .select_related(*LESSON_RELATED)
        .order_by("lesson_date", "lesson_pair__code", "group__name")
    )


def lessons_of_week(qs: QuerySet[Lesson], start: dt.date | None) -> QuerySet[Lesson]:
    """`_week`: the seven days from `start` (a Monday)."""
    if start is None:
        return qs
    return qs.filter(lesson_date__gte=start, lesson_date__lt=start + dt.timedelta(days=7))


def data_exams(institution_id: int) -> QuerySet[ExamSchedule]:
    return (
        ExamSchedule.objects.filter(institution_id=institution_id)
        .select_related(*EXAM_RELATED)
        .order_by("exam_date", "lesson_pair__code", "group__name")
    )


def data_attendance(institution_id: int) -> QuerySet[Attendance]:
    return Attendance.objects.filter(institution_id=institution_id).select_related(
        "student__user", "group", "curriculum_subject__subject", "lesson__lesson_pair", "lesson__employee__user"
    )
