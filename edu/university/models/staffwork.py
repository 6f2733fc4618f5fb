"""Teachers' methodological and research work entries approved by the head of department (H2.6), and the points
given on the rating criteria of teachers, departments and faculties (H2.4)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from edu.university.models.calendar import RatingCriterion
from edu.university.models.people import Employee


class WorkKind(models.TextChoices):
    METHODOLOGICAL = "methodological", _("Methodological work")
    RESEARCH = "research", _("Research work")
    EDUCATIONAL = "educational", _("Spiritual and educational work")
    ORGANISATIONAL = "organisational", _("Organisational work")


class WorkStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


def work_upload_to(instance: TeacherWork, filename: str) -> str:
    return f"teacher-works/{instance.institution_id}/{instance.employee_id}/{filename}"


class TeacherWork(models.Model):
    """One entry of a teacher's individual plan: a textbook, a methodological guide, an article, a conference…"""

    institution = models.ForeignKey("org.Institution", on_delete=models.PROTECT, verbose_name=_("institution"))
    faculty = models.ForeignKey(
        "org.Faculty", on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("faculty")
    )
    department = models.ForeignKey("org.Department", on_delete=models.PROTECT, verbose_name=_("department"))
    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="works", verbose_name=_("teacher"))
    kind = models.CharField(_("kind of work"), max_length=16, choices=WorkKind.choices)
    title = models.CharField(_("title"), max_length=500)
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(1990), MaxValueValidator(2100)])
    hours = models.DecimalField(
        _("hours or volume"),
        max_digits=6,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.1"))],
        help_text=_("Hours of the individual plan, or printed sheets for a publication."),
    )
    attachment = models.FileField(_("attachment"), upload_to=work_upload_to, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=WorkStatus.choices, default=WorkStatus.PENDING)
    comment = models.TextField(_("comment of the head of department"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    created_at = models.DateTimeField(_("entered"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("teacher's work entry")
        verbose_name_plural = _("teachers' work entries")
        indexes = [models.Index(fields=["department", "status"], name="teacher_work_dept_status")]

    def __str__(self) -> str:
        return self.title[:80]


class RatingScore(models.Model):
    """Points one teacher, department or faculty received on one rating criterion (at most its maximum)."""

    institution = models.ForeignKey("org.Institution", on_delete=models.CASCADE, verbose_name=_("institution"))
    criterion = models.ForeignKey(
        RatingCriterion, on_delete=models.CASCADE, related_name="scores", verbose_name=_("criterion")
    )
    employee = models.ForeignKey(
        Employee, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("teacher")
    )
    department = models.ForeignKey(
        "org.Department", on_delete=models.CASCADE, null=True, blank=True, verbose_name=_("department")
    )
    faculty = models.ForeignKey(
        "org.Faculty", on_delete=models.CASCADE, null=True, blank=True, verbose_name=_("faculty")
    )
    points = models.DecimalField(_("points"), max_digits=6, decimal_places=1, validators=[MinValueValidator(0)])

    class Meta:
        ordering = ["criterion", "id"]
        verbose_name = _("rating points")
        verbose_name_plural = _("rating points")
        constraints = [
            models.UniqueConstraint(fields=["criterion", "employee"], name="rating_score_teacher_unique"),
            models.UniqueConstraint(fields=["criterion", "department"], name="rating_score_department_unique"),
            models.UniqueConstraint(fields=["criterion", "faculty"], name="rating_score_faculty_unique"),
            models.CheckConstraint(
                condition=(
                    Q(employee__isnull=False, department__isnull=True, faculty__isnull=True)
                    | Q(employee__isnull=True, department__isnull=False, faculty__isnull=True)
                    | Q(employee__isnull=True, department__isnull=True, faculty__isnull=False)
                ),
                name="rating_score_one_subject",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.points}"
