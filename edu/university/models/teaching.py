"""Teaching: who teaches what to which group, the timetable, and the teacher's journal content
(topics, resources, tasks and submissions) — SPEC H2.6, H2.7, H5.6."""

from __future__ import annotations

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from edu.regulation.models import DataKind
from edu.regulation.services import Regulated
from edu.university.models.calendar import Auditorium, LessonPair
from edu.university.models.people import Employee, Student
from edu.university.models.reference import ClassifierField
from edu.university.models.study import CurriculumSubject, StudentGroup


class TeachingAssignment(models.Model):
    """The head of department gives a curriculum subject's training type for a group to a teacher."""

    institution = models.ForeignKey("org.Institution", on_delete=models.PROTECT, verbose_name=_("institution"))
    faculty = models.ForeignKey("org.Faculty", on_delete=models.PROTECT, verbose_name=_("faculty"))
    department = models.ForeignKey("org.Department", on_delete=models.PROTECT, verbose_name=_("department"))
    curriculum_subject = models.ForeignKey(
        CurriculumSubject, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("subject")
    )
    group = models.ForeignKey(
        StudentGroup, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("group")
    )
    training_type = ClassifierField(_("training type"), classifier="h_training_type")
    employee = models.ForeignKey(
        Employee, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("teacher")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["group__name", "curriculum_subject__subject__name", "training_type"]
        verbose_name = _("teaching assignment")
        verbose_name_plural = _("teaching assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["curriculum_subject", "group", "training_type"], name="assignment_unique_per_group_type"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.group.name} · {self.curriculum_subject.subject.name} · {self.training_type}"


class Lesson(models.Model):
    """One class of the timetable (`e_subject_schedule`): date, pair, group, subject, type, teacher, room."""

    institution = models.ForeignKey("org.Institution", on_delete=models.PROTECT, verbose_name=_("institution"))
    faculty = models.ForeignKey("org.Faculty", on_delete=models.PROTECT, verbose_name=_("faculty"))
    department = models.ForeignKey("org.Department", on_delete=models.PROTECT, verbose_name=_("department"))
    assignment = models.ForeignKey(
        TeachingAssignment, on_delete=models.PROTECT, related_name="lessons", verbose_name=_("teaching assignment")
    )
    group = models.ForeignKey(StudentGroup, on_delete=models.PROTECT, related_name="+", verbose_name=_("group"))
    curriculum_subject = models.ForeignKey(
        CurriculumSubject, on_delete=models.PROTECT, related_name="+", verbose_name=_("subject")
    )
    training_type = ClassifierField(_("training type"), classifier="h_training_type")
    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="+", verbose_name=_("teacher"))
    auditorium = models.ForeignKey(
        Auditorium, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("auditorium")
    )
    lesson_pair = models.ForeignKey(LessonPair, on_delete=models.PROTECT, related_name="+", verbose_name=_("pair"))
    lesson_date = models.DateField(_("date"))
    topic = models.ForeignKey(
        "university.Topic", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("topic")
    )
    held = models.BooleanField(_("held"), default=False)

    class Meta:
        ordering = ["lesson_date", "lesson_pair__code"]
        verbose_name = _("lesson")
        verbose_name_plural = _("timetable")
        constraints = [
            # A group is in one place at a time; teachers and rooms may share a slot only as one lecture stream,
            # which the timetable service checks.
            models.UniqueConstraint(fields=["group", "lesson_date", "lesson_pair"], name="lesson_group_slot_unique"),
        ]
        indexes = [
            models.Index(fields=["employee", "lesson_date"], name="lesson_teacher_date"),
            models.Index(fields=["auditorium", "lesson_date"], name="lesson_room_date"),
            models.Index(fields=["assignment", "lesson_date"], name="lesson_assignment_date"),
        ]

    def __str__(self) -> str:
        return f"{self.lesson_date:%d.%m.%Y} {self.lesson_pair.number}-juftlik · {self.group.name}"

    def regulated(self) -> Regulated:
        return Regulated(DataKind.TIMETABLE, self.institution_id, self.lesson_date, self.faculty_id)


class Topic(models.Model):
    """A topic of a curriculum subject for one training type (`e_curriculum_subject_topic`)."""

    institution = models.ForeignKey("org.Institution", on_delete=models.PROTECT, verbose_name=_("institution"))
    department = models.ForeignKey("org.Department", on_delete=models.PROTECT, verbose_name=_("department"))
    curriculum_subject = models.ForeignKey(
        CurriculumSubject, on_delete=models.CASCADE, related_name="topics", verbose_name=_("subject")
    )
    training_type = ClassifierField(_("training type"), classifier="h_training_type")
    name = models.CharField(_("topic"), max_length=500)
    hours = models.PositiveSmallIntegerField(_("hours"), default=2)
    position = models.PositiveSmallIntegerField(_("number"), default=0)

    class Meta:
        ordering = ["curriculum_subject_id", "training_type", "position", "id"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self) -> str:
        return self.name


def resource_upload_to(instance: Resource, filename: str) -> str:
    return f"resources/{instance.institution_id}/{instance.curriculum_subject_id}/{filename}"


class Resource(models.Model):
    """A study resource (file or link) of a subject, optionally for one topic."""

    institution = models.ForeignKey("org.Institution", on_delete=models.PROTECT, verbose_name=_("institution"))
    department = models.ForeignKey("org.Department", on_delete=models.PROTECT, verbose_name=_("department"))
    curriculum_subject = models.ForeignKey(
        CurriculumSubject, on_delete=models.CASCADE, related_name="resources", verbose_name=_("subject")
    )
    topic = models.ForeignKey(Topic, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("topic"))
    title = models.CharField(_("title"), max_length=255)
    file = models.FileField(_("file"), upload_to=resource_upload_to, blank=True)
    url = models.URLField(_("link"), blank=True)
    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="+", verbose_name=_("teacher"))
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        constraints = [
            models.CheckConstraint(condition=~Q(file="") | ~Q(url=""), name="resource_has_file_or_link"),
        ]

    def __str__(self) -> str:
        return self.title


