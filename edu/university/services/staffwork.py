"""Teachers' work entries (H2.6): the teacher enters, the head of that department approves or rejects with a
comment. Rating points on the criteria of teachers, departments and faculties (H2.4). All journaled."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from edu.core.errors import ApplicationError
from edu.journal.services import journal_snapshot
from edu.org.actor import Actor
from edu.org.models import Department, Faculty
from edu.org.roles import Role
from edu.university.models import (
    Employee,
    RatingCriterion,
    RatingScore,
    RatingTarget,
    TeacherWork,
    WorkKind,
    WorkStatus,
)
from edu.university.selectors.scope import SETTINGS_EDITORS
from edu.university.services.common import check_same_institution, create, delete, require, update
from edu.university.services.teaching import check_upload


def work_years() -> tuple[int, int]:
    """The years a teacher's work may be entered for: the last ten and the next one."""
    this_year = timezone.localdate().year
    return this_year - 10, this_year + 1


@transaction.atomic
def teacher_work_submit(
    *, actor: Actor, kind: str, title: str, year: int, hours: Decimal, attachment: Any = None
) -> TeacherWork:
    """The teacher enters a methodological, research or other work; it waits for the head of department."""
    assignment = require(actor, Role.TEACHER)
    employee = Employee.objects.filter(user=actor.user, institution_id=assignment.institution_id).first()
    if employee is None or employee.department_id is None:
        raise ApplicationError(_("You are not registered as a teacher of a department."))
    if kind not in WorkKind.values:
        raise ApplicationError(_("Choose the kind of work."), field="kind")
    first, last = work_years()
    if not first <= year <= last:
        raise ApplicationError(
            _("The year is between %(first)d and %(last)d.") % {"first": first, "last": last}, field="year"
        )
    check_upload(attachment, field="attachment")
    work = TeacherWork(
        institution_id=employee.institution_id,
        faculty_id=employee.faculty_id,
        department_id=employee.department_id,
        employee=employee,
        kind=kind,
        title=title.strip(),
        year=year,
        hours=hours,
    )
    if attachment:
        work.attachment = attachment
    return create(work, actor=actor)


@transaction.atomic
def teacher_work_delete(*, actor: Actor, work: TeacherWork) -> None:
    """The teacher withdraws an entry not yet approved."""
    require(actor, Role.TEACHER)
    work = TeacherWork.objects.select_for_update().select_related("employee").get(pk=work.pk)
    if work.employee.user_id != actor.user.pk:
        raise ApplicationError(_("This is another teacher's entry."))
    if work.status == WorkStatus.APPROVED:
        raise ApplicationError(_("An approved entry cannot be withdrawn."))
    delete(work, actor=actor)


@transaction.atomic
def teacher_work_review(*, actor: Actor, work: TeacherWork, approve: bool, comment: str = "") -> TeacherWork:
    """The head of the entry's department approves or rejects it (a rejection says why)."""
    assignment = require(actor, Role.HEAD_OF_DEPARTMENT)
    check_same_institution(actor, work)
    work = TeacherWork.objects.select_for_update().select_related("employee").get(pk=work.pk)
    if work.department_id != assignment.department_id:
        raise ApplicationError(_("This entry belongs to another department."))
    if work.employee.user_id == actor.user.pk:
        raise ApplicationError(_("Your own entry is approved by someone else."))
    if work.status != WorkStatus.PENDING:
        raise ApplicationError(_("This entry has already been reviewed."))
    comment = comment.strip()
    if not approve and not comment:
        raise ApplicationError(_("Say why the entry is rejected."), field="comment")
    before = journal_snapshot(work)
    work.status = WorkStatus.APPROVED if approve else WorkStatus.REJECTED
    work.comment, work.reviewed_by, work.reviewed_at = comment, actor.user, timezone.now()
    return update(work, before=before, actor=actor, fields=["status", "comment", "reviewed_by", "reviewed_at"])


@transaction.atomic
def rating_score_set(
    *,
    actor: Actor,
    criterion: RatingCriterion,
    points: Decimal,
    employee: Employee | None = None,
    department: Department | None = None,
    faculty: Faculty | None = None,
) -> RatingScore:
    """Points on one criterion for the teacher, department or faculty it rates (at most the criterion's maximum).
    Setting them again replaces the earlier points."""
    require(actor, *SETTINGS_EDITORS)
    check_same_institution(actor, criterion, employee, department, faculty)
    subjects: dict[str, dict[str, Any]] = {
        RatingTarget.TEACHER: {"employee": employee},
        RatingTarget.DEPARTMENT: {"department": department},
        RatingTarget.FACULTY: {"faculty": faculty},
    }
    subject = subjects[criterion.target]
    field, value = next(iter(subject.items()))
    if value is None:
        raise ApplicationError(_("Choose whom the criterion rates."), field=field)
    if not Decimal(0) <= points <= criterion.max_points:
        raise ApplicationError(_("Points are from 0 to %(max)s.") % {"max": criterion.max_points}, field="points")
    existing = RatingScore.objects.select_for_update().filter(criterion=criterion, **subject).first()
    if existing is None:
        return create(
            RatingScore(institution_id=criterion.institution_id, criterion=criterion, points=points, **subject),
            actor=actor,
        )
    before = journal_snapshot(existing)
    existing.points = points
    return update(existing, before=before, actor=actor, fields=["points"])
