"""Scope is security: outside the active role's scope a record answers 404, like a missing one."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from edu.accounts.tests.factories import UserFactory
from edu.journal.models import JournalEntry
from edu.org import services
from edu.org.middleware import ACTIVE_ROLE_SESSION_KEY
from edu.org.models import RoleAssignment
from edu.org.roles import Role
from edu.org.tests.factories import DepartmentFactory, FacultyFactory, InstitutionFactory, RoleAssignmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    """Two institutions; the first with two faculties, each with a department."""
    inst_a, inst_b = InstitutionFactory(), InstitutionFactory()
    fac_a1 = FacultyFactory(institution=inst_a)
    fac_a2 = FacultyFactory(institution=inst_a)
    fac_b1 = FacultyFactory(institution=inst_b)
    dep_a1 = DepartmentFactory(faculty=fac_a1)
    dep_a2 = DepartmentFactory(faculty=fac_a2)
    dep_b1 = DepartmentFactory(faculty=fac_b1)
    admin_a = RoleAssignmentFactory(role=Role.SUPER_ADMIN, institution=inst_a, faculty=None)
    admin_b = RoleAssignmentFactory(role=Role.SUPER_ADMIN, institution=inst_b, faculty=None)
    dean_a1 = RoleAssignmentFactory(role=Role.DEAN, faculty=fac_a1)
    teacher_a1 = RoleAssignmentFactory(role=Role.TEACHER, department=dep_a1)
    return {
        "inst_a": inst_a,
        "inst_b": inst_b,
        "fac_a1": fac_a1,
        "fac_a2": fac_a2,
        "fac_b1": fac_b1,
        "dep_a1": dep_a1,
        "dep_a2": dep_a2,
        "dep_b1": dep_b1,
        "admin_a": admin_a,
        "admin_b": admin_b,
        "dean_a1": dean_a1,
        "teacher_a1": teacher_a1,
    }


def act_as(client, assignment):
    client.force_login(assignment.user)
    session = client.session
    session[ACTIVE_ROLE_SESSION_KEY] = assignment.pk
    session.save()


# (who, url name, object, expected status)
CASES = [
    ("admin_a", "org:faculty", "fac_a1", 200),
    ("admin_a", "org:faculty", "fac_a2", 200),
    ("admin_a", "org:faculty", "fac_b1", 404),
    ("admin_a", "org:department", "dep_a2", 200),
    ("admin_a", "org:department", "dep_b1", 404),
    ("admin_b", "org:faculty", "fac_a1", 404),
    ("admin_b", "org:faculty", "fac_b1", 200),
    ("dean_a1", "org:faculty", "fac_a1", 200),
    ("dean_a1", "org:faculty", "fac_a2", 404),
    ("dean_a1", "org:faculty", "fac_b1", 404),
    ("dean_a1", "org:department", "dep_a1", 200),
    ("dean_a1", "org:department", "dep_a2", 404),
    ("teacher_a1", "org:department", "dep_a1", 200),
    ("teacher_a1", "org:department", "dep_a2", 404),
    ("teacher_a1", "org:faculty", "fac_a1", 200),
    ("teacher_a1", "org:faculty", "fac_a2", 404),
]


@pytest.mark.parametrize(("who", "url", "obj", "status"), CASES)
def test_structure_pages_are_scoped(client, world, who, url, obj, status):
    act_as(client, world[who])
    assert client.get(reverse(url, args=[world[obj].pk])).status_code == status


def test_missing_and_foreign_records_look_the_same(client, world):
    act_as(client, world["dean_a1"])
    missing = client.get(reverse("org:faculty", args=[999999]))
    foreign = client.get(reverse("org:faculty", args=[world["fac_b1"].pk]))
    assert missing.status_code == foreign.status_code == 404


def test_structure_list_shows_only_the_scope(client, world):
    act_as(client, world["dean_a1"])
    body = client.get(reverse("org:structure")).content.decode()
    assert world["fac_a1"].name in body and world["dep_a1"].name in body
    assert world["fac_a2"].name not in body and world["fac_b1"].name not in body


def test_roles_page_only_for_super_admin_and_only_own_institution(client, world):
    act_as(client, world["dean_a1"])
    assert client.get(reverse("org:roles")).status_code == 404
    act_as(client, world["admin_a"])
    body = client.get(reverse("org:roles")).content.decode()
    assert world["dean_a1"].user.phone_display in body
    assert world["admin_b"].user.phone_display not in body
    # Revoking another institution's role: 404, nothing removed
    response = client.post(reverse("org:role_revoke", args=[world["admin_b"].pk]))
    assert response.status_code == 404
    assert RoleAssignment.objects.filter(pk=world["admin_b"].pk).exists()


def test_super_admin_assigns_and_revokes_roles_in_scope(client, world):
    person = UserFactory()
    act_as(client, world["admin_a"])
    response = client.post(
        reverse("org:roles"), {"phone": person.phone, "role": Role.TEACHER, "department": world["dep_a2"].pk}
    )
    assert response.status_code == 302
    assignment = RoleAssignment.objects.get(user=person)
    assert assignment.faculty == world["fac_a2"] and assignment.department == world["dep_a2"]
    # A department of another institution is not even offered
    response = client.post(
        reverse("org:roles"), {"phone": person.phone, "role": Role.TEACHER, "department": world["dep_b1"].pk}
    )
    assert response.status_code == 200
    assert RoleAssignment.objects.filter(user=person).count() == 1
    # A role held at the wrong level is refused with a message
    response = client.post(
        reverse("org:roles"), {"phone": person.phone, "role": Role.HR, "faculty": world["fac_a1"].pk}
    )
    assert response.status_code == 200
    assert RoleAssignment.objects.filter(user=person).count() == 1
    client.post(reverse("org:role_revoke", args=[assignment.pk]))
    assert not RoleAssignment.objects.filter(user=person).exists()
    assert JournalEntry.objects.filter(object_id=str(assignment.pk), action="delete").exists()


def test_exactly_one_super_admin_per_institution_is_a_database_rule(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleAssignment.objects.create(user=UserFactory(), role=Role.SUPER_ADMIN, institution=world["inst_a"])


def test_super_admin_role_is_handed_over_not_duplicated(world):
    newcomer = UserFactory()
    services.super_admin_transfer(actor=None, institution=world["inst_a"], new_user=newcomer)
    admins = RoleAssignment.objects.filter(institution=world["inst_a"], role=Role.SUPER_ADMIN)
    assert [a.user for a in admins] == [newcomer]


def test_user_switches_between_roles(client, world):
    user = world["dean_a1"].user
    teacher = RoleAssignmentFactory(user=user, role=Role.TEACHER, department=world["dep_a2"])
    act_as(client, world["dean_a1"])
    assert client.get(reverse("org:department", args=[world["dep_a2"].pk])).status_code == 404
    client.post(reverse("org:role_switch"), {"assignment": teacher.pk})
    assert client.get(reverse("org:department", args=[world["dep_a2"].pk])).status_code == 200
    # Someone else's assignment cannot be switched to
    client.post(reverse("org:role_switch"), {"assignment": world["admin_a"].pk})
    assert client.get(reverse("org:roles")).status_code == 404


def test_admin_is_limited_to_own_institution(client, world):
    act_as(client, world["admin_a"])
    changelist = client.get(reverse("admin:org_faculty_changelist"))
    assert changelist.status_code == 200
    body = changelist.content.decode()
    assert world["fac_a1"].name in body and world["fac_b1"].name not in body
    foreign = client.get(reverse("admin:org_faculty_change", args=[world["fac_b1"].pk]))
    assert foreign.status_code in (302, 404)
    # A dean cannot enter the admin at all
    act_as(client, world["dean_a1"])
    assert client.get(reverse("admin:index")).status_code == 302


def test_admin_changes_are_journaled(client, world):
    act_as(client, world["admin_a"])
    faculty = world["fac_a1"]
    response = client.post(
        reverse("admin:org_faculty_change", args=[faculty.pk]),
        {
            "name": "Yangi nom",
            "code": faculty.code,
            "structure_type": faculty.structure_type,
            "locality_type": faculty.locality_type,
            "active": "on",
        },
    )
    assert response.status_code == 302
    entry = JournalEntry.objects.get(object_id=str(faculty.pk), action="update", content_type__model="faculty")
    assert entry.before == {"name": faculty.name} and entry.after == {"name": "Yangi nom"}
    assert entry.institution_id == world["inst_a"].pk
