"""Teaching assignments (head of department, H2.6) and the journal's content (teacher, H2.7, H5.6):
topics, resources, tasks; students' submissions and their review."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from edu.core.errors import ApplicationError
from edu.journal.services import journal_snapshot
from edu.org.actor import Actor
from edu.org.roles import Role
from edu.university.models import (
    CurriculumSubject,
    Employee,
    EmployeeStatus,
    Resource,
    Student,
    StudentGroup,
    Submission,
    Task,
    TeachingAssignment,
    Topic,
)
from edu.university.services.common import check_same_institution, create, delete, require, update

UPLOAD_EXTENSIONS = {
    ".pdf",
    ".doc",
    ".docx",
    ".xls",
    ".xlsx",
    ".ppt",
    ".pptx",
    ".odt",
    ".txt",
    ".jpg",
    ".jpeg",
    ".png",
    ".zip",
}


def check_upload(upload: Any, *, field: str = "file") -> None:
    if not upload:
        return
    if upload.size > settings.UPLOAD_MAX_BYTES:
        raise ApplicationError(
            _("The file is larger than %(mb)d MB.") % {"mb": settings.UPLOAD_MAX_BYTES // (1024 * 1024)},
            field=field,
        )
    if Path(upload.name).suffix.lower() not in UPLOAD_EXTENSIONS:
        raise ApplicationError(_("This type of file is not accepted."), field=field)


@transaction.atomic
def assignment_create(
    *,
    actor: Actor,
    curriculum_subject: CurriculumSubject,
    group: StudentGroup,
    training_type: str,
    employee: Employee,
) -> TeachingAssignment:
    """The head of department gives one of the department's subjects (a training type, for a group) to a teacher."""
    assignment = require(actor, Role.HEAD_OF_DEPARTMENT)
    check_same_institution(actor, curriculum_subject, group, employee)
    if curriculum_subject.department_id != assignment.department_id:
        raise ApplicationError(_("This subject is taught by another department."), field="curriculum_subject")
    if group.curriculum_id != curriculum_subject.curriculum_id:
        raise ApplicationError(_("The group studies by another curriculum."), field="group")
    if not curriculum_subject.details.filter(training_type=training_type).exists():
        raise ApplicationError(
            _("The curriculum has no hours of this training type for the subject."), field="training_type"
        )
    if employee.employee_status != EmployeeStatus.WORKING or not employee.is_teacher:
        raise ApplicationError(_("Choose a working teacher."), field="employee")
    item = TeachingAssignment(
        institution_id=assignment.institution_id,
        faculty_id=group.faculty_id,
        department_id=assignment.department_id,
        curriculum_subject=curriculum_subject,
        group=group,
        training_type=training_type,
        employee=employee,
    )
    return create(item, actor=actor, duplicate_message=_("This group's training type is already assigned."))


@transaction.atomic
def assignment_change_teacher(*, actor: Actor, item: TeachingAssignment, employee: Employee) -> TeachingAssignment:
    assignment = require(actor, Role.HEAD_OF_DEPARTMENT)
    if item.department_id != assignment.department_id:
        raise ApplicationError(_("This belongs to another department."))
    check_same_institution(actor, employee)
    if employee.employee_status != EmployeeStatus.WORKING or not employee.is_teacher:
        raise ApplicationError(_("Choose a working teacher."), field="employee")
    before = journal_snapshot(item)
    item.employee = employee
    return update(item, before=before, actor=actor, fields=["employee"])


@transaction.atomic
def assignment_delete(*, actor: Actor, item: TeachingAssignment) -> None:
    assignment = require(actor, Role.HEAD_OF_DEPARTMENT)
    if item.department_id != assignment.department_id:
        raise ApplicationError(_("This belongs to another department."))
    if item.lessons.exists():
        raise ApplicationError(_("The timetable already has lessons of this assignment."))
    delete(item, actor=actor)


def teacher_assignment(actor: Actor, item: TeachingAssignment) -> Employee:
    """The acting teacher, when `item` is theirs; the journal's writes check this."""
    require(actor, Role.TEACHER)
    if item.employee.user_id != actor.user.pk or item.institution_id != actor.institution_id:
        raise ApplicationError(_("This is another teacher's journal."))
    return item.employee


