"""Excel import pages: template, upload and check (preview with per-row errors), then import all or nothing."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from edu.core.errors import ApplicationError
from edu.core.forms import add_service_error
from edu.core.types import AuthedRequest
from edu.core.xlsx import template_response
from edu.university.models import ImportKind
from edu.university.selectors import imports as sel
from edu.university.services import imports as svc
from edu.university.views.common import acting


class UploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Excel file (.xlsx)"))


def _kind(kind: str) -> str:
    if kind not in ImportKind.values:
        raise Http404
    return kind


@login_required
def upload(request: AuthedRequest, kind: str) -> HttpResponseBase:
    kind = _kind(kind)
    actor = acting(request, *svc.ROLES[kind])
    if request.GET.get("template"):
        return template_response(filename=f"import-{kind}", headers=svc.COLUMNS[kind], example=svc.EXAMPLES[kind])
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            batch = svc.import_check(actor=actor, kind=kind, file=form.cleaned_data["file"])
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            return redirect("university:import_batch", batch.pk)
    return render(
        request,
        "university/imports/upload.html",
        {
            "form": form,
            "kind": kind,
            "kind_label": ImportKind(kind).label,
            "columns": svc.COLUMNS[kind],
            "required": svc.REQUIRED[kind],
            "recent": sel.import_batch_list(actor=actor).filter(kind=kind)[:10],
        },
    )


@login_required
def batch_detail(request: AuthedRequest, batch_id: int) -> HttpResponseBase:
    actor = acting(request)
    batch = sel.access_import_batch_by_id(actor, batch_id)
    blocking = [e for e in batch.errors if not e.get("warning")]
    return render(
        request,
        "university/imports/batch.html",
        {"batch": batch, "columns": svc.COLUMNS[batch.kind], "blocking": blocking},
    )


@login_required
@require_POST
def batch_commit(request: AuthedRequest, batch_id: int) -> HttpResponseBase:
    actor = acting(request)
    batch = sel.access_import_batch_by_id(actor, batch_id)
    try:
        count = svc.import_commit(actor=actor, batch=batch)
    except ApplicationError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("%(count)d rows have been imported.") % {"count": count})
    return redirect("university:import_batch", batch.pk)
