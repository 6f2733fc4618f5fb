from __future__ import annotations

from django.db.models import QuerySet

from edu.core.access import get_in_scope_or_404
from edu.org.actor import Actor
from edu.org.roles import Role
from edu.sso.models import SsoClient


def sso_client_list(*, actor: Actor) -> QuerySet[SsoClient]:
    assignment = actor.require_role(Role.SUPER_ADMIN)
    return SsoClient.objects.filter(institution_id=assignment.institution_id).select_related("application")


def access_sso_client_by_id(actor: Actor, client_id: object) -> SsoClient:
    return get_in_scope_or_404(sso_client_list(actor=actor), client_id)
