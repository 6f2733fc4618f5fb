"""The catalogue, built by programme and course editors: programmes, courses with their exams, lessons."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from edu.assessment.models import Audience, Blueprint, QuestionPool, ReviewPolicy
from edu.assessment.services.blueprints import blueprint_save
from edu.core.errors import ApplicationError
from edu.journal.services import journal_create, journal_delete, journal_snapshot, journal_update
from edu.learning import media
from edu.learning.models import Course, Lesson, LessonKind, Programme
from edu.org.actor import Actor

PROGRAMME_FIELDS = ("title", "description", "placement_blueprint", "final_blueprint", "required_count", "is_published")
COURSE_FIELDS = ("code", "title", "description", "order", "pool", "time_allotment_minutes")


def _own_blueprint(blueprint: Blueprint | None, institution_id: int, field: str) -> None:
    if blueprint is not None and blueprint.institution_id != institution_id:
        raise ApplicationError(_("A test of another institution cannot be used."), field=field)


@transaction.atomic
def programme_save(
    *, actor: Actor | None, institution_id: int, programme: Programme | None, data: dict[str, Any]
) -> Programme:
    _own_blueprint(data.get("placement_blueprint"), institution_id, "placement_blueprint")
    _own_blueprint(data.get("final_blueprint"), institution_id, "final_blueprint")
    before = journal_snapshot(programme) if programme else None
    programme = programme or Programme(institution_id=institution_id)
    for name in PROGRAMME_FIELDS:
        if name in data:
            setattr(programme, name, data[name])
    if programme.is_published:
        if programme.placement_blueprint_id is None or programme.final_blueprint_id is None:
            raise ApplicationError(
                _("Choose the placement test and the final exam before publishing."), field="is_published"
            )
        if programme.pk is None or programme.courses.count() < programme.required_count:
            raise ApplicationError(
                _("Add at least as many courses as are required before publishing."), field="is_published"
            )
    programme.full_clean()
    programme.save()
    if before is None:
        journal_create(instance=programme, actor=actor)
    else:
        journal_update(instance=programme, before=before, actor=actor)
    return programme


def _exam_data(course: Course, data: dict[str, Any], blueprint: Blueprint | None) -> dict[str, Any]:
    return {
        "title": _("Course exam: %(title)s") % {"title": course.title},
        "instructions": _(
            "The exam of the course “%(title)s”. %(pass)s%% or more passes it and opens the next required course."
        )
        % {"title": course.title, "pass": data.get("pass_percent", blueprint.pass_percent if blueprint else 71)},
        "time_limit_minutes": data.get("exam_time_minutes") or (blueprint.time_limit_minutes if blueprint else 30),
        "pass_percent": data.get("pass_percent", blueprint.pass_percent if blueprint else Decimal(71)),
        "attempts_allowed": data.get("attempts_allowed") or (blueprint.attempts_allowed if blueprint else 3),
        # Taken only through the learning app, which checks the course is open and counts restudy attempts.
        "audience": Audience.LISTED,
        "review_policy": ReviewPolicy.AFTER_SUBMIT,
        "is_published": True,
    }


@transaction.atomic
def course_save(*, actor: Actor | None, programme: Programme, course: Course | None, data: dict[str, Any]) -> Course:
    """Create or change a course and its exam (a blueprint drawing `exam_question_count` questions from the pool,
    pass mark, attempts, time)."""
    pool: QuestionPool | None = data.get("pool") or (course.pool if course else None)
    if pool is None:
        raise ApplicationError(_("Choose the course's question pool."), field="pool")
    if pool.institution_id != programme.institution_id:
        raise ApplicationError(_("A pool of another institution cannot be used."), field="pool")
    draw = data.get("exam_question_count")
    if draw is None:
        draw = course.exam_blueprint.question_count() if course and course.exam_blueprint else 20
    available = pool.questions.filter(is_active=True).count()
    if draw > available:
        raise ApplicationError(
            _("The pool has only %(n)d questions in use; the exam cannot draw %(draw)d.")
            % {"n": available, "draw": draw},
            field="exam_question_count",
        )
    attempts = data.get("attempts_allowed")
    if attempts is not None and attempts < 1:
        raise ApplicationError(_("Allow at least one attempt."), field="attempts_allowed")
    code = data.get("code") or (course.code if course else "")
    if programme.courses.filter(code=code).exclude(pk=course.pk if course else 0).exists():
        raise ApplicationError(_("The programme already has a course with this code."), field="code")
    before = journal_snapshot(course) if course else None
    course = course or Course(programme=programme, institution_id=programme.institution_id)
    for name in COURSE_FIELDS:
        if name in data:
            setattr(course, name, data[name])
    course.full_clean(exclude=["exam_blueprint"])
    course.save()
    blueprint = blueprint_save(
        actor=actor,
        institution_id=programme.institution_id,
        blueprint=course.exam_blueprint,
        data=_exam_data(course, data, course.exam_blueprint),
        sections=[{"title": course.title, "pool": pool, "draw_count": draw}],
    )
    if course.exam_blueprint_id != blueprint.pk:
        course.exam_blueprint = blueprint
        course.save(update_fields=["exam_blueprint"])
    if before is None:
        journal_create(instance=course, actor=actor)
    else:
        journal_update(instance=course, before=before, actor=actor)
    return course


def _sections(programme: Programme, per_course: int) -> list[dict[str, Any]]:
    courses = list(programme.courses.select_related("pool").order_by("order", "id"))
    if not courses:
        raise ApplicationError(_("Add courses first."))
    return [{"title": c.title, "pool": c.pool, "draw_count": per_course} for c in courses]


@transaction.atomic
def final_exam_build(
    *,
    actor: Actor | None,
    programme: Programme,
    per_course: int = 6,
    minutes: int = 60,
    final_pass: Decimal = Decimal(70),
    final_attempts: int = 3,
) -> Blueprint:
    """The final exam in the same form as the placement test (L13): `per_course` random questions from each
    course's pool, `minutes` in all; `final_pass` or more earns the certificate (L14)."""
    sections = _sections(programme, per_course)
    total = per_course * len(sections)
    final = blueprint_save(
        actor=actor,
        institution_id=programme.institution_id,
        blueprint=programme.final_blueprint,
        data={
            "title": _("Final exam: %(title)s") % {"title": programme.title},
            "instructions": _(
                "%(total)d questions, %(per)d from each course; %(minutes)d minutes. %(pass)s%% or more earns the "
                "electronic certificate."
            )
            % {"total": total, "per": per_course, "minutes": minutes, "pass": final_pass},
            "time_limit_minutes": minutes,
            "pass_percent": final_pass,
            "attempts_allowed": final_attempts,
            # Started only through the Certificate menu, which checks every required course is passed.
            "audience": Audience.LISTED,
            "is_published": True,
        },
        sections=sections,
    )
    if programme.final_blueprint_id != final.pk:
        before = journal_snapshot(programme)
        programme.final_blueprint = final
        programme.save(update_fields=["final_blueprint", "updated_at"])
        journal_update(instance=programme, before=before, actor=actor)
    return final


