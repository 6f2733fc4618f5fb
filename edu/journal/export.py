"""Journal → Excel rows, produced one by one so a large journal does not fill the memory (edu/core/xlsx.py)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from django.utils.translation import gettext as _

from edu.journal.models import JournalEntry

MAX_ROWS = 200_000


def _compact(values: dict | None) -> str:
    if not values:
        return ""
    return "; ".join(f"{k}={'' if v is None else v}" for k, v in values.items())


def journal_headers() -> list[str]:
    return [
        _("Time"),
        _("Who"),
        _("Role"),
        _("IP address"),
        _("Action"),
        _("Object type"),
        _("Object id"),
        _("Object"),
        _("Before"),
        _("After"),
    ]


def journal_rows(entries: Iterable[JournalEntry]) -> Iterator[list[Any]]:
    for entry in entries:
        yield [
            entry.created_at,
            entry.actor_label,
            entry.actor_role,
            entry.ip or "",
            entry.get_action_display(),
            entry.object_type_label,
            entry.object_id,
            entry.object_repr,
            _compact(entry.before),
            _compact(entry.after),
        ]
