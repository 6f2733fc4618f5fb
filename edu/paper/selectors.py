"""Reads of paper exams for exam-centre staff (and the other test editors) within their institution."""

from __future__ import annotations

from django.db.models import QuerySet

from edu.assessment.models import Blueprint
from edu.assessment.selectors import access_blueprint_by_id
from edu.core.access import get_in_scope_or_404
from edu.org.actor import Actor
from edu.org.roles import Role
from edu.paper.models import Batch, PaperCandidate, PaperExam, ReviewItem

# Who runs paper exams: exam-centre staff first, and the institution-wide test editors.
PAPER_ROLES = (Role.EXAM_CENTRE, Role.SUPER_ADMIN, Role.LEARNING_EDITOR, Role.ACADEMIC_OFFICE)


def exam_list(*, actor: Actor) -> QuerySet[PaperExam]:
    actor.require_role(*PAPER_ROLES)
    return PaperExam.objects.filter(actor.scope_q(faculty=None, department=None)).select_related("blueprint")


def access_exam_by_id(actor: Actor, exam_id: object) -> PaperExam:
    return get_in_scope_or_404(exam_list(actor=actor), exam_id)


def access_paper_blueprint(actor: Actor, blueprint_id: object) -> Blueprint:
    actor.require_role(*PAPER_ROLES)
    return access_blueprint_by_id(actor, blueprint_id)


def access_batch_by_id(actor: Actor, batch_id: object) -> Batch:
    return get_in_scope_or_404(Batch.objects.filter(exam__in=exam_list(actor=actor)).select_related("exam"), batch_id)


def access_review_by_id(actor: Actor, item_id: object) -> ReviewItem:
    qs = ReviewItem.objects.filter(sheet__exam__in=exam_list(actor=actor)).select_related("sheet__exam")
    return get_in_scope_or_404(qs, item_id)


def access_candidate_by_id(actor: Actor, candidate_id: object) -> PaperCandidate:
    qs = PaperCandidate.objects.filter(exam__in=exam_list(actor=actor)).select_related("exam")
    return get_in_scope_or_404(qs, candidate_id)


def review_queue(exam: PaperExam) -> QuerySet[ReviewItem]:
    """The exam's review items still waiting for a decision (the exam is already in the actor's scope)."""
    return ReviewItem.objects.filter(sheet__exam=exam, decided_at__isnull=True).select_related("sheet")
