"""Reads: a learner's own programme, plan and progress; editors' lists within their institution."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from edu.accounts.models import User
from edu.assessment.models import Attempt, AttemptState, Blueprint
from edu.core.access import get_in_scope_or_404
from edu.learning.models import (
    Certificate,
    Course,
    CourseEnrolment,
    Lesson,
    LessonProgress,
    Programme,
    StudyPlan,
)
from edu.org.actor import Actor
from edu.org.roles import Role

# Roles that build programmes and courses and follow learners (institution level).
EDITOR_ROLES = (Role.LEARNING_EDITOR, Role.SUPER_ADMIN)


class CourseStatus:
    LOCKED = "locked"
    OPEN = "open"
    EXAM_OPEN = "exam_open"
    PASSED = "passed"
    RESTUDY = "restudy"


class FinalStatus:
    LOCKED = "locked"
    OPEN = "open"
    PASSED = "passed"


@dataclass
class ExamFacts:
    """A learner's attempts at one blueprint."""

    used: int = 0
    passed: bool = False
    best_percent: Decimal | None = None
    open_attempt_id: int | None = None
    last_attempt_id: int | None = None


@dataclass
class CourseState:
    course: Course
    enrolment: CourseEnrolment | None
    lessons_total: int
    lessons_done: int
    exam: ExamFacts
    state: str = CourseStatus.LOCKED
    reason: str = ""
    allotment_minutes: int = 0

    @property
    def required(self) -> bool:
        return bool(self.enrolment and self.enrolment.required)

    @property
    def position(self) -> int | None:
        return self.enrolment.position if self.enrolment else None

    @property
    def placement_percent(self) -> Decimal | None:
        return self.enrolment.placement_percent if self.enrolment else None

    @property
    def attempts_left(self) -> int:
        if self.enrolment is None or self.state == CourseStatus.RESTUDY:
            return 0
        return max(0, self.enrolment.attempts_granted - self.exam.used)

    @property
    def progress_percent(self) -> int:
        if self.state == CourseStatus.PASSED:
            return 100
        if not self.lessons_total:
            return 0
        return round(self.lessons_done * 100 / self.lessons_total)

    @property
    def materials_open(self) -> bool:
        return self.state != CourseStatus.LOCKED

    @property
    def can_start_exam(self) -> bool:
        return self.state == CourseStatus.EXAM_OPEN and (self.attempts_left > 0 or bool(self.exam.open_attempt_id))


@dataclass
class FinalState:
    blueprint: Blueprint | None
    exam: ExamFacts
    certificate: Certificate | None
    state: str = FinalStatus.LOCKED
    reason: str = ""

    @property
    def attempts_left(self) -> int | None:
        if self.blueprint is None or self.blueprint.attempts_allowed is None:
            return None
        return max(0, self.blueprint.attempts_allowed - self.exam.used)


@dataclass
class Overview:
    """Everything the learner's pages show: placement, plan, each course's state, the final exam, the next step."""

    programme: Programme
    placement: ExamFacts
    placement_attempt: Attempt | None
    plan: StudyPlan | None
    courses: list[CourseState]
    final: FinalState
    next_step: tuple[str, str] = ("", "")
    by_id: dict[int, CourseState] = field(default_factory=dict)

    @property
    def required(self) -> list[CourseState]:
        return sorted((c for c in self.courses if c.required), key=lambda c: c.position or 0)

    @property
    def additional(self) -> list[CourseState]:
        return [c for c in self.courses if not c.required]

    @property
    def required_passed(self) -> int:
        return sum(1 for c in self.required if c.state == CourseStatus.PASSED)


# --- learners -------------------------------------------------------------------------------


def programme_published_list() -> QuerySet[Programme]:
    return Programme.objects.filter(is_published=True).select_related("placement_blueprint", "final_blueprint")


