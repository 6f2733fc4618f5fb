from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from edu.accounts.models import User
from edu.core.admin import InstitutionScopedAdmin


@admin.register(User)
class UserAdmin(InstitutionScopedAdmin):
    """People holding a role in the super administrator's institution."""

    institution_field = "role_assignments__institution"
    list_display = ["phone", "surname", "first_name", "patronymic", "pinfl", "is_active", "date_joined"]
    search_fields = ["phone", "surname", "first_name", "pinfl"]
    list_filter = ["is_active", "gender"]
    fields = [
        "phone",
        "surname",
        "first_name",
        "patronymic",
        "birth_date",
        "gender",
        "pinfl",
        "passport",
        "workplace",
        "position",
        "email",
        "is_active",
    ]
    readonly_fields = ["phone"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # people sign up themselves; HR and the dean's office add staff and students

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_superuser)
