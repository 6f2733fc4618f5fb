"""The dean's office plans studies: specialties, subject catalogue, curricula, electives, groups (SPEC H2.5)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from edu.core.errors import ApplicationError
from edu.journal.services import journal_snapshot
from edu.org.actor import Actor
from edu.org.models import Department, Faculty
from edu.org.roles import Role
from edu.university.models import (
    Curriculum,
    CurriculumSemester,
    CurriculumSubject,
    CurriculumSubjectDetail,
    CurriculumSubjectExamType,
    EducationYear,
    ElectiveWindow,
    ExamTypeWeight,
    MarkingSystem,
    Specialty,
    StudentGroup,
    Subject,
    Term,
)
from edu.university.selectors.scope import DEAN_OFFICE
from edu.university.services.common import check_faculty, check_same_institution, create, delete, require, update


def _dean(actor: Actor, faculty: Faculty | None = None) -> int:
    assignment = require(actor, *DEAN_OFFICE)
    if faculty is not None:
        check_same_institution(actor, faculty)
        check_faculty(actor, faculty.pk)
    return assignment.institution_id


@transaction.atomic
def specialty_create(
    *, actor: Actor, faculty: Faculty, code: str, name: str, education_type: str, qualification: str = ""
) -> Specialty:
    institution_id = _dean(actor, faculty)
    specialty = Specialty(
        institution_id=institution_id,
        faculty=faculty,
        code=code.strip(),
        name=name.strip(),
        education_type=education_type,
        qualification=qualification.strip(),
    )
    return create(specialty, actor=actor, duplicate_message=_("A specialty with this code already exists."))


@transaction.atomic
def subject_create(*, actor: Actor, department: Department, code: str, name: str) -> Subject:
    assignment = require(actor, Role.DEAN, Role.ACADEMIC_OFFICE, Role.HEAD_OF_DEPARTMENT)
    check_same_institution(actor, department)
    if assignment.role == Role.HEAD_OF_DEPARTMENT and department.pk != assignment.department_id:
        raise ApplicationError(_("This belongs to another department."), field="department")
    subject = Subject(institution_id=assignment.institution_id, department=department, code=code.strip(), name=name)
    return create(subject, actor=actor, duplicate_message=_("A subject with this code already exists."))


def _year(institution_id: int, code: int, actor: Actor) -> EducationYear:
    year = EducationYear.objects.filter(institution_id=institution_id, code=code).first()
    if year is None:
        year = create(EducationYear(institution_id=institution_id, code=code), actor=actor)
    return year


def semester_dates(institution_id: int, year: EducationYear, autumn: bool) -> tuple[dt.date, dt.date]:
    """The dates of the institution's term, or the usual ones (2 Sep – 25 Jan, 1 Feb – 30 Jun)."""
    term = Term.objects.filter(education_year=year, semester_type="11" if autumn else "12").first()
    if term is not None:
        return term.start_date, term.end_date
    if autumn:
        return dt.date(year.code, 9, 2), dt.date(year.code + 1, 1, 25)
    return dt.date(year.code + 1, 2, 1), dt.date(year.code + 1, 6, 30)


