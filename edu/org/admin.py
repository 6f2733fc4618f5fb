from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from edu.core.admin import InstitutionScopedAdmin, JournaledAdmin
from edu.org.models import Department, Faculty, Institution, RoleAssignment
from edu.org.roles import Role


@admin.register(Institution)
class InstitutionAdmin(JournaledAdmin):
    """Institutions are created by the platform operator; a super administrator sees their own."""

    list_display = ["name", "short_name", "code"]
    search_fields = ["name", "short_name", "code"]

    def get_queryset(self, request: HttpRequest) -> Any:
        qs = super().get_queryset(request)
        if request.user.is_superuser:
            return qs
        return qs.filter(pk=request.actor.institution_id)  # type: ignore[attr-defined]

    def has_module_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_superuser or request.actor.has_role(Role.SUPER_ADMIN))  # type: ignore[attr-defined]

    has_view_permission = lambda self, request, obj=None: self.has_module_permission(request)  # noqa: E731
    has_change_permission = lambda self, request, obj=None: self.has_module_permission(request)  # noqa: E731

    def has_add_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_superuser)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_superuser)


@admin.register(Faculty)
class FacultyAdmin(InstitutionScopedAdmin):
    list_display = ["name", "code", "institution"]
    search_fields = ["name", "code"]


@admin.register(Department)
class DepartmentAdmin(InstitutionScopedAdmin):
    list_display = ["name", "code", "faculty", "institution"]
    list_filter = ["faculty"]
    search_fields = ["name", "code"]


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(InstitutionScopedAdmin):
    """Read and revoke here; roles are given on the Roles page, which checks the scope rules."""

    list_display = ["user", "role", "institution", "faculty", "department", "created_at"]
    list_filter = ["role"]
    search_fields = ["user__phone", "user__surname", "user__first_name"]
    list_select_related = ["user", "institution", "faculty", "department"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and obj.role == Role.SUPER_ADMIN:
            return False
        return super().has_delete_permission(request, obj)
