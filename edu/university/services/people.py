"""Students (dean's office, H2.5) and staff (HR, H2.3): records linked to accounts and roles."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from edu.accounts.models import Gender, User
from edu.accounts.selectors import user_by_phone
from edu.accounts.services import user_create_for_person, user_profile_update
from edu.core.errors import ApplicationError
from edu.core.validators import normalize_passport, normalize_phone, pinfl_birth_date, pinfl_is_male, validate_pinfl
from edu.journal.services import journal_snapshot
from edu.org.actor import Actor
from edu.org.models import Department, RoleAssignment
from edu.org.roles import Role
from edu.org.services import role_assign, role_revoke
from edu.regulation.services import guard_instance
from edu.university.models import (
    CurriculumSemester,
    Employee,
    EmployeeStatus,
    Employment,
    StaffOrder,
    StaffOrderKind,
    Student,
    StudentGroup,
    StudentStatus,
)
from edu.university.selectors.scope import DEAN_OFFICE
from edu.university.services.common import check_faculty, check_same_institution, create, require, update

PERSON_FIELDS = ("surname", "first_name", "patronymic", "birth_date", "gender", "pinfl", "passport", "email")


def person_check(data: dict[str, Any]) -> dict[str, Any]:
    """Normalise and check personal data (PINFL agrees with birth date and sex; passport AA1234567)."""
    clean = dict(data)
    for name in ("surname", "first_name", "patronymic"):
        clean[name] = (clean.get(name) or "").strip()
    if not clean["surname"] or not clean["first_name"]:
        raise ApplicationError(_("Enter the surname and the first name."), field="surname")
    try:
        if clean.get("passport"):
            clean["passport"] = normalize_passport(clean["passport"])
        pinfl = (clean.get("pinfl") or "").strip()
        clean["pinfl"] = pinfl
        if pinfl:
            validate_pinfl(pinfl)
    except ValidationError as exc:
        field = "passport" if exc.code == "passport_format" else "pinfl"
        raise ApplicationError(exc.messages[0], field=field) from None
    if clean["pinfl"]:
        birth, gender = clean.get("birth_date"), clean.get("gender")
        if birth and pinfl_birth_date(clean["pinfl"]) != birth:
            raise ApplicationError(_("The PINFL does not match the date of birth."), field="pinfl")
        if gender and pinfl_is_male(clean["pinfl"]) != (gender == Gender.MALE):
            raise ApplicationError(_("The PINFL does not match the gender."), field="pinfl")
    return clean


def _person_account(*, actor: Actor, phone: str, data: dict[str, Any]) -> User:
    """The account for this phone: opened now, or an existing one that agrees with the data."""
    try:
        phone = normalize_phone(phone)
    except ValidationError as exc:
        raise ApplicationError(exc.messages[0], field="phone") from None
    data = person_check(data)
    user = user_by_phone(phone)
    if user is None:
        return user_create_for_person(
            phone=phone, data={k: v for k, v in data.items() if k in PERSON_FIELDS}, actor=actor
        )
    if user.pinfl and data.get("pinfl") and user.pinfl != data["pinfl"]:
        raise ApplicationError(_("This phone belongs to a person with another PINFL."), field="phone")
    missing = {k: v for k, v in data.items() if k in PERSON_FIELDS and v and not getattr(user, k)}
    if missing:
        user_profile_update(user=user, data=missing, actor=actor)
    return user


def _grant_role(
    *, user: User, role: str, institution_id: int, faculty_id: int | None, department_id: int | None
) -> None:
    exists = RoleAssignment.objects.filter(
        Q(faculty_id=faculty_id, department_id=department_id), user=user, role=role, institution_id=institution_id
    ).exists()
    if not exists:
        department = Department.objects.filter(pk=department_id).first() if department_id else None
        from edu.org.models import Faculty, Institution

        role_assign(
            actor=None,
            user=user,
            role=role,
            institution=Institution.objects.get(pk=institution_id),
            faculty=Faculty.objects.filter(pk=faculty_id).first() if faculty_id else None,
            department=department,
        )


def _revoke_roles(*, user: User, role: str, institution_id: int) -> None:
    for assignment in RoleAssignment.objects.filter(user=user, role=role, institution_id=institution_id):
        role_revoke(actor=None, assignment=assignment)


def current_curriculum_semester(*, curriculum_id: int | None, day: dt.date | None = None) -> CurriculumSemester | None:
    """The curriculum's semester that contains `day` (or the last one started before it)."""
    if curriculum_id is None:
        return None
    day = day or timezone.localdate()
    semesters = CurriculumSemester.objects.filter(curriculum_id=curriculum_id)
    return (
        semesters.filter(start_date__lte=day, end_date__gte=day).first()
        or semesters.filter(start_date__lte=day).order_by("-start_date").first()
        or semesters.order_by("start_date").first()
    )


