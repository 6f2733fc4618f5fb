"""Pages for exam-centre staff: paper exams, answer sheets, scans, the review queue, results."""

from __future__ import annotations

import cv2
import numpy as np
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseBase, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from edu.core.errors import ApplicationError
from edu.core.forms import add_service_error
from edu.core.types import AuthedRequest
from edu.core.xlsx import xlsx_response
from edu.paper import selectors, services
from edu.paper.forms import CandidatesForm, DecisionForm, ExamForm, UploadForm, ViolationForm
from edu.paper.models import PaperExam, ReviewItem
from edu.paper.omr.layout import LETTERS, PAGE_W, get_layout
from edu.paper.omr.sheet import Prefill, sheet_pdf
from edu.paper.tasks import batch_process_task


@login_required
def exam_list(request: AuthedRequest) -> HttpResponse:
    exams = selectors.exam_list(actor=request.actor)
    return render(request, "paper/exam_list.html", {"exams": exams})


@login_required
def exam_create(request: AuthedRequest, blueprint_id: int) -> HttpResponse:
    blueprint = selectors.access_paper_blueprint(request.actor, blueprint_id)
    form = ExamForm(request.POST or None, initial={"title": blueprint.title})
    if request.method == "POST" and form.is_valid():
        exam = services.exam_create(actor=request.actor, blueprint=blueprint, **form.cleaned_data)
        messages.success(request, _("The paper exam has been created."))
        return redirect("paper:exam", exam.pk)
    return render(request, "paper/exam_form.html", {"form": form, "blueprint": blueprint})


def _exam_context(request: AuthedRequest, exam, **extra) -> dict:  # type: ignore[no-untyped-def]
    return {
        "exam": exam,
        "variants": exam.blueprint.paper_variants.all(),
        "candidates": exam.candidates.all(),
        "batches": exam.batches.all()[:20],
        "open_reviews": selectors.review_queue(exam).count(),
        "candidates_form": CandidatesForm(),
        "upload_form": UploadForm(),
        **extra,
    }


@login_required
def exam_detail(request: AuthedRequest, exam_id: int) -> HttpResponse:
    exam = selectors.access_exam_by_id(request.actor, exam_id)
    return render(request, "paper/exam_detail.html", _exam_context(request, exam))


@login_required
@require_POST
def candidates_import(request: AuthedRequest, exam_id: int) -> HttpResponse:
    exam = selectors.access_exam_by_id(request.actor, exam_id)
    form = CandidatesForm(request.POST)
    if form.is_valid():
        try:
            count = services.candidates_import(actor=request.actor, exam=exam, text=form.cleaned_data["text"])
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("%(n)d candidates saved.") % {"n": count})
            return redirect("paper:exam", exam.pk)
    return render(request, "paper/exam_detail.html", _exam_context(request, exam, candidates_form=form), status=400)


@login_required
def answer_sheets(request: AuthedRequest, exam_id: int) -> HttpResponse:
    """Blank sheets, or (?prefill=1) one pre-printed sheet per candidate: name, ID bubbles filled, a QR code."""
    exam = selectors.access_exam_by_id(request.actor, exam_id)
    layout = get_layout(exam.layout)
    prefills: list[Prefill | None] = [None]
    if request.GET.get("prefill"):
        prefills = [Prefill(c.candidate_id, c.full_name) for c in exam.candidates.all()] or [None]
    count = max((len(v.items) for v in exam.blueprint.paper_variants.all()), default=layout.questions)
    pdf = sheet_pdf(layout, title=exam.title, prefills=prefills, questions=min(count, layout.questions) or None)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="answer-sheets-{exam.pk}.pdf"'
    return response


@login_required
@require_POST
def batch_upload(request: AuthedRequest, exam_id: int) -> HttpResponse:
    exam = selectors.access_exam_by_id(request.actor, exam_id)
    form = UploadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            batch = services.batch_create(actor=request.actor, exam=exam, upload=form.cleaned_data["file"])
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            batch_process_task(batch.pk)
            return redirect("paper:exam", exam.pk)
    return render(request, "paper/exam_detail.html", _exam_context(request, exam, upload_form=form), status=400)


@login_required
def batch_progress(request: AuthedRequest, batch_id: int) -> JsonResponse:
    batch = selectors.access_batch_by_id(request.actor, batch_id)
    return JsonResponse(
        {
            "status": batch.status,
            "done": batch.processed,
            "total": batch.total,
            "failed": batch.failed,
            "status_label": batch.get_status_display(),
        }
    )


