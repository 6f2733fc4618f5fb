"""Changes to the organisation structure and to who holds which role. Each is journaled."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from edu.accounts.models import User
from edu.core.errors import ApplicationError
from edu.journal.services import journal_create, journal_delete
from edu.org.actor import Actor
from edu.org.models import Department, Faculty, Institution, RoleAssignment
from edu.org.roles import ROLE_SCOPES, Role, ScopeLevel


def _require_super_admin(actor: Actor | None) -> int | None:
    """The institution a super administrator acts for; None for the platform itself (no actor)."""
    if actor is None:
        return None
    actor.require_role(Role.SUPER_ADMIN)
    return actor.institution_id


@transaction.atomic
def institution_create(*, name: str, code: str, super_admin: User, short_name: str = "") -> Institution:
    """A new institution always comes with its one super administrator (H2.1)."""
    if Institution.objects.filter(code=code).exists():
        raise ApplicationError(_("An institution with this code already exists."), field="code")
    institution = Institution(name=name, code=code, short_name=short_name)
    institution.full_clean()
    institution.save()
    journal_create(instance=institution, institution_id=institution.pk)
    assignment = RoleAssignment.objects.create(user=super_admin, role=Role.SUPER_ADMIN, institution=institution)
    journal_create(instance=assignment, institution_id=institution.pk)
    return institution


@transaction.atomic
def faculty_create(*, actor: Actor | None, institution: Institution, name: str, code: str) -> Faculty:
    institution_id = _require_super_admin(actor)
    if institution_id is not None and institution.pk != institution_id:
        raise ApplicationError(_("You can change only your own institution."))
    if Faculty.objects.filter(institution=institution, code=code).exists():
        raise ApplicationError(_("A faculty with this code already exists."), field="code")
    faculty = Faculty(institution=institution, name=name, code=code)
    faculty.full_clean()
    faculty.save()
    journal_create(instance=faculty, actor=actor)
    return faculty


@transaction.atomic
def department_create(
    *, actor: Actor | None, institution: Institution, faculty: Faculty | None, name: str, code: str
) -> Department:
    institution_id = _require_super_admin(actor)
    if institution_id is not None and institution.pk != institution_id:
        raise ApplicationError(_("You can change only your own institution."))
    if faculty is not None and faculty.institution_id != institution.pk:
        raise ApplicationError(_("The faculty belongs to another institution."), field="faculty")
    if Department.objects.filter(institution=institution, code=code).exists():
        raise ApplicationError(_("A department with this code already exists."), field="code")
    department = Department(institution=institution, faculty=faculty, name=name, code=code)
    department.full_clean()
    department.save()
    journal_create(instance=department, actor=actor)
    return department


def _scope_level(faculty: Faculty | None, department: Department | None) -> str:
    if department is not None:
        return ScopeLevel.DEPARTMENT
    if faculty is not None:
        return ScopeLevel.FACULTY
    return ScopeLevel.INSTITUTION


@transaction.atomic
def role_assign(
    *,
    actor: Actor | None,
    user: User,
    role: str,
    institution: Institution,
    faculty: Faculty | None = None,
    department: Department | None = None,
) -> RoleAssignment:
    """Give `user` a role within a scope. The super administrator's role is moved, not added."""
    institution_id = _require_super_admin(actor)
    if institution_id is not None and institution.pk != institution_id:
        raise ApplicationError(_("You can change only your own institution."))
    if role == Role.SUPER_ADMIN:
        raise ApplicationError(_("An institution has exactly one super administrator; hand the role over instead."))
    if department is not None:
        if department.institution_id != institution.pk:
            raise ApplicationError(_("The department belongs to another institution."), field="department")
        if faculty is not None and department.faculty_id != faculty.pk:
            raise ApplicationError(_("The department is not in this faculty."), field="department")
        faculty = department.faculty
    if faculty is not None and faculty.institution_id != institution.pk:
        raise ApplicationError(_("The faculty belongs to another institution."), field="faculty")
    level = ScopeLevel.DEPARTMENT if department is not None else _scope_level(faculty, None)
    allowed = ROLE_SCOPES[role]
    if level not in allowed:
        labels = ", ".join(str(ScopeLevel(s).label) for s in sorted(allowed))
        raise ApplicationError(_("This role is held within: %(levels)s.") % {"levels": labels}, field="role")
    assignment = RoleAssignment(user=user, role=role, institution=institution, faculty=faculty, department=department)
    try:
        with transaction.atomic():
            assignment.save()
    except IntegrityError:
        raise ApplicationError(_("This person already holds this role here."), field="role") from None
    journal_create(instance=assignment, actor=actor)
    return assignment


@transaction.atomic
def role_revoke(*, actor: Actor | None, assignment: RoleAssignment) -> None:
    institution_id = _require_super_admin(actor)
    if institution_id is not None and assignment.institution_id != institution_id:
        raise ApplicationError(_("You can change only your own institution."))
    if assignment.role == Role.SUPER_ADMIN:
        raise ApplicationError(_("The super administrator's role can only be handed over to someone else."))
    journal_delete(instance=assignment, actor=actor)
    assignment.delete()


@transaction.atomic
def super_admin_transfer(*, actor: Actor | None, institution: Institution, new_user: User) -> RoleAssignment:
    """Hand the one super administrator role of `institution` to `new_user`."""
    institution_id = _require_super_admin(actor)
    if institution_id is not None and institution.pk != institution_id:
        raise ApplicationError(_("You can change only your own institution."))
    current = RoleAssignment.objects.select_for_update().filter(institution=institution, role=Role.SUPER_ADMIN).first()
    if current is not None:
        if current.user_id == new_user.pk:
            return current
        journal_delete(instance=current, actor=actor)
        current.delete()
    assignment = RoleAssignment.objects.create(user=new_user, role=Role.SUPER_ADMIN, institution=institution)
    journal_create(instance=assignment, actor=actor)
    return assignment
