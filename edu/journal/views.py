from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.utils.translation import gettext as _

from edu.core.types import AuthedRequest
from edu.core.xlsx import xlsx_response
from edu.journal.export import MAX_ROWS, journal_headers, journal_rows
from edu.journal.forms import JournalFilterForm
from edu.journal.models import JournalEntry
from edu.journal.selectors import journal_entry_get, journal_entry_list


def _filtered(request: AuthedRequest) -> tuple[JournalFilterForm, QuerySet[JournalEntry]]:
    form = JournalFilterForm(request.GET or None)
    filters: dict[str, Any] = form.cleaned_data if form.is_valid() else {}
    return form, journal_entry_list(actor=request.actor, filters=filters)


@login_required
def journal_list(request: AuthedRequest) -> HttpResponse:
    """H3.5: the super administrator browses every change in the institution."""
    form, entries = _filtered(request)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "journal/list.html", {"form": form, "page": page, "query": request.GET.urlencode()})


@login_required
def journal_detail(request: AuthedRequest, entry_id: int) -> HttpResponse:
    entry = journal_entry_get(actor=request.actor, entry_id=entry_id)
    return render(request, "journal/detail.html", {"entry": entry})


@login_required
def journal_export(request: AuthedRequest) -> HttpResponseBase:
    _form, entries = _filtered(request)
    return xlsx_response(
        filename="journal",
        sheet=_("Journal"),
        headers=journal_headers(),
        rows=journal_rows(entries[:MAX_ROWS].iterator(chunk_size=2000)),
        max_rows=MAX_ROWS,
    )
