"""The exam schedule (`e_exam_schedule`, imtihon jadvali): one sitting of a group's midterm or final exam in a
subject — date, pair, auditorium and examiner. The academic office and the dean keep it; students and teachers
read their own sittings, and the REST API's `education/exam-table` answers from it."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from edu.regulation.models import DataKind
from edu.regulation.services import Regulated
from edu.university.models.calendar import Auditorium, EducationYear, LessonPair
from edu.university.models.people import Employee
from edu.university.models.reference import ClassifierField
from edu.university.models.study import CurriculumSubject, StudentGroup


class ExamSchedule(models.Model):
    """One exam sitting: group × subject × exam type (`h_exam_type`) × sitting (`h_final_exam_type`)."""

    institution = models.ForeignKey("org.Institution", on_delete=models.PROTECT, verbose_name=_("institution"))
    faculty = models.ForeignKey("org.Faculty", on_delete=models.PROTECT, verbose_name=_("faculty"))
    group = models.ForeignKey(
        StudentGroup, on_delete=models.PROTECT, related_name="exam_sittings", verbose_name=_("group")
    )
    curriculum_subject = models.ForeignKey(
        CurriculumSubject, on_delete=models.PROTECT, related_name="+", verbose_name=_("subject")
    )
    education_year = models.ForeignKey(
        EducationYear,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("academic year"),
    )
    exam_type = ClassifierField(_("assessment type"), classifier="h_exam_type")
    final_exam_type = ClassifierField(_("sitting"), classifier="h_final_exam_type", default="11")
    exam_date = models.DateField(_("date"))
    lesson_pair = models.ForeignKey(LessonPair, on_delete=models.PROTECT, related_name="+", verbose_name=_("pair"))
    auditorium = models.ForeignKey(Auditorium, on_delete=models.PROTECT, related_name="+", verbose_name=_("auditorium"))
    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="+", verbose_name=_("examiner"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["exam_date", "lesson_pair__code", "group__name"]
        verbose_name = _("exam sitting")
        verbose_name_plural = _("exam schedule")
        constraints = [
            models.UniqueConstraint(fields=["group", "exam_date", "lesson_pair"], name="exam_group_slot_unique"),
            models.UniqueConstraint(
                fields=["group", "curriculum_subject", "exam_type", "final_exam_type"], name="exam_sitting_unique"
            ),
        ]
        indexes = [
            models.Index(fields=["employee", "exam_date"], name="exam_examiner_date"),
            models.Index(fields=["auditorium", "exam_date"], name="exam_room_date"),
            models.Index(fields=["institution", "exam_date"], name="exam_institution_date"),
        ]

    def __str__(self) -> str:
        return f"{self.exam_date:%d.%m.%Y} {self.lesson_pair.number}-juftlik · {self.group.name}"

    def regulated(self) -> Regulated:
        return Regulated(DataKind.EXAM_SCHEDULE, self.institution_id, self.exam_date, self.faculty_id)
