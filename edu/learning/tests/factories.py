"""Small programmes built through the real services, and helpers that answer exams through the engine."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from decimal import Decimal

from edu.assessment.models import Attempt, AttemptItem, Choice, Question
from edu.assessment.services.attempts import attempt_answer_save, attempt_submit
from edu.assessment.tests.factories import PoolFactory, QuestionFactory
from edu.learning.models import Course, LessonKind, Programme
from edu.learning.services import catalogue
from edu.learning.services.plans import attempt_submitted
from edu.org.tests.factories import InstitutionFactory

SHORT_TEXT = "Qisqa matn."  # 2 words: a few seconds of reading


def make_programme(
    institution=None,  # type: ignore[no-untyped-def]
    *,
    courses: int = 10,
    questions: int = 4,
    required: int = 5,
    lessons: int = 1,
    exam_questions: int | None = None,
    attempts: int = 3,
    per_course: int | None = None,
    final_pass: Decimal = Decimal(70),
) -> Programme:
    """A published programme: `courses` courses, each with a pool of `questions` one-point questions (choice 0 is
    right), `lessons` short text lessons, an exam (71 %, `attempts` attempts); placement and final exams draw
    `per_course` (default: all) questions from each pool."""
    institution = institution or InstitutionFactory()
    programme = Programme.objects.create(institution=institution, title="Dastur", required_count=required)
    for i in range(1, courses + 1):
        pool = PoolFactory(institution=institution, name=f"Kurs {i}", code=f"C{i:02d}")
        for _ in range(questions):
            QuestionFactory(pool=pool)
        course = catalogue.course_save(
            actor=None,
            programme=programme,
            course=None,
            data={
                "code": f"C{i:02d}",
                "title": f"Kurs {i}",
                "order": i,
                "pool": pool,
                "exam_question_count": exam_questions or questions,
                "exam_time_minutes": 10,
                "pass_percent": Decimal(71),
                "attempts_allowed": attempts,
            },
        )
        for n in range(1, lessons + 1):
            catalogue.lesson_save(
                actor=None,
                course=course,
                lesson=None,
                data={"kind": LessonKind.TEXT, "title": f"Mavzu {i}.{n}", "text": SHORT_TEXT, "order": n},
            )
    catalogue.programme_exams_build(
        actor=None, programme=programme, per_course=per_course or questions, minutes=10, final_pass=final_pass
    )
    programme.is_published = True
    programme.save()
    programme.refresh_from_db()
    return programme


def add_weighted_course(programme: Programme, *, weights: tuple[str, ...], code: str = "W") -> Course:
    """A course whose exam holds questions worth the given points (to hit exact percentages such as 70.9)."""
    pool = PoolFactory(institution=programme.institution, code=code)
    for w in weights:
        QuestionFactory(pool=pool, points=Decimal(w))
    return catalogue.course_save(
        actor=None,
        programme=programme,
        course=None,
        data={
            "code": code,
            "title": f"Kurs {code}",
            "order": 100,
            "pool": pool,
            "exam_question_count": len(weights),
            "exam_time_minutes": 10,
            "pass_percent": Decimal(71),
            "attempts_allowed": 3,
        },
    )


def answer(attempt: Attempt, right: Callable[[AttemptItem, Question], bool]) -> None:
    """Answer every question of the attempt: the correct choice where `right(item, question)`, a wrong one else."""
    items = list(AttemptItem.objects.filter(attempt=attempt).select_related("question"))
    correct = dict(
        Choice.objects.filter(question__in=[i.question for i in items], is_correct=True).values_list(
            "question_id", "id"
        )
    )
    wrong = dict(
        Choice.objects.filter(question__in=[i.question for i in items], is_correct=False).values_list(
            "question_id", "id"
        )
    )
    for seq, item in enumerate(items, start=1):
        choice = correct[item.question_id] if right(item, item.question) else wrong[item.question_id]
        attempt_answer_save(
            attempt_id=attempt.pk, user_id=attempt.user_id, question_id=item.question_id, choice_ids=[choice], seq=seq
        )


def submit(attempt: Attempt) -> Attempt:
    """Score through the engine, then run the learning app's post-commit reaction as the engine would."""
    scored = attempt_submit(attempt_id=attempt.pk)
    attempt_submitted(scored.pk)
    return scored


def answer_by_pool(attempt: Attempt, right_per_pool: dict[int, int]) -> None:
    """Answer `right_per_pool[pool_id]` questions of each pool correctly, the rest wrongly."""
    given: dict[int, int] = defaultdict(int)

    def right(item: AttemptItem, question: Question) -> bool:
        given[question.pool_id] += 1
        return given[question.pool_id] <= right_per_pool.get(question.pool_id, 0)

    answer(attempt, right)


def all_right(item: AttemptItem, question: Question) -> bool:
    return True


def all_wrong(item: AttemptItem, question: Question) -> bool:
    return False
