"""Moving a learner along the path through the real services (time passes by moving the last heartbeat back)."""

from __future__ import annotations

import datetime as dt

from edu.accounts.models import User
from edu.assessment.models import Attempt
from edu.learning.models import Course, LessonKind, LessonProgress, Programme
from edu.learning.services import plans, progress
from edu.learning.tests.factories import all_right, all_wrong, answer, answer_by_pool, submit


def time_passes(user: User, lesson_id: int, seconds: float) -> None:
    """As if `seconds` went by since the previous heartbeat."""
    row = LessonProgress.objects.get(user=user, lesson_id=lesson_id)
    LessonProgress.objects.filter(pk=row.pk).update(last_beat_at=row.last_beat_at - dt.timedelta(seconds=seconds))


def study(user: User, course: Course) -> None:
    """Complete every lesson honestly: heartbeats spaced in (simulated) wall-clock time."""
    for lesson in course.lessons.all():
        progress.lesson_heartbeat(user=user, lesson=lesson, position=0)
        if lesson.kind == LessonKind.VIDEO:
            position = 0.0
            while position < lesson.duration_seconds:
                time_passes(user, lesson.pk, 10)
                position = min(lesson.duration_seconds, position + 10)
                progress.lesson_heartbeat(user=user, lesson=lesson, position=position)
        else:
            while LessonProgress.objects.get(user=user, lesson=lesson).seconds_spent < lesson.min_seconds:
                time_passes(user, lesson.pk, 10)
                progress.lesson_heartbeat(user=user, lesson=lesson)
            progress.lesson_mark_read(user=user, lesson=lesson)


def take_placement(user: User, programme: Programme, right_per_course: dict[int, int] | None = None) -> Attempt:
    """The placement test; `right_per_course` = {course order: questions answered correctly}."""
    attempt = plans.placement_start(user=user, programme=programme)
    if right_per_course is None:
        answer(attempt, all_wrong)
    else:
        pools = {c.order: c.pool_id for c in programme.courses.all()}
        answer_by_pool(attempt, {pools[order]: n for order, n in right_per_course.items()})
    return submit(attempt)


def fail_exam(user: User, course: Course) -> Attempt:
    attempt = plans.course_exam_start(user=user, course=course)
    answer(attempt, all_wrong)
    return submit(attempt)


def pass_exam(user: User, course: Course) -> Attempt:
    attempt = plans.course_exam_start(user=user, course=course)
    answer(attempt, all_right)
    return submit(attempt)
