"""Paper exams: the candidates, batches of scans, what was read from each sheet and what a person decided."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from edu.paper.omr.layout import DEFAULT_LAYOUT, LAYOUTS


class PaperExam(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        PUBLISHED = "published", _("Results published")

    institution = models.ForeignKey("org.Institution", on_delete=models.PROTECT, related_name="paper_exams")
    blueprint = models.ForeignKey("assessment.Blueprint", on_delete=models.PROTECT, related_name="paper_exams")
    title = models.CharField(_("title"), max_length=255)
    layout = models.CharField(
        _("answer sheet"), max_length=16, default=DEFAULT_LAYOUT, choices=[(k, k) for k in LAYOUTS]
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.OPEN)
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("paper exam")
        verbose_name_plural = _("paper exams")

    def __str__(self) -> str:
        return self.title


class PaperCandidate(models.Model):
    """One person expected to sit the exam; a violation act withholds their result (T9)."""

    exam = models.ForeignKey(PaperExam, on_delete=models.CASCADE, related_name="candidates")
    candidate_id = models.CharField(_("candidate ID"), max_length=7)
    full_name = models.CharField(_("full name"), max_length=255)
    violation_act = models.TextField(_("violation act"), blank=True)

    class Meta:
        ordering = ["candidate_id"]
        constraints = [models.UniqueConstraint(fields=["exam", "candidate_id"], name="paper_candidate_unique")]

    def __str__(self) -> str:
        return f"{self.candidate_id} {self.full_name}"


class Batch(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Reading")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    exam = models.ForeignKey(PaperExam, on_delete=models.CASCADE, related_name="batches")
    upload = models.FileField(upload_to="paper/batches/")
    name = models.CharField(max_length=255)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField(default=0)
    processed = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.name


class SheetResult(models.Model):
    class Status(models.TextChoices):
        OK = "ok", _("Read")
        REVIEW = "review", _("Needs review")
        ERROR = "error", _("Unreadable")

    exam = models.ForeignKey(PaperExam, on_delete=models.CASCADE, related_name="sheets")
    batch = models.ForeignKey(Batch, on_delete=models.CASCADE, related_name="sheets")
    source = models.CharField(max_length=255)  # file name in the upload, with the page for PDFs
    image = models.FileField(upload_to="paper/sheets/", blank=True)  # the page straightened to the layout (JPEG)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.OK)
    error = models.CharField(max_length=255, blank=True)
    candidate_id = models.CharField(max_length=7, blank=True, db_index=True)
    booklet = models.CharField(max_length=4, blank=True)
    answers = models.JSONField(default=dict)  # {"1": "B", "2": null, …} after review decisions
    flags = models.JSONField(default=dict)  # {"3": "multiple", …} as read
    confidence = models.FloatField(default=0)
    score = models.PositiveIntegerField(null=True, blank=True)
    section_scores = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["candidate_id", "pk"]

    def __str__(self) -> str:
        return self.source


class ReviewItem(models.Model):
    class Kind(models.TextChoices):
        CANDIDATE_ID = "candidate_id", _("Candidate ID")
        BOOKLET = "booklet", _("Booklet number")
        QUESTION = "question", _("Question")

    sheet = models.ForeignKey(SheetResult, on_delete=models.CASCADE, related_name="reviews")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    question = models.PositiveIntegerField(null=True, blank=True)
    reason = models.CharField(max_length=32)
    decision = models.CharField(max_length=16, blank=True)  # the digits, or a letter / "-" (no point) for a question
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["sheet_id", "kind", "question"]

    def __str__(self) -> str:
        return f"{self.sheet_id} {self.kind} {self.question or ''}".strip()
