"""Programmes of courses, lessons, study plans, lesson progress and certificates (SPEC L2–L14)."""

from __future__ import annotations

import math

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Programme(models.Model):
    """A programme of courses ("o‘quv dasturi"): a placement test, a study plan, a final exam, a certificate."""

    institution = models.ForeignKey(
        "org.Institution", on_delete=models.PROTECT, related_name="programmes", verbose_name=_("institution")
    )
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    placement_blueprint = models.ForeignKey(
        "assessment.Blueprint",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("placement test"),
        help_text=_("The test a newly registered learner takes first; its results choose the required courses."),
    )
    final_blueprint = models.ForeignKey(
        "assessment.Blueprint",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("final exam"),
        help_text=_("Opens when all required courses are passed; its pass mark issues the certificate."),
    )
    required_count = models.PositiveSmallIntegerField(
        _("required courses"),
        default=5,
        help_text=_("How many of the lowest-scoring courses of the placement test become required."),
    )
    is_published = models.BooleanField(_("published"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-is_published", "id"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        constraints = [
            models.CheckConstraint(condition=Q(required_count__gte=1), name="programme_requires_a_course"),
        ]

    def __str__(self) -> str:
        return self.title


class Course(models.Model):
    """A course of a programme ("o‘quv kursi"): lessons and an exam drawn from its question pool."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="courses")
    institution = models.ForeignKey("org.Institution", on_delete=models.PROTECT, related_name="+")
    code = models.CharField(_("code"), max_length=32)
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Position in the catalogue; it also breaks ties in the study plan.")
    )
    pool = models.ForeignKey(
        "assessment.QuestionPool", on_delete=models.PROTECT, related_name="+", verbose_name=_("question pool")
    )
    exam_blueprint = models.OneToOneField(
        "assessment.Blueprint", on_delete=models.PROTECT, null=True, blank=True, related_name="learning_course"
    )
    time_allotment_minutes = models.PositiveIntegerField(
        _("time allotment, minutes"),
        null=True,
        blank=True,
        help_text=_("Leave empty to derive it from the lessons: videos, reading time of texts, document pages."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["programme_id", "order", "id"]
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        constraints = [models.UniqueConstraint(fields=["programme", "code"], name="course_code_unique_in_programme")]

    def __str__(self) -> str:
        return self.title


class LessonKind(models.TextChoices):
    VIDEO = "video", _("Video")
    TEXT = "text", _("Text")
    DOCUMENT = "document", _("Document (PDF)")


def reading_seconds(words: int) -> int:
    """Reading time of a text at LEARNING_READING_WPM words per minute."""
    return math.ceil(words * 60 / max(1, settings.LEARNING_READING_WPM))


class Lesson(models.Model):
    """A lesson ("mavzu"): a video, a text or a PDF document, all read inside the platform (L8)."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="lessons")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    kind = models.CharField(_("type"), max_length=16, choices=LessonKind.choices)
    title = models.CharField(_("title"), max_length=255)
    text = models.TextField(_("text"), blank=True, help_text=_("The lesson itself for a text; a summary otherwise."))
    file = models.FileField(_("file"), upload_to="learning/%Y/%m/", blank=True, max_length=255)
    duration_seconds = models.PositiveIntegerField(_("video length, seconds"), default=0)
    page_count = models.PositiveIntegerField(_("pages"), default=0)
    word_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["course_id", "order", "id"]
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")
        constraints = [
            models.CheckConstraint(condition=Q(kind="text") | ~Q(file=""), name="lesson_file_unless_text"),
            models.CheckConstraint(
                condition=~Q(kind="video") | Q(duration_seconds__gte=1), name="lesson_video_has_duration"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def allotted_seconds(self) -> int:
        """The time this lesson adds to its course's allotment (L6)."""
        if self.kind == LessonKind.VIDEO:
            return self.duration_seconds
        if self.kind == LessonKind.DOCUMENT:
            return self.page_count * settings.LEARNING_SECONDS_PER_PAGE + reading_seconds(self.word_count)
        return reading_seconds(self.word_count)

    @property
    def min_seconds(self) -> int:
        """Text and documents: time on the page before "I have read it" is accepted."""
        if self.kind == LessonKind.VIDEO:
            return self.duration_seconds
        return math.ceil(self.allotted_seconds * settings.LEARNING_MIN_TIME_FRACTION)


class StudyPlan(models.Model):
    """A learner's study plan ("o‘quv reja") in a programme, made once from the placement test (L5)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="study_plans")
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="plans")
    placement_attempt = models.OneToOneField("assessment.Attempt", on_delete=models.PROTECT, related_name="+")
    placement_percent = models.DecimalField(max_digits=5, decimal_places=2)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("study plan")
        verbose_name_plural = _("study plans")
        constraints = [models.UniqueConstraint(fields=["user", "programme"], name="one_plan_per_programme")]

    def __str__(self) -> str:
        return f"{self.user} — {self.programme}"

    @property
    def institution_id(self) -> int:
        return self.programme.institution_id


class CourseEnrolment(models.Model):
    """One course in a learner's plan: required (with its place in the order) or additional (L12)."""

    plan = models.ForeignKey(StudyPlan, on_delete=models.CASCADE, related_name="enrolments")
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="enrolments")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    required = models.BooleanField(default=False)
    position = models.PositiveSmallIntegerField(null=True, blank=True)
    placement_percent = models.DecimalField(max_digits=5, decimal_places=2, default=0)
    attempts_granted = models.PositiveIntegerField(default=3)
    study_round = models.PositiveSmallIntegerField(default=1)
    restudy_pending = models.BooleanField(default=False)

    class Meta:
        ordering = ["plan_id", "position", "course__order", "course_id"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "course"], name="enrolment_unique_course"),
            models.UniqueConstraint(
                fields=["plan", "position"], condition=Q(position__isnull=False), name="enrolment_unique_position"
            ),
            models.CheckConstraint(
                condition=Q(required=True, position__isnull=False) | Q(required=False, position__isnull=True),
                name="enrolment_required_has_position",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id}:{self.course_id}"

    @property
    def institution_id(self) -> int:
        return self.course.institution_id


class LessonProgress(models.Model):
    """What the server has verified of one learner's lesson: watched position, time on the page, completion."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="progress")
    furthest_seconds = models.FloatField(default=0)
    seconds_spent = models.FloatField(default=0)
    slack_seconds = models.FloatField(default=0)
    last_beat_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "lesson"], name="lesson_progress_unique"),
            models.CheckConstraint(condition=Q(furthest_seconds__gte=0), name="lesson_progress_position_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id}:{self.lesson_id}"


class Certificate(models.Model):
    """An electronic certificate of completion ("elektron sertifikat", L14), public at /verify/<code>."""

    institution = models.ForeignKey("org.Institution", on_delete=models.PROTECT, related_name="+")
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="certificates")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="certificates")
    attempt = models.OneToOneField("assessment.Attempt", on_delete=models.PROTECT, related_name="+")
    number = models.CharField(_("number"), max_length=32, unique=True)
    code = models.CharField(max_length=32, unique=True)
    full_name = models.CharField(_("full name"), max_length=255)
    programme_title = models.CharField(_("programme"), max_length=255)
    percent = models.DecimalField(_("score, %"), max_digits=5, decimal_places=2)
    issued_at = models.DateTimeField(_("issued"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    revoke_reason = models.TextField(_("reason for revoking"), blank=True)

    class Meta:
        ordering = ["-issued_at"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "programme"], condition=Q(revoked_at__isnull=True), name="one_valid_certificate"
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None
