"""Student movement orders (buyruqlar, `h_decree_type` 11–21): admission, transfer, leave, expulsion…"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from edu.regulation.models import DataKind
from edu.regulation.services import Regulated
from edu.university.models.people import Student
from edu.university.models.reference import ClassifierField
from edu.university.models.study import StudentGroup


class DecreeStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PENDING = "pending", _("Waiting for approval")
    APPLIED = "applied", _("In force")
    REJECTED = "rejected", _("Rejected")


class Decree(models.Model):
    """A movement order with its number and date; applied, it changes each listed student's status and history."""

    institution = models.ForeignKey("org.Institution", on_delete=models.PROTECT, verbose_name=_("institution"))
    faculty = models.ForeignKey("org.Faculty", on_delete=models.PROTECT, verbose_name=_("faculty"))
    decree_type = ClassifierField(_("order type"), classifier="h_decree_type")
    number = models.CharField(_("number"), max_length=32)
    date = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=255, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=DecreeStatus.choices, default=DecreeStatus.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("entered by")
    )
    created_at = models.DateTimeField(_("entered"), auto_now_add=True)
    applied_at = models.DateTimeField(_("applied"), null=True, blank=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("movement order")
        verbose_name_plural = _("movement orders")
        constraints = [
            models.UniqueConstraint(fields=["institution", "number", "date"], name="decree_number_unique"),
        ]
        indexes = [models.Index(fields=["institution", "date"], name="decree_inst_date")]

    def __str__(self) -> str:
        return f"№ {self.number} ({self.date:%d.%m.%Y})"

    def regulated(self) -> Regulated:
        return Regulated(DataKind.MOVEMENT_ORDER, self.institution_id, self.date, self.faculty_id)


class DecreeStudent(models.Model):
    """A student named in an order, with what the order does to them (`e_decree_student`)."""

    decree = models.ForeignKey(Decree, on_delete=models.CASCADE, related_name="items", verbose_name=_("order"))
    student = models.ForeignKey(Student, on_delete=models.PROTECT, related_name="+", verbose_name=_("student"))
    to_group = models.ForeignKey(
        StudentGroup, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("new group")
    )
    reason = models.CharField(_("reason"), max_length=8, blank=True, help_text=_("Expulsion or leave reason code."))
    other_institution = models.CharField(
        _("other institution"),
        max_length=255,
        blank=True,
        help_text=_("A transfer to another institution: where the student goes; an admission: where they came from."),
    )

    class Meta:
        ordering = ["id"]
        verbose_name = _("student in an order")
        verbose_name_plural = _("students in an order")
        constraints = [models.UniqueConstraint(fields=["decree", "student"], name="decree_student_unique")]

    def __str__(self) -> str:
        return f"{self.decree} · {self.student_id}"
