"""Choosing elective subjects inside the window (individual learning trajectory, H2.13, H5.3).

Capacity holds under concurrent choices: the place is taken by one conditional UPDATE
(`chosen_count < capacity`), which the database applies atomically, and a CHECK constraint
(`chosen_count <= capacity`) stands behind it.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from edu.core.errors import ApplicationError
from edu.journal.services import journal_create, journal_delete
from edu.org.actor import Actor
from edu.org.roles import Role
from edu.university.models import CurriculumSubject, ElectiveChoice, ElectiveWindow, Student, StudentStatus
from edu.university.services.common import require


def _window(student: Student, subject: CurriculumSubject) -> ElectiveWindow:
    if student.curriculum_id != subject.curriculum_id or not subject.is_elective:
        raise ApplicationError(_("This subject is not an elective of your curriculum."))
    window = ElectiveWindow.objects.filter(curriculum_id=subject.curriculum_id, semester=subject.semester).first()
    now = timezone.now()
    if window is None or not window.opens_at <= now <= window.closes_at:
        raise ApplicationError(_("The choice of electives is closed."))
    return window


def _own_student(actor: Actor, student: Student) -> None:
    require(actor, Role.STUDENT)
    if student.user_id != actor.user.pk:
        raise ApplicationError(_("This is another student's record."))
    if student.student_status != StudentStatus.STUDYING:
        raise ApplicationError(_("Only a studying student chooses electives."))


@transaction.atomic
def elective_choose(*, actor: Actor, student: Student, subject: CurriculumSubject) -> ElectiveChoice:
    _own_student(actor, student)
    _window(student, subject)
    if ElectiveChoice.objects.filter(
        student=student, semester=subject.semester, elective_block=subject.elective_block
    ).exists():
        raise ApplicationError(_("You have already chosen a subject in this block; cancel it first."))
    taken = (
        CurriculumSubject.objects.filter(pk=subject.pk)
        .filter(Q(capacity__isnull=True) | Q(chosen_count__lt=F("capacity")))
        .update(chosen_count=F("chosen_count") + 1)
    )
    if not taken:
        raise ApplicationError(_("No places are left in this subject."))
    choice = ElectiveChoice(
        institution_id=student.institution_id,
        student=student,
        curriculum_subject=subject,
        semester=subject.semester,
        elective_block=subject.elective_block,
    )
    try:
        with transaction.atomic():
            choice.save()
    except IntegrityError:
        raise ApplicationError(_("You have already chosen a subject in this block; cancel it first.")) from None
    journal_create(instance=choice, actor=actor)
    return choice


@transaction.atomic
def elective_cancel(*, actor: Actor, student: Student, subject: CurriculumSubject) -> None:
    _own_student(actor, student)
    _window(student, subject)
    choice = ElectiveChoice.objects.select_for_update().filter(student=student, curriculum_subject=subject).first()
    if choice is None:
        raise ApplicationError(_("You have not chosen this subject."))
    journal_delete(instance=choice, actor=actor)
    choice.delete()
    CurriculumSubject.objects.filter(pk=subject.pk, chosen_count__gt=0).update(chosen_count=F("chosen_count") - 1)
