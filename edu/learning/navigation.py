"""Where the learning pages appear: cabinet tiles, the top bar, the landing page, the profile, engine results."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from edu.core.navigation import Link, Panel
from edu.learning import selectors
from edu.org.actor import Actor


def cabinet(actor: Actor) -> list[Link]:
    if actor.has_role(*selectors.EDITOR_ROLES):
        return [
            Link(_("Programmes and courses"), reverse("learning:programmes"), _("Courses, lessons, exams, learners")),
            Link(_("Certificates"), reverse("learning:certificates"), _("Issued certificates; revoke one")),
        ]
    if actor.assignment is not None:
        return []
    return [
        Link(_("My learning"), reverse("learning:dashboard"), _("Your study plan, courses and next step")),
        Link(_("Additional courses"), reverse("learning:additional"), _("Every other course of the programme")),
        Link(_("Certificate"), reverse("learning:certificate"), _("The final exam and your certificate")),
    ]


def nav(actor: Actor) -> list[Link]:
    if actor.has_role(*selectors.EDITOR_ROLES):
        return [Link(_("Programmes"), reverse("learning:programmes"))]
    if actor.assignment is not None:
        return []
    return [
        Link(_("My courses"), reverse("learning:dashboard")),
        Link(_("Additional courses"), reverse("learning:additional")),
        Link(_("Certificate"), reverse("learning:certificate")),
    ]


def landing(actor: Actor) -> str | None:
    """A learner (no role) without a study plan starts at the placement test's conditions (L2)."""
    if actor.assignment is not None or actor.assignments:
        return None
    if selectors.learner_has_plan(user=actor.user):
        return None
    if selectors.programme_for_learner(user=actor.user) is None:
        return None
    return reverse("learning:dashboard")


def profile_panels(actor: Actor) -> list[Panel]:
    certificates = list(selectors.certificate_list_for_owner(user=actor.user))
    if not certificates:
        return []
    return [Panel("learning/_profile_certificates.html", {"certificates": certificates})]


def result_panel(request: Any, attempt: Any) -> Panel | None:
    """Under the engine's result: the study plan after the placement, the next step after a course exam,
    the certificate after the final exam."""
    from edu.learning.services.plans import learner_sync

    programme = selectors.programme_for_attempt(attempt)
    if programme is None:
        return None
    learner_sync(user=request.user, programme=programme)
    overview = selectors.learner_overview(user=request.user, programme=programme)
    kind = "course"
    course_state = None
    if attempt.blueprint_id == programme.placement_blueprint_id:
        kind = "placement"
    elif attempt.blueprint_id == programme.final_blueprint_id:
        kind = "final"
    else:
        course_state = next((s for s in overview.courses if s.course.exam_blueprint_id == attempt.blueprint_id), None)
    return Panel(
        "learning/_result_panel.html",
        {"kind": kind, "overview": overview, "course_state": course_state, "attempt": attempt},
    )
