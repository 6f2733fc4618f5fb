"""Factories for university records, and `build_world()`: a small university with every kind of record,
in two faculties, plus a second institution — what the scope, deadline and journal tests stand on."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import factory
from django.utils import timezone

from edu.accounts.models import Gender
from edu.accounts.tests.factories import UserFactory
from edu.core.validators import make_pinfl
from edu.org.models import Department, Faculty, Institution, RoleAssignment
from edu.org.roles import ROLE_SCOPES, Role, ScopeLevel
from edu.org.tests.factories import DepartmentFactory, FacultyFactory, InstitutionFactory
from edu.university import models as m
from edu.university.services.settings import institution_defaults_ensure

_seq = itertools.count(1)


def person_user(**kwargs: Any) -> Any:
    n = next(_seq)
    birth = kwargs.pop("birth_date", dt.date(2003, 1 + n % 12, 1 + n % 27))
    male = kwargs.pop("male", n % 2 == 0)
    return UserFactory(
        birth_date=birth,
        gender=Gender.MALE if male else Gender.FEMALE,
        pinfl=make_pinfl(birth_date=birth, male=male, area=100 + n % 800, serial=1 + n % 998),
        surname=kwargs.pop("surname", f"Talaba{n}"),
        **kwargs,
    )


class SpecialtyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Specialty

    faculty = factory.SubFactory(FacultyFactory)
    institution = factory.SelfAttribute("faculty.institution")
    code = factory.Sequence(lambda n: f"6061{n:04d}")
    name = factory.Sequence(lambda n: f"Yo‘nalish {n}")
    education_type = "11"


class SubjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Subject

    department = factory.SubFactory(DepartmentFactory)
    institution = factory.SelfAttribute("department.institution")
    code = factory.Sequence(lambda n: f"S{n:04d}")
    name = factory.Sequence(lambda n: f"Fan {n}")


def year_of(institution: Institution, code: int, current: bool = False) -> m.EducationYear:
    year, _ = m.EducationYear.objects.get_or_create(institution=institution, code=code, defaults={"current": current})
    return year


def curriculum_for(specialty: m.Specialty, *, entry_year: int, system_code: str = "13") -> m.Curriculum:
    """A curriculum with 8 semesters laid out from `entry_year` (dates as the service lays them out)."""
    from edu.university.services.study import semester_dates

    institution = specialty.institution
    institution_defaults_ensure(institution_id=institution.pk)
    system = m.MarkingSystem.objects.get(institution=institution, code=system_code)
    curriculum = m.Curriculum.objects.create(
        institution=institution,
        faculty=specialty.faculty,
        specialty=specialty,
        education_year=year_of(institution, entry_year),
        marking_system=system,
        name=f"{specialty.name} {entry_year}",
        semester_count=8,
    )
    for n in range(1, 9):
        year = year_of(institution, entry_year + (n - 1) // 2)
        start, end = semester_dates(institution.pk, year, autumn=n % 2 == 1)
        m.CurriculumSemester.objects.create(
            institution=institution,
            curriculum=curriculum,
            code=str(10 + n),
            level=str(10 + (n + 1) // 2),
            education_year=year,
            start_date=start,
            end_date=end,
        )
    return curriculum


def add_subject(
    curriculum: m.Curriculum,
    subject: m.Subject,
    *,
    semester: str,
    credit: str = "6",
    hours: dict[str, int] | None = None,
    max_balls: dict[str, str] | None = None,
    subject_type: str = "11",
    rating_grade: str = "11",
    capacity: int | None = None,
    block: str = "",
) -> m.CurriculumSubject:
    item = m.CurriculumSubject.objects.create(
        institution=curriculum.institution,
        faculty=curriculum.faculty,
        department=subject.department,
        curriculum=curriculum,
        subject=subject,
        semester=semester,
        subject_type=subject_type,
        credit=Decimal(credit),
        rating_grade=rating_grade,
        elective_block=block or ("1" if subject_type == "12" else ""),
        capacity=capacity,
    )
    for training_type, load in (hours or {"11": 30, "13": 30}).items():
        m.CurriculumSubjectDetail.objects.create(
            curriculum_subject=item, training_type=training_type, academic_load=load
        )
    for exam_type, max_ball in (max_balls or {"11": "30", "12": "20", "13": "50"}).items():
        m.CurriculumSubjectExamType.objects.create(
            curriculum_subject=item, exam_type=exam_type, max_ball=Decimal(max_ball)
        )
    return item


def group_for(curriculum: m.Curriculum, name: str | None = None) -> m.StudentGroup:
    return m.StudentGroup.objects.create(
        institution=curriculum.institution,
        faculty=curriculum.faculty,
        specialty=curriculum.specialty,
        curriculum=curriculum,
        name=name or f"G-{next(_seq)}",
    )


def student_in(group: m.StudentGroup, *, user: Any = None, semester: str = "11", level: str = "11") -> m.Student:
    user = user or person_user()
    student = m.Student.objects.create(
        institution=group.institution,
        faculty=group.faculty,
        user=user,
        student_id_number=f"{group.institution.code[:3]:0>3}{next(_seq):09d}",
        group=group,
        specialty=group.specialty,
        curriculum=group.curriculum,
        year_of_enter=group.curriculum.education_year.code,
        semester=semester,
        level=level,
    )
    RoleAssignment.objects.get_or_create(user=user, role=Role.STUDENT, institution=group.institution)
    return student


def employee_in(department: Department, *, user: Any = None, teacher: bool = True) -> m.Employee:
    user = user or person_user(birth_date=dt.date(1980, 3, 3))
    employee = m.Employee.objects.create(
        institution=department.institution,
        faculty=department.faculty,
        department=department,
        user=user,
        employee_id_number=f"E{next(_seq):08d}",
        employee_type="12" if teacher else "11",
    )
    m.Employment.objects.create(
        institution=department.institution,
        employee=employee,
        faculty=department.faculty,
        department=department,
        position="13",
        start_date=dt.date(2020, 9, 1),
    )
    if teacher:
        RoleAssignment.objects.get_or_create(
            user=user,
            role=Role.TEACHER,
            institution=department.institution,
            faculty=department.faculty,
            department=department,
        )
    return employee


def assign(
    item: m.CurriculumSubject, group: m.StudentGroup, employee: m.Employee, training_type: str = "13"
) -> m.TeachingAssignment:
    return m.TeachingAssignment.objects.create(
        institution=group.institution,
        faculty=group.faculty,
        department=item.department,
        curriculum_subject=item,
        group=group,
        training_type=training_type,
        employee=employee,
    )


def lesson_of(
    assignment: m.TeachingAssignment, day: dt.date, pair_code: str = "11", auditorium: Any = None
) -> m.Lesson:
    pair = m.LessonPair.objects.get(institution=assignment.institution, code=pair_code)
    return m.Lesson.objects.create(
        institution=assignment.institution,
        faculty=assignment.faculty,
        department=assignment.department,
        assignment=assignment,
        group=assignment.group,
        curriculum_subject=assignment.curriculum_subject,
        training_type=assignment.training_type,
        employee=assignment.employee,
        auditorium=auditorium,
        lesson_pair=pair,
        lesson_date=day,
    )


def role(
    user: Any,
    role_name: str,
    *,
    institution: Institution,
    faculty: Faculty | None = None,
    department: Department | None = None,
) -> RoleAssignment:
    levels = ROLE_SCOPES[role_name]
    if department is not None and ScopeLevel.DEPARTMENT in levels:
        return RoleAssignment.objects.create(
            user=user, role=role_name, institution=institution, faculty=department.faculty, department=department
        )
    if faculty is not None and ScopeLevel.FACULTY in levels:
        return RoleAssignment.objects.create(user=user, role=role_name, institution=institution, faculty=faculty)
    return RoleAssignment.objects.create(user=user, role=role_name, institution=institution)


@dataclass
class Side:
    """One faculty's worth of records."""

    faculty: Faculty
    department: Department
    specialty: m.Specialty
    curriculum: m.Curriculum
    subject: m.CurriculumSubject
    group: m.StudentGroup
    student: m.Student
    teacher: m.Employee
    assignment: m.TeachingAssignment
    lesson: m.Lesson
    decree: m.Decree


