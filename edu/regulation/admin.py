"""Admin of the regulation data, and `RegulatedAdmin`: the deadline guard in the admin's save hooks."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import HttpRequest

from edu.core.admin import InstitutionScopedAdmin, JournaledAdmin, admin_institution_id
from edu.core.errors import ApplicationError
from edu.regulation.models import Approval, DeadlinePeriod, DeadlineRule, Holiday, LateEntryRequest, MakerCheckerSetting
from edu.regulation.services import guard_instance


class RegulatedAdmin(InstitutionScopedAdmin):
    """For models with `regulated()`: after a deadline, the admin refuses changes and deletions too (H3.1)."""

    def _guard(self, request: HttpRequest, obj: Any, stored: Any = None) -> None:
        institution_id = None if request.user.is_superuser else admin_institution_id(request)
        if institution_id is not None and getattr(obj, "institution_id", None) is None:
            obj.institution_id = institution_id
        guard_instance(actor=getattr(request, "actor", None) or _nobody(request), instance=obj, stored=stored)

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        form = super().get_form(request, obj, change=change, **kwargs)
        guard = self._guard
        stored = type(obj)._default_manager.get(pk=obj.pk) if obj is not None and obj.pk else None

        class GuardedForm(form):  # type: ignore[valid-type, misc]
            def _post_clean(self) -> None:
                super()._post_clean()
                try:
                    guard(request, self.instance, stored)
                except ApplicationError as exc:
                    self.add_error(None, str(exc.message))

        return GuardedForm

    def save_model(self, request: HttpRequest, obj: Model, form: Any, change: bool) -> None:
        stored = type(obj)._default_manager.get(pk=obj.pk) if change else None
        try:
            self._guard(request, obj, stored)
        except ApplicationError as exc:
            raise PermissionDenied(str(exc.message)) from None
        super().save_model(request, obj, form, change)

    def delete_model(self, request: HttpRequest, obj: Model) -> None:
        try:
            self._guard(request, obj)
        except ApplicationError as exc:
            raise PermissionDenied(str(exc.message)) from None
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        for obj in queryset:
            self.delete_model(request, obj)


def _nobody(request: HttpRequest) -> Any:
    """An actor-shaped stand-in for the platform operator (who holds no role): deadlines bind them too."""
    from edu.org.actor import Actor

    return Actor(user=request.user)  # type: ignore[arg-type]


@admin.register(DeadlineRule)
class DeadlineRuleAdmin(InstitutionScopedAdmin):
    list_display = ["kind", "anchor", "offset_days", "working_days", "active", "institution"]
    list_filter = ["kind"]


@admin.register(DeadlinePeriod)
class DeadlinePeriodAdmin(InstitutionScopedAdmin):
    list_display = ["kind", "title", "period_start", "period_end", "due_at", "institution"]
    list_filter = ["kind"]


@admin.register(Holiday)
class HolidayAdmin(JournaledAdmin):
    list_display = ["date", "name"]

    def has_module_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_superuser)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_superuser)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_superuser)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_superuser)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_superuser)


@admin.register(LateEntryRequest)
class LateEntryRequestAdmin(InstitutionScopedAdmin):
    """Read-only: requests are decided on their page, where the approver rules are checked."""

    list_display = ["kind", "period_start", "period_end", "requested_by", "status", "needs_ministry", "created_at"]
    list_filter = ["status", "kind"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Approval)
class ApprovalAdmin(InstitutionScopedAdmin):
    """Read-only: decisions go through the approvals page, which never lets the maker approve."""

    list_display = ["kind", "object_repr", "maker", "status", "checker", "created_at"]
    list_filter = ["status", "kind"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(MakerCheckerSetting)
class MakerCheckerSettingAdmin(InstitutionScopedAdmin):
    list_display = ["kind", "enabled", "institution"]
