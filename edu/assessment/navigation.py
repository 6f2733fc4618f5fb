from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from edu.assessment.selectors import EDITOR_ROLES
from edu.core.navigation import Link, Panel
from edu.org.actor import Actor

# Other apps add a section under a taker's result (e.g. the study plan after a placement test):
# fn(request, attempt) -> Panel | None, the panel's template reads its context as `ctx`.
RESULT_PANELS: list[Callable[[Any, Any], Panel | None]] = []


def result_panels(request: Any, attempt: Any) -> list[Panel]:
    return [p for p in (fn(request, attempt) for fn in RESULT_PANELS) if p is not None]


def cabinet(actor: Actor) -> list[Link]:
    links = [Link(_("Tests"), reverse("assessment:my_tests"), _("Tests open to you and your results"))]
    if actor.has_role(*EDITOR_ROLES):
        links += [
            Link(_("Question banks"), reverse("assessment:pools"), _("Questions, imports and exports")),
            Link(_("Tests (blueprints)"), reverse("assessment:blueprints"), _("Sections, time, pass mark, attempts")),
        ]
    return links


def nav(actor: Actor) -> list[Link]:
    if actor.has_role(*EDITOR_ROLES):
        return [
            Link(_("Question banks"), reverse("assessment:pools")),
            Link(_("Tests (blueprints)"), reverse("assessment:blueprints")),
        ]
    return [Link(_("Tests"), reverse("assessment:my_tests"))]
