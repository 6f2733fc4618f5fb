"""Paper exams: create, candidates, batches of scans, the review queue, scores under T7, results and publishing."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from edu.assessment.models import Blueprint, PaperVariant
from edu.assessment.services.paper import variant_key, variant_sections
from edu.core.errors import ApplicationError
from edu.journal.services import journal_record
from edu.paper import pipeline
from edu.paper.models import Batch, PaperCandidate, PaperExam, ReviewItem, SheetResult
from edu.paper.omr.layout import BOOKLET_DIGITS, ID_DIGITS, LETTERS, get_layout
from edu.paper.selectors import review_queue

MAX_UPLOAD = 500 * 1024 * 1024
NO_POINT = "-"


def _user(actor: Any) -> Any:
    return getattr(actor, "user", actor)


@transaction.atomic
def exam_create(*, actor: Any, blueprint: Blueprint, title: str, layout: str) -> PaperExam:
    get_layout(layout)
    exam = PaperExam.objects.create(
        institution_id=blueprint.institution_id, blueprint=blueprint, title=title.strip(), layout=layout
    )
    journal_record(action="create", instance=exam, after={"title": exam.title, "layout": layout}, actor=actor)
    return exam


_LINE = re.compile(rf"^\s*(\d{{{ID_DIGITS}}})\s*[;,\t]\s*(.+?)\s*$")


def _refuse_if_published(exam: PaperExam, message: str, field: str | None = None) -> None:
    """Published results are final: scans, review decisions, candidates and violation acts no longer change."""
    if exam.status == PaperExam.Status.PUBLISHED:
        raise ApplicationError(message, field=field)


@transaction.atomic
def candidates_import(*, actor: Any, exam: PaperExam, text: str) -> int:
    """Lines "1234567; Full name" → the exam's candidates (added or renamed). All or nothing."""
    _refuse_if_published(exam, _("The results are published; the candidate list can no longer change."), "text")
    rows: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = _LINE.match(line)
        if not match:
            raise ApplicationError(
                _("Line %(n)d: write a %(d)d-digit ID, a semicolon and the full name.") % {"n": number, "d": ID_DIGITS},
                field="text",
            )
        rows[match.group(1)] = match.group(2)[:255]
    if not rows:
        raise ApplicationError(_("The list is empty."), field="text")
    existing = {c.candidate_id: c for c in exam.candidates.filter(candidate_id__in=rows)}
    for cid, candidate in existing.items():
        candidate.full_name = rows[cid]
    PaperCandidate.objects.bulk_update(existing.values(), ["full_name"])
    PaperCandidate.objects.bulk_create(
        PaperCandidate(exam=exam, candidate_id=cid, full_name=name) for cid, name in rows.items() if cid not in existing
    )
    journal_record(action="update", instance=exam, after={"candidates": len(rows)}, actor=actor)
    return len(rows)


@transaction.atomic
def violation_act_record(*, actor: Any, candidate: PaperCandidate, text: str) -> PaperCandidate:
    """Record (or clear, with an empty text) a violation act: the candidate's result is withheld (T9)."""
    _refuse_if_published(candidate.exam, _("The results are published; violation acts can no longer change."), "text")
    before = {"violation_act": candidate.violation_act}
    candidate.violation_act = text.strip()
    candidate.save(update_fields=["violation_act"])
    journal_record(
        action="update",
        instance=candidate,
        before=before,
        after={"violation_act": candidate.violation_act},
        actor=actor,
        institution_id=candidate.exam.institution_id,
    )
    return candidate


# --- Batches ------------------------------------------------------------------------------------------------------


def _upload_reason(reason: str) -> str:
    return {
        "corrupt archive": _("the archive is damaged"),
        "no scans in the archive": _("there are no scans in the archive"),
        "unsupported file": _("an unsupported kind of file"),
        "not a scan": _("not an image or PDF"),
    }.get(reason, reason)


