from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from edu.org.roles import Role


class EduAdminSite(admin.AdminSite):
    """Django admin for the platform operator (superuser) and each institution's super administrator,
    who sees only their own institution's records."""

    site_header = _("Administration")
    site_title = _("Administration")
    index_title = _("Reference data")

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        if not (user.is_active and user.is_authenticated):
            return False
        if user.is_superuser:
            return True
        actor = getattr(request, "actor", None)
        return actor is not None and actor.has_role(Role.SUPER_ADMIN)


class EduAdminConfig(AdminConfig):
    default_site = "edu.core.admin_site.EduAdminSite"
