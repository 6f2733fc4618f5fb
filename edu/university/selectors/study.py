"""Reads of specialties, subjects, curricula and groups, within the actor's scope."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet

from edu.core.access import get_in_scope_or_404
from edu.org.actor import Actor
from edu.org.roles import Role
from edu.university.models import (
    Curriculum,
    CurriculumSubject,
    CurriculumSubjectDetail,
    CurriculumSubjectExamType,
    ElectiveWindow,
    Specialty,
    StudentGroup,
    StudentStatus,
    Subject,
)
from edu.university.selectors.scope import NOTHING, group_q, study_q


def specialty_list(*, actor: Actor, q: str = "") -> QuerySet[Specialty]:
    qs = Specialty.objects.filter(study_q(actor)).select_related("faculty")
    if q:
        qs = qs.filter(Q(code__icontains=q) | Q(name__icontains=q))
    return qs


def subject_list(*, actor: Actor, q: str = "") -> QuerySet[Subject]:
    a = actor.assignment
    if a is not None and a.role == Role.HEAD_OF_DEPARTMENT:
        qs = Subject.objects.filter(Q(department_id=a.department_id))
    elif a is not None and a.role in (Role.DEAN, Role.ACADEMIC_OFFICE, Role.SUPER_ADMIN, Role.MANAGEMENT):
        # The catalogue is shared by the institution: a dean plans with other faculties' departments' subjects.
        qs = Subject.objects.filter(institution_id=a.institution_id)
    else:
        qs = Subject.objects.filter(NOTHING)
    if q:
        qs = qs.filter(Q(code__icontains=q) | Q(name__icontains=q))
    return qs.select_related("department")


def curriculum_list(*, actor: Actor, q: str = "") -> QuerySet[Curriculum]:
    q_scope = study_q(actor)
    a = actor.assignment
    if a is not None and a.role == Role.HEAD_OF_DEPARTMENT:
        q_scope = Q(pk__in=CurriculumSubject.objects.filter(Q(department_id=a.department_id)).values("curriculum_id"))
    qs = Curriculum.objects.filter(q_scope).select_related("specialty", "education_year", "faculty", "marking_system")
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(specialty__code__icontains=q))
    return qs


def curriculum_subject_list(*, actor: Actor) -> QuerySet[CurriculumSubject]:
    return CurriculumSubject.objects.filter(study_q(actor, department_field="department_id")).select_related(
        "subject", "curriculum", "department"
    )


def curriculum_subjects_detailed(*, curriculum: Curriculum) -> QuerySet[CurriculumSubject]:
    return (
        CurriculumSubject.objects.filter(curriculum=curriculum)
        .select_related("subject", "department")
        .prefetch_related(
            Prefetch("details", queryset=CurriculumSubjectDetail.objects.order_by("training_type")),
            Prefetch("exam_types", queryset=CurriculumSubjectExamType.objects.order_by("exam_type")),
        )
        .order_by("semester", "subject_type", "position", "subject__name")
    )


def elective_window_list(*, actor: Actor) -> QuerySet[ElectiveWindow]:
    return ElectiveWindow.objects.filter(study_q(actor)).select_related("curriculum")


def group_list(*, actor: Actor, q: str = "", faculty_id: int | None = None) -> QuerySet[StudentGroup]:
    qs = (
        StudentGroup.objects.filter(group_q(actor))
        .select_related("faculty", "specialty", "curriculum", "curriculum__education_year")
        .annotate(student_count=Count("students", filter=Q(students__student_status=StudentStatus.STUDYING)))
        .order_by("name")
    )
    if q:
        qs = qs.filter(name__icontains=q)
    if faculty_id:
        qs = qs.filter(faculty_id=faculty_id)
    return qs


def access_specialty_by_id(actor: Actor, pk: object) -> Specialty:
    return get_in_scope_or_404(specialty_list(actor=actor), pk)


def access_subject_by_id(actor: Actor, pk: object) -> Subject:
    return get_in_scope_or_404(subject_list(actor=actor), pk)


def access_curriculum_by_id(actor: Actor, pk: object) -> Curriculum:
    return get_in_scope_or_404(curriculum_list(actor=actor), pk)


def access_curriculum_subject_by_id(actor: Actor, pk: object) -> CurriculumSubject:
    return get_in_scope_or_404(curriculum_subject_list(actor=actor), pk)


def access_group_by_id(actor: Actor, pk: object) -> StudentGroup:
    return get_in_scope_or_404(group_list(actor=actor), pk)


def group_size(*, group_id: int) -> int:
    from edu.university.models import Student

    return Student.objects.filter(group_id=group_id, student_status=StudentStatus.STUDYING).count()


def groups_for_department(*, actor: Actor) -> QuerySet[StudentGroup]:
    """Groups whose curricula contain the head of department's subjects (to assign teachers to)."""
    a = actor.assignment
    if a is None or a.role != Role.HEAD_OF_DEPARTMENT:
        return StudentGroup.objects.none()
    curricula = CurriculumSubject.objects.filter(Q(department_id=a.department_id)).values("curriculum_id")
    return StudentGroup.objects.filter(institution_id=a.institution_id, curriculum_id__in=curricula, active=True)
