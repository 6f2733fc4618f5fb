"""Question banks and blueprints, for the editor roles within their scope."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse, HttpResponseBase, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from edu.assessment import formats, selectors
from edu.assessment.formats import excel
from edu.assessment.forms import (
    BlueprintForm,
    ImportForm,
    PaperVariantsForm,
    PoolForm,
    QuestionFilterForm,
    QuestionForm,
    SectionFormSet,
    WithholdForm,
)
from edu.assessment.models import ImportStatus
from edu.assessment.services import attempts as attempt_services
from edu.assessment.services import banks, blueprints, paper
from edu.assessment.services.attempts import blueprint_plan_problems
from edu.assessment.tasks import question_import_task
from edu.core.errors import ApplicationError
from edu.core.forms import add_service_error
from edu.core.types import AuthedRequest
from edu.core.xlsx import xlsx_response
from edu.org.selectors import department_list


def _download(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def pool_list(request: AuthedRequest) -> HttpResponse:
    pools = selectors.pool_list(actor=request.actor).order_by("name")
    query = request.GET.get("q", "").strip()
    if query:
        pools = pools.filter(Q(name__icontains=query) | Q(code__icontains=query))
    form = PoolForm(request.POST or None, departments=department_list(actor=request.actor))
    if request.method == "POST" and form.is_valid():
        try:
            pool = banks.pool_save(actor=request.actor, pool=None, data=form.cleaned_data)
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The pool has been created."))
            return redirect("assessment:pool", pool.pk)
    page = Paginator(pools, 25).get_page(request.GET.get("page"))
    return render(request, "assessment/pool_list.html", {"page": page, "form": form, "query": query})


@login_required
def pool_detail(request: AuthedRequest, pool_id: int) -> HttpResponse:
    pool = selectors.access_pool_by_id(request.actor, pool_id)
    filters = QuestionFilterForm(request.GET or None)
    questions = selectors.question_list(actor=request.actor, pool=pool)
    if filters.is_valid():
        f = filters.cleaned_data
        if f["q"]:
            questions = questions.filter(Q(text__icontains=f["q"]) | Q(tags__icontains=f["q"]))
        if f["kind"]:
            questions = questions.filter(kind=f["kind"])
        if f["difficulty"]:
            questions = questions.filter(difficulty=f["difficulty"])
        if f["language"]:
            questions = questions.filter(language=f["language"])
        if f["active"]:
            questions = questions.filter(is_active=f["active"] == "1")
    edit_form = PoolForm(instance=pool, departments=department_list(actor=request.actor))
    if request.method == "POST":
        edit_form = PoolForm(request.POST, instance=pool, departments=department_list(actor=request.actor))
        if edit_form.is_valid():
            try:
                banks.pool_save(actor=request.actor, pool=pool, data=edit_form.cleaned_data)
            except ApplicationError as exc:
                add_service_error(edit_form, exc)
            else:
                messages.success(request, _("Saved."))
                return redirect("assessment:pool", pool.pk)
    page = Paginator(questions, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "assessment/pool_detail.html",
        {
            "pool": pool,
            "page": page,
            "filters": filters,
            "edit_form": edit_form,
            "import_form": ImportForm(),
            "formats": formats.FORMATS,
        },
    )


@login_required
def question_edit(request: AuthedRequest, pool_id: int, question_id: int | None = None) -> HttpResponse:
    pool = selectors.access_pool_by_id(request.actor, pool_id)
    question = selectors.access_question_by_id(request.actor, question_id) if question_id else None
    if question is not None and question.pool_id != pool.pk:
        return redirect("assessment:question_edit", question.pool_id, question.pk)
    form = QuestionForm(request.POST or None, request.FILES or None, instance=question)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["image_clear"] = data.get("image") is False
        if data.get("image") is False or data.get("image") == (question.image if question else None):
            data["image"] = None
        try:
            saved = banks.question_save(
                actor=request.actor, pool=pool, question=question, data=data, choices=form.choices()
            )
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The question has been saved."))
            if "add_another" in request.POST:
                return redirect("assessment:question_new", pool.pk)
            return redirect("assessment:pool", saved.pool_id)
    return render(request, "assessment/question_form.html", {"pool": pool, "question": question, "form": form})


@login_required
@require_POST
def question_delete(request: AuthedRequest, question_id: int) -> HttpResponse:
    question = selectors.access_question_by_id(request.actor, question_id)
    pool_id = question.pool_id
    if banks.question_delete(actor=request.actor, question=question):
        messages.success(request, _("The question has been deleted."))
    else:
        messages.info(request, _("The question was used in attempts, so it was taken out of use instead."))
    return redirect("assessment:pool", pool_id)


@login_required
def pool_export(request: AuthedRequest, pool_id: int) -> HttpResponse:
    pool = selectors.access_pool_by_id(request.actor, pool_id)
    try:
        content, filename, content_type = banks.question_export(pool=pool, fmt=request.GET.get("format", "xlsx"))
    except ApplicationError as exc:
        messages.error(request, str(exc.message))
        return redirect("assessment:pool", pool.pk)
    return _download(content, filename, content_type)


@login_required
def import_template(request: AuthedRequest) -> HttpResponse:
    selectors.pool_list(actor=request.actor)  # editors only
    return _download(
        excel.template(), "questions-template.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )


@login_required
@require_POST
def import_upload(request: AuthedRequest, pool_id: int) -> HttpResponse:
    pool = selectors.access_pool_by_id(request.actor, pool_id)
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
        return redirect("assessment:pool", pool.pk)
    try:
        record = banks.question_import_check(actor=request.actor, pool=pool, upload=form.cleaned_data["file"])
    except ApplicationError as exc:
        messages.error(request, str(exc.message))
        return redirect("assessment:pool", pool.pk)
    return redirect("assessment:import", record.pk)


@login_required
def import_detail(request: AuthedRequest, import_id: int) -> HttpResponse:
    record = selectors.access_import_by_id(request.actor, import_id)
    if request.method == "POST" and record.status == ImportStatus.PREVIEW:
        question_import_task(record.pk)
        return redirect("assessment:import", record.pk)
    preview = banks.question_import_preview(record) if record.status == ImportStatus.PREVIEW else []
    return render(request, "assessment/import_detail.html", {"record": record, "preview": preview})


@login_required
def import_progress(request: AuthedRequest, import_id: int) -> JsonResponse:
    record = selectors.access_import_by_id(request.actor, import_id)
    progress = cache.get(banks.import_progress_key(record.pk)) or {}
    done = record.imported if record.status == ImportStatus.DONE else progress.get("done", 0)
    return JsonResponse(
        {"status": record.status, "done": done, "total": record.total, "status_label": record.get_status_display()}
    )


# --- blueprints -----------------------------------------------------------------------------


@login_required
def blueprint_list(request: AuthedRequest) -> HttpResponse:
    blueprints_qs = selectors.blueprint_list(actor=request.actor)
    query = request.GET.get("q", "").strip()
    if query:
        blueprints_qs = blueprints_qs.filter(title__icontains=query)
    page = Paginator(blueprints_qs, 25).get_page(request.GET.get("page"))
    return render(request, "assessment/blueprint_list.html", {"page": page, "query": query})


@login_required
def blueprint_edit(request: AuthedRequest, blueprint_id: int | None = None) -> HttpResponse:
    actor = request.actor
    pools = selectors.pool_list(actor=actor).order_by("name")
    blueprint = selectors.access_blueprint_by_id(actor, blueprint_id) if blueprint_id else None
    initial_sections = (
        [
            {
                "title": s.title,
                "pool": s.pool_id,
                "draw_count": s.draw_count,
                "fixed": ", ".join(str(q.pk) for q in s.fixed_questions.all()),
            }
            for s in blueprint.sections.all()
        ]
        if blueprint
        else []
    )
    form = BlueprintForm(request.POST or None, instance=blueprint)
    sections = SectionFormSet(request.POST or None, initial=initial_sections, pools=pools, prefix="sections")  # type: ignore[call-arg]
    if request.method == "POST" and form.is_valid() and sections.is_valid():
        rows = [
            f.cleaned_data
            for f in sections.forms
            if f.has_changed() and f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]
        assignment = actor.require_role(*selectors.EDITOR_ROLES)
        try:
            saved = blueprints.blueprint_save(
                actor=actor,
                institution_id=assignment.institution_id,
                blueprint=blueprint,
                data=form.cleaned_data,
                sections=rows,
                department=assignment.department,
            )
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The test has been saved."))
            return redirect("assessment:blueprint", saved.pk)
    return render(
        request, "assessment/blueprint_form.html", {"form": form, "sections": sections, "blueprint": blueprint}
    )


@login_required
def blueprint_detail(request: AuthedRequest, blueprint_id: int) -> HttpResponse:
    blueprint = selectors.access_blueprint_by_id(request.actor, blueprint_id)
    attempts = selectors.attempt_list_for_blueprint(actor=request.actor, blueprint=blueprint).order_by("-started_at")
    query = request.GET.get("q", "").strip()
    if query:
        attempts = attempts.filter(
            Q(user__surname__icontains=query) | Q(user__first_name__icontains=query) | Q(user__phone__icontains=query)
        )
    state = request.GET.get("state", "")
    if state in {"open", "submitted"}:
        attempts = attempts.filter(state=state)
    page = Paginator(attempts, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "assessment/blueprint_detail.html",
        {
            "blueprint": blueprint,
            "page": page,
            "problems": blueprint_plan_problems(blueprint),
            "query": query,
            "state": state,
            "variants": blueprint.paper_variants.all(),
            "paper_form": PaperVariantsForm(),
            "languages": settings.LANGUAGES,
        },
    )


@login_required
@require_POST
def paper_variants_generate(request: AuthedRequest, blueprint_id: int) -> HttpResponse:
    blueprint = selectors.access_blueprint_by_id(request.actor, blueprint_id)
    form = PaperVariantsForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
    else:
        try:
            variants = paper.paper_variants_generate(actor=request.actor, blueprint=blueprint, **form.cleaned_data)
        except ApplicationError as exc:
            messages.error(request, str(exc.message))
        else:
            messages.success(request, _("%(n)d variants are ready.") % {"n": len(variants)})
    return redirect(f"{reverse('assessment:blueprint', args=[blueprint.pk])}#paper")


@login_required
def paper_booklet(request: AuthedRequest, blueprint_id: int, number: int) -> HttpResponse:
    blueprint = selectors.access_blueprint_by_id(request.actor, blueprint_id)
    variant = blueprint.paper_variants.filter(number=number).first()
    if variant is None:
        raise Http404
    language = request.GET.get("lang", "uz")
    if language not in dict(settings.LANGUAGES):
        language = "uz"
    response = HttpResponse(paper.booklet_pdf(variant, language=language), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="booklet-{blueprint.pk}-{number}.pdf"'
    return response


@login_required
def paper_keys(request: AuthedRequest, blueprint_id: int) -> HttpResponseBase:
    blueprint = selectors.access_blueprint_by_id(request.actor, blueprint_id)
    headers, rows = paper.answer_keys_table(blueprint)
    return xlsx_response(
        filename=f"answer-keys-{blueprint.pk}", sheet=_("Answer keys"), headers=headers, rows=rows, freeze="B2"
    )


@login_required
def attempt_review(request: AuthedRequest, attempt_id: int) -> HttpResponseBase:
    """A proctor's view of one attempt: events, result, and the withhold / resume actions (T9)."""
    attempt = selectors.access_attempt_for_proctor(request.actor, attempt_id)
    form = WithholdForm(request.POST or None)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "withhold" and form.is_valid():
            attempt_services.attempt_withhold(actor=request.actor, attempt=attempt, reason=form.cleaned_data["reason"])
            messages.success(request, _("The result is withheld."))
            return redirect("assessment:attempt_review", attempt.pk)
        if action == "release":
            attempt_services.attempt_release(actor=request.actor, attempt=attempt)
            messages.success(request, _("The result is released."))
            return redirect("assessment:attempt_review", attempt.pk)
        if action == "resume":
            attempt_services.attempt_resume(actor=request.actor, attempt=attempt)
            messages.success(request, _("The attempt can continue."))
            return redirect("assessment:attempt_review", attempt.pk)
    return render(
        request, "assessment/attempt_review.html", {"attempt": attempt, "events": attempt.events.all(), "form": form}
    )