@transaction.atomic
def topic_create(*, actor: Actor, item: TeachingAssignment, name: str, hours: int = 2) -> Topic:
    teacher_assignment(actor, item)
    position = Topic.objects.filter(
        curriculum_subject=item.curriculum_subject, training_type=item.training_type
    ).count()
    topic = Topic(
        institution_id=item.institution_id,
        department_id=item.department_id,
        curriculum_subject=item.curriculum_subject,
        training_type=item.training_type,
        name=name.strip(),
        hours=hours,
        position=position + 1,
    )
    return create(topic, actor=actor)


@transaction.atomic
def topic_delete(*, actor: Actor, item: TeachingAssignment, topic: Topic) -> None:
    teacher_assignment(actor, item)
    if topic.curriculum_subject_id != item.curriculum_subject_id:
        raise ApplicationError(_("This topic belongs to another subject."))
    delete(topic, actor=actor)


@transaction.atomic
def resource_create(
    *, actor: Actor, item: TeachingAssignment, title: str, topic: Topic | None = None, file: Any = None, url: str = ""
) -> Resource:
    employee = teacher_assignment(actor, item)
    if not file and not url:
        raise ApplicationError(_("Attach a file or give a link."), field="file")
    check_upload(file)
    if topic is not None and topic.curriculum_subject_id != item.curriculum_subject_id:
        raise ApplicationError(_("This topic belongs to another subject."), field="topic")
    resource = Resource(
        institution_id=item.institution_id,
        department_id=item.department_id,
        curriculum_subject=item.curriculum_subject,
        topic=topic,
        title=title.strip(),
        url=url,
        employee=employee,
    )
    if file:
        resource.file = file
    return create(resource, actor=actor)


@transaction.atomic
def task_create(
    *,
    actor: Actor,
    item: TeachingAssignment,
    title: str,
    description: str,
    deadline: dt.datetime,
    max_ball: Decimal,
    attempt_limit: int = 1,
    topic: Topic | None = None,
    file: Any = None,
) -> Task:
    teacher_assignment(actor, item)
    if deadline <= timezone.now():
        raise ApplicationError(_("The deadline must be in the future."), field="deadline")
    check_upload(file)
    task = Task(
        institution_id=item.institution_id,
        faculty_id=item.faculty_id,
        department_id=item.department_id,
        assignment=item,
        topic=topic,
        title=title.strip(),
        description=description.strip(),
        deadline=deadline,
        max_ball=max_ball,
        attempt_limit=attempt_limit,
    )
    if file:
        task.file = file
    return create(task, actor=actor)


@transaction.atomic
def submission_create(*, actor: Actor, student: Student, task: Task, file: Any = None, text: str = "") -> Submission:
    """A student hands in a task before its deadline, within the attempts allowed."""
    require(actor, Role.STUDENT)
    if student.user_id != actor.user.pk:
        raise ApplicationError(_("This is another student's record."))
    if task.assignment.group_id != student.group_id:
        raise ApplicationError(_("This task is not for your group."))
    if timezone.now() > task.deadline:
        raise ApplicationError(_("The deadline has passed."))
    if not file and not text.strip():
        raise ApplicationError(_("Attach a file or write the answer."), field="file")
    check_upload(file)
    used = Submission.objects.select_for_update().filter(task=task, student=student).count()
    if used >= task.attempt_limit:
        raise ApplicationError(_("You have used all %(count)d attempts.") % {"count": task.attempt_limit})
    submission = Submission(
        institution_id=task.institution_id, task=task, student=student, attempt=used + 1, text=text.strip()
    )
    if file:
        submission.file = file
    return create(submission, actor=actor, duplicate_message=_("This attempt has already been handed in."))


@transaction.atomic
def submission_review(*, actor: Actor, submission: Submission, mark: Decimal, comment: str = "") -> Submission:
    employee = teacher_assignment(actor, submission.task.assignment)
    if mark < 0 or mark > submission.task.max_ball:
        raise ApplicationError(_("Points are from 0 to %(max)s.") % {"max": submission.task.max_ball}, field="mark")
    before = journal_snapshot(submission)
    submission.mark, submission.review_comment = mark, comment.strip()
    submission.reviewed_by, submission.reviewed_at = employee, timezone.now()
    return update(submission, before=before, actor=actor)
