from __future__ import annotations

from django.db.models import QuerySet

from edu.core.access import get_in_scope_or_404
from edu.org.actor import Actor
from edu.org.roles import Role
from edu.rest.models import DataApiToken


def data_token_list(*, actor: Actor) -> QuerySet[DataApiToken]:
    assignment = actor.require_role(Role.SUPER_ADMIN)
    return DataApiToken.objects.filter(institution_id=assignment.institution_id).select_related("created_by")


def access_data_token_by_id(actor: Actor, token_id: object) -> DataApiToken:
    return get_in_scope_or_404(data_token_list(actor=actor), token_id)
