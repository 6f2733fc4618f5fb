from __future__ import annotations

import factory

from edu.accounts.tests.factories import UserFactory
from edu.org.models import Department, Faculty, Institution, RoleAssignment


class InstitutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Institution

    name = factory.Sequence(lambda n: f"Universitet {n}")
    code = factory.Sequence(lambda n: f"{300 + n}")


class FacultyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Faculty

    institution = factory.SubFactory(InstitutionFactory)
    name = factory.Sequence(lambda n: f"Fakultet {n}")
    code = factory.Sequence(lambda n: f"F{n}")


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department

    faculty = factory.SubFactory(FacultyFactory)
    institution = factory.SelfAttribute("faculty.institution")
    name = factory.Sequence(lambda n: f"Kafedra {n}")
    code = factory.Sequence(lambda n: f"K{n}")


class RoleAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleAssignment

    user = factory.SubFactory(UserFactory)
    role = "teacher"
    institution = factory.LazyAttribute(
        lambda a: (
            a.department.institution if a.department else a.faculty.institution if a.faculty else InstitutionFactory()
        )
    )
    faculty = factory.LazyAttribute(lambda a: a.department.faculty if a.department else None)
    department = None