@transaction.atomic
def programme_exams_build(
    *,
    actor: Actor | None,
    programme: Programme,
    per_course: int = 6,
    minutes: int = 60,
    final_pass: Decimal = Decimal(70),
    final_attempts: int = 3,
) -> Programme:
    """Build (or rebuild) the placement test (L2: random questions from every course, one attempt) and the final
    exam in the same form (L13) from the courses."""
    sections = _sections(programme, per_course)
    total = per_course * len(sections)
    placement = blueprint_save(
        actor=actor,
        institution_id=programme.institution_id,
        blueprint=programme.placement_blueprint,
        data={
            "title": _("Placement test: %(title)s") % {"title": programme.title},
            "instructions": _(
                "%(total)d questions, %(per)d from each course, chosen at random; %(minutes)d minutes. Answer in any "
                "order. When time runs out the test is finished automatically."
            )
            % {"total": total, "per": per_course, "minutes": minutes},
            "time_limit_minutes": minutes,
            "pass_percent": Decimal(0),
            "attempts_allowed": 1,
            "audience": Audience.EVERYONE,
            "is_published": True,
        },
        sections=sections,
    )
    if programme.placement_blueprint_id != placement.pk:
        before = journal_snapshot(programme)
        programme.placement_blueprint = placement
        programme.save(update_fields=["placement_blueprint", "updated_at"])
        journal_update(instance=programme, before=before, actor=actor)
    final_exam_build(
        actor=actor,
        programme=programme,
        per_course=per_course,
        minutes=minutes,
        final_pass=final_pass,
        final_attempts=final_attempts,
    )
    return programme


