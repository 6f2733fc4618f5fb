"""What is taught and to whom: specialties, subjects, curricula, academic groups (SPEC H2.5, H5.3)."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from edu.university.models.calendar import EducationYear, MarkingSystem
from edu.university.models.reference import ClassifierField

# h_training_type codes counted as auditorium (classroom) hours: everything but independent study (17).
AUDITORIUM_TRAINING_TYPES = ("11", "12", "13", "14", "15", "16")


class Specialty(models.Model):
    """A bachelor's direction (ta’lim yo‘nalishi) or master's specialty (mutaxassislik) with its qualification."""

    institution = models.ForeignKey("org.Institution", on_delete=models.CASCADE, verbose_name=_("institution"))
    faculty = models.ForeignKey("org.Faculty", on_delete=models.PROTECT, verbose_name=_("faculty"))
    code = models.CharField(_("code"), max_length=16, help_text=_("E.g. 60610100 (bachelor) or 70610101 (master)."))
    name = models.CharField(_("name"), max_length=255)
    education_type = ClassifierField(_("education type"), classifier="h_education_type", default="11")
    qualification = models.CharField(_("qualification"), max_length=255, blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("specialty")
        verbose_name_plural = _("specialties")
        constraints = [
            models.UniqueConstraint(fields=["institution", "code", "education_type"], name="specialty_unique")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Subject(models.Model):
    """A subject (fan) of the institution's catalogue, owned by the department that teaches it."""

    institution = models.ForeignKey("org.Institution", on_delete=models.CASCADE, verbose_name=_("institution"))
    department = models.ForeignKey("org.Department", on_delete=models.PROTECT, verbose_name=_("department"))
    code = models.CharField(_("code"), max_length=32)
    name = models.CharField(_("name"), max_length=255)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("subject")
        verbose_name_plural = _("subjects")
        constraints = [models.UniqueConstraint(fields=["institution", "code"], name="subject_code_unique")]

    def __str__(self) -> str:
        return self.name


