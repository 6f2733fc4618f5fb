"""Excel exports for editors: learners' progress in a programme, results of a course exam (as header and rows
for edu/core/xlsx.py)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from django.utils.translation import gettext as _

from edu.assessment.models import Attempt
from edu.learning.models import StudyPlan


def learners_headers() -> list[str]:
    return [
        _("Full name"),
        _("Phone"),
        _("Workplace"),
        _("Plan made"),
        _("Placement, %"),
        _("Required courses"),
        _("Passed"),
        _("Final exam, best %"),
        _("Certificate"),
    ]


def learners_rows(plans: list[StudyPlan], facts: dict[int, dict[str, Any]]) -> Iterator[list[Any]]:
    for plan in plans:
        f = facts.get(plan.pk, {})
        yield [
            plan.user.get_full_name(),
            plan.user.phone,
            plan.user.workplace,
            plan.created_at,
            plan.placement_percent,
            getattr(plan, "required_total", None),
            f.get("passed", 0),
            f.get("final_best"),
            f.get("certificate") or "",
        ]


def course_results_headers() -> list[str]:
    return [_("Full name"), _("Phone"), _("Attempt"), _("Started"), _("Finished"), _("Score, %"), _("Passed")]


def course_results_rows(attempts: Iterable[Attempt]) -> Iterator[list[Any]]:
    for attempt in attempts:
        yield [
            attempt.user.get_full_name(),
            attempt.user.phone,
            attempt.number,
            attempt.started_at,
            attempt.submitted_at,
            attempt.percent,
            _("yes") if attempt.passed else _("no") if attempt.passed is not None else "",
        ]
