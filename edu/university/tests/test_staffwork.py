"""H2.6 teachers' work entries approved by the head of department; H2.4 staff ratings on the criteria."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from edu.journal.models import JournalEntry
from edu.org.roles import Role
from edu.university.models import EducationYear, RatingCriterion, RatingScore, TeacherWork, WorkStatus
from edu.university.tests.conftest import act_as
from edu.university.tests.factories import build_world

pytestmark = pytest.mark.django_db


def _work(side, title: str) -> TeacherWork:  # type: ignore[no-untyped-def]
    t = side.teacher
    return TeacherWork.objects.create(
        institution_id=t.institution_id,
        faculty_id=t.faculty_id,
        department_id=t.department_id,
        employee=t,
        kind="research",
        title=title,
        year=2025,
        hours=Decimal("1.5"),
    )


def test_teacher_enters_work_head_of_department_reviews_staff_ratings_rank(client, django_assert_max_num_queries):
    world = build_world()
    a = world.a
    # The teacher enters a methodological guide with its file: it waits for the head of department.
    act_as(client, world.actors[Role.TEACHER])
    url = reverse("university:teacher_works")
    # A year too long ago is refused next to the field, and the form's own bounds say so to the browser.
    this_year = timezone.localdate().year
    page = client.get(url).content.decode()
    assert f'min="{this_year - 10}"' in page and f'max="{this_year + 1}"' in page
    old = client.post(url, {"kind": "methodological", "title": "Eski", "year": this_year - 11, "hours": "3"})
    assert old.status_code == 200 and old.context["form"].errors["year"]
    assert not TeacherWork.objects.filter(title="Eski").exists()
    upload = SimpleUploadedFile("guide.pdf", b"%PDF-1.4 guide", content_type="application/pdf")
    response = client.post(
        url,
        {
            "kind": "methodological",
            "title": "Uslubiy qo'llanma",
            "year": this_year - 1,
            "hours": "3",
            "attachment": upload,
        },
    )
    assert response.status_code == 302
    work = TeacherWork.objects.get(title="Uslubiy qo'llanma")
    assert (work.status, work.employee_id, work.department_id) == (WorkStatus.PENDING, a.teacher.pk, a.department.pk)
    assert JournalEntry.objects.filter(object_id=str(work.pk), action="create").exists()
    assert client.get(reverse("university:teacher_work_file", args=[work.pk])).status_code == 200
    other_faculty, other_institution = _work(world.b, "B"), _work(world.c, "C")
    assert [w.pk for w in client.get(url).context["page"]] == [work.pk]
    # The head of department: a rejection needs a comment; approving is journaled; other departments are 404.
    act_as(client, world.actors[Role.HEAD_OF_DEPARTMENT])
    review = reverse("university:teacher_work_review", args=[work.pk])
    client.post(review, {"decision": "reject", "comment": ""})
    work.refresh_from_db()
    assert work.status == WorkStatus.PENDING
    client.post(review, {"decision": "approve", "comment": "Yaxshi"})
    work.refresh_from_db()
    assert (work.status, work.comment) == (WorkStatus.APPROVED, "Yaxshi")
    assert JournalEntry.objects.filter(object_id=str(work.pk), action="update").exists()
    employee_page = client.get(reverse("university:employee", args=[a.teacher.pk])).content.decode()
    assert "Uslubiy qo" in employee_page  # the teacher's card lists the entry
    for _ in range(5):
        _work(a, "Yana")  # more rows must not cost more queries
    with django_assert_max_num_queries(20):
        assert client.get(url).status_code == 200
    for foreign in (other_faculty, other_institution):
        assert (
            client.post(
                reverse("university:teacher_work_review", args=[foreign.pk]), {"decision": "approve"}
            ).status_code
            == 404
        )
        assert client.get(reverse("university:teacher_work_file", args=[foreign.pk])).status_code == 404
    # Staff ratings: the academic office enters points within each criterion's maximum.
    year = EducationYear.objects.filter(institution=world.institution).order_by("-current", "-code").first()
    teacher_c = RatingCriterion.objects.create(
        institution=world.institution, education_year=year, target="teacher", name="Maqolalar", max_points=10
    )
    dept_c = RatingCriterion.objects.create(
        institution=world.institution, education_year=year, target="department", name="Grantlar", max_points=20
    )
    act_as(client, world.actors[Role.ACADEMIC_OFFICE])
    ratings = reverse("university:staff_ratings") + f"?year={year.code}"
    too_many = client.post(ratings, {"criterion": teacher_c.pk, "employee": a.teacher.pk, "points": "11"})
    assert "points" in too_many.context["form"].errors
    client.post(ratings, {"criterion": teacher_c.pk, "employee": a.teacher.pk, "points": "8"})
    client.post(ratings, {"criterion": teacher_c.pk, "employee": world.b.teacher.pk, "points": "6"})
    client.post(ratings, {"criterion": dept_c.pk, "department": world.b.department.pk, "points": "5"})
    assert RatingScore.objects.count() == 3
    with django_assert_max_num_queries(25):
        page = client.get(ratings)
    teachers = [(r.name, r.total) for r in page.context["ratings"]["teachers"]]
    assert teachers == [(str(a.teacher), Decimal("8")), (str(world.b.teacher), Decimal("6"))]
    departments = [(r.name, r.total) for r in page.context["ratings"]["departments"]]
    assert departments == [(world.b.department.name, Decimal("11.0")), (a.department.name, Decimal("8.0"))]
    assert "<svg" in page.content.decode()
    assert client.get(ratings + "&export=xlsx")["Content-Type"].startswith("application/vnd.openxmlformats")
    criteria = client.get(reverse("university:rating_criteria") + "?export=xlsx")
    assert criteria["Content-Type"].startswith("application/vnd.openxmlformats")
    act_as(client, world.actors[Role.SUPER_ADMIN])
    classifiers = client.get(reverse("university:classifiers") + "?export=xlsx")
    assert classifiers["Content-Type"].startswith("application/vnd.openxmlformats")
    # A student does not reach either page.
    act_as(client, world.actors[Role.STUDENT])
    assert client.get(reverse("university:staff_ratings")).status_code == 404
    assert client.get(url).status_code == 404