@transaction.atomic
def lesson_save(
    *,
    actor: Actor | None,
    course: Course,
    lesson: Lesson | None,
    data: dict[str, Any],
    upload: UploadedFile | None = None,
) -> Lesson:
    """Create or change a lesson. Videos: MP4/WebM, length measured by ffprobe (or given); documents: PDF,
    pages counted. The type is checked by content, the size against LEARNING_*_MAX_MB."""
    kind = data.get("kind") or (lesson.kind if lesson else LessonKind.TEXT)
    before = journal_snapshot(lesson) if lesson else None
    lesson = lesson or Lesson(course=course)
    if lesson.kind and lesson.kind != kind and lesson.file and upload is None and kind != LessonKind.TEXT:
        raise ApplicationError(_("Upload a new file for the new type."), field="file")
    lesson.kind = kind
    for name in ("title", "text", "order"):
        if name in data:
            setattr(lesson, name, data[name])
    lesson.word_count = len((lesson.text or "").split())
    if upload is not None:
        if kind == LessonKind.VIDEO:
            media.check_video(upload)
            with media.local_path(upload) as path:
                measured = media.video_duration(path)
            lesson.duration_seconds = measured or int(data.get("duration_seconds") or 0)
        elif kind == LessonKind.DOCUMENT:
            media.check_document(upload)
            with media.local_path(upload) as path:
                lesson.page_count = media.pdf_page_count(path)
        else:
            raise ApplicationError(_("A text lesson has no file."), field="file")
    elif kind == LessonKind.VIDEO and data.get("duration_seconds"):
        lesson.duration_seconds = int(data["duration_seconds"])
    if kind == LessonKind.TEXT and not lesson.text.strip():
        raise ApplicationError(_("Write the text of the lesson."), field="text")
    if kind != LessonKind.TEXT and upload is None and not lesson.file:
        raise ApplicationError(
            _("Upload the video file.") if kind == LessonKind.VIDEO else _("Upload the PDF document."), field="file"
        )
    if kind == LessonKind.VIDEO and lesson.duration_seconds < 1:
        raise ApplicationError(
            _("The video's length could not be measured; enter it in seconds."), field="video_seconds"
        )
    old_file = lesson.file.name if lesson.file and (upload is not None or kind == LessonKind.TEXT) else ""
    storage = lesson.file.storage
    if kind == LessonKind.TEXT:
        lesson.file = ""  # type: ignore[assignment]
    stored = ""
    try:
        if upload is not None:
            lesson.file.save(upload.name or "lesson", upload, save=False)
            stored = lesson.file.name or ""
        lesson.full_clean()
        lesson.save()
    except Exception:
        if stored:
            storage.delete(stored)  # a refused save leaves no file behind
        raise
    if old_file:
        transaction.on_commit(lambda: storage.delete(old_file))
    if before is None:
        journal_create(instance=lesson, actor=actor, institution_id=course.institution_id)
    else:
        journal_update(instance=lesson, before=before, actor=actor, institution_id=course.institution_id)
    return lesson


@transaction.atomic
def lesson_delete(*, actor: Actor | None, lesson: Lesson) -> None:
    journal_delete(instance=lesson, actor=actor, institution_id=lesson.course.institution_id)
    name = lesson.file.name if lesson.file else ""
    storage = lesson.file.storage
    lesson.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))
