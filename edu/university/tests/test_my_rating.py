"""A teacher's own rating (H2.4): the points per criterion and year with their totals, the criteria not yet
entered, the work entries by kind and status — and never another teacher's."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from edu.org.models import RoleAssignment
from edu.org.roles import Role
from edu.university.models import RatingCriterion, RatingScore, TeacherWork, WorkStatus
from edu.university.tests.conftest import act_as
from edu.university.tests.factories import build_world, year_of

pytestmark = pytest.mark.django_db


def _criterion(world, year, name: str, max_points: int, target: str = "teacher") -> RatingCriterion:  # type: ignore[no-untyped-def]
    return RatingCriterion.objects.create(
        institution=world.institution, education_year=year, target=target, name=name, max_points=max_points
    )


def _score(criterion: RatingCriterion, employee, points: str) -> RatingScore:  # type: ignore[no-untyped-def]
    return RatingScore.objects.create(
        institution=criterion.institution, criterion=criterion, employee=employee, points=Decimal(points)
    )


def _work(teacher, title: str, year: int, kind: str, status: str, comment: str = "") -> TeacherWork:  # type: ignore[no-untyped-def]
    return TeacherWork.objects.create(
        institution_id=teacher.institution_id,
        faculty_id=teacher.faculty_id,
        department_id=teacher.department_id,
        employee=teacher,
        kind=kind,
        title=title,
        year=year,
        hours=Decimal("1.5"),
        status=status,
        comment=comment,
    )


@pytest.fixture
def world():  # type: ignore[no-untyped-def]
    world = build_world()
    this = world.a.curriculum.education_year
    last = year_of(world.institution, this.code - 1)
    articles = _criterion(world, this, "Maqolalar", 10)
    textbooks = _criterion(world, this, "Darsliklar", 20)
    projects = _criterion(world, last, "Ilmiy loyihalar", 15)
    grants = _criterion(world, this, "Kafedra grantlari", 30, target="department")
    a, b = world.a.teacher, world.b.teacher
    _score(articles, a, "8")
    _score(projects, a, "12.5")
    _score(textbooks, b, "19")  # another teacher's points
    RatingScore.objects.create(
        institution=world.institution, criterion=grants, department=world.a.department, points=Decimal("25")
    )
    _work(a, "Uslubiy qo'llanma", this.code, "methodological", WorkStatus.APPROVED)
    _work(a, "Maqola Scopus", this.code, "research", WorkStatus.APPROVED)
    _work(a, "Tezis", this.code, "research", WorkStatus.REJECTED, comment="Tasdiqlovchi hujjat yo'q")
    _work(a, "Darslik qo'lyozmasi", this.code, "methodological", WorkStatus.PENDING)
    _work(b, "Boshqa o'qituvchining maqolasi", this.code, "research", WorkStatus.APPROVED)
    world.this, world.last = this, last
    return world


def test_teacher_sees_own_points_totals_per_year_and_the_status_of_their_work(
    client, world, django_assert_max_num_queries
):
    a = world.a
    act_as(client, world.actors[Role.TEACHER])
    client.cookies["lang"] = "en"
    # The teacher finds "My rating" in the cabinet and in the top bar.
    home = client.get("/").content.decode()
    assert home.count(f'href="{reverse("university:my_rating")}"') >= 2
    with django_assert_max_num_queries(25):
        response = client.get(reverse("university:my_rating"))
    assert response.status_code == 200
    this, last = response.context["years"]
    # This year: both teacher criteria, one not entered yet; the department's criterion is not the teacher's.
    assert this.code == world.this.code
    assert [(p.criterion.name, p.points) for p in this.points] == [("Darsliklar", None), ("Maqolalar", Decimal("8"))]
    assert (this.total, this.max_total) == (Decimal("8"), Decimal("30"))
    assert [(w.kind, w.approved, w.approved_hours, w.pending, w.rejected) for w in this.works] == [
        ("methodological", 1, Decimal("1.5"), 1, 0),
        ("research", 1, Decimal("1.5"), 0, 1),
    ]
    assert this.approved_works == 2
    assert (last.code, last.total, last.max_total) == (world.last.code, Decimal("12.5"), Decimal("15"))
    page = response.content.decode()
    assert "8.0 of 30.0 points" in page and "12.5 of 15.0 points" in page
    assert "Not entered yet" in page
    # Every own entry with its status and the head's comment; nothing of the other teacher's.
    assert [w.employee_id for w in response.context["page"]] == [a.teacher.pk] * 4
    assert "Tasdiqlovchi hujjat yo&#x27;q" in page and "Waiting for approval" in page
    assert "Boshqa o&#x27;qituvchining" not in page and "19.0" not in page
    assert "Kafedra grantlari" not in page
    # The same page through the teacher's staff card: their own opens, another teacher's is 404.
    assert client.get(reverse("university:employee_rating", args=[a.teacher.pk])).status_code == 200
    for other in (world.b.teacher, world.c.teacher):
        assert client.get(reverse("university:employee_rating", args=[other.pk])).status_code == 404


def test_the_other_teacher_sees_only_their_own_rating(client, world):
    act_as(client, RoleAssignment.objects.get(user=world.b.teacher.user, role=Role.TEACHER))
    response = client.get(reverse("university:my_rating"))
    this = response.context["years"][0]
    assert [(p.criterion.name, p.points) for p in this.points] == [("Darsliklar", Decimal("19")), ("Maqolalar", None)]
    assert [w.title for w in response.context["page"]] == ["Boshqa o'qituvchining maqolasi"]
    assert client.get(reverse("university:employee_rating", args=[world.a.teacher.pk])).status_code == 404


@pytest.mark.parametrize(
    ("role", "a_teacher", "b_teacher"),
    [
        (Role.HEAD_OF_DEPARTMENT, 200, 404),  # their department's teacher only
        (Role.DEAN, 200, 404),  # their faculty's
        (Role.ACADEMIC_OFFICE, 200, 200),
        (Role.STUDENT, 404, 404),
    ],
)
def test_staff_readers_open_a_teachers_rating_in_their_scope(client, world, role, a_teacher, b_teacher):
    act_as(client, world.actors[role])
    assert client.get(reverse("university:employee_rating", args=[world.a.teacher.pk])).status_code == a_teacher
    assert client.get(reverse("university:employee_rating", args=[world.b.teacher.pk])).status_code == b_teacher
    assert client.get(reverse("university:employee_rating", args=[world.c.teacher.pk])).status_code == 404
    assert client.get(reverse("university:my_rating")).status_code == 404  # "my rating" is a teacher's page
    if a_teacher == 200:
        page = client.get(reverse("university:employee_rating", args=[world.a.teacher.pk]))
        assert page.context["years"][0].total == Decimal("8")
        card = client.get(reverse("university:employee", args=[world.a.teacher.pk])).content.decode()
        assert reverse("university:employee_rating", args=[world.a.teacher.pk]) in card


def test_the_admin_lists_only_the_institutions_work_entries_and_rating_points(client, world):
    foreign = _work(world.c.teacher, "Boshqa institut maqolasi", world.this.code, "research", WorkStatus.PENDING)
    act_as(client, world.actors[Role.SUPER_ADMIN])
    works = client.get(reverse("admin:university_teacherwork_changelist"))
    titles = {w.title for w in works.context["cl"].result_list}
    assert "Maqola Scopus" in titles and foreign.title not in titles
    assert client.get(reverse("admin:university_teacherwork_change", args=[foreign.pk])).status_code in (302, 404)
    points = client.get(reverse("admin:university_ratingscore_changelist"))
    assert {str(p.points) for p in points.context["cl"].result_list} == {"8.0", "12.5", "19.0", "25.0"}
