"""Question banks: pools, questions with their answers, and atomic imports."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from edu.assessment import formats
from edu.assessment.formats import ParsedQuestion
from edu.assessment.models import Choice, ImportStatus, Question, QuestionImport, QuestionPool
from edu.assessment.richtext import clean
from edu.core.errors import ApplicationError
from edu.journal.services import journal_create, journal_delete, journal_record, journal_snapshot, journal_update
from edu.org.actor import Actor

MAX_IMPORT_BYTES = 20 * 1024 * 1024


@transaction.atomic
def pool_save(*, actor: Actor, pool: QuestionPool | None, data: dict[str, Any]) -> QuestionPool:
    """Create or change a pool inside the actor's scope (its institution; a department role's department)."""
    assignment = actor.assignment
    if assignment is None:
        raise ApplicationError(_("Choose a role first."))
    department = data.get("department")
    if assignment.department_id:
        department = assignment.department
    if department is not None and department.institution_id != assignment.institution_id:
        raise ApplicationError(_("The department belongs to another institution."), field="department")
    before = journal_snapshot(pool) if pool else None
    pool = pool or QuestionPool(institution_id=assignment.institution_id)
    pool.name = data["name"]
    pool.code = data.get("code", "")
    pool.description = data.get("description", "")
    pool.department = department
    pool.full_clean()
    pool.save()
    if before is None:
        journal_create(instance=pool, actor=actor)
    else:
        journal_update(instance=pool, before=before, actor=actor)
    return pool


def _touch(pool: QuestionPool) -> None:
    pool.save(update_fields=["updated_at"])


def _check_choices(kind: str, choices: list[tuple[str, bool]]) -> None:
    parsed = ParsedQuestion(text="x", kind=kind, choices=[formats.ParsedChoice(t, c) for t, c in choices])
    problems = formats.validate(parsed)
    if problems:
        raise ApplicationError(" ".join(problems), field="choices")


@transaction.atomic
def question_save(
    *,
    actor: Actor,
    pool: QuestionPool,
    question: Question | None,
    data: dict[str, Any],
    choices: list[tuple[str, bool]],
) -> Question:
    """Create or change a question and replace its answers. `choices` = [(text, is_correct), …] in order."""
    cleaned = [(clean(text), correct) for text, correct in choices if text.strip()]
    _check_choices(data["kind"], cleaned)
    before = journal_snapshot(question) if question else None
    question = question or Question(pool=pool)
    for name in ("kind", "difficulty", "tags", "language", "points", "is_active"):
        if name in data:
            setattr(question, name, data[name])
    question.text = clean(data["text"])
    question.explanation = clean(data.get("explanation", ""))
    if data.get("image") is not None:
        question.image = data["image"]
    elif data.get("image_clear"):
        question.image = None  # type: ignore[assignment]
    question.full_clean()
    question.save()
    old_answers = [(c.text, c.is_correct) for c in question.choices.all()] if before else []
    if old_answers != cleaned:
        question.choices.all().delete()
        Choice.objects.bulk_create(
            Choice(question=question, text=text, is_correct=correct, order=i)
            for i, (text, correct) in enumerate(cleaned)
        )
    from edu.assessment.services.attempts import _content

    _content.pop(question.pk, None)
    if before is None:
        journal_create(instance=question, actor=actor, institution_id=pool.institution_id)
    else:
        after = journal_update(instance=question, before=before, actor=actor, institution_id=pool.institution_id)
        if after is None and old_answers != cleaned:
            journal_update(
                instance=question,
                before={**before, "answers": old_answers},
                actor=actor,
                institution_id=pool.institution_id,
            )
    _touch(pool)
    return question


@transaction.atomic
def question_delete(*, actor: Actor, question: Question) -> bool:
    """Delete a question; one already used in attempts is only taken out of use. Returns True if deleted."""
    pool = question.pool
    try:
        with transaction.atomic():
            journal_delete(instance=question, actor=actor, institution_id=pool.institution_id)
            question.delete()
    except ProtectedError:
        before = journal_snapshot(question)
        question.is_active = False
        question.save(update_fields=["is_active", "updated_at"])
        journal_update(instance=question, before=before, actor=actor, institution_id=pool.institution_id)
        _touch(pool)
        return False
    _touch(pool)
    return True


# --- imports --------------------------------------------------------------------------------


def import_progress_key(import_id: int) -> str:
    return f"qimport:{import_id}:progress"


@transaction.atomic
def question_import_check(*, actor: Actor, pool: QuestionPool, upload: Any) -> QuestionImport:
    """Read the uploaded file and record what it holds and every per-row error; nothing is imported yet."""
    size = getattr(upload, "size", 0)
    if size > MAX_IMPORT_BYTES:
        raise ApplicationError(_("The file is larger than 20 MB."), field="file")
    data = upload.read()
    fmt = formats.guess_format(upload.name, data[:4000])
    if fmt is None:
        raise ApplicationError(
            _("Upload an .xlsx, .txt/.gift (GIFT), .xml (Moodle XML or QTI) or .zip (QTI) file."), field="file"
        )
    result = formats.parse(fmt, data)
    record = QuestionImport(
        pool=pool,
        uploaded_by=actor.user,
        filename=upload.name[:255],
        format=fmt,
        total=len(result.questions),
        errors=[{"where": str(e.where), "message": str(e.message)} for e in result.errors],
        status=ImportStatus.PREVIEW if result.ok else ImportStatus.INVALID,
    )
    record.file.save(upload.name, ContentFile(data), save=False)
    record.save()
    return record


def question_import_preview(record: QuestionImport, limit: int = 50) -> list[ParsedQuestion]:
    with record.file.open("rb") as handle:
        return formats.parse(record.format, handle.read()).questions[:limit]


def question_import_commit(*, import_id: int, actor: Actor | None = None) -> QuestionImport:
    """Import every question of a checked file in one transaction: all of them, or none."""
    with transaction.atomic():
        record = QuestionImport.objects.select_for_update().select_related("pool").get(pk=import_id)
        if record.status != ImportStatus.PREVIEW:
            return record
        record.status = ImportStatus.RUNNING
        record.save(update_fields=["status"])
    try:
        with record.file.open("rb") as handle:
            result = formats.parse(record.format, handle.read())
        if not result.ok:
            raise ApplicationError(_("The file has errors; nothing was imported."))
        total = len(result.questions)
        with transaction.atomic():
            for index, parsed in enumerate(result.questions, start=1):
                _create_parsed(record.pool, parsed)
                if index % 50 == 0 or index == total:
                    cache.set(import_progress_key(record.pk), {"done": index, "total": total}, 3600)
            record.status = ImportStatus.DONE
            record.imported = total
            record.save(update_fields=["status", "imported"])
            journal_record(
                action="update",
                instance=record.pool,
                before={"questions": None},
                after={"imported": total, "file": record.filename},
                actor=actor or record.uploaded_by,
                institution_id=record.pool.institution_id,
            )
            _touch(record.pool)
    except Exception as exc:
        QuestionImport.objects.filter(pk=record.pk).update(
            status=ImportStatus.FAILED, errors=[{"where": "", "message": str(getattr(exc, "message", exc))}]
        )
        cache.delete(import_progress_key(record.pk))
        if not isinstance(exc, ApplicationError):
            raise
    record.refresh_from_db()
    return record


def _create_parsed(pool: QuestionPool, parsed: ParsedQuestion) -> Question:
    question = Question(
        pool=pool,
        kind=parsed.kind,
        text=parsed.text,
        difficulty=parsed.difficulty,
        tags=parsed.tags[:255],
        language=parsed.language,
        points=Decimal(parsed.points),
        explanation=parsed.explanation,
        external_id=parsed.external_id[:128],
    )
    if parsed.image:
        name, content = parsed.image
        question.image.save(name, ContentFile(content), save=False)
    question.save()
    Choice.objects.bulk_create(
        Choice(question=question, text=c.text, is_correct=c.correct, order=i)
        for i, c in enumerate(c for c in parsed.choices if c.text.strip())
    )
    return question


def question_export(*, pool: QuestionPool, fmt: str) -> tuple[bytes, str, str]:
    """(content, file name, content type) of the pool's active questions in `fmt`."""
    from edu.assessment.formats import excel, gift, moodle, qti

    questions = Question.objects.filter(pool=pool, is_active=True).prefetch_related("choices").order_by("id")
    writers = {
        "xlsx": (excel.write, "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        "gift": (gift.write, "gift.txt", "text/plain; charset=utf-8"),
        "moodle": (moodle.write, "moodle.xml", "application/xml"),
        "qti": (qti.write, "qti.zip", "application/zip"),
    }
    if fmt not in writers:
        raise ApplicationError(_("Unknown format."))
    write, suffix, content_type = writers[fmt]
    slug = (pool.code or f"pool-{pool.pk}").replace(" ", "-")
    return write(questions), f"{slug}.{suffix}", content_type


def buffer(content: bytes, name: str) -> io.BytesIO:
    data = io.BytesIO(content)
    data.name = name
    return data
