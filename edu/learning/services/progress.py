"""Lesson progress that cannot be skipped (L7): heartbeats checked against the server's clock.

The player reports every LEARNING_HEARTBEAT_SECONDS the furthest position it has played to. The server accepts an
advance of that position only up to the wall-clock time since the previous heartbeat (at most
LEARNING_HEARTBEAT_MAX_GAP_SECONDS of it) plus a slack of at most LEARNING_HEARTBEAT_TOLERANCE_SECONDS (network
jitter). Unused slack carries over but never beyond the tolerance, so many quick heartbeats cannot add it up:
over any run of heartbeats the accepted advance is at most the elapsed time plus one tolerance. A claim beyond that
("ten minutes in ten seconds") is refused and changes nothing but the heartbeat's time; the player then goes back
to the position the server holds. A video is complete when that position is within
LEARNING_VIDEO_END_TOLERANCE_SECONDS of its end.

Texts and documents: each heartbeat (sent while the page is visible) adds the time since the previous one, at most
one interval plus the tolerance. "I have read it" is accepted once that time reaches the lesson's minimum.

Heartbeats are not journaled (one every few seconds per learner); completions and resets are.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from edu.accounts.models import User
from edu.core.errors import ApplicationError, PermissionDeniedError
from edu.journal.services import journal_record
from edu.learning import selectors
from edu.learning.models import Lesson, LessonKind, LessonProgress


@dataclass
class Heartbeat:
    accepted: bool
    progress: LessonProgress
    completed_now: bool = False
    message: str = ""


def lesson_open(*, user: User, lesson: Lesson) -> LessonProgress:
    """The learner opens a lesson: allowed when its course's materials are open. The progress row made here is
    what later heartbeats need (courses never lock again once open, so they need not check the plan)."""
    from edu.learning.services.plans import learner_sync

    programme = lesson.course.programme
    learner_sync(user=user, programme=programme)
    state = selectors.learner_overview(user=user, programme=programme).by_id[lesson.course_id]
    if not state.materials_open:
        raise PermissionDeniedError(state.reason)
    tolerance = float(settings.LEARNING_HEARTBEAT_TOLERANCE_SECONDS)
    progress, _created = LessonProgress.objects.get_or_create(
        user=user, lesson=lesson, defaults={"started_at": timezone.now(), "slack_seconds": tolerance}
    )
    return progress


def _locked_progress(user: User, lesson: Lesson) -> LessonProgress:
    progress = LessonProgress.objects.select_for_update().filter(user=user, lesson=lesson).first()
    if progress is None:
        lesson_open(user=user, lesson=lesson)
        progress = LessonProgress.objects.select_for_update().get(user=user, lesson=lesson)
    return progress


@transaction.atomic
def lesson_heartbeat(*, user: User, lesson: Lesson, position: float | None = None) -> Heartbeat:
    """One report from the player (video: the furthest position played, in seconds) or the reading page."""
    now = timezone.now()
    progress = _locked_progress(user, lesson)
    tolerance = float(settings.LEARNING_HEARTBEAT_TOLERANCE_SECONDS)
    interval = float(settings.LEARNING_HEARTBEAT_SECONDS)
    elapsed = (now - progress.last_beat_at).total_seconds() if progress.last_beat_at else 0.0
    elapsed = max(0.0, min(elapsed, float(settings.LEARNING_HEARTBEAT_MAX_GAP_SECONDS)))
    progress.last_beat_at = now
    fields = ["last_beat_at"]
    if lesson.kind == LessonKind.VIDEO and position is not None:
        target = max(0.0, min(float(position), float(lesson.duration_seconds)))
        claimed = target - progress.furthest_seconds
        allowed = elapsed + progress.slack_seconds
        if claimed > allowed + 1e-6:
            progress.save(update_fields=fields)
            return Heartbeat(
                accepted=False,
                progress=progress,
                message=_(
                    "Refused: %(claimed)d seconds of video reported after %(elapsed)d seconds. The video "
                    "continues from %(position)d seconds."
                )
                % {"claimed": round(claimed), "elapsed": round(elapsed), "position": int(progress.furthest_seconds)},
            )
        progress.slack_seconds = min(tolerance, allowed - max(0.0, claimed))
        if claimed > 0:
            progress.furthest_seconds = target
        fields += ["slack_seconds", "furthest_seconds"]
    progress.seconds_spent += min(elapsed, interval + tolerance)
    fields.append("seconds_spent")
    completed_now = False
    if (
        progress.completed_at is None
        and lesson.kind == LessonKind.VIDEO
        and progress.furthest_seconds >= lesson.duration_seconds - float(settings.LEARNING_VIDEO_END_TOLERANCE_SECONDS)
    ):
        _complete(progress, lesson, user, now)
        fields.append("completed_at")
        completed_now = True
    progress.save(update_fields=fields)
    if completed_now:
        _after_completion(user, lesson)
    return Heartbeat(accepted=True, progress=progress, completed_now=completed_now)


@transaction.atomic
def lesson_mark_read(*, user: User, lesson: Lesson) -> LessonProgress:
    """ "I have read it" on a text or a document, accepted after its minimum time on the page."""
    if lesson.kind == LessonKind.VIDEO:
        raise ApplicationError(_("A video lesson is complete when it has been watched to the end."))
    progress = _locked_progress(user, lesson)
    if progress.completed_at is not None:
        return progress
    missing = lesson.min_seconds - progress.seconds_spent
    if missing > 0.5:
        raise ApplicationError(
            _("Keep reading: you can confirm in %(n)d seconds.") % {"n": int(missing + 0.999)}, field="read"
        )
    _complete(progress, lesson, user, timezone.now())
    progress.save(update_fields=["completed_at"])
    _after_completion(user, lesson)
    return progress


def _complete(progress: LessonProgress, lesson: Lesson, user: User, now: object) -> None:
    progress.completed_at = now  # type: ignore[assignment]
    journal_record(
        action="update",
        instance=progress,
        before={"completed_at": None},
        after={"completed_at": progress.completed_at.isoformat(), "lesson": lesson.title},  # type: ignore[union-attr]
        actor=user,
        institution_id=lesson.course.institution_id,
    )


def _after_completion(user: User, lesson: Lesson) -> None:
    """A course studied again gets its new attempts when its last lesson is complete."""
    from edu.learning.services.plans import learner_sync

    learner_sync(user=user, programme=lesson.course.programme)


def lesson_progress_payload(lesson: Lesson, progress: LessonProgress | None) -> dict[str, object]:
    """What the player and the API show of a lesson's progress."""
    return {
        "lesson": lesson.pk,
        "kind": lesson.kind,
        "duration_seconds": lesson.duration_seconds,
        "min_seconds": lesson.min_seconds,
        "furthest_seconds": round(progress.furthest_seconds, 2) if progress else 0.0,
        "seconds_spent": round(progress.seconds_spent, 2) if progress else 0.0,
        "completed": bool(progress and progress.completed_at),
        "heartbeat_seconds": settings.LEARNING_HEARTBEAT_SECONDS,
    }
