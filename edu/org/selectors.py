"""Scoped reads of the organisation structure. Views and APIs read only through these."""

from __future__ import annotations

from django.db.models import QuerySet

from edu.core.access import get_in_scope_or_404
from edu.org.actor import Actor
from edu.org.models import Department, Faculty, Institution, RoleAssignment


def institution_list(*, actor: Actor) -> QuerySet[Institution]:
    return Institution.objects.filter(actor.scope_q(institution="pk", faculty=None, department=None))


def faculty_list(*, actor: Actor) -> QuerySet[Faculty]:
    return Faculty.objects.filter(
        actor.scope_q(faculty="pk", department="departments", institution="institution")
    ).distinct()


def department_list(*, actor: Actor) -> QuerySet[Department]:
    return Department.objects.filter(actor.scope_q(department="pk")).select_related("faculty")


def role_assignment_list(*, actor: Actor) -> QuerySet[RoleAssignment]:
    return RoleAssignment.objects.filter(actor.scope_q()).select_related("user", "institution", "faculty", "department")


def user_role_assignments(*, user_id: int) -> list[RoleAssignment]:
    """All roles a user holds (their own, for the role switcher)."""
    return list(RoleAssignment.objects.filter(user_id=user_id).select_related("institution", "faculty", "department"))


def access_faculty_by_id(actor: Actor, faculty_id: object) -> Faculty:
    return get_in_scope_or_404(faculty_list(actor=actor), faculty_id)


def access_department_by_id(actor: Actor, department_id: object) -> Department:
    return get_in_scope_or_404(department_list(actor=actor), department_id)


def access_role_assignment_by_id(actor: Actor, assignment_id: object) -> RoleAssignment:
    return get_in_scope_or_404(role_assignment_list(actor=actor), assignment_id)
