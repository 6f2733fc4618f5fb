"""Excel in and out, for every face: a list or report exports as one workbook with a bold, frozen header row
(`xlsx_response`), and imports read rows with their sheet row numbers (`read_rows`)."""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.http import FileResponse
from django.utils import timezone
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_EXPORT_ROWS = 100_000


def _plain(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "✓" if value else ""
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, int | float | str | dt.date):
        return value
    return str(value)


def xlsx_response(
    *,
    filename: str,
    sheet: str,
    headers: Sequence[Any],
    rows: Iterable[Sequence[Any]],
    freeze: str = "A2",
    max_rows: int = MAX_EXPORT_ROWS,
) -> FileResponse:
    """A streamed-to-disk workbook: one bold header row, then the rows (at most `max_rows`). `freeze` is the
    first cell that scrolls ("C2" keeps two columns in view too); the file name gets today's date."""
    workbook = Workbook(write_only=True)
    ws = workbook.create_sheet(str(sheet)[:31])
    ws.freeze_panes = freeze
    bold = Font(bold=True)
    cells = []
    for title in headers:
        cell = WriteOnlyCell(ws, value=title if isinstance(title, int | float) else str(title))
        cell.font = bold
        cells.append(cell)
    ws.append(cells)
    for count, row in enumerate(rows):
        if count >= max_rows:
            break
        ws.append([_plain(v) for v in row])
    out = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115 - handed to the response
    workbook.save(out)
    out.seek(0)
    return FileResponse(
        out, as_attachment=True, filename=f"{filename}-{timezone.localdate():%Y%m%d}.xlsx", content_type=XLSX
    )


def template_response(*, filename: str, headers: Sequence[str], example: Sequence[Any]) -> FileResponse:
    return xlsx_response(filename=filename, sheet=filename, headers=headers, rows=[example])


def read_rows(file: Any, *, max_rows: int = 20_000) -> tuple[list[str], list[tuple[int, dict[str, Any]]]]:
    """(header names, [(sheet row number, {header: value})]) of the first sheet; empty rows skipped."""
    workbook = load_workbook(file, read_only=True, data_only=True)
    ws = workbook.worksheets[0]
    rows = ws.iter_rows(values_only=True)
    header_row = next(rows, None) or ()
    headers = [str(h).strip() if h is not None else "" for h in header_row]
    result = []
    for number, values in enumerate(rows, start=2):
        if number - 1 > max_rows:
            break
        if values is None or all(v in (None, "") for v in values):
            continue
        result.append((number, {h: v for h, v in zip(headers, values, strict=False) if h}))
    workbook.close()
    return headers, result