def batch_create(*, actor: Any, exam: PaperExam, upload: UploadedFile) -> Batch:
    """Check the upload (ZIP / PDF / TIFF / image) and save it as a queued batch; nothing is saved if it is unusable."""
    _refuse_if_published(exam, _("The results are published; no more scans can be added."))
    if not upload.size or upload.size > MAX_UPLOAD:
        raise ApplicationError(_("The file is empty or larger than 500 MB."), field="file")
    with transaction.atomic():
        batch = Batch(exam=exam, name=(upload.name or "scans")[:255], created_by=_user(actor))
        batch.upload.save(f"{exam.pk}-{timezone.now():%Y%m%d%H%M%S}-{batch.name}", upload, save=False)
        try:
            jobs = pipeline.plan(batch.upload.path, batch.name)
        except pipeline.UploadError as exc:
            batch.upload.delete(save=False)
            raise ApplicationError(
                _("This file cannot be read as scans (%(reason)s). Upload a ZIP, PDF, TIFF, PNG or JPEG.")
                % {"reason": _upload_reason(str(exc))},
                field="file",
            ) from exc
        batch.total = len(jobs)
        batch.save()
        journal_record(
            action="create",
            instance=batch,
            after={"file": batch.name, "pages": batch.total},
            actor=actor,
            institution_id=exam.institution_id,
        )
    return batch


def batch_process(batch_id: int, *, workers: int | None = None) -> Batch:
    """Read every page of a batch (the background job). Run again, it starts the batch over."""
    batch = Batch.objects.select_related("exam").get(pk=batch_id)
    exam = batch.exam
    with transaction.atomic():
        batch.sheets.all().delete()
        Batch.objects.filter(pk=batch.pk).update(status=Batch.Status.RUNNING, processed=0, failed=0, error="")
    scorer = _Scorer(exam)
    counters = {"processed": 0, "failed": 0}
    worker_cpu = 0.0

    def store(chunk: list[dict]) -> None:
        nonlocal worker_cpu
        worker_cpu += sum(row.get("cpu", 0.0) for row in chunk)
        with transaction.atomic():
            built = [_build_sheet(batch, row, scorer) for row in chunk]
            SheetResult.objects.bulk_create([sheet for sheet, _ in built])
            reviews = []
            for sheet, items in built:
                for item in items:
                    item.sheet = sheet
                    reviews.append(item)
            ReviewItem.objects.bulk_create(reviews)
            counters["processed"] += len(chunk)
            counters["failed"] += sum(bool(row["error"]) for row in chunk)
            Batch.objects.filter(pk=batch.pk).update(**counters)

    try:
        jobs = pipeline.plan(batch.upload.path, batch.name)
        pipeline.run(jobs, exam.layout, on_chunk=store, workers=workers)
    except Exception as exc:
        Batch.objects.filter(pk=batch.pk).update(
            status=Batch.Status.FAILED, error=str(exc)[:500], finished_at=timezone.now()
        )
        raise
    Batch.objects.filter(pk=batch.pk).update(status=Batch.Status.DONE, finished_at=timezone.now())
    batch.refresh_from_db()
    batch.worker_cpu = worker_cpu  # type: ignore[attr-defined]  # seconds spent reading, for bench_omr
    return batch


def _build_sheet(batch: Batch, row: dict, scorer: _Scorer) -> tuple[SheetResult, list[ReviewItem]]:
    """The row for one page (not saved yet) and its review items."""
    sheet = SheetResult(exam_id=batch.exam_id, batch=batch, source=row["source"][:255])
    if row["error"]:
        sheet.status = SheetResult.Status.ERROR
        sheet.error = row["error"][:255]
        return sheet, []
    sheet.candidate_id = row["candidate_id"] or ""
    sheet.booklet = row["booklet"] or ""
    sheet.answers = {str(q): a for q, a in row["answers"].items()}
    sheet.flags = {str(q): f for q, f in row["flags"].items()}
    sheet.confidence = row["confidence"]
    if row["jpeg"]:
        sheet.image.save(f"{batch.exam_id}-{batch.pk}-{row['source'][-40:]}.jpg", ContentFile(row["jpeg"]), save=False)
    reviews: list[ReviewItem] = []
    if not sheet.candidate_id:
        reviews.append(ReviewItem(kind=ReviewItem.Kind.CANDIDATE_ID, reason=row["id_problem"] or "unclear"))
    variant = scorer.variant(sheet.booklet)
    if variant is None:
        reviews.append(
            ReviewItem(
                kind=ReviewItem.Kind.BOOKLET,
                reason=row["booklet_problem"] or ("unknown" if sheet.booklet else "unclear"),
            )
        )
    count = len(variant.items) if variant else scorer.max_questions
    for q, flag in sheet.flags.items():
        if flag == "partial" and int(q) <= count:
            reviews.append(ReviewItem(kind=ReviewItem.Kind.QUESTION, question=int(q), reason=flag))
    sheet.status = SheetResult.Status.REVIEW if reviews else SheetResult.Status.OK
    scorer.score(sheet, pending=bool(reviews))
    return sheet, reviews