def task_upload_to(instance: Task, filename: str) -> str:
    return f"tasks/{instance.institution_id}/{instance.assignment_id}/{filename}"


class Task(models.Model):
    """A task set by the teacher for a group (`e_subject_task`): deadline, maximum points, attempts."""

    institution = models.ForeignKey("org.Institution", on_delete=models.PROTECT, verbose_name=_("institution"))
    faculty = models.ForeignKey("org.Faculty", on_delete=models.PROTECT, verbose_name=_("faculty"))
    department = models.ForeignKey("org.Department", on_delete=models.PROTECT, verbose_name=_("department"))
    assignment = models.ForeignKey(
        TeachingAssignment, on_delete=models.CASCADE, related_name="tasks", verbose_name=_("teaching assignment")
    )
    topic = models.ForeignKey(Topic, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("topic"))
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("what to do"), blank=True)
    file = models.FileField(_("file"), upload_to=task_upload_to, blank=True)
    deadline = models.DateTimeField(_("deadline"))
    max_ball = models.DecimalField(
        _("maximum points"), max_digits=5, decimal_places=1, validators=[MinValueValidator(0)]
    )
    attempt_limit = models.PositiveSmallIntegerField(
        _("attempts allowed"), default=1, validators=[MinValueValidator(1)]
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-deadline"]
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        constraints = [
            models.CheckConstraint(condition=Q(attempt_limit__gte=1), name="task_attempt_limit_positive"),
            models.CheckConstraint(condition=Q(max_ball__gte=0), name="task_max_ball_nonnegative"),
        ]

    def __str__(self) -> str:
        return self.title


def submission_upload_to(instance: Submission, filename: str) -> str:
    return f"submissions/{instance.institution_id}/{instance.task_id}/{instance.student_id}/{filename}"


class Submission(models.Model):
    """A student's answer to a task, and the teacher's review and mark."""

    institution = models.ForeignKey("org.Institution", on_delete=models.PROTECT, verbose_name=_("institution"))
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="submissions", verbose_name=_("task"))
    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="+", verbose_name=_("student"))
    attempt = models.PositiveSmallIntegerField(_("attempt"))
    file = models.FileField(_("file"), upload_to=submission_upload_to, blank=True)
    text = models.TextField(_("answer"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    mark = models.DecimalField(_("points"), max_digits=5, decimal_places=1, null=True, blank=True)
    review_comment = models.TextField(_("teacher's comment"), blank=True)
    reviewed_by = models.ForeignKey(
        Employee, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("reviewed by")
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        constraints = [
            models.UniqueConstraint(fields=["task", "student", "attempt"], name="submission_attempt_unique"),
            models.CheckConstraint(condition=Q(attempt__gte=1), name="submission_attempt_positive"),
        ]
        indexes = [models.Index(fields=["student", "task"], name="submission_student_task")]

    def __str__(self) -> str:
        return f"{self.task} · {self.attempt}"


class ElectiveChoice(models.Model):
    """A student's choice of an elective subject (individual learning trajectory)."""

    institution = models.ForeignKey("org.Institution", on_delete=models.PROTECT, verbose_name=_("institution"))
    student = models.ForeignKey(
        Student, on_delete=models.CASCADE, related_name="elective_choices", verbose_name=_("student")
    )
    curriculum_subject = models.ForeignKey(
        CurriculumSubject, on_delete=models.PROTECT, related_name="choices", verbose_name=_("subject")
    )
    semester = models.CharField(_("semester"), max_length=4)
    elective_block = models.CharField(_("elective block"), max_length=32)
    chosen_at = models.DateTimeField(_("chosen"), auto_now_add=True)

    class Meta:
        ordering = ["chosen_at"]
        verbose_name = _("elective choice")
        verbose_name_plural = _("elective choices")
        constraints = [
            models.UniqueConstraint(fields=["student", "curriculum_subject"], name="elective_choice_unique"),
            # One subject per elective block and semester.
            models.UniqueConstraint(fields=["student", "semester", "elective_block"], name="elective_choice_per_block"),
        ]

    def __str__(self) -> str:
        return f"{self.student_id} → {self.curriculum_subject_id}"
