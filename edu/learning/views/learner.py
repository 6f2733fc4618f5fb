"""The learner's pages, in the order of the user guide: placement conditions and START, results and plan,
courses and lessons, course exams, additional courses, the Certificate menu."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from edu.core.errors import ApplicationError
from edu.core.types import AuthedRequest
from edu.learning import selectors
from edu.learning.files import file_response
from edu.learning.models import LessonKind, Programme
from edu.learning.pdf import certificate_pdf
from edu.learning.services import plans, progress


def _programme(request: AuthedRequest) -> Programme | None:
    programme = selectors.programme_for_learner(user=request.user)
    if programme is not None:
        plans.learner_sync(user=request.user, programme=programme)
    return programme


def _no_programme(request: AuthedRequest) -> HttpResponse:
    return render(request, "learning/no_programme.html")


@login_required
def dashboard(request: AuthedRequest) -> HttpResponse:
    """Before the placement test: its conditions and START (L2). After: the plan, progress, next step (L5–L11)."""
    programme = _programme(request)
    if programme is None:
        return _no_programme(request)
    overview = selectors.learner_overview(user=request.user, programme=programme)
    if overview.plan is None:
        blueprint = programme.placement_blueprint
        return render(
            request,
            "learning/placement.html",
            {
                "programme": programme,
                "overview": overview,
                "blueprint": blueprint,
                "question_count": blueprint.question_count() if blueprint else 0,
                "time_limit": blueprint.effective_time_limit() if blueprint else 0,
            },
        )
    return render(request, "learning/dashboard.html", {"programme": programme, "overview": overview})


@login_required
@require_POST
def placement_start(request: AuthedRequest) -> HttpResponse:
    programme = _programme(request)
    if programme is None:
        raise Http404
    try:
        attempt = plans.placement_start(user=request.user, programme=programme)
    except ApplicationError as exc:
        messages.error(request, str(exc.message))
        return redirect("learning:dashboard")
    return redirect("assessment:exam", attempt.pk)


@login_required
def plan(request: AuthedRequest) -> HttpResponse:
    """Placement results, overall and per course with a chart, and the study plan they give (L5)."""
    programme = _programme(request)
    if programme is None:
        return _no_programme(request)
    overview = selectors.learner_overview(user=request.user, programme=programme)
    if overview.plan is None:
        return redirect("learning:dashboard")
    return render(
        request,
        "learning/plan.html",
        {"programme": programme, "overview": overview, "rows": selectors.placement_results(overview=overview)},
    )


@login_required
def additional(request: AuthedRequest) -> HttpResponse:
    """Every course outside the plan, studied freely; its exam does not change the plan (L12)."""
    programme = _programme(request)
    if programme is None:
        return _no_programme(request)
    overview = selectors.learner_overview(user=request.user, programme=programme)
    return render(request, "learning/additional.html", {"programme": programme, "overview": overview})


@login_required
def course(request: AuthedRequest, course_id: int) -> HttpResponse:
    course = selectors.access_course_for_learner(request.user, course_id)
    plans.learner_sync(user=request.user, programme=course.programme)
    overview = selectors.learner_overview(user=request.user, programme=course.programme)
    state = overview.by_id[course.pk]
    lessons = selectors.lesson_list(course=course)
    done = selectors.lesson_progress_map(user=request.user, lessons=lessons)
    return render(
        request,
        "learning/course.html",
        {
            "course": course,
            "state": state,
            "overview": overview,
            "lessons": [(lesson, done.get(lesson.pk)) for lesson in lessons],
            "attempts": selectors.attempt_list_for_course(user=request.user, course=course),
            "blueprint": course.exam_blueprint,
        },
    )


@login_required
@require_POST
def course_exam_start(request: AuthedRequest, course_id: int) -> HttpResponse:
    course = selectors.access_course_for_learner(request.user, course_id)
    try:
        attempt = plans.course_exam_start(user=request.user, course=course)
    except ApplicationError as exc:
        messages.error(request, str(exc.message))
        return redirect("learning:course", course.pk)
    return redirect("assessment:exam", attempt.pk)


@login_required
def lesson(request: AuthedRequest, lesson_id: int) -> HttpResponse:
    """A lesson read inside the platform (L8): the player that cannot skip (L7), a text, or a PDF."""
    lesson = selectors.access_lesson_for_learner(request.user, lesson_id)
    try:
        lesson_progress = progress.lesson_open(user=request.user, lesson=lesson)
    except ApplicationError as exc:
        messages.error(request, str(exc.message))
        return redirect("learning:course", lesson.course_id)
    lessons = selectors.lesson_list(course=lesson.course)
    done = selectors.lesson_progress_map(user=request.user, lessons=lessons)
    index = next(i for i, item in enumerate(lessons) if item.pk == lesson.pk)
    return render(
        request,
        "learning/lesson.html",
        {
            "lesson": lesson,
            "course": lesson.course,
            "progress": lesson_progress,
            "payload": progress.lesson_progress_payload(lesson, lesson_progress),
            "lessons": [(item, done.get(item.pk)) for item in lessons],
            "previous": lessons[index - 1] if index > 0 else None,
            "next": lessons[index + 1] if index + 1 < len(lessons) else None,
            "is_video": lesson.kind == LessonKind.VIDEO,
            "is_document": lesson.kind == LessonKind.DOCUMENT,
        },
    )


@login_required
def lesson_file(request: AuthedRequest, lesson_id: int) -> HttpResponseBase:
    """The lesson's video or PDF, only to a learner whose course is open."""
    lesson = selectors.access_lesson_for_learner(request.user, lesson_id)
    if not lesson.file:
        raise Http404
    try:
        progress.lesson_open(user=request.user, lesson=lesson)
    except ApplicationError:
        raise Http404 from None
    return file_response(request, lesson.file, inline_name=f"lesson-{lesson.pk}{_suffix(lesson.file.name or '')}")