def next_student_id_number(
    *, institution_code: str, year_of_enter: int, education_type: str, education_form: str
) -> str:
    """university(3) + entry year(2) + education type(1) + form(1) + sequence(5), as HEMIS numbers them."""
    prefix = f"{institution_code[:3]:0>3}{year_of_enter % 100:02d}{int(education_type) - 10}{int(education_form) - 10}"
    last = (
        Student.objects.filter(student_id_number__startswith=prefix)
        .order_by("-student_id_number")
        .values_list("student_id_number", flat=True)
        .first()
    )
    sequence = int(last[len(prefix) :]) + 1 if last and last[len(prefix) :].isdigit() else 1
    return f"{prefix}{sequence:05d}"


STUDENT_FIELDS = (
    "payment_form",
    "student_type",
    "citizenship",
    "country",
    "nationality",
    "province",
    "address",
    "social_category",
    "accommodation",
    "other_phone",
)


@transaction.atomic
def student_create(
    *,
    actor: Actor,
    phone: str,
    person: dict[str, Any],
    group: StudentGroup,
    year_of_enter: int,
    student_id_number: str = "",
    **fields: Any,
) -> Student:
    """Admit a student into a group: an account (opened if new), the student record and the student role."""
    assignment = require(actor, *DEAN_OFFICE)
    check_same_institution(actor, group)
    check_faculty(actor, group.faculty_id)
    user = _person_account(actor=actor, phone=phone, data=person)
    if Student.objects.filter(user=user).exists():
        raise ApplicationError(_("This person is already a student."), field="phone")
    if user.pinfl and Student.objects.filter(user__pinfl=user.pinfl, student_status=StudentStatus.STUDYING).exists():
        raise ApplicationError(_("A studying student already has this PINFL."), field="pinfl")
    curriculum = group.curriculum
    semester = current_curriculum_semester(curriculum_id=group.curriculum_id)
    student = Student(
        institution_id=assignment.institution_id,
        faculty_id=group.faculty_id,
        user=user,
        group=group,
        specialty_id=group.specialty_id,
        curriculum=curriculum,
        education_type=curriculum.education_type,
        education_form=curriculum.education_form,
        education_lang=group.education_lang,
        year_of_enter=year_of_enter,
        level=semester.level if semester else "11",
        semester=semester.code if semester else "11",
        student_id_number=student_id_number.strip()
        or next_student_id_number(
            institution_code=group.institution.code,
            year_of_enter=year_of_enter,
            education_type=curriculum.education_type,
            education_form=curriculum.education_form,
        ),
    )
    for name in STUDENT_FIELDS:
        if fields.get(name) not in (None, ""):
            setattr(student, name, fields[name])
    create(student, actor=actor, duplicate_message=_("This student ID is already taken."))
    _grant_role(
        user=user, role=Role.STUDENT, institution_id=student.institution_id, faculty_id=None, department_id=None
    )
    return student


@transaction.atomic
def student_update(*, actor: Actor, student: Student, person: dict[str, Any], **fields: Any) -> Student:
    """Personal and study data. Group and status change only through movement orders."""
    require(actor, *DEAN_OFFICE)
    check_same_institution(actor, student)
    check_faculty(actor, student.faculty_id)
    data = person_check({**{k: getattr(student.user, k) for k in PERSON_FIELDS}, **person})
    if data.get("pinfl") == "":
        data["pinfl"] = None
    user_profile_update(user=student.user, data={k: data[k] for k in PERSON_FIELDS if k in data}, actor=actor)
    before = journal_snapshot(student)
    for name in STUDENT_FIELDS:
        if name in fields:
            setattr(student, name, fields[name] or "")
    return update(student, before=before, actor=actor)


# --- staff -----------------------------------------------------------------------------------------------------


def _next_employee_id(institution_code: str) -> str:
    prefix = f"{institution_code[:3]:0>3}9"
    last = (
        Employee.objects.filter(employee_id_number__startswith=prefix)
        .order_by("-employee_id_number")
        .values_list("employee_id_number", flat=True)
        .first()
    )
    sequence = int(last[len(prefix) :]) + 1 if last and last[len(prefix) :].isdigit() else 1
    return f"{prefix}{sequence:06d}"


def _order(
    *,
    actor: Actor,
    employee: Employee,
    employment: Employment | None,
    kind: str,
    order_number: str,
    order_date: dt.date,
) -> StaffOrder:
    order = StaffOrder(
        institution_id=employee.institution_id,
        faculty_id=employment.faculty_id if employment else employee.faculty_id,
        department_id=employment.department_id if employment else employee.department_id,
        employee=employee,
        employment=employment,
        kind=kind,
        order_number=order_number.strip(),
        order_date=order_date,
        created_by=actor.user,
    )
    # H2.3: hires, dismissals and position changes within 3 working days of the order (a deadline rule).
    guard_instance(actor=actor, instance=order)
    return create(order, actor=actor)


