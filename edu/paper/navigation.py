from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from edu.core.navigation import Link
from edu.org.actor import Actor
from edu.org.roles import Role
from edu.paper.selectors import PAPER_ROLES


def cabinet(actor: Actor) -> list[Link]:
    if actor.has_role(*PAPER_ROLES):
        return [Link(_("Paper exams"), reverse("paper:exams"), _("Answer sheets, scans, review and results"))]
    return []


def nav(actor: Actor) -> list[Link]:
    if actor.has_role(Role.EXAM_CENTRE):
        return [Link(_("Paper exams"), reverse("paper:exams"))]
    return []
