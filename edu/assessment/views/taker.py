"""The taker's side: available tests, the conditions and START, the exam page, the results."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from edu.assessment import selectors
from edu.assessment.models import ReviewPolicy
from edu.assessment.navigation import result_panels
from edu.assessment.services import attempts as attempt_services
from edu.core.errors import ApplicationError
from edu.core.types import AuthedRequest


@login_required
def my_tests(request: AuthedRequest) -> HttpResponse:
    available = list(selectors.blueprint_available_list(user=request.user))
    attempts = selectors.attempt_list_for_taker(user=request.user).order_by("-started_at")[:50]
    return render(request, "assessment/my_tests.html", {"available": available, "attempts": attempts})


@login_required
def test_start(request: AuthedRequest, blueprint_id: int) -> HttpResponse:
    """The conditions of the test and the START button (L2)."""
    blueprint = selectors.access_blueprint_for_taker(request.user, blueprint_id)
    if request.method == "POST":
        try:
            attempt = attempt_services.attempt_start(blueprint=blueprint, user=request.user)
        except ApplicationError as exc:
            messages.error(request, str(exc.message))
        else:
            return redirect("assessment:exam", attempt.pk)
    used = attempt_services.attempts_used(blueprint=blueprint, user=request.user)
    open_attempt = blueprint.attempts.filter(user=request.user, state="open").first()
    return render(
        request,
        "assessment/test_start.html",
        {
            "blueprint": blueprint,
            "question_count": blueprint.question_count(),
            "time_limit": blueprint.effective_time_limit(),
            "used": used,
            "left": None if blueprint.attempts_allowed is None else max(0, blueprint.attempts_allowed - used),
            "open_attempt": open_attempt,
        },
    )


@login_required
def exam(request: AuthedRequest, attempt_id: int) -> HttpResponse:
    """The exam page (L3): its script loads the attempt through the API and saves answers one by one."""
    attempt = attempt_services.attempt_refresh(selectors.access_attempt_for_taker(request.user, attempt_id))
    if not attempt.is_open:
        return redirect("assessment:result", attempt.pk)
    return render(
        request, "assessment/exam.html", {"attempt": attempt, "payload": attempt_services.attempt_payload(attempt)}
    )


@login_required
@require_POST
def exam_submit(request: AuthedRequest, attempt_id: int) -> HttpResponse:
    """The form fallback of FINISH (the page's script normally submits through the API)."""
    attempt = selectors.access_attempt_for_taker(request.user, attempt_id)
    attempt_services.attempt_submit(attempt_id=attempt.pk)
    return redirect("assessment:result", attempt.pk)


@login_required
def result(request: AuthedRequest, attempt_id: int) -> HttpResponse:
    """Results overall and per section, with a chart (L5); withheld results show only that (T9)."""
    attempt = attempt_services.attempt_refresh(selectors.access_attempt_for_taker(request.user, attempt_id))
    if attempt.is_open:
        return redirect("assessment:exam", attempt.pk)
    review = None
    if attempt.blueprint.review_policy == ReviewPolicy.AFTER_SUBMIT and not attempt.is_withheld:
        review = attempt_services.attempt_review_items(attempt)
    return render(
        request,
        "assessment/result.html",
        {
            "attempt": attempt,
            "result": attempt_services.attempt_result(attempt),
            "review": review,
            "panels": result_panels(request, attempt),
        },
    )