def programme_for_learner(*, user: User) -> Programme | None:
    """The programme the learner studies: the one with their plan, else the first published one."""
    plan = StudyPlan.objects.filter(user=user).select_related("programme").order_by("created_at").first()
    if plan is not None:
        return plan.programme
    return programme_published_list().order_by("id").first()


def programme_for_attempt(attempt: Attempt) -> Programme | None:
    """The programme whose placement, course exam or final exam the attempt was."""
    b = attempt.blueprint_id
    return (
        Programme.objects.filter(
            Q(placement_blueprint_id=b) | Q(final_blueprint_id=b) | Q(courses__exam_blueprint_id=b)
        )
        .distinct()
        .first()
    )


def access_course_for_learner(user: User, course_id: object) -> Course:
    qs = Course.objects.filter(programme__is_published=True).select_related("programme", "exam_blueprint")
    return get_in_scope_or_404(qs, course_id)


def access_lesson_for_learner(user: User, lesson_id: object) -> Lesson:
    qs = Lesson.objects.filter(course__programme__is_published=True).select_related("course__programme")
    return get_in_scope_or_404(qs, lesson_id)


def access_certificate_for_owner(user: User, certificate_id: object) -> Certificate:
    return get_in_scope_or_404(Certificate.objects.filter(user=user), certificate_id)


def certificate_by_code(code: str) -> Certificate | None:
    return Certificate.objects.filter(code=code).select_related("programme", "institution").first()


def certificate_list_for_owner(*, user: User) -> QuerySet[Certificate]:
    return Certificate.objects.filter(user=user).select_related("programme")


def lesson_list(*, course: Course) -> list[Lesson]:
    return list(course.lessons.all())


def lesson_progress_map(*, user: User, lessons: list[Lesson]) -> dict[int, LessonProgress]:
    return {p.lesson_id: p for p in LessonProgress.objects.filter(user=user, lesson__in=lessons)}


def exam_facts(*, user: User, blueprint_ids: list[int]) -> dict[int, ExamFacts]:
    """Per blueprint: attempts used, passed (a result not withheld), best percent, the open attempt."""
    facts: dict[int, ExamFacts] = defaultdict(ExamFacts)
    rows = (
        Attempt.objects.filter(user=user, blueprint_id__in=[b for b in blueprint_ids if b])
        .order_by("started_at", "id")
        .values_list("id", "blueprint_id", "state", "passed", "percent", "withheld_at")
    )
    for attempt_id, blueprint_id, state, passed, percent, withheld_at in rows:
        f = facts[blueprint_id]
        f.used += 1
        f.last_attempt_id = attempt_id
        if state == AttemptState.OPEN:
            f.open_attempt_id = attempt_id
            continue
        if withheld_at is not None:
            continue
        if passed:
            f.passed = True
        if percent is not None and (f.best_percent is None or percent > f.best_percent):
            f.best_percent = percent
    return facts


