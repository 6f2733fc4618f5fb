"""Scoped reads of deadlines, late-entry requests and approvals."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from edu.core.access import get_in_scope_or_404
from edu.org.actor import Actor
from edu.org.roles import Role
from edu.regulation.models import (
    DEFAULT_MAKER_CHECKER,
    Approval,
    ApprovalKind,
    DeadlinePeriod,
    DeadlineRule,
    LateEntryRequest,
    MakerCheckerSetting,
    RequestStatus,
)
from edu.regulation.services import approval_handlers

NOTHING = Q(pk__in=[])


def _institution(actor: Actor) -> Q:
    return Q(institution_id=actor.institution_id) if actor.institution_id else NOTHING


def deadline_rule_list(*, actor: Actor) -> QuerySet[DeadlineRule]:
    return DeadlineRule.objects.filter(_institution(actor)).order_by("kind")


def deadline_period_list(*, actor: Actor) -> QuerySet[DeadlinePeriod]:
    return DeadlinePeriod.objects.filter(_institution(actor))


def access_deadline_period_by_id(actor: Actor, pk: object) -> DeadlinePeriod:
    return get_in_scope_or_404(deadline_period_list(actor=actor), pk)


def _decider_q(actor: Actor) -> Q:
    a = actor.assignment
    if a is None:
        return NOTHING
    if a.role in (Role.MANAGEMENT, Role.MINISTRY):
        return actor.scope_q(department=None)
    if a.role == Role.DEAN:
        return actor.scope_q(department=None) & Q(faculty__isnull=False)
    if a.role == Role.HEAD_OF_DEPARTMENT:
        return Q(department_id=a.department_id)
    return NOTHING


def late_entry_list(*, actor: Actor, status: str = "") -> QuerySet[LateEntryRequest]:
    """The actor's own requests and those they may decide."""
    qs = (
        LateEntryRequest.objects.filter(_institution(actor))
        .filter(Q(requested_by=actor.user) | _decider_q(actor))
        .select_related("requested_by", "decided_by", "faculty", "department")
    )
    if status:
        qs = qs.filter(status=status)
    return qs


def access_late_entry_by_id(actor: Actor, pk: object) -> LateEntryRequest:
    return get_in_scope_or_404(late_entry_list(actor=actor), pk)


def approval_list(*, actor: Actor, status: str = RequestStatus.PENDING, mine: bool = False) -> QuerySet[Approval]:
    """Pending (or decided) approvals the actor may check; with `mine`, those the actor entered."""
    if mine:
        qs = Approval.objects.filter(_institution(actor), maker=actor.user)
    else:
        kinds = [kind for kind, handler in approval_handlers().items() if actor.role in handler.checker_roles]
        qs = Approval.objects.filter(actor.scope_q(), kind__in=kinds) if kinds else Approval.objects.none()
    if status:
        qs = qs.filter(status=status)
    return qs.select_related("maker", "checker")


def access_approval_by_id(actor: Actor, pk: object) -> Approval:
    return get_in_scope_or_404(approval_list(actor=actor, status=""), pk)


def maker_checker_settings(*, actor: Actor) -> list[tuple[str, str, bool]]:
    stored = dict(MakerCheckerSetting.objects.filter(_institution(actor)).values_list("kind", "enabled"))
    return [(kind, str(label), stored.get(kind, kind in DEFAULT_MAKER_CHECKER)) for kind, label in ApprovalKind.choices]


def approval_pending_count(*, actor: Actor) -> int:
    if actor.assignment is None:
        return 0
    return approval_list(actor=actor).exclude(maker=actor.user).count()
