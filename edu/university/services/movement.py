"""Student movement orders (`h_decree_type`): entered by the dean's office, approved by another person when
maker–checker is on, then applied — each student's status, group and course change and their history grows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from edu.core.errors import ApplicationError
from edu.journal.services import journal_snapshot
from edu.org.actor import Actor
from edu.org.models import Faculty
from edu.regulation.models import ApprovalKind
from edu.regulation.services import approval_submit, guard_instance, maker_checker_enabled
from edu.university.models import (
    Decree,
    DecreeStatus,
    DecreeStudent,
    Student,
    StudentGroup,
    StudentMovement,
    StudentStatus,
)
from edu.university.selectors.scope import DEAN_OFFICE
from edu.university.services.common import check_faculty, check_same_institution, create, delete, require, update
from edu.university.services.people import current_curriculum_semester


@dataclass(frozen=True)
class Effect:
    to_status: str | None  # None: the status stays
    allowed_from: frozenset[str]
    needs_group: bool = False
    promotes: bool = False


S = StudentStatus
EFFECTS: dict[str, Effect] = {
    "11": Effect(S.EXPELLED, frozenset({S.STUDYING, S.ACADEMIC_LEAVE, S.HELD_BACK})),
    "12": Effect(S.ACADEMIC_LEAVE, frozenset({S.STUDYING})),
    "13": Effect(S.HELD_BACK, frozenset({S.STUDYING})),
    "14": Effect(None, frozenset({S.STUDYING}), promotes=True),
    "15": Effect(S.STUDYING, frozenset({S.EXPELLED, S.ACADEMIC_LEAVE, S.HELD_BACK})),
    "16": Effect(None, frozenset({S.STUDYING})),  # a new group here, or another institution (below)
    "17": Effect(S.GRADUATED, frozenset({S.STUDYING})),
    "18": Effect(None, frozenset({S.STUDYING})),
    "19": Effect(None, frozenset({S.STUDYING})),
    "20": Effect(None, frozenset({S.STUDYING})),
    "21": Effect(S.STUDYING, frozenset({S.OTHER, S.STUDYING})),
}


TRANSFER = "16"
ADMISSION = "21"
# `h_expel_reason` 12: "O‘qishni ko‘chirish sababli" — leaving for another institution.
EXPEL_REASON_TRANSFER = "12"


def _check_item(decree: Decree, student: Student, to_group: StudentGroup | None, other_institution: str = "") -> None:
    effect = EFFECTS[decree.decree_type]
    if other_institution and decree.decree_type not in (TRANSFER, ADMISSION):
        raise ApplicationError(
            _("Another institution is named only in a transfer or an admission order."), field="other_institution"
        )
    if decree.decree_type == TRANSFER:
        if to_group is not None and other_institution:
            raise ApplicationError(
                _("Choose either a new group here or another institution, not both."), field="other_institution"
            )
        if to_group is None and not other_institution:
            raise ApplicationError(
                _("Choose the new group, or name the institution the student moves to."), field="to_group"
            )
        if to_group is not None and to_group.pk == student.group_id:
            raise ApplicationError(_("The student is already in this group."), field="to_group")
    if student.institution_id != decree.institution_id or student.faculty_id != decree.faculty_id:
        raise ApplicationError(_("The student is not in this order's faculty."), field="student")
    if student.student_status not in effect.allowed_from:
        raise ApplicationError(
            _("%(student)s: this order does not apply to a student with this status.") % {"student": student},
            field="student",
        )
    if effect.needs_group and to_group is None:
        raise ApplicationError(_("Choose the new group."), field="to_group")
    if to_group is not None:
        if to_group.institution_id != decree.institution_id:
            raise ApplicationError(_("The group belongs to another institution."), field="to_group")
        if to_group.pk == student.group_id and effect.needs_group:
            raise ApplicationError(_("The student is already in this group."), field="to_group")


@transaction.atomic
def decree_create(
    *,
    actor: Actor,
    faculty: Faculty,
    decree_type: str,
    number: str,
    date: dt.date,
    title: str = "",
    items: list[tuple[Student, StudentGroup | None, str]],
    other_institution: str = "",
) -> Decree:
    """A movement order with its students (student, new group, reason code). Saved as a draft.
    `other_institution`: for a transfer out, where the students go; for an admission, where they came from."""
    assignment = require(actor, *DEAN_OFFICE)
    check_same_institution(actor, faculty)
    check_faculty(actor, faculty.pk)
    if decree_type not in EFFECTS:
        raise ApplicationError(_("Unknown order type."), field="decree_type")
    if not items:
        raise ApplicationError(_("Add at least one student."), field="students")
    decree = Decree(
        institution_id=assignment.institution_id,
        faculty=faculty,
        decree_type=decree_type,
        number=number.strip(),
        date=date,
        title=title.strip(),
        created_by=actor.user,
    )
    guard_instance(actor=actor, instance=decree)
    create(decree, actor=actor, duplicate_message=_("An order with this number and date already exists."))
    other_institution = other_institution.strip()
    for student, to_group, reason in items:
        _check_item(decree, student, to_group, other_institution)
        if decree.decree_type == TRANSFER and other_institution:
            reason = EXPEL_REASON_TRANSFER
        create(
            DecreeStudent(
                decree=decree,
                student=student,
                to_group=to_group,
                reason=reason or "",
                other_institution=other_institution,
            ),
            actor=actor,
        )
    return decree


@transaction.atomic
def decree_submit(*, actor: Actor, decree: Decree) -> Decree:
    """Put the order into force: at once, or — with maker–checker on — after another person approves it."""
    require(actor, *DEAN_OFFICE)
    check_same_institution(actor, decree)
    check_faculty(actor, decree.faculty_id)
    decree = Decree.objects.select_for_update().get(pk=decree.pk)
    if decree.status not in (DecreeStatus.DRAFT, DecreeStatus.REJECTED):
        raise ApplicationError(_("This order has already been submitted."))
    guard_instance(actor=actor, instance=decree)
    for item in decree.items.select_related("student", "to_group"):
        _check_item(decree, item.student, item.to_group, item.other_institution)
    before = journal_snapshot(decree)
    if maker_checker_enabled(institution_id=decree.institution_id, kind=ApprovalKind.MOVEMENT_ORDER):
        decree.status = DecreeStatus.PENDING
        update(decree, before=before, actor=actor, fields=["status"])
        approval_submit(
            actor=actor,
            kind=ApprovalKind.MOVEMENT_ORDER,
            instance=decree,
            institution_id=decree.institution_id,
            faculty_id=decree.faculty_id,
            summary=_("%(count)d student(s)") % {"count": decree.items.count()},
        )
        return decree
    return _apply(decree, actor)


@transaction.atomic
def decree_delete(*, actor: Actor, decree: Decree) -> None:
    require(actor, *DEAN_OFFICE)
    check_same_institution(actor, decree)
    check_faculty(actor, decree.faculty_id)
    if decree.status not in (DecreeStatus.DRAFT, DecreeStatus.REJECTED):
        raise ApplicationError(_("Only a draft can be deleted."))
    guard_instance(actor=actor, instance=decree)
    for item in decree.items.all():
        delete(item, actor=actor)
    delete(decree, actor=actor)


def _apply(decree: Decree, actor: Actor | None) -> Decree:
    effect = EFFECTS[decree.decree_type]
    for item in decree.items.select_related("student", "to_group", "student__group"):
        student = Student.objects.select_for_update().get(pk=item.student_id)
        _check_item(decree, student, item.to_group, item.other_institution)
        before = journal_snapshot(student)
        movement = StudentMovement(
            institution_id=student.institution_id,
            faculty_id=student.faculty_id,
            student=student,
            decree=decree,
            decree_type=decree.decree_type,
            order_number=decree.number,
            order_date=decree.date,
            from_status=student.student_status,
            from_group_id=student.group_id,
            from_level=student.level,
            reason=item.reason,
            other_institution=item.other_institution,
        )
        if effect.to_status:
            student.student_status = effect.to_status
        if decree.decree_type == TRANSFER and item.other_institution:
            student.student_status = S.EXPELLED  # leaves this institution for another (expel reason 12)
        if item.to_group is not None:
            group = item.to_group
            student.group = group
            student.faculty_id, student.specialty_id, student.curriculum_id = (
                group.faculty_id,
                group.specialty_id,
                group.curriculum_id,
            )
            semester = current_curriculum_semester(curriculum_id=group.curriculum_id)
            if semester is not None:
                student.level, student.semester = semester.level, semester.code
        if effect.promotes:
            level = min(int(student.level) + 1, 16)
            student.level = str(level)
            student.semester = str(10 + 2 * (level - 10) - 1)  # the first semester of the new course
        update(student, before=before, actor=actor)
        movement.to_status, movement.to_group_id, movement.to_level = (
            student.student_status,
            student.group_id,
            student.level,
        )
        create(movement, actor=actor)
    before = journal_snapshot(decree)
    decree.status = DecreeStatus.APPLIED
    decree.applied_at = timezone.now()
    update(decree, before=before, actor=actor, fields=["status", "applied_at"])
    return decree


def decree_apply_approved(object_id: str, actor: Actor) -> None:
    """Maker–checker: the checker approved the order."""
    decree = Decree.objects.select_for_update().get(pk=int(object_id))
    if decree.status != DecreeStatus.PENDING:
        raise ApplicationError(_("This order is not waiting for approval."))
    _apply(decree, actor)


def decree_reject_approval(object_id: str, actor: Actor) -> None:
    decree = Decree.objects.select_for_update().get(pk=int(object_id))
    before = journal_snapshot(decree)
    decree.status = DecreeStatus.REJECTED
    update(decree, before=before, actor=actor, fields=["status"])