def _suffix(name: str) -> str:
    return "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""


@login_required
@require_POST
def lesson_read(request: AuthedRequest, lesson_id: int) -> HttpResponse:
    """ "I have read it" (the form fallback of the page's button)."""
    lesson = selectors.access_lesson_for_learner(request.user, lesson_id)
    try:
        progress.lesson_mark_read(user=request.user, lesson=lesson)
    except ApplicationError as exc:
        messages.error(request, str(exc.message))
    return redirect("learning:lesson", lesson.pk)


@login_required
def certificate(request: AuthedRequest) -> HttpResponse:
    """The Certificate menu: the final exam (locked until every required course is passed) and certificates."""
    programme = _programme(request)
    if programme is None:
        return _no_programme(request)
    overview = selectors.learner_overview(user=request.user, programme=programme)
    blueprint = programme.final_blueprint
    return render(
        request,
        "learning/certificate.html",
        {
            "programme": programme,
            "overview": overview,
            "final": overview.final,
            "blueprint": blueprint,
            "question_count": blueprint.question_count() if blueprint else 0,
            "time_limit": blueprint.effective_time_limit() if blueprint else 0,
            "certificates": selectors.certificate_list_for_owner(user=request.user),
        },
    )


@login_required
@require_POST
def final_exam_start(request: AuthedRequest) -> HttpResponse:
    programme = _programme(request)
    if programme is None:
        raise Http404
    try:
        attempt = plans.final_exam_start(user=request.user, programme=programme)
    except ApplicationError as exc:
        messages.error(request, str(exc.message))
        return redirect("learning:certificate")
    return redirect("assessment:exam", attempt.pk)


@login_required
def certificate_download(request: AuthedRequest, certificate_id: int) -> HttpResponse:
    cert = selectors.access_certificate_for_owner(request.user, certificate_id)
    verify_url = request.build_absolute_uri(reverse("verify", args=[cert.code]))
    response = HttpResponse(certificate_pdf(cert, verify_url), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificate-{cert.number}.pdf"'
    return response


def verify(request: AuthedRequest, code: str) -> HttpResponse:
    """Public, without sign-in: whether a certificate is genuine and still valid (L14)."""
    cert = selectors.certificate_by_code(code)
    response = render(request, "learning/verify.html", {"certificate": cert}, status=200 if cert else 404)
    response["X-Robots-Tag"] = "noindex"
    return response
