"""Excel exports for editors: learners' progress in a programme, results of a course exam."""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from edu.assessment.models import Attempt
from edu.learning.models import Course, Programme, StudyPlan

MAX_ROWS = 100_000


def _book(title: str, headers: list[str]) -> tuple[Workbook, Any]:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    cells = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=header)
        cell.font = bold
        cells.append(cell)
    sheet.append(cells)
    return workbook, sheet


def _bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _local(value: Any) -> Any:
    return timezone.localtime(value).replace(tzinfo=None) if value else None


def learners_xlsx(programme: Programme, plans: list[StudyPlan], facts: dict[int, dict[str, Any]]) -> bytes:
    workbook, sheet = _book(
        _("Learners"),
        [
            _("Full name"),
            _("Phone"),
            _("Workplace"),
            _("Plan made"),
            _("Placement, %"),
            _("Required courses"),
            _("Passed"),
            _("Final exam, best %"),
            _("Certificate"),
        ],
    )
    for plan in plans:
        f = facts.get(plan.pk, {})
        sheet.append(
            [
                plan.user.get_full_name(),
                plan.user.phone,
                plan.user.workplace,
                _local(plan.created_at),
                float(plan.placement_percent),
                getattr(plan, "required_total", None),
                f.get("passed", 0),
                float(f["final_best"]) if f.get("final_best") is not None else None,
                f.get("certificate") or "",
            ]
        )
    return _bytes(workbook)


def course_results_xlsx(course: Course, attempts: Iterable[Attempt]) -> bytes:
    workbook, sheet = _book(
        course.code or _("Results"),
        [_("Full name"), _("Phone"), _("Attempt"), _("Started"), _("Finished"), _("Score, %"), _("Passed")],
    )
    for attempt in attempts:
        sheet.append(
            [
                attempt.user.get_full_name(),
                attempt.user.phone,
                attempt.number,
                _local(attempt.started_at),
                _local(attempt.submitted_at),
                float(attempt.percent) if attempt.percent is not None else None,
                _("yes") if attempt.passed else _("no") if attempt.passed is not None else "",
            ]
        )
    return _bytes(workbook)