@dataclass
class World:
    institution: Institution
    other_institution: Institution
    a: Side
    b: Side  # another faculty of the same institution
    c: Side  # a faculty of the other institution
    actors: dict[str, RoleAssignment] = field(default_factory=dict)


def _side(institution: Institution, entry_year: int, today: dt.date) -> Side:
    faculty = FacultyFactory(institution=institution)
    department = DepartmentFactory(faculty=faculty, institution=institution)
    specialty = SpecialtyFactory(faculty=faculty, institution=institution)
    curriculum = curriculum_for(specialty, entry_year=entry_year)
    semester = (
        m.CurriculumSemester.objects.filter(curriculum=curriculum, start_date__lte=today)
        .order_by("-start_date")
        .first()
    )
    code = semester.code if semester else "11"
    subject = add_subject(curriculum, SubjectFactory(department=department, institution=institution), semester=code)
    group = group_for(curriculum)
    student = student_in(group, semester=code)
    teacher = employee_in(department)
    assignment = assign(subject, group, teacher)
    lesson = lesson_of(assignment, today)
    decree = m.Decree.objects.create(
        institution=institution,
        faculty=faculty,
        decree_type="12",
        number=f"D-{next(_seq)}",
        date=today,
        created_by=teacher.user,
    )
    m.DecreeStudent.objects.create(decree=decree, student=student)
    return Side(
        faculty, department, specialty, curriculum, subject, group, student, teacher, assignment, lesson, decree
    )


def build_world(*, with_actors: bool = True) -> World:
    today = timezone.localdate()
    entry_year = today.year if today.month >= 9 else today.year - 1
    institution = InstitutionFactory()
    other = InstitutionFactory()
    world = World(
        institution,
        other,
        _side(institution, entry_year, today),
        _side(institution, entry_year, today),
        _side(other, entry_year, today),
    )
    if with_actors:
        for role_name in Role.values:
            if role_name == Role.SUPER_ADMIN:
                world.actors[role_name] = RoleAssignment.objects.create(
                    user=person_user(birth_date=dt.date(1975, 5, 5)), role=role_name, institution=institution
                )
                continue
            if role_name == Role.STUDENT:
                world.actors[role_name] = RoleAssignment.objects.get(user=world.a.student.user, role=Role.STUDENT)
                continue
            if role_name == Role.TEACHER:
                world.actors[role_name] = RoleAssignment.objects.get(user=world.a.teacher.user, role=Role.TEACHER)
                continue
            world.actors[role_name] = role(
                person_user(birth_date=dt.date(1975, 5, 5)),
                role_name,
                institution=institution,
                faculty=world.a.faculty if role_name == Role.DEAN else None,
                department=world.a.department,
            )
    return world
