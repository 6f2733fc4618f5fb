"""Attendance, points per assessment type, final grades (academic records) and GPA (SPEC H2.7, H5.3)."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from edu.regulation.models import DataKind
from edu.regulation.services import Regulated
from edu.university.models.people import Employee, Student
from edu.university.models.reference import ClassifierField
from edu.university.models.study import CurriculumSubject, StudentGroup
from edu.university.models.teaching import Lesson


class Attendance(models.Model):
    """An absence from one lesson (`e_attendance`): hours missed with a reason (`absent_on`, sababli) and
    without (`absent_off`, sababsiz). A student without a row was present."""

    institution = models.ForeignKey("org.Institution", on_delete=models.PROTECT, verbose_name=_("institution"))
    faculty = models.ForeignKey("org.Faculty", on_delete=models.PROTECT, verbose_name=_("faculty"))
    department = models.ForeignKey("org.Department", on_delete=models.PROTECT, verbose_name=_("department"))
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="absences", verbose_name=_("lesson"))
    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="absences", verbose_name=_("student"))
    group = models.ForeignKey(StudentGroup, on_delete=models.PROTECT, related_name="+", verbose_name=_("group"))
    curriculum_subject = models.ForeignKey(
        CurriculumSubject, on_delete=models.PROTECT, related_name="+", verbose_name=_("subject")
    )
    lesson_date = models.DateField(_("date"))
    absent_on = models.PositiveSmallIntegerField(_("hours missed, excused"), default=0)
    absent_off = models.PositiveSmallIntegerField(_("hours missed, unexcused"), default=0)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        ordering = ["lesson_date"]
        verbose_name = _("absence")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["lesson", "student"], name="attendance_once_per_lesson"),
            models.CheckConstraint(condition=Q(absent_on__gt=0) | Q(absent_off__gt=0), name="attendance_is_absence"),
        ]
        indexes = [
            models.Index(fields=["student", "curriculum_subject"], name="attendance_student_subject"),
            models.Index(fields=["group", "lesson_date"], name="attendance_group_date"),
        ]

    def __str__(self) -> str:
        return f"{self.student_id} {self.lesson_date}"

    def regulated(self) -> Regulated:
        return Regulated(
            DataKind.ATTENDANCE, self.institution_id, self.lesson_date, self.faculty_id, self.department_id
        )


class Performance(models.Model):
    """Points a student got for one assessment type of a subject (`e_performance`): JN, ON, YN (and 1-JN…2-ON),
    YN once per sitting (`h_final_exam_type` 11–13)."""

    institution = models.ForeignKey("org.Institution", on_delete=models.PROTECT, verbose_name=_("institution"))
    faculty = models.ForeignKey("org.Faculty", on_delete=models.PROTECT, verbose_name=_("faculty"))
    department = models.ForeignKey("org.Department", on_delete=models.PROTECT, verbose_name=_("department"))
    student = models.ForeignKey(
        Student, on_delete=models.CASCADE, related_name="performances", verbose_name=_("student")
    )
    group = models.ForeignKey(StudentGroup, on_delete=models.PROTECT, related_name="+", verbose_name=_("group"))
    curriculum_subject = models.ForeignKey(
        CurriculumSubject, on_delete=models.PROTECT, related_name="+", verbose_name=_("subject")
    )
    exam_type = ClassifierField(_("assessment type"), classifier="h_exam_type")
    final_exam_type = ClassifierField(_("sitting"), classifier="h_final_exam_type", default="11")
    points = models.DecimalField(_("points"), max_digits=5, decimal_places=1, validators=[MinValueValidator(0)])
    exam_date = models.DateField(_("date"))
    employee = models.ForeignKey(
        Employee, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("teacher")
    )
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        ordering = ["exam_type"]
        verbose_name = _("points")
        verbose_name_plural = _("points")
        constraints = [
            models.UniqueConstraint(
                fields=["student", "curriculum_subject", "exam_type", "final_exam_type"], name="performance_unique"
            ),
            models.CheckConstraint(condition=Q(points__gte=0), name="performance_points_nonnegative"),
        ]
        indexes = [models.Index(fields=["group", "curriculum_subject"], name="performance_group_subject")]

    def __str__(self) -> str:
        return f"{self.student_id} {self.exam_type}: {self.points}"

    def regulated(self) -> Regulated:
        return Regulated(DataKind.GRADES, self.institution_id, self.exam_date, self.faculty_id, self.department_id)


class RecordStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Returned")


class AcademicRecord(models.Model):
    """The final result of a subject for a student (`e_academic_record`): total points and the 5-point grade.

    With maker–checker on, it counts (GPA, transcript) only once approved by someone other than the teacher.
    """

    institution = models.ForeignKey("org.Institution", on_delete=models.PROTECT, verbose_name=_("institution"))
    faculty = models.ForeignKey("org.Faculty", on_delete=models.PROTECT, verbose_name=_("faculty"))
    department = models.ForeignKey("org.Department", on_delete=models.PROTECT, verbose_name=_("department"))
    student = models.ForeignKey(
        Student, on_delete=models.CASCADE, related_name="academic_records", verbose_name=_("student")
    )
    group = models.ForeignKey(StudentGroup, on_delete=models.PROTECT, related_name="+", verbose_name=_("group"))
    curriculum_subject = models.ForeignKey(
        CurriculumSubject, on_delete=models.PROTECT, related_name="+", verbose_name=_("subject")
    )
    education_year = models.PositiveSmallIntegerField(_("academic year"))
    semester = models.CharField(_("semester"), max_length=4)
    subject_name = models.CharField(_("subject"), max_length=255)
    credit = models.DecimalField(_("credits"), max_digits=4, decimal_places=1)
    total_point = models.DecimalField(_("total points"), max_digits=5, decimal_places=1)
    grade = models.PositiveSmallIntegerField(_("grade"), validators=[MinValueValidator(2), MaxValueValidator(5)])
    rating_grade = models.CharField(_("grade sheet type"), max_length=4, default="11")
    record_date = models.DateField(_("date"))
    status = models.CharField(_("status"), max_length=16, choices=RecordStatus.choices, default=RecordStatus.PENDING)
    batch = models.ForeignKey(
        "university.FinalSheet", on_delete=models.SET_NULL, null=True, blank=True, related_name="records"
    )

    class Meta:
        ordering = ["semester", "subject_name"]
        verbose_name = _("final grade")
        verbose_name_plural = _("final grades")
        constraints = [
            models.UniqueConstraint(fields=["student", "curriculum_subject"], name="academic_record_unique"),
            models.CheckConstraint(condition=Q(grade__gte=2, grade__lte=5), name="academic_record_grade_range"),
        ]
        indexes = [
            models.Index(fields=["student", "education_year", "status"], name="academic_record_student_year"),
            models.Index(fields=["institution", "education_year", "status"], name="academic_record_inst_year"),
        ]

    def __str__(self) -> str:
        return f"{self.subject_name}: {self.grade}"

    def regulated(self) -> Regulated:
        return Regulated(DataKind.GRADES, self.institution_id, self.record_date, self.faculty_id, self.department_id)


class FinalSheet(models.Model):
    """Qaydnoma: the final grades of one subject for one group, submitted together for approval."""

    institution = models.ForeignKey("org.Institution", on_delete=models.PROTECT, verbose_name=_("institution"))
    faculty = models.ForeignKey("org.Faculty", on_delete=models.PROTECT, verbose_name=_("faculty"))
    department = models.ForeignKey("org.Department", on_delete=models.PROTECT, verbose_name=_("department"))
    group = models.ForeignKey(StudentGroup, on_delete=models.PROTECT, related_name="+", verbose_name=_("group"))
    curriculum_subject = models.ForeignKey(
        CurriculumSubject, on_delete=models.PROTECT, related_name="+", verbose_name=_("subject")
    )
    status = models.CharField(_("status"), max_length=16, choices=RecordStatus.choices, default=RecordStatus.PENDING)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("entered by")
    )
    created_at = models.DateTimeField(_("entered"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("final grade sheet")
        verbose_name_plural = _("final grade sheets")

    def __str__(self) -> str:
        return f"{self.group.name} · {self.curriculum_subject.subject.name}"


class GpaScope(models.TextChoices):
    YEAR = "year", _("Academic year")
    SEMESTER = "semester", _("Semester")
    TOTAL = "total", _("Cumulative")


class StudentGpa(models.Model):
    """`e_student_gpa`: GPA = Σ(credit × grade) / Σ credit, one decimal; debts; whether the student may move on.

    Computed by `gpa_recalculate` for an academic year (as HEMIS does), per semester and cumulatively, with the
    student's place in the group's and the faculty's rating.
    """

    # Derived rows, rewritten in bulk: no database-level foreign-key checks or single-column indexes (the
    # composite indexes below serve every lookup); deleting a student still removes them (on_delete).
    institution = models.ForeignKey(
        "org.Institution", on_delete=models.CASCADE, db_constraint=False, db_index=False, verbose_name=_("institution")
    )
    faculty = models.ForeignKey(
        "org.Faculty", on_delete=models.CASCADE, db_constraint=False, db_index=False, verbose_name=_("faculty")
    )
    group = models.ForeignKey(
        StudentGroup,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_constraint=False,
        db_index=False,
        verbose_name=_("group"),
    )
    student = models.ForeignKey(
        Student,
        on_delete=models.CASCADE,
        related_name="gpas",
        db_constraint=False,
        db_index=False,
        verbose_name=_("student"),
    )
    scope = models.CharField(_("over"), max_length=16, choices=GpaScope.choices)
    education_year = models.PositiveSmallIntegerField(_("academic year"), default=0)
    semester = models.CharField(_("semester"), max_length=4, blank=True)
    level = models.CharField(_("course"), max_length=4, blank=True)
    subjects = models.PositiveSmallIntegerField(_("subjects"))
    credit_sum = models.DecimalField(_("credits"), max_digits=6, decimal_places=1)
    gpa = models.DecimalField(_("GPA"), max_digits=6, decimal_places=1)
    debt_subjects = models.PositiveSmallIntegerField(_("academic debts"))
    can_transfer = models.BooleanField(_("may move to the next course"))
    rank_in_group = models.PositiveIntegerField(_("place in the group"), null=True, blank=True)
    rank_in_faculty = models.PositiveIntegerField(_("place in the faculty"), null=True, blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)
    computed_at = models.DateTimeField(_("computed"), auto_now=True)

    class Meta:
        ordering = ["-gpa"]
        verbose_name = _("GPA")
        verbose_name_plural = _("GPA")
        constraints = [
            models.UniqueConstraint(
                fields=["student", "scope", "education_year", "semester"], name="student_gpa_unique"
            ),
        ]
        indexes = [
            models.Index(fields=["institution", "scope", "education_year"], name="student_gpa_inst"),
            models.Index(fields=["group", "scope", "education_year"], name="student_gpa_group"),
            models.Index(fields=["faculty", "scope", "education_year"], name="student_gpa_faculty"),
        ]

    def __str__(self) -> str:
        return f"{self.student_id} {self.scope} {self.education_year}: {self.gpa}"