def _review_page(
    request: AuthedRequest, exam: PaperExam, refused: ReviewItem | None = None, error: str = "", value: str = ""
) -> HttpResponse:
    """The queue; a refused decision comes back next to its own item, with what was typed."""
    items = list(selectors.review_queue(exam)[:50])
    layout = get_layout(exam.layout)
    for item in items:
        item.error, item.value = (error, value) if refused is not None and item.pk == refused.pk else ("", "")  # type: ignore[attr-defined]
    if refused is not None and refused not in items:  # decided meanwhile: no field to show it next to
        messages.error(request, error)
    context = {"exam": exam, "items": items, "letters": LETTERS[: layout.choices], "form": DecisionForm()}
    return render(request, "paper/review.html", context)


@login_required
def review_queue(request: AuthedRequest, exam_id: int) -> HttpResponse:
    return _review_page(request, selectors.access_exam_by_id(request.actor, exam_id))


@login_required
@require_POST
def review_decide(request: AuthedRequest, item_id: int) -> HttpResponse:
    item = selectors.access_review_by_id(request.actor, item_id)
    form = DecisionForm(request.POST)
    typed = request.POST.get("decision", "")[:20]
    if not form.is_valid():
        return _review_page(request, item.sheet.exam, item, str(_("Choose a decision.")), typed)
    try:
        services.review_decide(actor=request.actor, item=item, decision=form.cleaned_data["decision"])
    except ApplicationError as exc:
        return _review_page(request, item.sheet.exam, item, str(exc.message), typed)
    messages.success(request, _("The decision has been saved."))
    return redirect("paper:review", item.sheet.exam_id)


@login_required
def review_crop(request: AuthedRequest, item_id: int) -> HttpResponse:
    """The part of the straightened page the decision is about (the grid or the question's row)."""
    item = selectors.access_review_by_id(request.actor, item_id)
    sheet = item.sheet
    if not sheet.image:
        raise Http404
    layout = get_layout(sheet.exam.layout)
    with sheet.image.open("rb") as fh:
        page = cv2.imdecode(np.frombuffer(fh.read(), np.uint8), cv2.IMREAD_GRAYSCALE)
    if page is None:
        raise Http404
    if item.kind == ReviewItem.Kind.QUESTION and item.question:
        box = layout.question_box(item.question)
    else:
        box = layout.grid_box("id" if item.kind == ReviewItem.Kind.CANDIDATE_ID else "booklet")
    scale = page.shape[1] / PAGE_W  # px/mm of the stored page, whatever size the pipeline saved it at
    x0, y0, x1, y1 = (round(v * scale) for v in box)
    crop = page[max(0, y0) : y1, max(0, x0) : x1]
    crop = cv2.resize(crop, None, fx=3, fy=3, interpolation=cv2.INTER_CUBIC)
    _ok, png = cv2.imencode(".png", crop)
    return HttpResponse(png.tobytes(), content_type="image/png")


@login_required
def results(request: AuthedRequest, exam_id: int) -> HttpResponse:
    exam = selectors.access_exam_by_id(request.actor, exam_id)
    return render(request, "paper/results.html", {"exam": exam, **services.exam_results(exam)})


@login_required
def results_export(request: AuthedRequest, exam_id: int) -> HttpResponseBase:
    exam = selectors.access_exam_by_id(request.actor, exam_id)
    headers, rows = services.results_table(exam)
    return xlsx_response(
        filename=f"paper-results-{exam.pk}", sheet=_("Results"), headers=headers, rows=rows, freeze="C2"
    )


@login_required
@require_POST
def publish(request: AuthedRequest, exam_id: int) -> HttpResponse:
    exam = selectors.access_exam_by_id(request.actor, exam_id)
    try:
        services.exam_publish(actor=request.actor, exam=exam)
    except ApplicationError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("The results have been published."))
    return redirect("paper:results", exam.pk)


@login_required
@require_POST
def violation(request: AuthedRequest, candidate_id: int) -> HttpResponse:
    candidate = selectors.access_candidate_by_id(request.actor, candidate_id)
    form = ViolationForm(request.POST)
    if form.is_valid():
        try:
            services.violation_act_record(actor=request.actor, candidate=candidate, text=form.cleaned_data["text"])
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The violation act has been saved."))
    return redirect("paper:results", candidate.exam_id)