class _Scorer:
    """Answer keys of the exam's variants, loaded once per batch."""

    def __init__(self, exam: PaperExam) -> None:
        self.variants = {v.number: v for v in PaperVariant.objects.filter(blueprint_id=exam.blueprint_id)}
        self.keys: dict[int, dict[int, str]] = {}
        self.max_questions = max((len(v.items) for v in self.variants.values()), default=0)

    def variant(self, booklet: str) -> PaperVariant | None:
        return self.variants.get(int(booklet)) if booklet.isdigit() else None

    def score(self, sheet: SheetResult, *, pending: bool) -> None:
        """T7: a point only for a question whose one fully filled bubble is the key's letter."""
        variant = self.variant(sheet.booklet)
        if pending or variant is None:
            sheet.score, sheet.section_scores = None, {}
            return
        if variant.number not in self.keys:
            self.keys[variant.number] = variant_key(variant)
        key = self.keys[variant.number]
        sections = variant_sections(variant)
        per_section: dict[str, int] = dict.fromkeys(variant.sections, 0)
        total = 0
        for position, letter in key.items():
            answer = sheet.answers.get(str(position))
            if answer is not None and answer == letter and sheet.flags.get(str(position)) in (None, "decided"):
                total += 1
                per_section[sections[position]] += 1
        sheet.score, sheet.section_scores = total, per_section


# --- Review -------------------------------------------------------------------------------------------------------


@transaction.atomic
def review_decide(*, actor: Any, item: ReviewItem, decision: str) -> ReviewItem:
    """An operator's decision on one review item, journaled; the sheet is scored once nothing is left open."""
    item = ReviewItem.objects.select_for_update().select_related("sheet__exam").get(pk=item.pk)
    sheet = item.sheet
    _refuse_if_published(sheet.exam, _("The results are published; decisions can no longer change."))
    decision = decision.strip().upper()
    before = {"decision": item.decision}
    if item.kind == ReviewItem.Kind.CANDIDATE_ID:
        if not re.fullmatch(rf"\d{{{ID_DIGITS}}}", decision):
            raise ApplicationError(
                _("Enter the %(d)d digits of the candidate ID.") % {"d": ID_DIGITS}, field="decision"
            )
        sheet.candidate_id = decision
    elif item.kind == ReviewItem.Kind.BOOKLET:
        if (
            not re.fullmatch(rf"\d{{1,{BOOKLET_DIGITS}}}", decision)
            or not PaperVariant.objects.filter(blueprint_id=sheet.exam.blueprint_id, number=int(decision)).exists()
        ):
            raise ApplicationError(_("There is no booklet with this number in this exam."), field="decision")
        sheet.booklet = f"{int(decision):0{BOOKLET_DIGITS}d}"
    else:
        layout = get_layout(sheet.exam.layout)
        if decision not in {NO_POINT, *LETTERS[: layout.choices]}:
            raise ApplicationError(_("Choose the one fully filled letter, or “no point”."), field="decision")
        sheet.answers[str(item.question)] = None if decision == NO_POINT else decision
        sheet.flags[str(item.question)] = "decided"
    item.decision = decision
    item.decided_by = _user(actor)
    item.decided_at = timezone.now()
    item.save()
    open_left = sheet.reviews.filter(decided_at__isnull=True).exists()
    sheet.status = SheetResult.Status.REVIEW if open_left else SheetResult.Status.OK
    _Scorer(sheet.exam).score(sheet, pending=open_left)
    sheet.save()
    journal_record(
        action="update",
        instance=item,
        before=before,
        after={"decision": decision, "kind": item.kind, "question": item.question, "sheet": sheet.source},
        actor=actor,
        institution_id=sheet.exam.institution_id,
    )
    return item


