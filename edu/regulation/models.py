"""Regulation mechanics shared by every face (SPEC H3.1–H3.3): deadlines that lock data, late-entry
requests that reopen it, and maker–checker approvals."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class DataKind(models.TextChoices):
    """Kinds of data a deadline can be set for. Other faces add their own kinds here."""

    GRADES = "grades", _("Grades")
    ATTENDANCE = "attendance", _("Attendance")
    HR_ORDER = "hr_order", _("Staff orders (hire, dismissal, position change)")
    MOVEMENT_ORDER = "movement_order", _("Student movement orders")
    TIMETABLE = "timetable", _("Timetable")
    EXAM_SCHEDULE = "exam_schedule", _("Exam schedule")


class Anchor(models.TextChoices):
    DAY = "day", _("the date of the record")
    WEEK = "week", _("the end of the record's week")
    MONTH = "month", _("the end of the record's month")


class DeadlineRule(models.Model):
    """A standing rule: data of `kind` dated D must be entered within `offset_days` after the anchor of D.

    E.g. HR orders: anchor day, 3 working days; attendance: anchor week, 2 days.
    """

    institution = models.ForeignKey("org.Institution", on_delete=models.CASCADE, verbose_name=_("institution"))
    kind = models.CharField(_("kind of data"), max_length=32, choices=DataKind.choices)
    anchor = models.CharField(_("counted from"), max_length=8, choices=Anchor.choices, default=Anchor.DAY)
    offset_days = models.PositiveSmallIntegerField(_("days allowed"), default=3)
    working_days = models.BooleanField(_("working days"), default=True, help_text=_("Skip weekends and holidays."))
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("deadline rule")
        verbose_name_plural = _("deadline rules")
        constraints = [models.UniqueConstraint(fields=["institution", "kind"], name="deadline_rule_unique_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.offset_days}"


class DeadlinePeriod(models.Model):
    """An explicit deadline for the data of one period, e.g. the grades of the autumn semester.

    It overrides the standing rule for records dated within the period.
    """

    institution = models.ForeignKey("org.Institution", on_delete=models.CASCADE, verbose_name=_("institution"))
    kind = models.CharField(_("kind of data"), max_length=32, choices=DataKind.choices)
    title = models.CharField(_("title"), max_length=255, blank=True)
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    due_at = models.DateTimeField(_("entry closes at"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-period_start", "kind"]
        verbose_name = _("deadline for a period")
        verbose_name_plural = _("deadlines for periods")
        constraints = [
            models.CheckConstraint(condition=Q(period_start__lte=F("period_end")), name="deadline_period_order"),
        ]
        indexes = [models.Index(fields=["institution", "kind", "period_start"], name="deadline_period_lookup")]

    def __str__(self) -> str:
        return self.title or f"{self.get_kind_display()} {self.period_start}–{self.period_end}"


class Holiday(models.Model):
    """A non-working day (national list): working-day deadlines skip it."""

    date = models.DateField(_("date"), unique=True)
    name = models.CharField(_("name"), max_length=255)

    class Meta:
        ordering = ["date"]
        verbose_name = _("holiday")
        verbose_name_plural = _("holidays")

    def __str__(self) -> str:
        return f"{self.date} {self.name}"


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for a decision")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


def late_entry_upload_to(instance: LateEntryRequest, filename: str) -> str:
    return f"late-entry/{instance.institution_id}/{filename}"


class LateEntryRequest(models.Model):
    """A request to enter data after its deadline (H3.2): a justification document and an explanation
    letter, approved by the head; more than 3 months late only by the ministry's approver."""

    institution = models.ForeignKey("org.Institution", on_delete=models.CASCADE, verbose_name=_("institution"))
    faculty = models.ForeignKey(
        "org.Faculty", on_delete=models.CASCADE, null=True, blank=True, verbose_name=_("faculty")
    )
    department = models.ForeignKey(
        "org.Department", on_delete=models.CASCADE, null=True, blank=True, verbose_name=_("department")
    )
    kind = models.CharField(_("kind of data"), max_length=32, choices=DataKind.choices)
    period_start = models.DateField(_("data from"))
    period_end = models.DateField(_("data to"))
    reason = models.TextField(_("explanation"))
    justification = models.FileField(_("justification document"), upload_to=late_entry_upload_to)
    explanation_letter = models.FileField(_("explanation letter"), upload_to=late_entry_upload_to)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("requested by")
    )
    requested_role = models.CharField(_("role"), max_length=32, blank=True)
    days_late = models.PositiveIntegerField(_("days late"), default=0)
    needs_ministry = models.BooleanField(_("needs the ministry's permission"), default=False)
    status = models.CharField(_("status"), max_length=16, choices=RequestStatus.choices, default=RequestStatus.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_role = models.CharField(_("role"), max_length=32, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_comment = models.TextField(_("comment"), blank=True)
    valid_until = models.DateTimeField(_("entry allowed until"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("late entry request")
        verbose_name_plural = _("late entry requests")
        constraints = [
            models.CheckConstraint(condition=Q(period_start__lte=F("period_end")), name="late_entry_period_order"),
            models.CheckConstraint(
                condition=~Q(status="approved") | Q(decided_by__isnull=False, valid_until__isnull=False),
                name="late_entry_approved_has_decider",
            ),
            models.CheckConstraint(
                condition=Q(decided_by__isnull=True) | ~Q(decided_by=F("requested_by")),
                name="late_entry_not_self_approved",
            ),
        ]
        indexes = [models.Index(fields=["requested_by", "kind", "status"], name="late_entry_lookup")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.period_start}–{self.period_end}"


class ApprovalKind(models.TextChoices):
    """Data that takes effect only when someone other than its maker approves it (H3.3)."""

    MOVEMENT_ORDER = "movement_order", _("Student movement orders")
    FINAL_GRADES = "final_grades", _("Final grades")
    HR_ORDER = "hr_order", _("Staff orders")


# Kinds that need a checker unless the institution turns it off.
DEFAULT_MAKER_CHECKER = frozenset({ApprovalKind.MOVEMENT_ORDER, ApprovalKind.FINAL_GRADES})


class MakerCheckerSetting(models.Model):
    institution = models.ForeignKey("org.Institution", on_delete=models.CASCADE, verbose_name=_("institution"))
    kind = models.CharField(_("kind of data"), max_length=32, choices=ApprovalKind.choices)
    enabled = models.BooleanField(_("needs a second person's approval"), default=True)

    class Meta:
        verbose_name = _("maker–checker setting")
        verbose_name_plural = _("maker–checker settings")
        constraints = [models.UniqueConstraint(fields=["institution", "kind"], name="maker_checker_unique_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.enabled}"


class Approval(models.Model):
    """One piece of data waiting for (or given) a checker's approval."""

    institution = models.ForeignKey("org.Institution", on_delete=models.CASCADE, verbose_name=_("institution"))
    faculty = models.ForeignKey(
        "org.Faculty", on_delete=models.CASCADE, null=True, blank=True, verbose_name=_("faculty")
    )
    department = models.ForeignKey(
        "org.Department", on_delete=models.CASCADE, null=True, blank=True, verbose_name=_("department")
    )
    kind = models.CharField(_("kind of data"), max_length=32, choices=ApprovalKind.choices)
    object_id = models.CharField(_("object id"), max_length=64)
    object_repr = models.CharField(_("object"), max_length=255)
    summary = models.TextField(_("summary"), blank=True)
    maker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("entered by")
    )
    maker_role = models.CharField(_("role"), max_length=32, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=RequestStatus.choices, default=RequestStatus.PENDING)
    checker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    checker_role = models.CharField(_("role"), max_length=32, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("approval")
        verbose_name_plural = _("approvals")
        constraints = [
            # The heart of maker–checker: nobody approves their own entry, whatever the path.
            models.CheckConstraint(
                condition=Q(checker__isnull=True) | ~Q(checker=F("maker")), name="approval_checker_is_not_maker"
            ),
            models.UniqueConstraint(
                fields=["kind", "object_id"], condition=Q(status="pending"), name="approval_one_pending_per_object"
            ),
        ]
        indexes = [models.Index(fields=["institution", "status", "kind"], name="approval_inbox")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.object_repr}"
