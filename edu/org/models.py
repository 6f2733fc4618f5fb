from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from edu.org.roles import Role, ScopeLevel


class Institution(models.Model):
    """A higher-education institution (OTM) or another organisation using the platform."""

    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=64, blank=True)
    code = models.CharField(_("code"), max_length=16, unique=True, help_text=_("HEMIS university code, e.g. 301."))
    # HEMIS classifiers h_university_form and h_ownership (codes; names come from the classifier lists).
    university_form = models.CharField(_("form of the institution"), max_length=8, default="12", blank=True)
    ownership = models.CharField(_("ownership"), max_length=8, default="11", blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")

    def __str__(self) -> str:
        return self.short_name or self.name


class Faculty(models.Model):
    """Fakultet."""

    institution = models.ForeignKey(
        Institution, on_delete=models.PROTECT, related_name="faculties", verbose_name=_("institution")
    )
    name = models.CharField(_("name"), max_length=255)
    code = models.CharField(_("code"), max_length=32)
    # HEMIS h_structure_type (11 = faculty) and h_locality_type (11 local, 12 joint).
    structure_type = models.CharField(_("structure type"), max_length=8, default="11")
    locality_type = models.CharField(_("locality type"), max_length=8, default="11")
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("faculty")
        verbose_name_plural = _("faculties")
        constraints = [
            models.UniqueConstraint(fields=["institution", "code"], name="faculty_code_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class Department(models.Model):
    """Kafedra: a department (chair), usually within a faculty."""

    institution = models.ForeignKey(
        Institution, on_delete=models.PROTECT, related_name="departments", verbose_name=_("institution")
    )
    faculty = models.ForeignKey(
        Faculty,
        on_delete=models.PROTECT,
        related_name="departments",
        null=True,
        blank=True,
        verbose_name=_("faculty"),
    )
    name = models.CharField(_("name"), max_length=255)
    code = models.CharField(_("code"), max_length=32)
    # HEMIS h_structure_type: 12 = department (kafedra); 13–16 other units (section, centre, rectorate).
    structure_type = models.CharField(_("structure type"), max_length=8, default="12")
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        constraints = [
            models.UniqueConstraint(fields=["institution", "code"], name="department_code_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class RoleAssignment(models.Model):
    """A role a user holds within a scope: a whole institution, one faculty or one department."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    institution = models.ForeignKey(
        Institution, on_delete=models.CASCADE, related_name="role_assignments", verbose_name=_("institution")
    )
    faculty = models.ForeignKey(Faculty, on_delete=models.CASCADE, null=True, blank=True, verbose_name=_("faculty"))
    department = models.ForeignKey(
        Department, on_delete=models.CASCADE, null=True, blank=True, verbose_name=_("department")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["institution_id", "role", "id"]
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            # H2.1: exactly one super administrator per institution.
            models.UniqueConstraint(
                fields=["institution"],
                condition=Q(role=Role.SUPER_ADMIN),
                name="one_super_admin_per_institution",
            ),
            models.CheckConstraint(
                condition=~Q(role=Role.SUPER_ADMIN) | Q(faculty__isnull=True, department__isnull=True),
                name="super_admin_holds_whole_institution",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "institution"],
                condition=Q(faculty__isnull=True, department__isnull=True),
                name="role_unique_in_institution",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "faculty"],
                condition=Q(faculty__isnull=False, department__isnull=True),
                name="role_unique_in_faculty",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "department"],
                condition=Q(department__isnull=False),
                name="role_unique_in_department",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} — {self.scope_label}"

    @property
    def level(self) -> str:
        if self.department_id:
            return ScopeLevel.DEPARTMENT
        if self.faculty_id:
            return ScopeLevel.FACULTY
        return ScopeLevel.INSTITUTION

    @property
    def scope_label(self) -> str:
        if self.department_id:
            return f"{self.department} ({self.institution})"
        if self.faculty_id:
            return f"{self.faculty} ({self.institution})"
        return str(self.institution)
