"""The academic office's settings: academic years and terms, lesson pairs, buildings and auditoriums,
the grading system and rating criteria (SPEC H2.4)."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from edu.university.models.reference import ClassifierField


class EducationYear(models.Model):
    """O‘quv yili (`h_education_year`): code = the starting year, 2024 = "2024-2025"."""

    institution = models.ForeignKey("org.Institution", on_delete=models.CASCADE, verbose_name=_("institution"))
    code = models.PositiveSmallIntegerField(_("starting year"), validators=[MinValueValidator(2000)])
    current = models.BooleanField(_("current"), default=False)

    class Meta:
        ordering = ["-code"]
        verbose_name = _("academic year")
        verbose_name_plural = _("academic years")
        constraints = [
            models.UniqueConstraint(fields=["institution", "code"], name="education_year_unique"),
            models.UniqueConstraint(
                fields=["institution"], condition=Q(current=True), name="education_year_one_current"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return f"{self.code}-{self.code + 1}"


class Term(models.Model):
    """A semester of the academic calendar (`h_semestr_type`: 11 autumn, 12 spring) with its dates."""

    institution = models.ForeignKey("org.Institution", on_delete=models.CASCADE, verbose_name=_("institution"))
    education_year = models.ForeignKey(
        EducationYear, on_delete=models.CASCADE, related_name="terms", verbose_name=_("academic year")
    )
    semester_type = ClassifierField(_("semester type"), classifier="h_semestr_type")
    start_date = models.DateField(_("starts"))
    end_date = models.DateField(_("ends"))
    current = models.BooleanField(_("current"), default=False)

    class Meta:
        ordering = ["-start_date"]
        verbose_name = _("semester")
        verbose_name_plural = _("semesters")
        constraints = [
            models.UniqueConstraint(fields=["education_year", "semester_type"], name="term_unique"),
            models.UniqueConstraint(fields=["institution"], condition=Q(current=True), name="term_one_current"),
            models.CheckConstraint(condition=Q(start_date__lt=F("end_date")), name="term_dates_order"),
        ]

    def __str__(self) -> str:
        season = _("autumn") if self.semester_type == "11" else _("spring")
        return f"{self.education_year.name}, {season}"


class LessonPair(models.Model):
    """Dars juftligi (`h_lesson_pair`, codes 11–18): times the university edits."""

    institution = models.ForeignKey("org.Institution", on_delete=models.CASCADE, verbose_name=_("institution"))
    code = models.CharField(_("code"), max_length=4)
    start_time = models.TimeField(_("starts"))
    end_time = models.TimeField(_("ends"))

    class Meta:
        ordering = ["code"]
        verbose_name = _("lesson pair")
        verbose_name_plural = _("lesson pairs")
        constraints = [
            models.UniqueConstraint(fields=["institution", "code"], name="lesson_pair_unique"),
            models.CheckConstraint(condition=Q(start_time__lt=F("end_time")), name="lesson_pair_times"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.start_time:%H:%M}–{self.end_time:%H:%M}"

    @property
    def number(self) -> int:
        return int(self.code) - 10


class Building(models.Model):
    institution = models.ForeignKey("org.Institution", on_delete=models.CASCADE, verbose_name=_("institution"))
    name = models.CharField(_("name"), max_length=255)
    address = models.CharField(_("address"), max_length=255, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("building")
        verbose_name_plural = _("buildings")
        constraints = [models.UniqueConstraint(fields=["institution", "name"], name="building_unique")]

    def __str__(self) -> str:
        return self.name


class Auditorium(models.Model):
    institution = models.ForeignKey("org.Institution", on_delete=models.CASCADE, verbose_name=_("institution"))
    building = models.ForeignKey(
        Building, on_delete=models.PROTECT, related_name="auditoriums", verbose_name=_("building")
    )
    name = models.CharField(_("number or name"), max_length=64)
    auditorium_type = ClassifierField(_("type"), classifier="h_auditorium_type", default="10")
    capacity = models.PositiveSmallIntegerField(_("seats"), validators=[MinValueValidator(1)])
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["building__name", "name"]
        verbose_name = _("auditorium")
        verbose_name_plural = _("auditoriums")
        constraints = [
            models.UniqueConstraint(fields=["building", "name"], name="auditorium_unique"),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="auditorium_capacity_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.building.name})"


class MarkingSystem(models.Model):
    """Baholash tizimi (`h_marking_system`): 11 rating (100 points), 12 five-point, 13 credit (824).

    The pass limit, the GPA limit for promotion and the point borders of each grade are set per institution.
    """

    institution = models.ForeignKey("org.Institution", on_delete=models.CASCADE, verbose_name=_("institution"))
    code = models.CharField(_("code"), max_length=4, choices=[("11", "11"), ("12", "12"), ("13", "13")])
    name = models.CharField(_("name"), max_length=255)
    minimum_limit = models.DecimalField(
        _("pass mark"), max_digits=5, decimal_places=1, default=Decimal("55"), validators=[MinValueValidator(0)]
    )
    gpa_limit = models.DecimalField(
        _("GPA needed to move to the next course"),
        max_digits=3,
        decimal_places=1,
        default=Decimal("2.4"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("5"))],
    )
    count_final_exams = models.PositiveSmallIntegerField(_("final-exam sittings"), default=3)
    final_admission_percent = models.PositiveSmallIntegerField(
        _("share of current and midterm points needed for the final assessment, %"),
        default=60,
        validators=[MaxValueValidator(100)],
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("marking system")
        verbose_name_plural = _("marking systems")
        constraints = [models.UniqueConstraint(fields=["institution", "code"], name="marking_system_unique")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def is_credit(self) -> bool:
        return self.code == "13"

    @property
    def is_five_point(self) -> bool:
        return self.code == "12"


class GradeBorder(models.Model):
    """`h_grade_type`: the least total (points, or the average mark in the 5-point system) for a grade."""

    institution = models.ForeignKey("org.Institution", on_delete=models.CASCADE, verbose_name=_("institution"))
    marking_system = models.ForeignKey(
        MarkingSystem, on_delete=models.CASCADE, related_name="borders", verbose_name=_("marking system")
    )
    grade = models.PositiveSmallIntegerField(
        _("grade"), validators=[MinValueValidator(2), MaxValueValidator(5)], choices=[(g, str(g)) for g in (5, 4, 3, 2)]
    )
    min_value = models.DecimalField(_("from"), max_digits=5, decimal_places=2, validators=[MinValueValidator(0)])

    class Meta:
        ordering = ["-grade"]
        verbose_name = _("grade border")
        verbose_name_plural = _("grade borders")
        constraints = [
            models.UniqueConstraint(fields=["marking_system", "grade"], name="grade_border_unique"),
            models.CheckConstraint(condition=Q(grade__gte=2, grade__lte=5), name="grade_border_grade_range"),
        ]

    def __str__(self) -> str:
        return f"{self.grade}: {self.min_value}"


class ExamTypeWeight(models.Model):
    """Default maximum points of an assessment type (`h_exam_type`) for new curriculum subjects."""

    institution = models.ForeignKey("org.Institution", on_delete=models.CASCADE, verbose_name=_("institution"))
    exam_type = ClassifierField(_("assessment type"), classifier="h_exam_type")
    max_ball = models.DecimalField(
        _("maximum points"), max_digits=5, decimal_places=1, validators=[MinValueValidator(0)]
    )

    class Meta:
        ordering = ["exam_type"]
        verbose_name = _("assessment weight")
        verbose_name_plural = _("assessment weights")
        constraints = [models.UniqueConstraint(fields=["institution", "exam_type"], name="exam_type_weight_unique")]

    def __str__(self) -> str:
        return f"{self.exam_type}: {self.max_ball}"


class RatingTarget(models.TextChoices):
    TEACHER = "teacher", _("Teachers")
    DEPARTMENT = "department", _("Departments")
    FACULTY = "faculty", _("Faculties")


class RatingCriterion(models.Model):
    """A criterion of the yearly rating of teachers, departments or faculties (H2.4)."""

    institution = models.ForeignKey("org.Institution", on_delete=models.CASCADE, verbose_name=_("institution"))
    education_year = models.ForeignKey(EducationYear, on_delete=models.CASCADE, verbose_name=_("academic year"))
    target = models.CharField(_("who is rated"), max_length=16, choices=RatingTarget.choices)
    name = models.CharField(_("criterion"), max_length=255)
    max_points = models.DecimalField(
        _("maximum points"), max_digits=6, decimal_places=1, validators=[MinValueValidator(0)]
    )

    class Meta:
        ordering = ["target", "name"]
        verbose_name = _("rating criterion")
        verbose_name_plural = _("rating criteria")

    def __str__(self) -> str:
        return self.name
