"""Pages of the regulation mechanics: deadlines, late-entry requests, approvals (maker–checker)."""

from __future__ import annotations

from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from edu.core.errors import ApplicationError
from edu.core.forms import add_service_error
from edu.core.types import AuthedRequest
from edu.org.roles import Role
from edu.regulation import selectors, services
from edu.regulation.forms import DeadlinePeriodForm, DeadlineRuleForm, DecisionForm, LateEntryForm
from edu.regulation.models import ApprovalKind, RequestStatus

SETTINGS_ROLES = (Role.ACADEMIC_OFFICE, Role.SUPER_ADMIN)


@login_required
def deadlines(request: AuthedRequest) -> HttpResponse:
    """Deadline rules and periods (H3.1). Everyone with a role reads them; the academic office sets them."""
    actor = request.actor
    if actor.assignment is None:
        raise Http404
    can_edit = actor.has_role(*SETTINGS_ROLES)
    rule_form = DeadlineRuleForm(prefix="rule")
    period_form = DeadlinePeriodForm(prefix="period")
    if request.method == "POST" and can_edit:
        kind = request.POST.get("form")
        try:
            if kind == "rule":
                rule_form = DeadlineRuleForm(request.POST, prefix="rule")
                if rule_form.is_valid():
                    services.deadline_rule_set(actor=actor, **rule_form.cleaned_data)
                    messages.success(request, _("The deadline rule has been saved."))
                    return redirect("regulation:deadlines")
            elif kind == "period":
                period_form = DeadlinePeriodForm(request.POST, prefix="period")
                if period_form.is_valid():
                    data = dict(period_form.cleaned_data)
                    data["due_at"] = (
                        timezone.make_aware(data["due_at"]) if timezone.is_naive(data["due_at"]) else data["due_at"]
                    )
                    services.deadline_period_create(actor=actor, **data)
                    messages.success(request, _("The deadline has been added."))
                    return redirect("regulation:deadlines")
        except ApplicationError as exc:
            add_service_error(rule_form if kind == "rule" else period_form, exc)
    return render(
        request,
        "regulation/deadlines.html",
        {
            "rules": selectors.deadline_rule_list(actor=actor),
            "periods": selectors.deadline_period_list(actor=actor)[:100],
            "can_edit": can_edit,
            "rule_form": rule_form,
            "period_form": period_form,
            "now": timezone.now(),
        },
    )


@login_required
@require_POST
def deadline_period_delete(request: AuthedRequest, period_id: int) -> HttpResponse:
    period = selectors.access_deadline_period_by_id(request.actor, period_id)
    try:
        services.deadline_period_delete(actor=request.actor, period=period)
    except ApplicationError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("The deadline has been removed."))
    return redirect("regulation:deadlines")


@login_required
def late_entry_list(request: AuthedRequest) -> HttpResponse:
    actor = request.actor
    if actor.assignment is None:
        raise Http404
    form = LateEntryForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.late_entry_request_create(actor=actor, **form.cleaned_data)
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("Your request has been sent for a decision."))
            return redirect("regulation:late_entry", created.pk)
    status = request.GET.get("status", "")
    page = Paginator(selectors.late_entry_list(actor=actor, status=status), 30).get_page(request.GET.get("page"))
    return render(
        request,
        "regulation/late_entry_list.html",
        {"form": form, "page": page, "status": status, "statuses": RequestStatus.choices},
    )


@login_required
def late_entry_detail(request: AuthedRequest, request_id: int) -> HttpResponse:
    actor = request.actor
    item = selectors.access_late_entry_by_id(actor, request_id)
    can_decide = item.status == RequestStatus.PENDING and services.late_entry_can_decide(actor=actor, request=item)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.late_entry_decide(
                actor=actor,
                request=item,
                approve=request.POST.get("decision") == "approve",
                comment=form.cleaned_data["comment"],
            )
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The decision has been recorded."))
            return redirect("regulation:late_entry", item.pk)
    return render(
        request,
        "regulation/late_entry_detail.html",
        {"item": item, "can_decide": can_decide, "form": form},
    )


@login_required
def late_entry_file(request: AuthedRequest, request_id: int, which: str) -> FileResponse:
    """The attachments are shown only to the requester and to those who may decide."""
    item = selectors.access_late_entry_by_id(request.actor, request_id)
    if which not in ("justification", "explanation_letter"):
        raise Http404
    field = getattr(item, which)
    if not field:
        raise Http404
    return FileResponse(field.open("rb"), as_attachment=True, filename=Path(field.name).name)


@login_required
def approvals(request: AuthedRequest) -> HttpResponse:
    """Maker–checker (H3.3): what waits for the actor's approval, and what the actor entered."""
    actor = request.actor
    if actor.assignment is None:
        raise Http404
    mine = request.GET.get("mine") == "1"
    status = request.GET.get("status", RequestStatus.PENDING)
    items = selectors.approval_list(actor=actor, status=status, mine=mine)
    page = Paginator(items, 30).get_page(request.GET.get("page"))
    handlers = services.approval_handlers()
    for approval in page:
        handler = handlers.get(approval.kind)
        approval.url = handler.url(approval.object_id) if handler and handler.url else ""  # type: ignore[attr-defined]
    return render(
        request,
        "regulation/approvals.html",
        {"page": page, "mine": mine, "status": status, "statuses": RequestStatus.choices},
    )


@login_required
@require_POST
def approval_decide(request: AuthedRequest, approval_id: int) -> HttpResponse:
    actor = request.actor
    approval = selectors.access_approval_by_id(actor, approval_id)
    try:
        services.approval_decide(
            actor=actor,
            approval=approval,
            approve=request.POST.get("decision") == "approve",
            comment=request.POST.get("comment", ""),
        )
    except ApplicationError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("The decision has been recorded."))
    return redirect(request.POST.get("next") or "regulation:approvals")


@login_required
def maker_checker(request: AuthedRequest) -> HttpResponse:
    actor = request.actor
    actor.require_role(Role.SUPER_ADMIN)
    if request.method == "POST":
        for kind, _label in ApprovalKind.choices:
            services.maker_checker_set(actor=actor, kind=kind, enabled=request.POST.get(kind) == "on")
        messages.success(request, _("Saved."))
        return redirect("regulation:maker_checker")
    return render(request, "regulation/maker_checker.html", {"settings": selectors.maker_checker_settings(actor=actor)})