@transaction.atomic
def curriculum_create(
    *,
    actor: Actor,
    specialty: Specialty,
    education_year: EducationYear,
    education_form: str,
    marking_system: MarkingSystem,
    name: str,
    semester_count: int,
) -> Curriculum:
    """A curriculum with its semesters laid out over the years (semester n → course ⌈n/2⌉)."""
    institution_id = _dean(actor, specialty.faculty)
    check_same_institution(actor, education_year, marking_system)
    curriculum = Curriculum(
        institution_id=institution_id,
        faculty_id=specialty.faculty_id,
        specialty=specialty,
        education_year=education_year,
        education_type=specialty.education_type,
        education_form=education_form,
        marking_system=marking_system,
        name=name.strip(),
        semester_count=semester_count,
    )
    create(
        curriculum, actor=actor, duplicate_message=_("This specialty already has a curriculum for this year and form.")
    )
    for n in range(1, semester_count + 1):
        year = _year(institution_id, education_year.code + (n - 1) // 2, actor)
        start, end = semester_dates(institution_id, year, autumn=n % 2 == 1)
        semester = CurriculumSemester(
            institution_id=institution_id,
            curriculum=curriculum,
            code=str(10 + n),
            level=str(10 + (n + 1) // 2),
            education_year=year,
            start_date=start,
            end_date=end,
        )
        create(semester, actor=actor)
    return curriculum


@transaction.atomic
def curriculum_subject_create(
    *,
    actor: Actor,
    curriculum: Curriculum,
    subject: Subject,
    semester: str,
    credit: Decimal,
    hours: dict[str, int],
    subject_type: str = "11",
    rating_grade: str = "11",
    exam_finish: str = "11",
    elective_block: str = "",
    capacity: int | None = None,
    max_balls: dict[str, Decimal] | None = None,
) -> CurriculumSubject:
    """Add a subject to a semester with hours per training type and maximum points per assessment type
    (the institution's default weights unless given)."""
    institution_id = _dean(actor, curriculum.faculty)
    check_same_institution(actor, subject)
    if not curriculum.semesters.filter(code=semester).exists():
        raise ApplicationError(_("The curriculum has no such semester."), field="semester")
    if subject_type == "12" and not elective_block:
        elective_block = "1"
    if subject_type != "12":
        elective_block, capacity = "", None
    hours = {k: v for k, v in hours.items() if v}
    item = CurriculumSubject(
        institution_id=institution_id,
        faculty_id=curriculum.faculty_id,
        department_id=subject.department_id,
        curriculum=curriculum,
        subject=subject,
        semester=semester,
        subject_type=subject_type,
        credit=credit,
        total_acload=sum(hours.values()),
        rating_grade=rating_grade,
        exam_finish=exam_finish,
        elective_block=elective_block,
        capacity=capacity,
        position=curriculum.subjects.filter(semester=semester).count() + 1,
    )
    create(item, actor=actor, duplicate_message=_("This subject is already in this semester."))
    for training_type, load in hours.items():
        create(
            CurriculumSubjectDetail(curriculum_subject=item, training_type=training_type, academic_load=load),
            actor=actor,
        )
    if max_balls is None:
        max_balls = dict(
            ExamTypeWeight.objects.filter(institution_id=institution_id).values_list("exam_type", "max_ball")
        )
    for exam_type, max_ball in max_balls.items():
        if max_ball:
            create(
                CurriculumSubjectExamType(curriculum_subject=item, exam_type=exam_type, max_ball=max_ball), actor=actor
            )
    return item


@transaction.atomic
def curriculum_subject_delete(*, actor: Actor, item: CurriculumSubject) -> None:
    _dean(actor, item.faculty)
    if item.assignments.exists():
        raise ApplicationError(_("Teachers are already assigned to this subject."))
    delete(item, actor=actor)


@transaction.atomic
def elective_window_set(
    *, actor: Actor, curriculum: Curriculum, semester: str, opens_at: dt.datetime, closes_at: dt.datetime
) -> ElectiveWindow:
    institution_id = _dean(actor, curriculum.faculty)
    if opens_at >= closes_at:
        raise ApplicationError(_("The window closes before it opens."), field="closes_at")
    if not curriculum.subjects.filter(semester=semester, subject_type="12").exists():
        raise ApplicationError(_("This semester has no elective subjects."), field="semester")
    window = ElectiveWindow.objects.filter(curriculum=curriculum, semester=semester).first()
    if window is None:
        window = ElectiveWindow(
            institution_id=institution_id,
            faculty_id=curriculum.faculty_id,
            curriculum=curriculum,
            semester=semester,
            opens_at=opens_at,
            closes_at=closes_at,
        )
        return create(window, actor=actor)
    before = journal_snapshot(window)
    window.opens_at, window.closes_at = opens_at, closes_at
    return update(window, before=before, actor=actor)


@transaction.atomic
def group_create(*, actor: Actor, curriculum: Curriculum, name: str, education_lang: str) -> StudentGroup:
    institution_id = _dean(actor, curriculum.faculty)
    group = StudentGroup(
        institution_id=institution_id,
        faculty_id=curriculum.faculty_id,
        specialty_id=curriculum.specialty_id,
        curriculum=curriculum,
        name=name.strip(),
        education_lang=education_lang,
    )
    return create(group, actor=actor, duplicate_message=_("A group with this name already exists."))


@transaction.atomic
def group_update(*, actor: Actor, group: StudentGroup, name: str, education_lang: str, active: bool) -> StudentGroup:
    _dean(actor, group.faculty)
    before = journal_snapshot(group)
    group.name, group.education_lang, group.active = name.strip(), education_lang, active
    return update(group, before=before, actor=actor)
