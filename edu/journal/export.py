"""Journal → Excel, written row by row so a large journal does not fill the memory."""

from __future__ import annotations

import tempfile
from collections.abc import Iterable

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from edu.journal.models import JournalEntry

MAX_ROWS = 200_000


def _compact(values: dict | None) -> str:
    if not values:
        return ""
    return "; ".join(f"{k}={'' if v is None else v}" for k, v in values.items())


def journal_to_xlsx(entries: Iterable[JournalEntry]) -> tempfile.SpooledTemporaryFile:  # type: ignore[type-arg]
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Journal"))
    sheet.freeze_panes = "A2"
    headers = [
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
    bold = Font(bold=True)
    header_cells = []
    for title in headers:
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    for entry in entries:
        sheet.append(
            [
                timezone.localtime(entry.created_at).replace(tzinfo=None),
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
        )
    out = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115 - handed to the response
    workbook.save(out)
    out.seek(0)
    return out
