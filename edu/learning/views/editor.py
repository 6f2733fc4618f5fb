"""Programme and course editors (Role.LEARNING_EDITOR, institution scope): build the catalogue, follow learners
and results, export them, revoke certificates."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from edu.core.errors import ApplicationError
from edu.core.forms import add_service_error
from edu.core.types import AuthedRequest
from edu.core.xlsx import MAX_EXPORT_ROWS, xlsx_response
from edu.learning import export, selectors
from edu.learning.files import file_response
from edu.learning.forms import CourseForm, ExamsBuildForm, LessonForm, ProgrammeForm, RevokeForm, SearchForm
from edu.learning.services import catalogue
from edu.learning.services.certificates import certificate_revoke


@login_required
def programme_list(request: AuthedRequest) -> HttpResponse:
    programmes = selectors.programme_list(actor=request.actor)
    query = request.GET.get("q", "").strip()
    if query:
        programmes = programmes.filter(title__icontains=query)
    form = ProgrammeForm(request.POST or None, blueprints=selectors.blueprint_choices(actor=request.actor))
    if request.method == "POST" and form.is_valid():
        try:
            programme = catalogue.programme_save(
                actor=request.actor,
                institution_id=request.actor.require_role(*selectors.EDITOR_ROLES).institution_id,
                programme=None,
                data=form.cleaned_data,
            )
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The programme has been created."))
            return redirect("learning:programme", programme.pk)
    page = Paginator(programmes.order_by("-created_at"), 25).get_page(request.GET.get("page"))
    return render(request, "learning/editor/programme_list.html", {"page": page, "form": form, "query": query})


@login_required
def programme_detail(request: AuthedRequest, programme_id: int) -> HttpResponse:
    programme = selectors.access_programme_by_id(request.actor, programme_id)
    form = ProgrammeForm(
        request.POST or None, instance=programme, blueprints=selectors.blueprint_choices(actor=request.actor)
    )
    if request.method == "POST" and form.is_valid():
        try:
            catalogue.programme_save(
                actor=request.actor,
                institution_id=programme.institution_id,
                programme=selectors.access_programme_by_id(request.actor, programme_id),
                data=form.cleaned_data,
            )
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("learning:programme", programme.pk)
    courses = list(selectors.course_list(actor=request.actor, programme=programme))
    allotments = selectors.course_allotments(courses)
    return render(
        request,
        "learning/editor/programme_detail.html",
        {
            "programme": programme,
            "form": form,
            "courses": [(c, allotments.get(c.pk, 0)) for c in courses],
            "build_form": ExamsBuildForm(),
        },
    )


@login_required
@require_POST
def programme_exams_build(request: AuthedRequest, programme_id: int) -> HttpResponse:
    programme = selectors.access_programme_by_id(request.actor, programme_id)
    form = ExamsBuildForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Check the numbers for the placement and final tests."))
        return redirect("learning:programme", programme.pk)
    try:
        catalogue.programme_exams_build(actor=request.actor, programme=programme, **form.cleaned_data)
    except ApplicationError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("The placement test and the final exam have been built from the courses."))
    return redirect("learning:programme", programme.pk)


@login_required
def course_edit(request: AuthedRequest, programme_id: int, course_id: int | None = None) -> HttpResponse:
    programme = selectors.access_programme_by_id(request.actor, programme_id)
    course = selectors.access_course_by_id(request.actor, course_id) if course_id else None
    if course is not None and course.programme_id != programme.pk:
        return redirect("learning:course_edit", course.programme_id, course.pk)
    form = CourseForm(request.POST or None, instance=course, pools=selectors.pool_choices(actor=request.actor))
    if request.method == "POST" and form.is_valid():
        try:
            saved = catalogue.course_save(
                actor=request.actor,
                programme=programme,
                course=selectors.access_course_by_id(request.actor, course_id) if course_id else None,
                data=form.cleaned_data,
            )
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The course has been saved."))
            return redirect("learning:course_admin", saved.pk)
    return render(request, "learning/editor/course_form.html", {"programme": programme, "course": course, "form": form})


@login_required
def course_admin(request: AuthedRequest, course_id: int) -> HttpResponse:
    course = selectors.access_course_by_id(request.actor, course_id)
    lessons = selectors.lesson_list(course=course)
    attempts = selectors.course_attempt_list(actor=request.actor, course=course).order_by("-started_at")
    query = request.GET.get("q", "").strip()
    if query:
        attempts = attempts.filter(
            Q(user__surname__icontains=query) | Q(user__first_name__icontains=query) | Q(user__phone__icontains=query)
        )
    page = Paginator(attempts, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "learning/editor/course_detail.html",
        {
            "course": course,
            "lessons": lessons,
            "allotment": selectors.course_allotments([course]).get(course.pk, 0),
            "page": page,
            "query": query,
        },
    )


@login_required
def course_results_export(request: AuthedRequest, course_id: int) -> HttpResponseBase:
    course = selectors.access_course_by_id(request.actor, course_id)
    attempts = selectors.course_attempt_list(actor=request.actor, course=course).order_by("user_id", "number")
    return xlsx_response(
        filename=f"course-{course.code}-results",
        sheet=course.code or _("Results"),
        headers=export.course_results_headers(),
        rows=export.course_results_rows(attempts),
    )


@login_required
def lesson_edit(request: AuthedRequest, course_id: int, lesson_id: int | None = None) -> HttpResponse:
    course = selectors.access_course_by_id(request.actor, course_id)
    lesson = selectors.access_lesson_by_id(request.actor, lesson_id) if lesson_id else None
    if lesson is not None and lesson.course_id != course.pk:
        return redirect("learning:lesson_edit", lesson.course_id, lesson.pk)
    form = LessonForm(request.POST or None, request.FILES or None, instance=lesson)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        upload = data.pop("upload", None) or None
        data["duration_seconds"] = data.pop("video_seconds", None)
        try:
            catalogue.lesson_save(
                actor=request.actor,
                course=course,
                lesson=selectors.access_lesson_by_id(request.actor, lesson_id) if lesson_id else None,
                data=data,
                upload=upload,
            )
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The lesson has been saved."))
            return redirect("learning:course_admin", course.pk)
    return render(request, "learning/editor/lesson_form.html", {"course": course, "lesson": lesson, "form": form})


@login_required
def lesson_preview_file(request: AuthedRequest, lesson_id: int) -> HttpResponseBase:
    lesson = selectors.access_lesson_by_id(request.actor, lesson_id)
    if not lesson.file:
        return HttpResponse(status=404)
    return file_response(request, lesson.file, inline_name=f"lesson-{lesson.pk}")


@login_required
@require_POST
def lesson_delete(request: AuthedRequest, lesson_id: int) -> HttpResponse:
    lesson = selectors.access_lesson_by_id(request.actor, lesson_id)
    course_id = lesson.course_id
    catalogue.lesson_delete(actor=request.actor, lesson=lesson)
    messages.success(request, _("The lesson has been deleted."))
    return redirect("learning:course_admin", course_id)


@login_required
def learner_list(request: AuthedRequest, programme_id: int) -> HttpResponseBase:
    """Each learner's progress in a programme, with search, paging and an Excel export."""
    programme = selectors.access_programme_by_id(request.actor, programme_id)
    plans = selectors.plan_list(actor=request.actor, programme=programme)
    search = SearchForm(request.GET or None)
    query = search.cleaned_data["q"].strip() if search.is_valid() else ""
    if query:
        plans = plans.filter(
            Q(user__surname__icontains=query) | Q(user__first_name__icontains=query) | Q(user__phone__icontains=query)
        )
    if request.GET.get("format") == "xlsx":
        rows = list(plans[:MAX_EXPORT_ROWS])
        return xlsx_response(
            filename="learners",
            sheet=_("Learners"),
            headers=export.learners_headers(),
            rows=export.learners_rows(rows, selectors.plan_course_passes(programme=programme, plans=rows)),
        )
    page = Paginator(plans, 30).get_page(request.GET.get("page"))
    facts = selectors.plan_course_passes(programme=programme, plans=list(page.object_list))
    return render(
        request,
        "learning/editor/learner_list.html",
        {
            "programme": programme,
            "page": page,
            "rows": [(p, facts.get(p.pk, {})) for p in page.object_list],
            "search": search,
            "query": query,
        },
    )


