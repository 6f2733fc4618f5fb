"""Reads of students and staff, within the actor's scope."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet

from edu.core.access import get_in_scope_or_404
from edu.org.actor import Actor
from edu.university.models import Employee, Employment, StaffOrder, Student, StudentMovement
from edu.university.selectors.scope import employee_q, student_q


def student_list(
    *,
    actor: Actor,
    q: str = "",
    group_id: int | None = None,
    faculty_id: int | None = None,
    status: str = "",
    level: str = "",
) -> QuerySet[Student]:
    qs = Student.objects.filter(student_q(actor)).select_related("user", "group", "faculty", "specialty")
    if q:
        qs = qs.filter(
            Q(user__surname__icontains=q)
            | Q(user__first_name__icontains=q)
            | Q(student_id_number__icontains=q)
            | Q(user__pinfl=q)
            | Q(user__phone__icontains=q)
        )
    if group_id:
        qs = qs.filter(group_id=group_id)
    if faculty_id:
        qs = qs.filter(faculty_id=faculty_id)
    if status:
        qs = qs.filter(student_status=status)
    if level:
        qs = qs.filter(level=level)
    return qs


def access_student_by_id(actor: Actor, pk: object) -> Student:
    return get_in_scope_or_404(student_list(actor=actor), pk)


def student_of_user(*, actor: Actor) -> Student | None:
    """The acting student's own record."""
    return (
        Student.objects.filter(student_q(actor), user=actor.user)
        .select_related("user", "group", "faculty", "specialty", "curriculum", "institution")
        .first()
    )


def student_movements(*, student: Student) -> QuerySet[StudentMovement]:
    return StudentMovement.objects.filter(student=student).select_related("from_group", "to_group", "decree")


def employee_list(
    *, actor: Actor, q: str = "", department_id: int | None = None, status: str = "", employee_type: str = ""
) -> QuerySet[Employee]:
    qs = Employee.objects.filter(employee_q(actor)).select_related("user", "department", "faculty")
    if q:
        qs = qs.filter(
            Q(user__surname__icontains=q)
            | Q(user__first_name__icontains=q)
            | Q(employee_id_number__icontains=q)
            | Q(user__phone__icontains=q)
        )
    if department_id:
        qs = qs.filter(department_id=department_id)
    if status:
        qs = qs.filter(employee_status=status)
    if employee_type:
        qs = qs.filter(employee_type=employee_type)
    return qs


def employee_list_with_positions(**kwargs: object) -> QuerySet[Employee]:
    return employee_list(**kwargs).prefetch_related(  # type: ignore[arg-type]
        Prefetch("employments", queryset=Employment.objects.filter(active=True).select_related("department"))
    )


def access_employee_by_id(actor: Actor, pk: object) -> Employee:
    return get_in_scope_or_404(employee_list(actor=actor), pk)


def employee_orders(*, employee: Employee) -> QuerySet[StaffOrder]:
    return StaffOrder.objects.filter(employee=employee).select_related("employment", "employment__department")


def employee_of_user(*, actor: Actor) -> Employee | None:
    if actor.institution_id is None:
        return None
    return Employee.objects.filter(user=actor.user, institution_id=actor.institution_id).first()


def teachers_of_department(*, actor: Actor, department_id: int) -> QuerySet[Employee]:
    """Teachers working in a department (main place or another current position)."""
    return (
        Employee.objects.filter(Q(institution_id=actor.institution_id), employee_status="11")
        .filter(Q(department_id=department_id) | Q(employments__department_id=department_id, employments__active=True))
        .select_related("user")
        .distinct()
    )
