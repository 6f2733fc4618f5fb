"""The roles a user holds within a scope (SPEC H1), plus the platform's own roles for L and T."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    # Input / edit roles of a university (002 §3.1)
    SUPER_ADMIN = "super_admin", _("Super administrator")
    ICT_CENTRE = "ict_centre", _("ICT centre")
    HR = "hr", _("Human resources")
    ACADEMIC_OFFICE = "academic_office", _("Academic office")
    DEAN = "dean", _("Dean's office / registrar")
    HEAD_OF_DEPARTMENT = "head_of_department", _("Head of department")
    TEACHER = "teacher", _("Teacher")
    ACCOUNTING = "accounting", _("Accounting")
    RESEARCH_OFFICE = "research_office", _("Research office")
    DOCTORATE_OFFICE = "doctorate_office", _("Doctorate office")
    MARKETING = "marketing", _("Marketing office")
    DIPLOMA_OFFICE = "diploma_office", _("Diploma office")
    STUDENT = "student", _("Student")
    # Controlling / read roles
    MANAGEMENT = "management", _("Management")
    LIBRARY = "library", _("Information-resource centre")
    DORMITORY = "dormitory", _("Dormitory")
    # Platform roles beyond the 16 of H1
    MINISTRY = "ministry", _("Ministry approver")
    LEARNING_EDITOR = "learning_editor", _("Programme and course editor")
    EXAM_CENTRE = "exam_centre", _("Exam centre staff")


class ScopeLevel(models.TextChoices):
    INSTITUTION = "institution", _("Institution")
    FACULTY = "faculty", _("Faculty")
    DEPARTMENT = "department", _("Department")


HEMIS_ROLES = frozenset(
    {
        Role.SUPER_ADMIN,
        Role.ICT_CENTRE,
        Role.HR,
        Role.ACADEMIC_OFFICE,
        Role.DEAN,
        Role.HEAD_OF_DEPARTMENT,
        Role.TEACHER,
        Role.ACCOUNTING,
        Role.RESEARCH_OFFICE,
        Role.DOCTORATE_OFFICE,
        Role.MARKETING,
        Role.DIPLOMA_OFFICE,
        Role.STUDENT,
        Role.MANAGEMENT,
        Role.LIBRARY,
        Role.DORMITORY,
    }
)

# The scope levels at which each role may be held.
ROLE_SCOPES: dict[str, frozenset[str]] = {
    Role.SUPER_ADMIN: frozenset({ScopeLevel.INSTITUTION}),
    Role.ICT_CENTRE: frozenset({ScopeLevel.INSTITUTION}),
    Role.HR: frozenset({ScopeLevel.INSTITUTION}),
    Role.ACADEMIC_OFFICE: frozenset({ScopeLevel.INSTITUTION}),
    Role.DEAN: frozenset({ScopeLevel.INSTITUTION, ScopeLevel.FACULTY}),
    Role.HEAD_OF_DEPARTMENT: frozenset({ScopeLevel.DEPARTMENT}),
    Role.TEACHER: frozenset({ScopeLevel.DEPARTMENT}),
    Role.ACCOUNTING: frozenset({ScopeLevel.INSTITUTION}),
    Role.RESEARCH_OFFICE: frozenset({ScopeLevel.INSTITUTION}),
    Role.DOCTORATE_OFFICE: frozenset({ScopeLevel.INSTITUTION}),
    Role.MARKETING: frozenset({ScopeLevel.INSTITUTION}),
    Role.DIPLOMA_OFFICE: frozenset({ScopeLevel.INSTITUTION}),
    Role.STUDENT: frozenset({ScopeLevel.INSTITUTION, ScopeLevel.FACULTY}),
    Role.MANAGEMENT: frozenset({ScopeLevel.INSTITUTION, ScopeLevel.FACULTY}),
    Role.LIBRARY: frozenset({ScopeLevel.INSTITUTION}),
    Role.DORMITORY: frozenset({ScopeLevel.INSTITUTION}),
    Role.MINISTRY: frozenset({ScopeLevel.INSTITUTION}),
    Role.LEARNING_EDITOR: frozenset({ScopeLevel.INSTITUTION}),
    Role.EXAM_CENTRE: frozenset({ScopeLevel.INSTITUTION}),
}

# Roles that read but do not enter data (H1 "controlling / read roles").
READ_ONLY_ROLES = frozenset({Role.MANAGEMENT, Role.LIBRARY, Role.DORMITORY})