@transaction.atomic
def employee_hire(
    *,
    actor: Actor,
    phone: str,
    person: dict[str, Any],
    department: Department,
    position: str,
    order_number: str,
    order_date: dt.date,
    employment_form: str = "11",
    employment_staff: str = "11",
    employee_type: str = "12",
    academic_degree: str = "10",
    academic_rank: str = "10",
    contract_number: str = "",
    contract_date: dt.date | None = None,
    employee_id_number: str = "",
) -> Employee:
    """Hire by an order: the account, the employee record, the position, the order; a teacher gets the role."""
    assignment = require(actor, Role.HR)
    check_same_institution(actor, department)
    user = _person_account(actor=actor, phone=phone, data=person)
    employee = Employee.objects.filter(user=user).first()
    if employee is not None and employee.institution_id != assignment.institution_id:
        raise ApplicationError(_("This person works at another institution."), field="phone")
    if employee is not None and employee.employee_status != EmployeeStatus.DISMISSED:
        raise ApplicationError(_("This person already works here; change the position instead."), field="phone")
    if employee is None:
        employee = Employee(
            institution_id=assignment.institution_id,
            user=user,
            employee_id_number=employee_id_number.strip() or _next_employee_id(department.institution.code),
        )
        before = None
    else:
        before = journal_snapshot(employee)
    employee.faculty_id, employee.department = department.faculty_id, department
    employee.employee_type, employee.academic_degree, employee.academic_rank = (
        employee_type,
        academic_degree,
        academic_rank,
    )
    employee.employee_status = EmployeeStatus.WORKING
    if before is None:
        create(employee, actor=actor, duplicate_message=_("This employee ID is already taken."))
    else:
        update(employee, before=before, actor=actor)
    employment = create(
        Employment(
            institution_id=employee.institution_id,
            employee=employee,
            faculty_id=department.faculty_id,
            department=department,
            position=position,
            employment_form=employment_form,
            employment_staff=employment_staff,
            contract_number=contract_number,
            contract_date=contract_date,
            start_date=order_date,
        ),
        actor=actor,
    )
    _order(
        actor=actor,
        employee=employee,
        employment=employment,
        kind=StaffOrderKind.HIRE,
        order_number=order_number,
        order_date=order_date,
    )
    if employee.is_teacher:
        _grant_role(
            user=user,
            role=Role.TEACHER,
            institution_id=employee.institution_id,
            faculty_id=department.faculty_id,
            department_id=department.pk,
        )
    return employee


@transaction.atomic
def employee_dismiss(*, actor: Actor, employee: Employee, order_number: str, order_date: dt.date) -> Employee:
    require(actor, Role.HR)
    check_same_institution(actor, employee)
    if employee.employee_status == EmployeeStatus.DISMISSED:
        raise ApplicationError(_("This person has already been dismissed."))
    _order(
        actor=actor,
        employee=employee,
        employment=None,
        kind=StaffOrderKind.DISMISSAL,
        order_number=order_number,
        order_date=order_date,
    )
    for employment in employee.employments.filter(active=True):
        e_before = journal_snapshot(employment)
        employment.active, employment.end_date = False, max(order_date, employment.start_date)
        update(employment, before=e_before, actor=actor)
    before = journal_snapshot(employee)
    employee.employee_status = EmployeeStatus.DISMISSED
    update(employee, before=before, actor=actor)
    _revoke_roles(user=employee.user, role=Role.TEACHER, institution_id=employee.institution_id)
    return employee


@transaction.atomic
def employee_position_change(
    *,
    actor: Actor,
    employee: Employee,
    department: Department,
    position: str,
    employment_form: str,
    employment_staff: str,
    order_number: str,
    order_date: dt.date,
) -> Employment:
    """A new position (or unit, rate, form) from the order's date; the previous main position ends."""
    require(actor, Role.HR)
    check_same_institution(actor, employee, department)
    if employee.employee_status == EmployeeStatus.DISMISSED:
        raise ApplicationError(_("This person has been dismissed; hire them again instead."))
    current = (
        employee.employments.filter(active=True, employment_form="11").first()
        or employee.employments.filter(active=True).first()
    )
    employment = Employment(
        institution_id=employee.institution_id,
        employee=employee,
        faculty_id=department.faculty_id,
        department=department,
        position=position,
        employment_form=employment_form,
        employment_staff=employment_staff,
        start_date=order_date,
    )
    if current is not None:
        c_before = journal_snapshot(current)
        current.active, current.end_date = False, max(order_date, current.start_date)
        update(current, before=c_before, actor=actor)
    create(employment, actor=actor)
    _order(
        actor=actor,
        employee=employee,
        employment=employment,
        kind=StaffOrderKind.POSITION_CHANGE,
        order_number=order_number,
        order_date=order_date,
    )
    before = journal_snapshot(employee)
    old_department_id = employee.department_id
    employee.department, employee.faculty_id = department, department.faculty_id
    update(employee, before=before, actor=actor)
    if employee.is_teacher and old_department_id != department.pk:
        _revoke_roles(user=employee.user, role=Role.TEACHER, institution_id=employee.institution_id)
        _grant_role(
            user=employee.user,
            role=Role.TEACHER,
            institution_id=employee.institution_id,
            faculty_id=department.faculty_id,
            department_id=department.pk,
        )
    return employment
