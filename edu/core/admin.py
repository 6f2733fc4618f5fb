"""Admin pieces shared by the apps: scoping to the super administrator's institution and journaling."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Model, QuerySet
from django.http import HttpRequest

from edu.journal.services import journal_create, journal_delete, journal_snapshot, journal_update
from edu.org.roles import Role


def admin_institution_id(request: HttpRequest) -> int | None:
    """None for the platform operator (sees all); the institution of an acting super administrator."""
    if request.user.is_superuser:
        return None
    actor = request.actor  # type: ignore[attr-defined]
    actor.require_role(Role.SUPER_ADMIN)
    return actor.institution_id


class JournaledAdmin(admin.ModelAdmin):
    """Changes made in the admin land in the journal like any other."""

    def save_model(self, request: HttpRequest, obj: Model, form: Any, change: bool) -> None:
        before = journal_snapshot(type(obj)._default_manager.get(pk=obj.pk)) if change else None
        super().save_model(request, obj, form, change)
        actor = getattr(request, "actor", None)
        if before is None:
            journal_create(instance=obj, actor=actor)
        else:
            journal_update(instance=obj, before=before, actor=actor)

    def delete_model(self, request: HttpRequest, obj: Model) -> None:
        journal_delete(instance=obj, actor=getattr(request, "actor", None))
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        for obj in queryset:
            self.delete_model(request, obj)


class InstitutionScopedAdmin(JournaledAdmin):
    """A super administrator sees and edits only the rows of their own institution."""

    institution_field = "institution"

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        qs = super().get_queryset(request)
        institution_id = admin_institution_id(request)
        if institution_id is None:
            return qs
        return qs.filter(**{self.institution_field: institution_id}).distinct()

    def _allowed(self, request: HttpRequest) -> bool:
        return bool(request.user.is_superuser or request.actor.has_role(Role.SUPER_ADMIN))  # type: ignore[attr-defined]

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._allowed(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self._allowed(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request)

    def get_exclude(self, request: HttpRequest, obj: Any = None) -> Any:
        exclude = list(super().get_exclude(request, obj) or [])
        if not request.user.is_superuser and self.institution_field == "institution":
            exclude.append("institution")
        return exclude

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        institution_id = None if request.user.is_superuser else admin_institution_id(request)
        related = db_field.related_model
        if institution_id is not None and any(f.name == "institution" for f in related._meta.fields):
            kwargs["queryset"] = related._default_manager.filter(institution_id=institution_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request: HttpRequest, obj: Model, form: Any, change: bool) -> None:
        institution_id = admin_institution_id(request)
        if institution_id is not None and self.institution_field == "institution":
            obj.institution_id = institution_id  # type: ignore[attr-defined]
        super().save_model(request, obj, form, change)
