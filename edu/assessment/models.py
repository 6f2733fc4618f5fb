"""Question banks, blueprints and attempts: the engine behind every test on the platform."""

from __future__ import annotations

import math

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    TRUE_FALSE = "truefalse", _("True / false")


class QuestionPool(models.Model):
    """A bank of questions for one course or topic."""

    institution = models.ForeignKey(
        "org.Institution", on_delete=models.PROTECT, related_name="question_pools", verbose_name=_("institution")
    )
    department = models.ForeignKey(
        "org.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="question_pools",
        verbose_name=_("department"),
        help_text=_("Leave empty for a pool of the whole institution."),
    )
    name = models.CharField(_("name"), max_length=255)
    code = models.CharField(_("code"), max_length=64, blank=True)
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("question pool")
        verbose_name_plural = _("question pools")

    def __str__(self) -> str:
        return self.name

    @property
    def faculty_id(self) -> int | None:
        return self.department.faculty_id if self.department_id else None  # type: ignore[union-attr]


class Question(models.Model):
    pool = models.ForeignKey(QuestionPool, on_delete=models.CASCADE, related_name="questions")
    kind = models.CharField(_("type"), max_length=16, choices=QuestionKind.choices, default=QuestionKind.SINGLE)
    text = models.TextField(
        _("question"), help_text=_("Plain text; formulas between $…$ in LaTeX, e.g. $\\frac{a}{b}$.")
    )
    image = models.ImageField(_("image"), upload_to="questions/%Y/%m/", blank=True)
    difficulty = models.PositiveSmallIntegerField(_("difficulty"), default=2, help_text=_("1 (easy) to 5 (hard)."))
    tags = models.CharField(_("tags"), max_length=255, blank=True, help_text=_("Comma-separated."))
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default="uz")
    points = models.DecimalField(_("points"), max_digits=6, decimal_places=2, default=1)
    explanation = models.TextField(_("explanation"), blank=True, help_text=_("Shown when answers are reviewed."))
    is_active = models.BooleanField(_("in use"), default=True)
    external_id = models.CharField(max_length=128, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["pool_id", "id"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        indexes = [models.Index(fields=["pool", "is_active"], name="question_pool_active")]
        constraints = [
            models.CheckConstraint(condition=Q(difficulty__gte=1, difficulty__lte=5), name="question_difficulty_1_5"),
            models.CheckConstraint(condition=Q(points__gt=0), name="question_points_positive"),
        ]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def institution_id(self) -> int:
        return self.pool.institution_id


class Choice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    text = models.TextField(_("answer"))
    is_correct = models.BooleanField(_("correct"), default=False)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["question_id", "order", "id"]
        verbose_name = _("choice")
        verbose_name_plural = _("choices")

    def __str__(self) -> str:
        return self.text[:60]


class Navigation(models.TextChoices):
    FREE = "free", _("Free: jump to any question")
    SEQUENTIAL = "sequential", _("Sequential: forward only")


class Audience(models.TextChoices):
    EVERYONE = "everyone", _("Anyone signed in")
    INSTITUTION = "institution", _("People holding a role in the institution")
    LISTED = "listed", _("Only the listed people")


class ReviewPolicy(models.TextChoices):
    NONE = "none", _("Score only")
    AFTER_SUBMIT = "after_submit", _("Answers and correct answers after submitting")


class IntegrityPolicy(models.TextChoices):
    LOG = "log", _("Log events only")
    PAUSE = "pause", _("Pause the attempt until a proctor resumes it")


class Blueprint(models.Model):
    """How a test is assembled and run: sections drawing questions, time, pass mark, attempts."""

    institution = models.ForeignKey(
        "org.Institution", on_delete=models.PROTECT, related_name="blueprints", verbose_name=_("institution")
    )
    department = models.ForeignKey(
        "org.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="blueprints",
        verbose_name=_("department"),
    )
    title = models.CharField(_("title"), max_length=255)
    instructions = models.TextField(_("conditions"), blank=True, help_text=_("Shown before the start."))
    time_limit_minutes = models.PositiveIntegerField(
        _("time limit, minutes"),
        null=True,
        blank=True,
        help_text=_("Leave empty to derive it: 1 hour per 30 questions."),
    )
    pass_percent = models.DecimalField(_("pass mark, %"), max_digits=5, decimal_places=2, default=60)
    attempts_allowed = models.PositiveIntegerField(
        _("attempts allowed"), null=True, blank=True, help_text=_("Leave empty for unlimited attempts.")
    )
    shuffle_questions = models.BooleanField(_("shuffle questions"), default=True)
    shuffle_choices = models.BooleanField(_("shuffle choices"), default=True)
    navigation = models.CharField(_("navigation"), max_length=16, choices=Navigation.choices, default=Navigation.FREE)
    available_from = models.DateTimeField(_("available from"), null=True, blank=True)
    available_until = models.DateTimeField(_("available until"), null=True, blank=True)
    audience = models.CharField(
        _("who may take it"), max_length=16, choices=Audience.choices, default=Audience.INSTITUTION
    )
    listed_takers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("listed people")
    )
    review_policy = models.CharField(
        _("after the test"), max_length=16, choices=ReviewPolicy.choices, default=ReviewPolicy.NONE
    )
    integrity_policy = models.CharField(
        _("on leaving the page"), max_length=16, choices=IntegrityPolicy.choices, default=IntegrityPolicy.LOG
    )
    is_published = models.BooleanField(_("published"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("blueprint")
        verbose_name_plural = _("blueprints")
        constraints = [
            models.CheckConstraint(
                condition=Q(pass_percent__gte=0, pass_percent__lte=100), name="blueprint_pass_0_100"
            ),
            models.CheckConstraint(
                condition=Q(available_from__isnull=True)
                | Q(available_until__isnull=True)
                | Q(available_until__gt=models.F("available_from")),
                name="blueprint_window_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def faculty_id(self) -> int | None:
        return self.department.faculty_id if self.department_id else None  # type: ignore[union-attr]

    def question_count(self) -> int:
        return sum(s.draw_count for s in self.sections.all())

    def effective_time_limit(self) -> int:
        """Minutes: as set, or 1 hour per 30 questions (T3), at least 1 minute."""
        if self.time_limit_minutes:
            return self.time_limit_minutes
        return max(1, math.ceil(self.question_count() * 60 / 30))


class BlueprintSection(models.Model):
    """A part of a test: N random questions from one pool, or a fixed list."""

    blueprint = models.ForeignKey(Blueprint, on_delete=models.CASCADE, related_name="sections")
    title = models.CharField(_("title"), max_length=255)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    pool = models.ForeignKey(
        QuestionPool, on_delete=models.PROTECT, null=True, blank=True, related_name="sections", verbose_name=_("pool")
    )
    draw_count = models.PositiveIntegerField(_("questions to draw"), default=10)
    fixed_questions = models.ManyToManyField(Question, blank=True, related_name="+", verbose_name=_("fixed questions"))

    class Meta:
        ordering = ["blueprint_id", "order", "id"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        constraints = [models.CheckConstraint(condition=Q(draw_count__gte=1), name="section_draws_at_least_one")]

    def __str__(self) -> str:
        return self.title


class AttemptState(models.TextChoices):
    OPEN = "open", _("In progress")
    SUBMITTED = "submitted", _("Submitted")


class SubmittedBy(models.TextChoices):
    TAKER = "taker", _("By the taker")
    DEADLINE = "deadline", _("At the deadline")


class Attempt(models.Model):
    """One sitting of a blueprint by one person. The server fixed its questions and its deadline."""

    blueprint = models.ForeignKey(Blueprint, on_delete=models.PROTECT, related_name="attempts")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="attempts")
    number = models.PositiveIntegerField(_("attempt number"))
    state = models.CharField(_("state"), max_length=16, choices=AttemptState.choices, default=AttemptState.OPEN)
    started_at = models.DateTimeField(_("started"))
    deadline = models.DateTimeField(_("deadline"))
    paused_at = models.DateTimeField(_("paused"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("finished"), null=True, blank=True)
    submitted_by = models.CharField(max_length=16, choices=SubmittedBy.choices, blank=True)
    score = models.DecimalField(_("score"), max_digits=8, decimal_places=2, null=True, blank=True)
    max_score = models.DecimalField(_("max score"), max_digits=8, decimal_places=2, null=True, blank=True)
    percent = models.DecimalField(_("percent"), max_digits=5, decimal_places=2, null=True, blank=True)
    passed = models.BooleanField(_("passed"), null=True, blank=True)
    sections = models.JSONField(default=list, blank=True)  # section titles as they were at the start
    section_results = models.JSONField(default=list, blank=True)
    withheld_reason = models.TextField(_("reason the result is withheld"), blank=True)
    withheld_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    withheld_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("attempt")
        verbose_name_plural = _("attempts")
        constraints = [
            models.UniqueConstraint(
                fields=["blueprint", "user"], condition=Q(state="open"), name="one_open_attempt_per_blueprint"
            ),
            models.UniqueConstraint(fields=["blueprint", "user", "number"], name="attempt_number_unique"),
        ]
        indexes = [models.Index(fields=["state", "deadline"], name="attempt_open_deadline")]

    def __str__(self) -> str:
        return f"{self.blueprint} — {self.user} #{self.number}"

    @property
    def institution_id(self) -> int:
        return self.blueprint.institution_id

    @property
    def is_open(self) -> bool:
        return self.state == AttemptState.OPEN

    @property
    def is_withheld(self) -> bool:
        return bool(self.withheld_at)


class AttemptItem(models.Model):
    """A question as drawn for one attempt: its position, its choice order and the saved answer.

    `seq` is the client's sequence number of the last accepted save: an equal or older one changes nothing.
    """

    # No database-level foreign keys here: a start writes 60 items at once, and PostgreSQL checks a foreign key
    # row by row (the question's check locks the same few hundred question rows for every taker of a start
    # storm). Items are written only by the start, from the attempt it has just inserted and the questions it
    # has just drawn; Django's delete still cascades from the attempt and protects the question. The attempt
    # needs no index of its own: both unique constraints below begin with it.
    attempt = models.ForeignKey(
        Attempt, on_delete=models.CASCADE, related_name="items", db_constraint=False, db_index=False
    )
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+", db_constraint=False)
    position = models.PositiveIntegerField()
    section_index = models.PositiveSmallIntegerField(default=0)
    choice_order = models.JSONField(default=list)
    multiple = models.BooleanField(default=False)
    selected = models.JSONField(null=True, blank=True)
    seq = models.BigIntegerField(default=0)
    flagged = models.BooleanField(default=False)
    answered_at = models.DateTimeField(null=True, blank=True)
    points = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)

    class Meta:
        ordering = ["attempt_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["attempt", "question"], name="attempt_item_unique_question"),
            models.UniqueConstraint(fields=["attempt", "position"], name="attempt_item_unique_position"),
        ]

    def __str__(self) -> str:
        return f"{self.attempt_id}:{self.position}"


class IntegrityEventKind(models.TextChoices):
    BLUR = "blur", _("Left the exam window")
    HIDDEN = "hidden", _("Switched tab or minimised")
    FULLSCREEN_EXIT = "fullscreen_exit", _("Left full screen")
    COPY = "copy", _("Copied")
    PASTE = "paste", _("Pasted")
    RESUMED = "resumed", _("Resumed by a proctor")


class IntegrityEvent(models.Model):
    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=32, choices=IntegrityEventKind.choices)
    client_time = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    paused = models.BooleanField(default=False)

    class Meta:
        ordering = ["attempt_id", "created_at"]

    def __str__(self) -> str:
        return f"{self.attempt_id} {self.kind}"


class ImportStatus(models.TextChoices):
    PREVIEW = "preview", _("Checked, waiting for confirmation")
    INVALID = "invalid", _("Has errors")
    RUNNING = "running", _("Importing")
    DONE = "done", _("Imported")
    FAILED = "failed", _("Failed")


class QuestionImport(models.Model):
    """An uploaded file of questions: checked first (preview with per-row errors), then imported all at once."""

    pool = models.ForeignKey(QuestionPool, on_delete=models.CASCADE, related_name="imports")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    file = models.FileField(upload_to="imports/questions/%Y/%m/")
    filename = models.CharField(max_length=255)
    format = models.CharField(max_length=16)
    status = models.CharField(max_length=16, choices=ImportStatus.choices, default=ImportStatus.PREVIEW)
    total = models.PositiveIntegerField(default=0)
    imported = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.filename

    @property
    def institution_id(self) -> int:
        return self.pool.institution_id


class PaperVariant(models.Model):
    """One printed variant (booklet) of a blueprint: its own draw and order of questions and choices (T3, T6)."""

    blueprint = models.ForeignKey(Blueprint, on_delete=models.CASCADE, related_name="paper_variants")
    number = models.PositiveIntegerField(_("booklet number"))
    items = models.JSONField(default=list)  # [{"question": id, "choices": [choice ids in printed order], "section": i}]
    sections = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["blueprint_id", "number"]
        verbose_name = _("paper variant")
        verbose_name_plural = _("paper variants")
        constraints = [models.UniqueConstraint(fields=["blueprint", "number"], name="paper_variant_number_unique")]

    def __str__(self) -> str:
        return f"{self.blueprint} — {self.number}"