# --- Results ------------------------------------------------------------------------------------------------------


def exam_results(exam: PaperExam) -> dict[str, Any]:
    """Rows per candidate (score, sections, flags), sheets without a known candidate, missing candidates."""
    all_sheets = list(exam.sheets.order_by("candidate_id", "pk"))
    sheets = [s for s in all_sheets if s.status != SheetResult.Status.ERROR]
    roster = {c.candidate_id: c for c in exam.candidates.all()}
    counts = Counter(s.candidate_id for s in sheets if s.candidate_id)
    by_candidate: dict[str, list[SheetResult]] = defaultdict(list)
    for sheet in sheets:
        if sheet.candidate_id:
            by_candidate[sheet.candidate_id].append(sheet)
    sections = list(exam.blueprint.sections.values_list("title", flat=True))
    rows = []
    for cid, own in sorted(by_candidate.items()):
        candidate = roster.get(cid)
        sheet = own[0]
        withheld = bool(candidate and candidate.violation_act)
        rows.append(
            {
                "candidate_id": cid,
                "name": candidate.full_name if candidate else "",
                "sheet": sheet,
                "score": None if withheld else sheet.score,
                # one cell per section title, in the order of `sections` (empty while withheld or not scored)
                "section_scores": [None if withheld else sheet.section_scores.get(s) for s in sections],
                "duplicate": counts[cid] > 1,
                "unknown": candidate is None and bool(roster),
                "withheld": withheld,
                "pending": sheet.status == SheetResult.Status.REVIEW,
            }
        )
    return {
        "rows": rows,
        "candidates": list(roster.values()),
        "missing": [c for cid, c in sorted(roster.items()) if cid not in by_candidate],
        "unreadable": [s for s in all_sheets if s.status == SheetResult.Status.ERROR],
        "open_reviews": review_queue(exam).count(),
        "sections": sections,
    }


def results_table(exam: PaperExam) -> tuple[list[str], list[list[Any]]]:
    """The results as a header and rows for Excel (edu/core/xlsx.py): scored sheets, then candidates with none."""
    data = exam_results(exam)
    sections = data["sections"]
    headers = [_("Candidate ID"), _("Full name"), _("Booklet"), _("Score"), *sections, _("Remarks")]
    rows: list[list[Any]] = []
    for row in data["rows"]:
        remarks = []
        if row["duplicate"]:
            remarks.append(_("duplicate sheet"))
        if row["pending"]:
            remarks.append(_("needs review"))
        if row["unknown"]:
            remarks.append(_("not on the list"))
        if row["withheld"]:
            remarks.append(_("result withheld (violation act)"))
        rows.append(
            [
                row["candidate_id"],
                row["name"],
                row["sheet"].booklet,
                row["score"],
                *row["section_scores"],
                "; ".join(remarks),
            ]
        )
    for candidate in data["missing"]:
        rows.append([candidate.candidate_id, candidate.full_name, "", None, *([None] * len(sections)), _("no sheet")])
    return headers, rows


@transaction.atomic
def exam_publish(*, actor: Any, exam: PaperExam) -> PaperExam:
    exam = PaperExam.objects.select_for_update().get(pk=exam.pk)
    if exam.status == PaperExam.Status.PUBLISHED:
        return exam
    open_reviews = review_queue(exam).count()
    if open_reviews:
        raise ApplicationError(
            _("%(n)d review decisions are still open; decide them before publishing.") % {"n": open_reviews}
        )
    if exam.batches.filter(status__in=[Batch.Status.QUEUED, Batch.Status.RUNNING]).exists():
        raise ApplicationError(_("A batch of scans is still being read."))
    exam.status = PaperExam.Status.PUBLISHED
    exam.published_at = timezone.now()
    exam.save(update_fields=["status", "published_at"])
    journal_record(
        action="update", instance=exam, before={"status": "open"}, after={"status": "published"}, actor=actor
    )
    return exam