def learner_overview(*, user: User, programme: Programme) -> Overview:
    """The learner's whole state in a fixed number of queries, whatever the number of courses."""
    courses = list(
        Course.objects.filter(programme=programme)
        .select_related("exam_blueprint")
        .annotate(lesson_total=Count("lessons"))
        .order_by("order", "id")
    )
    done_rows = (
        LessonProgress.objects.filter(user=user, lesson__course__programme=programme, completed_at__isnull=False)
        .values("lesson__course_id")
        .annotate(n=Count("id"))
    )
    done = {row["lesson__course_id"]: row["n"] for row in done_rows}
    allotments = course_allotments(courses)
    plan = StudyPlan.objects.filter(user=user, programme=programme).select_related("placement_attempt").first()
    enrolments = {e.course_id: e for e in CourseEnrolment.objects.filter(plan=plan)} if plan else {}
    blueprint_ids = [c.exam_blueprint_id for c in courses if c.exam_blueprint_id]
    blueprint_ids += [b for b in (programme.placement_blueprint_id, programme.final_blueprint_id) if b]
    facts = exam_facts(user=user, blueprint_ids=blueprint_ids)
    placement = facts.get(programme.placement_blueprint_id or 0, ExamFacts())
    placement_attempt = None
    if plan is not None:
        placement_attempt = plan.placement_attempt
    elif placement.last_attempt_id:
        placement_attempt = Attempt.objects.filter(pk=placement.last_attempt_id).first()

    states = [
        CourseState(
            course=c,
            enrolment=enrolments.get(c.pk),
            lessons_total=c.lesson_total,  # type: ignore[attr-defined]
            lessons_done=done.get(c.pk, 0),
            exam=facts.get(c.exam_blueprint_id or 0, ExamFacts()),
            allotment_minutes=allotments.get(c.pk, 0),
        )
        for c in courses
    ]
    required = sorted((s for s in states if s.required), key=lambda s: s.position or 0)
    previous: CourseState | None = None
    for s in required:  # weakest first; each opens when the one before it is passed (L9, L10)
        _decide(s, plan=plan, blocker=previous if previous and previous.state != CourseStatus.PASSED else None)
        previous = s
    for s in states:
        if not s.required:
            _decide(s, plan=plan, blocker=None)

    final = _final_state(programme, plan, required, facts)
    overview = Overview(
        programme=programme,
        placement=placement,
        placement_attempt=placement_attempt,
        plan=plan,
        courses=states,
        final=final,
        by_id={s.course.pk: s for s in states},
    )
    overview.next_step = _next_step(overview)
    return overview


def _decide(s: CourseState, *, plan: StudyPlan | None, blocker: CourseState | None) -> None:
    if plan is None or s.enrolment is None:
        s.state, s.reason = CourseStatus.LOCKED, _("Take the placement test first: it chooses your required courses.")
        return
    if s.exam.passed:
        s.state = CourseStatus.PASSED
        return
    if blocker is not None:
        s.state = CourseStatus.LOCKED
        s.reason = _("Opens when you pass the course “%(title)s”: required courses open one after another.") % {
            "title": blocker.course.title
        }
        return
    granted = s.enrolment.attempts_granted
    if s.enrolment.restudy_pending or (s.exam.used >= granted and not s.exam.open_attempt_id):
        n = s.course.exam_blueprint.attempts_allowed if s.course.exam_blueprint else 0
        s.state = CourseStatus.RESTUDY
        s.reason = _(
            "You did not reach the pass mark in %(n)d attempts. Study the course again: when all its lessons are "
            "complete again, you get %(n)d new attempts."
        ) % {"n": n or 0}
        return
    if s.lessons_done >= s.lessons_total or s.exam.open_attempt_id:
        s.state = CourseStatus.EXAM_OPEN
        return
    s.state = CourseStatus.OPEN
    s.reason = _("The course exam opens when all lessons are complete (%(done)d of %(total)d).") % {
        "done": s.lessons_done,
        "total": s.lessons_total,
    }


def _final_state(
    programme: Programme, plan: StudyPlan | None, required: list[CourseState], facts: dict[int, ExamFacts]
) -> FinalState:
    blueprint = programme.final_blueprint
    exam = facts.get(programme.final_blueprint_id or 0, ExamFacts())
    certificate = None
    if plan is not None:
        certificate = (
            Certificate.objects.filter(user_id=plan.user_id, programme=programme).order_by("revoked_at").first()
        )
    final = FinalState(blueprint=blueprint, exam=exam, certificate=certificate)
    passed = sum(1 for s in required if s.state == CourseStatus.PASSED)
    if exam.passed:
        final.state = FinalStatus.PASSED
    elif blueprint is None:
        final.reason = _("The final exam has not been set up yet.")
    elif plan is None:
        final.reason = _("Take the placement test first: it chooses your required courses.")
    elif passed < len(required):
        final.reason = _("The final exam opens when all required courses are passed (%(done)d of %(total)d).") % {
            "done": passed,
            "total": len(required),
        }
    elif final.attempts_left == 0 and not exam.open_attempt_id:
        final.reason = _("You have used all %(n)d attempts of the final exam. Ask the programme's editor.") % {
            "n": blueprint.attempts_allowed or 0
        }
    else:
        final.state = FinalStatus.OPEN
    return final


