from __future__ import annotations

from django.db.models import Q, QuerySet

from edu.core.access import get_in_scope_or_404
from edu.org.actor import Actor
from edu.university.models import ImportBatch


def import_batch_list(*, actor: Actor) -> QuerySet[ImportBatch]:
    """The actor's own uploads in their institution."""
    return ImportBatch.objects.filter(Q(institution_id=actor.institution_id), created_by=actor.user)


def access_import_batch_by_id(actor: Actor, pk: object) -> ImportBatch:
    return get_in_scope_or_404(import_batch_list(actor=actor), pk)
