"""Student movement orders: list, new order with its students, the order's page (submit, delete)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from edu.core.errors import ApplicationError
from edu.core.forms import add_service_error
from edu.core.types import AuthedRequest
from edu.core.xlsx import xlsx_response
from edu.org.roles import Role
from edu.university.classifiers import classifier_name
from edu.university.forms.people import DecreeForm
from edu.university.selectors import movement as sel
from edu.university.selectors import people as people_sel
from edu.university.selectors import study as study_sel
from edu.university.services import movement as svc
from edu.university.views.common import acting, paginate, wants_export


@login_required
def decree_list(request: AuthedRequest) -> HttpResponseBase:
    actor = acting(request)
    q = request.GET.get("q", "").strip()
    items = sel.decree_list(actor=actor, q=q, decree_type=request.GET.get("type", ""))
    if wants_export(request):
        return xlsx_response(
            filename="orders",
            sheet=_("Movement orders"),
            headers=[_("Number"), _("Date"), _("Order type"), _("Faculty"), _("Students"), _("Status")],
            rows=(
                (
                    d.number,
                    d.date,
                    classifier_name("h_decree_type", d.decree_type),
                    d.faculty.name,
                    getattr(d, "student_count", 0),
                    d.get_status_display(),
                )  # type: ignore[attr-defined]
                for d in items
            ),
        )
    form = None
    if actor.has_role(Role.DEAN):
        form = DecreeForm(
            request.POST or None, groups=study_sel.group_list(actor=actor), institution_id=actor.institution_id
        )
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            students = people_sel.student_list(actor=actor).filter(student_id_number__in=form.student_ids())
            found = {s.student_id_number: s for s in students}
            missing = [n for n in form.student_ids() if n not in found]
            faculty = actor.assignment.faculty if actor.assignment and actor.assignment.faculty_id else None
            if missing:
                form.add_error("students", _("Not found: %(ids)s") % {"ids": ", ".join(missing)})
            elif faculty is None and len({s.faculty_id for s in found.values()}) != 1:
                form.add_error("students", _("An order lists students of one faculty."))
            else:
                try:
                    decree = svc.decree_create(
                        actor=actor,
                        faculty=faculty or next(iter(found.values())).faculty,
                        decree_type=data["decree_type"],
                        number=data["number"],
                        date=data["date"],
                        title=data["title"],
                        items=[(s, data["to_group"], data["reason"]) for s in found.values()],
                        other_institution=data["other_institution"],
                    )
                except ApplicationError as exc:
                    add_service_error(form, exc)
                else:
                    messages.success(request, _("The order has been saved as a draft."))
                    return redirect("university:decree", decree.pk)
    return render(
        request,
        "university/people/decrees.html",
        {"page": paginate(request, items), "q": q, "form": form, "type": request.GET.get("type", "")},
    )


@login_required
def decree_detail(request: AuthedRequest, decree_id: int) -> HttpResponseBase:
    actor = acting(request)
    decree = sel.access_decree_by_id(actor, decree_id)
    return render(
        request,
        "university/people/decree_detail.html",
        {"decree": decree, "items": sel.decree_items(decree=decree), "can_edit": actor.has_role(Role.DEAN)},
    )


@login_required
@require_POST
def decree_submit(request: AuthedRequest, decree_id: int) -> HttpResponseBase:
    actor = acting(request, Role.DEAN)
    decree = sel.access_decree_by_id(actor, decree_id)
    try:
        decree = svc.decree_submit(actor=actor, decree=decree)
    except ApplicationError as exc:
        messages.error(request, str(exc.message))
    else:
        if decree.status == "applied":
            messages.success(request, _("The order is in force."))
        else:
            messages.success(request, _("The order waits for another person's approval."))
    return redirect("university:decree", decree.pk)


@login_required
@require_POST
def decree_delete(request: AuthedRequest, decree_id: int) -> HttpResponseBase:
    actor = acting(request, Role.DEAN)
    decree = sel.access_decree_by_id(actor, decree_id)
    try:
        svc.decree_delete(actor=actor, decree=decree)
    except ApplicationError as exc:
        messages.error(request, str(exc.message))
        return redirect("university:decree", decree.pk)
    messages.success(request, _("The draft has been deleted."))
    return redirect("university:decrees")
