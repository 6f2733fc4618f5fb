"""Students and staff: each a record linked to a platform account (SPEC H2.3, H2.5).

Personal data every person has (names, birth date, gender, PINFL, passport, phone, e-mail) lives on the
account (`accounts.User`); what belongs to studying or working here lives on `Student` / `Employee`. Later
features (contracts, stipends, research, diplomas, clearance sheets) hang off these two records.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from edu.regulation.models import DataKind
from edu.regulation.services import Regulated
from edu.university.models.reference import ClassifierField
from edu.university.models.study import Curriculum, Specialty, StudentGroup


class StudentStatus(models.TextChoices):
    """`h_student_status` codes the code relies on (names come from the classifier)."""

    OTHER = "10", "10"
    STUDYING = "11", "11"
    EXPELLED = "12", "12"
    ACADEMIC_LEAVE = "13", "13"
    GRADUATED = "14", "14"
    HELD_BACK = "15", "15"


class Student(models.Model):
    """Talaba (`e_student` + `e_student_meta`)."""

    institution = models.ForeignKey("org.Institution", on_delete=models.PROTECT, verbose_name=_("institution"))
    faculty = models.ForeignKey("org.Faculty", on_delete=models.PROTECT, verbose_name=_("faculty"))
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="student", verbose_name=_("account")
    )
    student_id_number = models.CharField(_("student ID"), max_length=14, unique=True)
    group = models.ForeignKey(
        StudentGroup, on_delete=models.PROTECT, null=True, blank=True, related_name="students", verbose_name=_("group")
    )
    specialty = models.ForeignKey(Specialty, on_delete=models.PROTECT, verbose_name=_("specialty"))
    curriculum = models.ForeignKey(
        Curriculum, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("curriculum")
    )
    education_type = ClassifierField(_("education type"), classifier="h_education_type", default="11")
    education_form = ClassifierField(_("form of study"), classifier="h_education_form", default="11")
    education_lang = ClassifierField(_("language of instruction"), classifier="h_language", default="11")
    payment_form = ClassifierField(_("payment form"), classifier="h_payment_form", default="11")
    student_type = ClassifierField(_("student type"), classifier="h_student_type", default="11")
    student_status = ClassifierField(_("status"), classifier="h_student_status", default=StudentStatus.STUDYING)
    level = ClassifierField(_("course"), classifier="h_course", default="11")
    semester = ClassifierField(_("semester"), classifier="h_semester", default="11")
    year_of_enter = models.PositiveSmallIntegerField(_("year of entry"))
    citizenship = ClassifierField(_("citizenship"), classifier="h_citizenship_type", default="11")
    country = ClassifierField(_("country"), classifier="h_country", default="UZ")
    nationality = ClassifierField(_("nationality"), classifier="h_nationality", blank=True)
    province = ClassifierField(_("region"), classifier="h_soato", blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    social_category = ClassifierField(_("social category"), classifier="h_social_category", default="10")
    accommodation = ClassifierField(_("accommodation"), classifier="h_accommodation", default="11")
    other_phone = models.CharField(_("another phone"), max_length=20, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        ordering = ["user__surname", "user__first_name"]
        verbose_name = _("student")
        verbose_name_plural = _("students")
        indexes = [
            models.Index(fields=["institution", "student_status"], name="student_inst_status"),
            models.Index(fields=["faculty", "student_status"], name="student_faculty_status"),
        ]

    def __str__(self) -> str:
        return f"{self.user.get_full_name()} ({self.student_id_number})"

    @property
    def passport_pin(self) -> str:
        """HEMIS name of the PINFL."""
        return self.user.pinfl or ""

    @property
    def passport_number(self) -> str:
        return self.user.passport

    @property
    def is_studying(self) -> bool:
        return self.student_status == StudentStatus.STUDYING


class StudentMovement(models.Model):
    """One line of a student's history: what a movement order changed, and when."""

    institution = models.ForeignKey("org.Institution", on_delete=models.PROTECT, verbose_name=_("institution"))
    faculty = models.ForeignKey("org.Faculty", on_delete=models.PROTECT, verbose_name=_("faculty"))
    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="movements", verbose_name=_("student"))
    decree = models.ForeignKey(
        "university.Decree", on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("order")
    )
    decree_type = ClassifierField(_("order type"), classifier="h_decree_type")
    order_number = models.CharField(_("order number"), max_length=32)
    order_date = models.DateField(_("order date"))
    from_status = models.CharField(_("status before"), max_length=8, blank=True)
    to_status = models.CharField(_("status after"), max_length=8, blank=True)
    from_group = models.ForeignKey(
        StudentGroup, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("group before")
    )
    to_group = models.ForeignKey(
        StudentGroup, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("group after")
    )
    from_level = models.CharField(_("course before"), max_length=8, blank=True)
    to_level = models.CharField(_("course after"), max_length=8, blank=True)
    reason = models.CharField(_("reason"), max_length=8, blank=True)
    other_institution = models.CharField(_("other institution"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["-order_date", "-id"]
        verbose_name = _("student movement")
        verbose_name_plural = _("student movements")
        indexes = [models.Index(fields=["institution", "order_date"], name="movement_inst_date")]

    def __str__(self) -> str:
        return f"{self.order_number} {self.order_date}"


class EmployeeStatus(models.TextChoices):
    """`h_teacher_status`."""

    WORKING = "11", "11"
    ON_LEAVE = "12", "12"
    ON_TRIP = "13", "13"
    DISMISSED = "14", "14"


class Employee(models.Model):
    """Xodim (`e_employee`): staff and teachers. `department` is the main place of work (for scope)."""

    institution = models.ForeignKey("org.Institution", on_delete=models.PROTECT, verbose_name=_("institution"))
    faculty = models.ForeignKey(
        "org.Faculty", on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("faculty")
    )
    department = models.ForeignKey(
        "org.Department", on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("department")
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="employee", verbose_name=_("account")
    )
    employee_id_number = models.CharField(_("employee ID"), max_length=14, unique=True)
    employee_type = ClassifierField(_("staff category"), classifier="h_employee_type", default="12")
    academic_degree = ClassifierField(_("academic degree"), classifier="h_academic_degree", default="10")
    academic_rank = ClassifierField(_("academic rank"), classifier="h_academic_rank", default="10")
    employee_status = ClassifierField(_("status"), classifier="h_teacher_status", default=EmployeeStatus.WORKING)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["user__surname", "user__first_name"]
        verbose_name = _("employee")
        verbose_name_plural = _("employees")
        indexes = [models.Index(fields=["institution", "employee_status"], name="employee_inst_status")]

    def __str__(self) -> str:
        return self.user.get_full_name() or self.employee_id_number

    @property
    def is_teacher(self) -> bool:
        return self.employee_type == "12"


class Employment(models.Model):
    """A position held in a unit (`e_employee_meta`): position, rate, form of employment."""

    institution = models.ForeignKey("org.Institution", on_delete=models.PROTECT, verbose_name=_("institution"))
    employee = models.ForeignKey(
        Employee, on_delete=models.CASCADE, related_name="employments", verbose_name=_("employee")
    )
    faculty = models.ForeignKey(
        "org.Faculty", on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("faculty")
    )
    department = models.ForeignKey("org.Department", on_delete=models.PROTECT, verbose_name=_("department"))
    position = ClassifierField(_("position"), classifier="h_teacher_position_type")
    employment_form = ClassifierField(_("employment form"), classifier="h_employment_form", default="11")
    employment_staff = ClassifierField(_("rate"), classifier="h_employment_staff", default="11")
    contract_number = models.CharField(_("contract number"), max_length=32, blank=True)
    contract_date = models.DateField(_("contract date"), null=True, blank=True)
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("to"), null=True, blank=True)
    active = models.BooleanField(_("current"), default=True)

    class Meta:
        ordering = ["-active", "-start_date"]
        verbose_name = _("employment")
        verbose_name_plural = _("employments")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="employment_dates_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.employee} · {self.department}"


class StaffOrderKind(models.TextChoices):
    HIRE = "hire", _("Hire")
    DISMISSAL = "dismissal", _("Dismissal")
    POSITION_CHANGE = "position_change", _("Position change")


class StaffOrder(models.Model):
    """An HR order entered in the system: due within 3 working days of its date (H2.3)."""

    institution = models.ForeignKey("org.Institution", on_delete=models.PROTECT, verbose_name=_("institution"))
    faculty = models.ForeignKey(
        "org.Faculty", on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("faculty")
    )
    department = models.ForeignKey(
        "org.Department", on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("department")
    )
    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="orders", verbose_name=_("employee"))
    employment = models.ForeignKey(
        Employment, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("employment")
    )
    kind = models.CharField(_("order"), max_length=16, choices=StaffOrderKind.choices)
    order_number = models.CharField(_("order number"), max_length=32)
    order_date = models.DateField(_("order date"))
    note = models.CharField(_("note"), max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("entered by")
    )
    created_at = models.DateTimeField(_("entered"), auto_now_add=True)

    class Meta:
        ordering = ["-order_date", "-id"]
        verbose_name = _("staff order")
        verbose_name_plural = _("staff orders")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} № {self.order_number} ({self.order_date})"

    def regulated(self) -> Regulated:
        return Regulated(DataKind.HR_ORDER, self.institution_id, self.order_date, self.faculty_id, self.department_id)