class Curriculum(models.Model):
    """O‘quv reja: the plan of one specialty for the students entering in one year with one form of study."""

    institution = models.ForeignKey("org.Institution", on_delete=models.CASCADE, verbose_name=_("institution"))
    faculty = models.ForeignKey("org.Faculty", on_delete=models.PROTECT, verbose_name=_("faculty"))
    specialty = models.ForeignKey(Specialty, on_delete=models.PROTECT, verbose_name=_("specialty"))
    education_year = models.ForeignKey(
        EducationYear, on_delete=models.PROTECT, verbose_name=_("year of entry"), related_name="+"
    )
    education_type = ClassifierField(_("education type"), classifier="h_education_type", default="11")
    education_form = ClassifierField(_("form of study"), classifier="h_education_form", default="11")
    marking_system = models.ForeignKey(MarkingSystem, on_delete=models.PROTECT, verbose_name=_("marking system"))
    name = models.CharField(_("name"), max_length=255)
    semester_count = models.PositiveSmallIntegerField(
        _("semesters"), default=8, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["-education_year__code", "name"]
        verbose_name = _("curriculum")
        verbose_name_plural = _("curricula")
        constraints = [
            models.UniqueConstraint(
                fields=["specialty", "education_year", "education_form"], name="curriculum_unique_per_year_form"
            ),
            models.CheckConstraint(
                condition=Q(semester_count__gte=1, semester_count__lte=12), name="curriculum_semester_count"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class CurriculumSemester(models.Model):
    """One semester of a curriculum (`h_semestr` 11–22) with its level (`h_course`), year and dates."""

    institution = models.ForeignKey("org.Institution", on_delete=models.CASCADE, verbose_name=_("institution"))
    curriculum = models.ForeignKey(
        Curriculum, on_delete=models.CASCADE, related_name="semesters", verbose_name=_("curriculum")
    )
    code = ClassifierField(_("semester"), classifier="h_semester")
    level = ClassifierField(_("course"), classifier="h_course")
    education_year = models.ForeignKey(
        EducationYear, on_delete=models.PROTECT, verbose_name=_("academic year"), related_name="+"
    )
    start_date = models.DateField(_("starts"))
    end_date = models.DateField(_("ends"))

    class Meta:
        ordering = ["curriculum_id", "code"]
        verbose_name = _("curriculum semester")
        verbose_name_plural = _("curriculum semesters")
        constraints = [
            models.UniqueConstraint(fields=["curriculum", "code"], name="curriculum_semester_unique"),
            models.CheckConstraint(condition=Q(start_date__lt=F("end_date")), name="curriculum_semester_dates"),
        ]

    def __str__(self) -> str:
        return f"{self.number}-semestr"

    @property
    def number(self) -> int:
        return int(self.code) - 10


class CurriculumSubject(models.Model):
    """A subject in a curriculum semester: mandatory (11) or elective (12), credits, hours, assessments."""

    institution = models.ForeignKey("org.Institution", on_delete=models.CASCADE, verbose_name=_("institution"))
    faculty = models.ForeignKey("org.Faculty", on_delete=models.PROTECT, verbose_name=_("faculty"))
    department = models.ForeignKey(
        "org.Department", on_delete=models.PROTECT, verbose_name=_("department"), help_text=_("Who teaches it.")
    )
    curriculum = models.ForeignKey(
        Curriculum, on_delete=models.CASCADE, related_name="subjects", verbose_name=_("curriculum")
    )
    subject = models.ForeignKey(Subject, on_delete=models.PROTECT, verbose_name=_("subject"))
    semester = ClassifierField(_("semester"), classifier="h_semester")
    subject_type = ClassifierField(_("subject type"), classifier="h_subject_type", default="11")
    credit = models.DecimalField(
        _("credits"), max_digits=4, decimal_places=1, validators=[MinValueValidator(Decimal("0"))]
    )
    total_acload = models.PositiveSmallIntegerField(_("total hours"), default=0)
    rating_grade = ClassifierField(
        _("grade sheet type"), classifier="h_rating_grade", default="11", help_text=_("11 subject, 12 course work.")
    )
    exam_finish = ClassifierField(_("ends with"), classifier="h_exam_finish", default="11")
    elective_block = models.CharField(
        _("elective block"), max_length=32, blank=True, help_text=_("Electives of one block: the student picks one.")
    )
    capacity = models.PositiveSmallIntegerField(
        _("places"), null=True, blank=True, help_text=_("For an elective: how many students may choose it.")
    )
    chosen_count = models.PositiveSmallIntegerField(_("chosen by"), default=0)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["curriculum_id", "semester", "position", "id"]
        verbose_name = _("curriculum subject")
        verbose_name_plural = _("curriculum subjects")
        constraints = [
            models.UniqueConstraint(fields=["curriculum", "subject", "semester"], name="curriculum_subject_unique"),
            # Elective capacity is a database invariant: a choice increments chosen_count only below capacity.
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(chosen_count__lte=F("capacity")),
                name="curriculum_subject_within_capacity",
            ),
            models.CheckConstraint(condition=Q(credit__gte=0), name="curriculum_subject_credit_nonnegative"),
        ]
        indexes = [models.Index(fields=["department", "semester"], name="curriculum_subject_dept")]

    def __str__(self) -> str:
        return f"{self.subject.name} ({int(self.semester) - 10}-sem.)"

    @property
    def is_elective(self) -> bool:
        return self.subject_type == "12"


class CurriculumSubjectDetail(models.Model):
    """Hours of one training type (`h_training_type`: lecture, practical, laboratory…) of a curriculum subject."""

    curriculum_subject = models.ForeignKey(
        CurriculumSubject, on_delete=models.CASCADE, related_name="details", verbose_name=_("curriculum subject")
    )
    training_type = ClassifierField(_("training type"), classifier="h_training_type")
    academic_load = models.PositiveSmallIntegerField(_("hours"))

    class Meta:
        ordering = ["training_type"]
        verbose_name = _("hours by training type")
        verbose_name_plural = _("hours by training type")
        constraints = [
            models.UniqueConstraint(fields=["curriculum_subject", "training_type"], name="subject_detail_unique")
        ]

    def __str__(self) -> str:
        return f"{self.training_type}: {self.academic_load}"


class CurriculumSubjectExamType(models.Model):
    """Maximum points of an assessment type for a curriculum subject (`e_curriculum_subject_exam_type`)."""

    curriculum_subject = models.ForeignKey(
        CurriculumSubject, on_delete=models.CASCADE, related_name="exam_types", verbose_name=_("curriculum subject")
    )
    exam_type = ClassifierField(_("assessment type"), classifier="h_exam_type")
    max_ball = models.DecimalField(
        _("maximum points"), max_digits=5, decimal_places=1, validators=[MinValueValidator(0)]
    )

    class Meta:
        ordering = ["exam_type"]
        verbose_name = _("assessment of a subject")
        verbose_name_plural = _("assessments of a subject")
        constraints = [
            models.UniqueConstraint(fields=["curriculum_subject", "exam_type"], name="subject_exam_type_unique"),
            models.CheckConstraint(condition=Q(max_ball__gte=0), name="subject_exam_type_max_nonnegative"),
        ]

    def __str__(self) -> str:
        return f"{self.exam_type}: {self.max_ball}"


class ElectiveWindow(models.Model):
    """When students of a curriculum choose the electives of one semester (individual trajectory, H5.3)."""

    institution = models.ForeignKey("org.Institution", on_delete=models.CASCADE, verbose_name=_("institution"))
    faculty = models.ForeignKey("org.Faculty", on_delete=models.PROTECT, verbose_name=_("faculty"))
    curriculum = models.ForeignKey(
        Curriculum, on_delete=models.CASCADE, related_name="elective_windows", verbose_name=_("curriculum")
    )
    semester = ClassifierField(_("semester"), classifier="h_semester")
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))

    class Meta:
        ordering = ["-opens_at"]
        verbose_name = _("elective choice window")
        verbose_name_plural = _("elective choice windows")
        constraints = [
            models.UniqueConstraint(fields=["curriculum", "semester"], name="elective_window_unique"),
            models.CheckConstraint(condition=Q(opens_at__lt=F("closes_at")), name="elective_window_order"),
        ]

    def __str__(self) -> str:
        return f"{self.curriculum} · {int(self.semester) - 10}-sem."


class StudentGroup(models.Model):
    """Akademik guruh (`e_group`)."""

    institution = models.ForeignKey("org.Institution", on_delete=models.CASCADE, verbose_name=_("institution"))
    faculty = models.ForeignKey("org.Faculty", on_delete=models.PROTECT, verbose_name=_("faculty"))
    specialty = models.ForeignKey(Specialty, on_delete=models.PROTECT, verbose_name=_("specialty"))
    curriculum = models.ForeignKey(Curriculum, on_delete=models.PROTECT, verbose_name=_("curriculum"))
    name = models.CharField(_("name"), max_length=64)
    education_lang = ClassifierField(_("language of instruction"), classifier="h_language", default="11")
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("group")
        verbose_name_plural = _("groups")
        constraints = [models.UniqueConstraint(fields=["institution", "name"], name="group_name_unique")]

    def __str__(self) -> str:
        return self.name