def _next_step(o: Overview) -> tuple[str, str]:
    """(what to do next, where)."""
    if o.plan is None:
        if o.placement.open_attempt_id:
            return _("Continue the placement test."), reverse("assessment:exam", args=[o.placement.open_attempt_id])
        return _("Take the placement test."), reverse("learning:dashboard")
    if o.final.state == FinalStatus.PASSED:
        return _("Download your certificate."), reverse("learning:certificate")
    if o.final.state == FinalStatus.OPEN:
        return _("Take the final exam in the Certificate menu."), reverse("learning:certificate")
    for s in o.required:
        if s.state == CourseStatus.PASSED:
            continue
        url = reverse("learning:course", args=[s.course.pk])
        if s.state == CourseStatus.EXAM_OPEN:
            return _("Take the exam of “%(title)s”.") % {"title": s.course.title}, url
        if s.state == CourseStatus.RESTUDY:
            return _("Study “%(title)s” again.") % {"title": s.course.title}, url
        return _("Study “%(title)s”.") % {"title": s.course.title}, url
    return "", ""


def course_allotments(courses: Sequence[Course]) -> dict[int, int]:
    """Minutes each course allots (L6): as the editor set it, or derived from its lessons — video lengths,
    texts at LEARNING_READING_WPM, LEARNING_SECONDS_PER_PAGE per document page — rounded up."""
    seconds: dict[int, int] = defaultdict(int)
    lessons = Lesson.objects.filter(course__in=[c.pk for c in courses]).only(
        "course_id", "kind", "duration_seconds", "page_count", "word_count"
    )
    for lesson in lessons:
        seconds[lesson.course_id] += lesson.allotted_seconds
    return {c.pk: c.time_allotment_minutes if c.time_allotment_minutes else -(-seconds[c.pk] // 60) for c in courses}


def learner_has_plan(*, user: User) -> bool:
    return StudyPlan.objects.filter(user=user).exists()


def attempt_list_for_course(*, user: User, course: Course) -> QuerySet[Attempt]:
    return Attempt.objects.filter(user=user, blueprint_id=course.exam_blueprint_id or 0).order_by("number")


def placement_results(*, overview: Overview) -> list[dict[str, Any]]:
    """Rows for the results chart: each course with its placement percent, in catalogue order."""
    return [
        {
            "name": s.course.title,
            "percent": float(s.placement_percent or 0),
            "required": s.required,
            "position": s.position,
            "course": s.course,
        }
        for s in sorted(overview.courses, key=lambda s: (s.course.order, s.course.pk))
        if s.enrolment is not None
    ]


# --- editors --------------------------------------------------------------------------------


def _scope(actor: Actor, path: str = "institution") -> Q:
    actor.require_role(*EDITOR_ROLES)
    return actor.scope_q(institution=path, faculty=None, department=None)


def programme_list(*, actor: Actor) -> QuerySet[Programme]:
    return Programme.objects.filter(_scope(actor)).annotate(
        course_total=Count("courses", distinct=True), plan_total=Count("plans", distinct=True)
    )


def access_programme_by_id(actor: Actor, programme_id: object) -> Programme:
    qs = Programme.objects.filter(_scope(actor)).select_related("placement_blueprint", "final_blueprint")
    return get_in_scope_or_404(qs, programme_id)


def course_list(*, actor: Actor, programme: Programme) -> QuerySet[Course]:
    access_programme_by_id(actor, programme.pk)
    return (
        Course.objects.filter(programme=programme)
        .select_related("pool", "exam_blueprint")
        .prefetch_related(Prefetch("lessons", queryset=Lesson.objects.order_by("order", "id")))
        .order_by("order", "id")
    )


def access_course_by_id(actor: Actor, course_id: object) -> Course:
    qs = Course.objects.filter(_scope(actor)).select_related("programme", "pool", "exam_blueprint")
    return get_in_scope_or_404(qs, course_id)


def access_lesson_by_id(actor: Actor, lesson_id: object) -> Lesson:
    qs = Lesson.objects.filter(_scope(actor, "course__institution")).select_related("course__programme")
    return get_in_scope_or_404(qs, lesson_id)


def blueprint_choices(*, actor: Actor) -> QuerySet[Blueprint]:
    return Blueprint.objects.filter(_scope(actor)).order_by("title")


def pool_choices(*, actor: Actor) -> QuerySet[Any]:
    from edu.assessment.models import QuestionPool

    return QuestionPool.objects.filter(_scope(actor)).order_by("name")


def plan_list(*, actor: Actor, programme: Programme) -> QuerySet[StudyPlan]:
    """Learners of a programme with their progress counts (one query for the page)."""
    access_programme_by_id(actor, programme.pk)
    return (
        StudyPlan.objects.filter(programme=programme)
        .select_related("user")
        .annotate(required_total=Count("enrolments", filter=Q(enrolments__required=True), distinct=True))
        .order_by("-created_at")
    )


def plan_course_passes(*, programme: Programme, plans: list[StudyPlan]) -> dict[int, dict[str, Any]]:
    """For each plan on a page: required courses passed, the best final percent, the certificate number."""
    if not plans:
        return {}
    user_ids = [p.user_id for p in plans]
    enrolments = CourseEnrolment.objects.filter(plan__in=plans, required=True).values_list(
        "plan_id", "user_id", "course__exam_blueprint_id"
    )
    required_by_user: dict[int, set[int]] = defaultdict(set)
    for _plan_id, user_id, blueprint_id in enrolments:
        if blueprint_id:
            required_by_user[user_id].add(blueprint_id)
    passed_rows = (
        Attempt.objects.filter(user_id__in=user_ids, passed=True, withheld_at__isnull=True)
        .values_list("user_id", "blueprint_id")
        .distinct()
    )
    passed: dict[int, set[int]] = defaultdict(set)
    for user_id, blueprint_id in passed_rows:
        passed[user_id].add(blueprint_id)
    final_best = dict(
        Attempt.objects.filter(user_id__in=user_ids, blueprint_id=programme.final_blueprint_id or 0)
        .values("user_id")
        .annotate(best=Max("percent"))
        .values_list("user_id", "best")
    )
    certificates = dict(
        Certificate.objects.filter(user_id__in=user_ids, programme=programme, revoked_at__isnull=True).values_list(
            "user_id", "number"
        )
    )
    return {
        p.pk: {
            "passed": len(required_by_user[p.user_id] & passed[p.user_id]),
            "final_best": final_best.get(p.user_id),
            "certificate": certificates.get(p.user_id),
        }
        for p in plans
    }


def access_plan_by_id(actor: Actor, plan_id: object) -> StudyPlan:
    qs = StudyPlan.objects.filter(_scope(actor, "programme__institution")).select_related("user", "programme")
    return get_in_scope_or_404(qs, plan_id)


def course_attempt_list(*, actor: Actor, course: Course) -> QuerySet[Attempt]:
    access_course_by_id(actor, course.pk)
    return Attempt.objects.filter(blueprint_id=course.exam_blueprint_id or 0).select_related("user")


def certificate_list(*, actor: Actor) -> QuerySet[Certificate]:
    return Certificate.objects.filter(_scope(actor)).select_related("programme", "user")


def access_certificate_by_id(actor: Actor, certificate_id: object) -> Certificate:
    return get_in_scope_or_404(certificate_list(actor=actor), certificate_id)
