from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet

from edu.core.access import get_in_scope_or_404
from edu.journal.models import JournalEntry
from edu.org.actor import Actor
from edu.org.roles import Role


def journal_entry_list(*, actor: Actor, filters: dict[str, Any] | None = None) -> QuerySet[JournalEntry]:
    """The super administrator's institution's journal, newest first, narrowed by `filters`."""
    assignment = actor.require_role(Role.SUPER_ADMIN)
    qs = JournalEntry.objects.filter(institution_id=assignment.institution_id).select_related("content_type")
    f = filters or {}
    if f.get("date_from"):
        qs = qs.filter(created_at__date__gte=f["date_from"])
    if f.get("date_to"):
        qs = qs.filter(created_at__date__lte=f["date_to"])
    if f.get("action"):
        qs = qs.filter(action=f["action"])
    if f.get("content_type"):
        qs = qs.filter(content_type=f["content_type"])
    if f.get("object_id"):
        qs = qs.filter(object_id=str(f["object_id"]))
    if f.get("who"):
        qs = qs.filter(actor_label__icontains=f["who"])
    if f.get("q"):
        qs = qs.filter(Q(object_repr__icontains=f["q"]) | Q(ip__startswith=f["q"]))
    return qs


def journal_entry_get(*, actor: Actor, entry_id: object) -> JournalEntry:
    return get_in_scope_or_404(journal_entry_list(actor=actor), entry_id)


def journal_dates(entries: QuerySet[JournalEntry]) -> tuple[dt.datetime | None, dt.datetime | None]:
    first = entries.order_by("created_at").values_list("created_at", flat=True).first()
    last = entries.order_by("-created_at").values_list("created_at", flat=True).first()
    return first, last
