"""Deadlines, late entry and maker–checker: built once, called by every service that writes regulated data.

A service that changes data of a regulated kind calls `regulation_guard(...)` (or `guard_instance(...)` for a
model that describes itself through `regulated()`) inside its transaction, before it writes. The same call sits
in the admin's save hooks and in the Excel import, so no path gets round a deadline.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from edu.core.errors import ApplicationError, PermissionDeniedError
from edu.journal.services import journal_create, journal_snapshot, journal_update
from edu.org.actor import Actor
from edu.org.roles import Role
from edu.regulation.models import (
    DEFAULT_MAKER_CHECKER,
    Anchor,
    Approval,
    DataKind,
    DeadlinePeriod,
    DeadlineRule,
    Holiday,
    LateEntryRequest,
    MakerCheckerSetting,
    RequestStatus,
)

# More than this many months late needs the ministry's approver (H3.2).
MINISTRY_MONTHS = 3
LATE_ENTRY_ALLOWED_ROLES_HEAD = frozenset({Role.MANAGEMENT, Role.DEAN, Role.HEAD_OF_DEPARTMENT, Role.MINISTRY})


@dataclass(frozen=True)
class Regulated:
    """What a record says about itself so the guard can find its deadline."""

    kind: str
    institution_id: int
    data_date: dt.date
    faculty_id: int | None = None
    department_id: int | None = None


class RegulatedModel(Protocol):
    pk: Any

    def regulated(self) -> Regulated | None: ...


# --- deadlines --------------------------------------------------------------------------------------------


def _anchor_date(anchor: str, day: dt.date) -> dt.date:
    if anchor == Anchor.WEEK:
        return day + dt.timedelta(days=6 - day.weekday())
    if anchor == Anchor.MONTH:
        next_month = (day.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
        return next_month - dt.timedelta(days=1)
    return day


def add_working_days(start: dt.date, days: int) -> dt.date:
    """`days` working days after `start` (Monday–Friday, national holidays skipped)."""
    holidays = set(
        Holiday.objects.filter(date__gt=start, date__lte=start + dt.timedelta(days=days * 3 + 14)).values_list(
            "date", flat=True
        )
    )
    current, left = start, days
    while left > 0:
        current += dt.timedelta(days=1)
        if current.weekday() < 5 and current not in holidays:
            left -= 1
    return current


def add_months(moment: dt.datetime, months: int) -> dt.datetime:
    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    for day in (moment.day, 30, 29, 28):
        try:
            return moment.replace(year=year, month=month, day=day)
        except ValueError:
            continue
    raise ValueError(moment)  # pragma: no cover


def end_of_day(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(23, 59, 59)))


def deadline_for(*, institution_id: int, kind: str, data_date: dt.date) -> dt.datetime | None:
    """When entry of `kind` data dated `data_date` closes; None when no deadline applies."""
    period = (
        DeadlinePeriod.objects.filter(
            institution_id=institution_id, kind=kind, period_start__lte=data_date, period_end__gte=data_date
        )
        .order_by("-created_at", "-pk")
        .first()
    )
    if period is not None:
        return period.due_at
    rule = DeadlineRule.objects.filter(institution_id=institution_id, kind=kind, active=True).first()
    if rule is None:
        return None
    anchor = _anchor_date(rule.anchor, data_date)
    due = (
        add_working_days(anchor, rule.offset_days)
        if rule.working_days
        else anchor + dt.timedelta(days=rule.offset_days)
    )
    return end_of_day(due)


def _late_entry_granted(*, actor: Actor, institution_id: int, kind: str, data_date: dt.date) -> bool:
    return LateEntryRequest.objects.filter(
        institution_id=institution_id,
        kind=kind,
        requested_by=actor.user,
        status=RequestStatus.APPROVED,
        period_start__lte=data_date,
        period_end__gte=data_date,
        valid_until__gte=timezone.now(),
    ).exists()


def regulation_guard(*, actor: Actor | None, institution_id: int, kind: str, data_date: dt.date | None) -> None:
    """Refuse the change when the deadline for these data has passed and no late entry was approved.

    `actor=None` is reserved for the platform's own processes (migrations, demo and scale data).
    """
    if actor is None or data_date is None:
        return
    due = deadline_for(institution_id=institution_id, kind=kind, data_date=data_date)
    if due is None or timezone.now() <= due:
        return
    if _late_entry_granted(actor=actor, institution_id=institution_id, kind=kind, data_date=data_date):
        return
    raise PermissionDeniedError(
        _(
            "The deadline for entering these data (%(kind)s, %(date)s) passed on %(due)s. "
            "Ask for late entry with a justification document and an explanation letter."
        )
        % {
            "kind": DataKind(kind).label,
            "date": date_format(data_date, "SHORT_DATE_FORMAT"),
            "due": date_format(timezone.localtime(due), "SHORT_DATETIME_FORMAT"),
        },
        extra={"locked": True},
    )


def guard_instance(*, actor: Actor | None, instance: RegulatedModel, stored: RegulatedModel | None = None) -> None:
    """Guard a model instance that describes itself through `regulated()`: its new values and, for a change,
    the values it had (moving a record out of a locked period is a change to the locked period)."""
    points = [instance.regulated()]
    if stored is not None:
        points.append(stored.regulated())
    for point in points:
        if point is not None:
            regulation_guard(
                actor=actor, institution_id=point.institution_id, kind=point.kind, data_date=point.data_date
            )


def is_locked(*, institution_id: int, kind: str, data_date: dt.date, actor: Actor | None = None) -> bool:
    """Whether entry is closed for these data (for `actor`, counting their approved late entry)."""
    due = deadline_for(institution_id=institution_id, kind=kind, data_date=data_date)
    if due is None or timezone.now() <= due:
        return False
    return actor is None or not _late_entry_granted(
        actor=actor, institution_id=institution_id, kind=kind, data_date=data_date
    )


def _require_settings_role(actor: Actor) -> int:
    assignment = actor.require_role(Role.ACADEMIC_OFFICE, Role.SUPER_ADMIN)
    return assignment.institution_id


@transaction.atomic
def deadline_rule_set(
    *, actor: Actor, kind: str, anchor: str, offset_days: int, working_days: bool, active: bool = True
) -> DeadlineRule:
    institution_id = _require_settings_role(actor)
    rule = DeadlineRule.objects.filter(institution_id=institution_id, kind=kind).first()
    before = journal_snapshot(rule) if rule else None
    if rule is None:
        rule = DeadlineRule(institution_id=institution_id, kind=kind)
    rule.anchor, rule.offset_days, rule.working_days, rule.active = anchor, offset_days, working_days, active
    rule.full_clean()
    rule.save()
    if before is None:
        journal_create(instance=rule, actor=actor)
    else:
        journal_update(instance=rule, before=before, actor=actor)
    return rule


@transaction.atomic
def deadline_period_create(
    *, actor: Actor, kind: str, period_start: dt.date, period_end: dt.date, due_at: dt.datetime, title: str = ""
) -> DeadlinePeriod:
    institution_id = _require_settings_role(actor)
    if period_start > period_end:
        raise ApplicationError(_("The period ends before it starts."), field="period_end")
    if due_at.date() < period_start:
        raise ApplicationError(_("Entry cannot close before the period begins."), field="due_at")
    period = DeadlinePeriod(
        institution_id=institution_id,
        kind=kind,
        period_start=period_start,
        period_end=period_end,
        due_at=due_at,
        title=title,
    )
    period.full_clean()
    period.save()
    journal_create(instance=period, actor=actor)
    return period


@transaction.atomic
def deadline_period_delete(*, actor: Actor, period: DeadlinePeriod) -> None:
    institution_id = _require_settings_role(actor)
    if period.institution_id != institution_id:
        raise ApplicationError(_("You can change only your own institution."))
    from edu.journal.services import journal_delete

    journal_delete(instance=period, actor=actor)
    period.delete()


# --- late entry -------------------------------------------------------------------------------------------


@transaction.atomic
def late_entry_request_create(
    *,
    actor: Actor,
    kind: str,
    period_start: dt.date,
    period_end: dt.date,
    reason: str,
    justification: Any,
    explanation_letter: Any,
) -> LateEntryRequest:
    """The responsible employee asks to enter `kind` data dated within the period after its deadline."""
    if actor.assignment is None:
        raise ApplicationError(_("Choose a role first."))
    if period_start > period_end:
        raise ApplicationError(_("The period ends before it starts."), field="period_end")
    if not reason.strip():
        raise ApplicationError(_("Explain why the data were not entered in time."), field="reason")
    if not justification:
        raise ApplicationError(_("Attach the justification document."), field="justification")
    if not explanation_letter:
        raise ApplicationError(_("Attach the explanation letter."), field="explanation_letter")
    for upload, field in ((justification, "justification"), (explanation_letter, "explanation_letter")):
        if getattr(upload, "size", 0) > settings.UPLOAD_MAX_BYTES:
            raise ApplicationError(_("The file is too large."), field=field)
    institution_id = actor.assignment.institution_id
    due = deadline_for(institution_id=institution_id, kind=kind, data_date=period_start)
    now = timezone.now()
    if due is None or now <= due:
        raise ApplicationError(_("These data are not locked yet: enter them as usual."), field="period_start")
    request = LateEntryRequest(
        institution_id=institution_id,
        faculty_id=actor.assignment.faculty_id,
        department_id=actor.assignment.department_id,
        kind=kind,
        period_start=period_start,
        period_end=period_end,
        reason=reason.strip(),
        justification=justification,
        explanation_letter=explanation_letter,
        requested_by=actor.user,
        requested_role=actor.role or "",
        days_late=(now - due).days,
        needs_ministry=now > add_months(due, MINISTRY_MONTHS),
    )
    request.full_clean()
    request.save()
    journal_create(instance=request, actor=actor)
    return request


def late_entry_can_decide(*, actor: Actor, request: LateEntryRequest) -> bool:
    a = actor.assignment
    if a is None or a.institution_id != request.institution_id or request.requested_by_id == actor.user.pk:
        return False
    if request.needs_ministry:
        return a.role == Role.MINISTRY
    if a.role in (Role.MINISTRY, Role.MANAGEMENT):
        return a.faculty_id is None or a.faculty_id == request.faculty_id
    if a.role == Role.DEAN:
        return request.faculty_id is not None and (a.faculty_id is None or a.faculty_id == request.faculty_id)
    if a.role == Role.HEAD_OF_DEPARTMENT:
        return request.department_id is not None and a.department_id == request.department_id
    return False


@transaction.atomic
def late_entry_decide(*, actor: Actor, request: LateEntryRequest, approve: bool, comment: str = "") -> LateEntryRequest:
    request = LateEntryRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != RequestStatus.PENDING:
        raise ApplicationError(_("This request has already been decided."))
    if request.requested_by_id == actor.user.pk:
        raise ApplicationError(_("You cannot decide your own request."))
    if not late_entry_can_decide(actor=actor, request=request):
        if request.needs_ministry:
            raise PermissionDeniedError(_("More than 3 months late: only the ministry's approver can allow it."))
        raise PermissionDeniedError(_("You cannot decide this request."))
    before = journal_snapshot(request)
    request.status = RequestStatus.APPROVED if approve else RequestStatus.REJECTED
    request.decided_by = actor.user
    request.decided_role = actor.role or ""
    request.decided_at = timezone.now()
    request.decision_comment = comment.strip()
    if approve:
        request.valid_until = request.decided_at + dt.timedelta(days=settings.LATE_ENTRY_WINDOW_DAYS)
    request.full_clean()
    request.save()
    journal_update(instance=request, before=before, actor=actor)
    return request


# --- maker–checker ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ApprovalHandler:
    """How a kind of data takes effect when approved, and who may approve it."""

    kind: str
    checker_roles: frozenset[str]
    apply: Callable[[str, Actor], None]
    reject: Callable[[str, Actor], None]
    url: Callable[[str], str] | None = None


_HANDLERS: dict[str, ApprovalHandler] = {}


def approval_handler_register(handler: ApprovalHandler) -> None:
    _HANDLERS[handler.kind] = handler


def approval_handlers() -> dict[str, ApprovalHandler]:
    return dict(_HANDLERS)


def approval_handler(kind: str) -> ApprovalHandler:
    return _HANDLERS[kind]


def maker_checker_enabled(*, institution_id: int, kind: str) -> bool:
    setting = MakerCheckerSetting.objects.filter(institution_id=institution_id, kind=kind).first()
    if setting is None:
        return kind in DEFAULT_MAKER_CHECKER
    return setting.enabled


@transaction.atomic
def maker_checker_set(*, actor: Actor, kind: str, enabled: bool) -> MakerCheckerSetting:
    assignment = actor.require_role(Role.SUPER_ADMIN)
    setting, created = MakerCheckerSetting.objects.get_or_create(
        institution_id=assignment.institution_id, kind=kind, defaults={"enabled": enabled}
    )
    if created:
        journal_create(instance=setting, actor=actor)
    elif setting.enabled != enabled:
        before = journal_snapshot(setting)
        setting.enabled = enabled
        setting.save(update_fields=["enabled"])
        journal_update(instance=setting, before=before, actor=actor)
    return setting


@transaction.atomic
def approval_submit(
    *,
    actor: Actor,
    kind: str,
    instance: models.Model,
    institution_id: int,
    faculty_id: int | None = None,
    department_id: int | None = None,
    summary: str = "",
) -> Approval:
    """Put `instance` in the checker's inbox. The caller keeps it without effect until approval."""
    if Approval.objects.filter(kind=kind, object_id=str(instance.pk), status=RequestStatus.PENDING).exists():
        raise ApplicationError(_("This is already waiting for approval."))
    approval = Approval(
        institution_id=institution_id,
        faculty_id=faculty_id,
        department_id=department_id,
        kind=kind,
        object_id=str(instance.pk),
        object_repr=str(instance)[:255],
        summary=summary,
        maker=actor.user,
        maker_role=actor.role or "",
    )
    approval.full_clean()
    approval.save()
    journal_create(instance=approval, actor=actor)
    return approval


@transaction.atomic
def approval_decide(*, actor: Actor, approval: Approval, approve: bool, comment: str = "") -> Approval:
    """The checker approves (the data take effect) or rejects. Never the maker."""
    approval = Approval.objects.select_for_update().get(pk=approval.pk)
    if approval.status != RequestStatus.PENDING:
        raise ApplicationError(_("This has already been decided."))
    if approval.maker_id == actor.user.pk:
        raise PermissionDeniedError(_("You entered these data; someone else must approve them."))
    handler = approval_handler(approval.kind)
    in_scope = Approval.objects.filter(actor.scope_q(), pk=approval.pk).exists()
    if actor.role not in handler.checker_roles or not in_scope:
        raise PermissionDeniedError(_("Your role cannot approve this kind of data."))
    before = journal_snapshot(approval)
    if approve:
        handler.apply(approval.object_id, actor)
    else:
        handler.reject(approval.object_id, actor)
    approval.status = RequestStatus.APPROVED if approve else RequestStatus.REJECTED
    approval.checker = actor.user
    approval.checker_role = actor.role or ""
    approval.decided_at = timezone.now()
    approval.comment = comment.strip()
    approval.full_clean()
    approval.save()
    journal_update(instance=approval, before=before, actor=actor)
    return approval
