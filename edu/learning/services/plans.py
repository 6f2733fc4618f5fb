"""The learner's path: the study plan from the placement test, exams, restudy, and the reaction to scored attempts.

Rules (SPEC L5, L9–L13):
- The plan is made once, from the learner's first scored placement attempt. Each course's placement score is
  the share of points won on the questions drawn from that course's pool. The `required_count` lowest become
  required, weakest first; ties go to the course that comes first in the catalogue (`Course.order`, then id).
- A course's exam counts attempts on its blueprint. `attempts_granted` starts at the blueprint's limit (3).
  When they are all used without passing, the course needs restudy: its lessons are reset, and completing them
  all again grants as many new attempts.
- Every reaction is an idempotent reconciliation (`learner_sync`) run after each scored attempt and again when
  the learner opens a page, so a lost post-commit callback delays nothing.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from edu.accounts.models import User
from edu.assessment.models import Attempt, AttemptItem, AttemptState
from edu.assessment.services.attempts import attempt_start
from edu.core.errors import ApplicationError, PermissionDeniedError
from edu.journal.services import journal_create, journal_record
from edu.learning import selectors
from edu.learning.models import Course, CourseEnrolment, LessonProgress, Programme, StudyPlan
from edu.learning.services.certificates import certificate_issue

logger = logging.getLogger(__name__)
TWO_PLACES = Decimal("0.01")
DEFAULT_ATTEMPTS = 3


def placement_course_percents(*, attempt: Attempt, courses: list[Course]) -> dict[int, Decimal]:
    """Per course: points won / points possible on the placement questions from its pool, in percent.
    A course whose pool the test did not draw from counts as 0 (nothing shows it is known)."""
    won: dict[int, Decimal] = defaultdict(Decimal)
    possible: dict[int, Decimal] = defaultdict(Decimal)
    for pool_id, points, worth in AttemptItem.objects.filter(attempt=attempt).values_list(
        "question__pool_id", "points", "question__points"
    ):
        won[pool_id] += Decimal(points or 0)
        possible[pool_id] += Decimal(worth or 0)
    result = {}
    for course in courses:
        top = possible.get(course.pool_id, Decimal(0))
        value = won[course.pool_id] * 100 / top if top else Decimal(0)
        result[course.pk] = value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)
    return result


def plan_ranking(courses: list[Course], percents: dict[int, Decimal]) -> list[Course]:
    """Weakest first; equal scores keep the catalogue order (order, then id)."""
    return sorted(courses, key=lambda c: (percents.get(c.pk, Decimal(0)), c.order, c.pk))


def study_plan_create(*, user: User, programme: Programme, attempt: Attempt) -> StudyPlan:
    existing = StudyPlan.objects.filter(user=user, programme=programme).first()
    if existing is not None:
        return existing
    try:
        return _study_plan_create(user=user, programme=programme, attempt=attempt)
    except IntegrityError:  # two requests made it at once; the other one won
        return StudyPlan.objects.get(user=user, programme=programme)


@transaction.atomic
def _study_plan_create(*, user: User, programme: Programme, attempt: Attempt) -> StudyPlan:
    courses = list(programme.courses.select_related("exam_blueprint").order_by("order", "id"))
    percents = placement_course_percents(attempt=attempt, courses=courses)
    ranked = plan_ranking(courses, percents)
    required = {c.pk: i for i, c in enumerate(ranked[: programme.required_count], start=1)}
    plan = StudyPlan(user=user, programme=programme, placement_attempt=attempt, placement_percent=attempt.percent or 0)
    plan.full_clean()
    plan.save()
    CourseEnrolment.objects.bulk_create(
        CourseEnrolment(
            plan=plan,
            course=c,
            user=user,
            required=c.pk in required,
            position=required.get(c.pk),
            placement_percent=percents[c.pk],
            attempts_granted=_attempts_per_round(c),
        )
        for c in courses
    )
    journal_create(instance=plan, actor=user, institution_id=programme.institution_id)
    return plan


def _attempts_per_round(course: Course) -> int:
    blueprint = course.exam_blueprint
    return (blueprint.attempts_allowed if blueprint and blueprint.attempts_allowed else None) or DEFAULT_ATTEMPTS


def learner_sync(*, user: User, programme: Programme) -> None:
    """Bring the stored state in line with the attempts: make the plan, start or end a restudy, issue the
    certificate. Idempotent. It reads first and takes row locks only for a change that is due, so page views
    of many learners do not queue behind each other."""
    plan = StudyPlan.objects.filter(user=user, programme=programme).first()
    if plan is None:
        first = (
            Attempt.objects.filter(
                user=user,
                blueprint_id=programme.placement_blueprint_id or 0,
                state=AttemptState.SUBMITTED,
                withheld_at__isnull=True,
            )
            .order_by("submitted_at", "id")
            .first()
        )
        if first is None:
            return
        plan = study_plan_create(user=user, programme=programme, attempt=first)
    _sync_new_courses(user=user, plan=plan)
    _sync_restudy(user=user, plan=plan)
    final_id = programme.final_blueprint_id
    if final_id:
        passed = (
            Attempt.objects.filter(user=user, blueprint_id=final_id, passed=True, withheld_at__isnull=True)
            .order_by("submitted_at", "id")
            .first()
        )
        if passed is not None and not programme.certificates.filter(user=user).exists():
            certificate_issue(attempt=passed, programme=programme)


def _sync_new_courses(*, user: User, plan: StudyPlan) -> None:
    """A course added to the programme after the plan was made joins it as an additional course."""
    missing = list(plan.programme.courses.exclude(enrolments__plan=plan).select_related("exam_blueprint"))
    if missing:
        CourseEnrolment.objects.bulk_create(
            [CourseEnrolment(plan=plan, course=c, user=user, attempts_granted=_attempts_per_round(c)) for c in missing],
            ignore_conflicts=True,
        )


def _course_facts(
    user: User, enrolments: list[CourseEnrolment]
) -> tuple[dict[int, Any], dict[int, int], dict[int, int]]:
    """(exam facts by blueprint, lessons per course, lessons complete per course)."""
    facts = selectors.exam_facts(user=user, blueprint_ids=[e.course.exam_blueprint_id or 0 for e in enrolments])
    course_ids = [e.course_id for e in enrolments]
    totals = dict(Course.objects.filter(pk__in=course_ids).annotate(n=Count("lessons")).values_list("pk", "n"))
    done = dict(
        LessonProgress.objects.filter(user=user, lesson__course__in=course_ids, completed_at__isnull=False)
        .values("lesson__course_id")
        .annotate(n=Count("id"))
        .values_list("lesson__course_id", "n")
    )
    return facts, totals, done


def _due(e: CourseEnrolment, facts: dict[int, Any], totals: dict[int, int], done: dict[int, int]) -> str:
    """ "begin", "finish" or "" for one enrolment."""
    f = facts.get(e.course.exam_blueprint_id or 0) or selectors.ExamFacts()
    if f.passed:
        return ""
    if e.restudy_pending:
        return "finish" if done.get(e.course_id, 0) >= totals.get(e.course_id, 0) else ""
    if f.used >= e.attempts_granted and f.open_attempt_id is None:
        return "begin"
    return ""


def _sync_restudy(*, user: User, plan: StudyPlan) -> None:
    enrolments = list(plan.enrolments.select_related("course__exam_blueprint"))
    facts, totals, done = _course_facts(user, enrolments)
    for e in enrolments:
        if not _due(e, facts, totals, done):
            continue
        with transaction.atomic():  # decide again under the row lock: another request may have done it
            locked = (
                CourseEnrolment.objects.select_for_update(of=("self",))
                .select_related("course__exam_blueprint")
                .get(pk=e.pk)
            )
            action = _due(locked, *_course_facts(user, [locked]))
            if action == "begin":
                _restudy_begin(locked)
            elif action == "finish":
                _restudy_finish(locked)


def _restudy_begin(e: CourseEnrolment) -> None:
    """All attempts failed: study the course again. Its lessons start over (L9)."""
    LessonProgress.objects.filter(user_id=e.user_id, lesson__course_id=e.course_id).update(
        furthest_seconds=0,
        seconds_spent=0,
        slack_seconds=float(settings.LEARNING_HEARTBEAT_TOLERANCE_SECONDS),
        last_beat_at=None,
        completed_at=None,
    )
    before = {"restudy_pending": False, "study_round": e.study_round}
    e.restudy_pending = True
    e.study_round += 1
    e.save(update_fields=["restudy_pending", "study_round"])
    journal_record(
        action="update",
        instance=e,
        before=before,
        after={"restudy_pending": True, "study_round": e.study_round},
        actor=e.user,
        institution_id=e.course.institution_id,
    )


def _restudy_finish(e: CourseEnrolment) -> None:
    """The lessons are complete again: new attempts."""
    before = {"restudy_pending": True, "attempts_granted": e.attempts_granted}
    e.restudy_pending = False
    e.attempts_granted += _attempts_per_round(e.course)
    e.save(update_fields=["restudy_pending", "attempts_granted"])
    journal_record(
        action="update",
        instance=e,
        before=before,
        after={"restudy_pending": False, "attempts_granted": e.attempts_granted},
        actor=e.user,
        institution_id=e.course.institution_id,
    )


# --- starting tests -------------------------------------------------------------------------


def placement_start(*, user: User, programme: Programme) -> Attempt:
    """START on the conditions page (L2): the engine draws the questions and fixes the deadline."""
    if programme.placement_blueprint is None:
        raise ApplicationError(_("The placement test has not been set up yet."))
    if StudyPlan.objects.filter(user=user, programme=programme).exists():
        raise ApplicationError(_("You have already taken the placement test; your study plan is ready."))
    return attempt_start(blueprint=programme.placement_blueprint, user=user)


def course_exam_start(*, user: User, course: Course) -> Attempt:
    """The course exam: only when every lesson is complete and attempts are left (L9)."""
    programme = course.programme
    learner_sync(user=user, programme=programme)
    state = selectors.learner_overview(user=user, programme=programme).by_id[course.pk]
    if state.exam.open_attempt_id is None and not state.can_start_exam:
        raise PermissionDeniedError(state.reason or _("The course exam is not open."))
    assert course.exam_blueprint is not None and state.enrolment is not None
    return attempt_start(blueprint=course.exam_blueprint, user=user, allowed_attempts=state.enrolment.attempts_granted)


def final_exam_start(*, user: User, programme: Programme) -> Attempt:
    """The final exam in the Certificate menu: only when every required course is passed (L11, L13)."""
    learner_sync(user=user, programme=programme)
    final = selectors.learner_overview(user=user, programme=programme).final
    if final.exam.open_attempt_id is None and final.state != selectors.FinalStatus.OPEN:
        raise PermissionDeniedError(final.reason or _("You have passed the final exam."))
    assert programme.final_blueprint is not None
    return attempt_start(blueprint=programme.final_blueprint, user=user)


# --- reacting to scored attempts -------------------------------------------------------------


def attempt_submitted(attempt_id: int) -> None:
    """Registered in the engine's SUBMIT_HANDLERS: after any attempt is scored, sync the programmes it
    belongs to (placement → plan, course exam → restudy, final exam → certificate)."""
    attempt = Attempt.objects.select_related("user").filter(pk=attempt_id).first()
    if attempt is None:
        return
    programmes = Programme.objects.filter(
        Q(placement_blueprint_id=attempt.blueprint_id)
        | Q(final_blueprint_id=attempt.blueprint_id)
        | Q(courses__exam_blueprint_id=attempt.blueprint_id)
    ).distinct()
    for programme in programmes:
        try:
            learner_sync(user=attempt.user, programme=programme)
        except Exception:  # the attempt is scored already; the next page view syncs again
            logger.exception("learning sync failed after attempt %s", attempt_id)