@login_required
def learner_detail(request: AuthedRequest, plan_id: int) -> HttpResponse:
    plan = selectors.access_plan_by_id(request.actor, plan_id)
    overview = selectors.learner_overview(user=plan.user, programme=plan.programme)
    return render(request, "learning/editor/learner_detail.html", {"plan": plan, "overview": overview})


@login_required
def certificate_list(request: AuthedRequest) -> HttpResponse:
    certificates = selectors.certificate_list(actor=request.actor)
    query = request.GET.get("q", "").strip()
    if query:
        certificates = certificates.filter(
            Q(number__icontains=query) | Q(full_name__icontains=query) | Q(user__phone__icontains=query)
        )
    state = request.GET.get("state", "")
    if state == "valid":
        certificates = certificates.filter(revoked_at__isnull=True)
    elif state == "revoked":
        certificates = certificates.filter(revoked_at__isnull=False)
    page = Paginator(certificates, 30).get_page(request.GET.get("page"))
    return render(request, "learning/editor/certificate_list.html", {"page": page, "query": query, "state": state})


@login_required
def certificate_revoke_view(request: AuthedRequest, certificate_id: int) -> HttpResponse:
    cert = selectors.access_certificate_by_id(request.actor, certificate_id)
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            certificate_revoke(actor=request.actor, certificate=cert, reason=form.cleaned_data["reason"])
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The certificate has been revoked."))
            return redirect("learning:certificates")
    return render(request, "learning/editor/certificate_revoke.html", {"certificate": cert, "form": form})
