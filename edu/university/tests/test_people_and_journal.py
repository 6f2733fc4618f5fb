"""Dean's office, HR and teacher flows through the pages: admit a student (account + role), hire / change /
dismiss staff by orders, topics, resources and tasks with submissions, Excel import and export, documents."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from edu.accounts.models import User
from edu.journal.models import JournalEntry
from edu.org.models import RoleAssignment
from edu.org.roles import Role
from edu.university.models import (
    Employee,
    EmployeeStatus,
    IssuedDocument,
    StaffOrder,
    Student,
    StudentGroup,
    Submission,
    Task,
    Topic,
)
from edu.university.tests.conftest import act_as
from edu.university.tests.factories import build_world

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def test_dean_admits_a_student_who_then_acts_as_student(client):
    world = build_world()
    act_as(client, world.actors[Role.DEAN])
    response = client.post(
        reverse("university:student_new"),
        {
            "phone": "+998 90 777 11 22",
            "surname": "Aliyeva",
            "first_name": "Nodira",
            "birth_date": "2006-02-14",
            "gender": "12",
            "pinfl": "",
            "passport": "ac 1234567",
            "group": world.a.group.pk,
            "year_of_enter": 2025,
            "payment_form": "12",
            "student_type": "11",
            "citizenship": "11",
            "country": "UZ",
            "social_category": "10",
            "accommodation": "15",
        },
    )
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    student = Student.objects.get(user__phone="+998907771122")
    assert (student.group, student.faculty, student.payment_form) == (world.a.group, world.a.faculty, "12")
    assert student.user.passport == "AC1234567"
    assert student.student_id_number.startswith(world.institution.code[:3].rjust(3, "0"))
    assert RoleAssignment.objects.filter(user=student.user, role=Role.STUDENT).exists()
    assert JournalEntry.objects.filter(object_id=str(student.pk), action="create").exists()
    # The dean of another faculty cannot put a student into this faculty's group.
    response = client.post(
        reverse("university:student_new"),
        {
            "phone": "+998907771123",
            "surname": "X",
            "first_name": "Y",
            "birth_date": "2006-02-14",
            "gender": "11",
            "group": world.b.group.pk,
            "year_of_enter": 2025,
            "payment_form": "11",
            "student_type": "11",
            "citizenship": "11",
            "country": "UZ",
            "social_category": "10",
            "accommodation": "11",
        },
    )
    assert response.status_code == 200 and not User.objects.filter(phone="+998907771123").exists()


def test_a_wrong_pinfl_is_refused_next_to_the_field(client):
    world = build_world()
    act_as(client, world.actors[Role.DEAN])
    response = client.post(
        reverse("university:student_new"),
        {
            "phone": "+998907771124",
            "surname": "A",
            "first_name": "B",
            "birth_date": "2006-02-14",
            "gender": "11",
            "pinfl": "12345678901234",
            "group": world.a.group.pk,
            "year_of_enter": 2025,
            "payment_form": "11",
            "student_type": "11",
            "citizenship": "11",
            "country": "UZ",
            "social_category": "10",
            "accommodation": "11",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors.get("pinfl")
    assert not User.objects.filter(phone="+998907771124").exists()


def test_hr_hires_changes_and_dismisses_by_orders(client):
    world = build_world()
    act_as(client, world.actors[Role.HR])
    response = client.post(
        reverse("university:staff_hire"),
        {
            "phone": "+998907771125",
            "surname": "Saidov",
            "first_name": "Anvar",
            "birth_date": "1980-01-01",
            "gender": "11",
            "department": world.a.department.pk,
            "position": "14",
            "employee_type": "12",
            "employment_form": "11",
            "employment_staff": "13",
            "academic_degree": "11",
            "academic_rank": "11",
            "order_number": "K-77",
            "order_date": TODAY().isoformat(),
        },
    )
    assert response.status_code == 302
    employee = Employee.objects.get(user__phone="+998907771125")
    assert RoleAssignment.objects.filter(user=employee.user, role=Role.TEACHER, department=world.a.department).exists()
    detail = reverse("university:employee", args=[employee.pk])
    client.post(
        detail,
        {
            "form": "change",
            "change-department": world.b.department.pk,
            "change-position": "15",
            "change-employment_form": "11",
            "change-employment_staff": "11",
            "change-order_number": "K-78",
            "change-order_date": TODAY().isoformat(),
        },
    )
    employee.refresh_from_db()
    assert employee.department == world.b.department
    assert RoleAssignment.objects.get(user=employee.user, role=Role.TEACHER).department == world.b.department
    client.post(detail, {"form": "dismiss", "dismiss-order_number": "K-79", "dismiss-order_date": TODAY().isoformat()})
    employee.refresh_from_db()
    assert employee.employee_status == EmployeeStatus.DISMISSED
    assert not RoleAssignment.objects.filter(user=employee.user, role=Role.TEACHER).exists()
    assert list(StaffOrder.objects.filter(employee=employee).values_list("kind", flat=True).order_by("pk")) == [
        "hire",
        "position_change",
        "dismissal",
    ]


def test_teacher_fills_the_journal_and_reviews_a_submission(client):
    world = build_world()
    a = world.a
    act_as(client, world.actors[Role.TEACHER])
    base = reverse("university:journal", args=[a.assignment.pk])
    client.post(f"{base}topics/add/", {"name": "Kirish", "hours": 2})
    client.post(f"{base}resources/add/", {"title": "Ma’ruza matni", "file": SimpleUploadedFile("m.pdf", b"%PDF-1.4 x")})
    client.post(f"{base}resources/add/", {"title": "Havola", "url": "https://example.uz/x"})
    deadline = (timezone.localtime() + dt.timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    client.post(
        f"{base}tasks/add/", {"title": "1-topshiriq", "deadline": deadline, "max_ball": "10", "attempt_limit": 1}
    )
    assert Topic.objects.count() == 1
    task = Task.objects.get()
    journal = client.get(base + "?tab=resources")
    assert "Ma’ruza matni" in journal.content.decode()
    # The student hands in once; a second attempt is refused.
    act_as(client, world.actors[Role.STUDENT])
    assert client.get(reverse("university:my_tasks")).status_code == 200
    url = reverse("university:task", args=[task.pk])
    client.post(url, {"file": SimpleUploadedFile("javob.pdf", b"%PDF-1.4 javob"), "text": ""})
    client.post(url, {"text": "yana"})
    assert Submission.objects.count() == 1
    # The student downloads the resource from the cabinet.
    resource = a.subject.resources.exclude(file="").get()
    assert client.get(reverse("university:my_resource", args=[resource.pk])).status_code == 200
    # The teacher reviews; more than the maximum is refused.
    act_as(client, world.actors[Role.TEACHER])
    submission = Submission.objects.get()
    client.post(url, {"submission": submission.pk, "mark": "12"})
    submission.refresh_from_db()
    assert submission.mark is None
    client.post(url, {"submission": submission.pk, "mark": "9", "comment": "Yaxshi"})
    submission.refresh_from_db()
    assert submission.mark == Decimal("9")


def test_another_teacher_cannot_write_into_the_journal(client):
    world = build_world()
    act_as(client, world.actors[Role.TEACHER])  # teacher of side a
    base = reverse("university:journal", args=[world.b.assignment.pk])
    assert client.post(f"{base}topics/add/", {"name": "x", "hours": 2}).status_code == 404
    assert not Topic.objects.exists()


def _xlsx(rows: list[list[object]]) -> SimpleUploadedFile:
    wb = Workbook()
    for r in rows:
        wb.active.append(r)
    out = io.BytesIO()
    wb.save(out)
    return SimpleUploadedFile("f.xlsx", out.getvalue())


def test_group_import_previews_then_imports_all_rows(client):
    world = build_world()
    act_as(client, world.actors[Role.DEAN])
    name = world.a.curriculum.name
    upload = _xlsx([["name", "curriculum", "education_lang"], ["IMP-1", name, "11"], ["IMP-2", name, "12"]])
    response = client.post(reverse("university:import", args=["groups"]), {"file": upload}, follow=True)
    batch = response.context["batch"]
    assert batch.errors == [] and batch.rows_total == 2
    assert not StudentGroup.objects.filter(name__startswith="IMP-").exists()  # the check wrote nothing
    client.post(reverse("university:import_commit", args=[batch.pk]))
    assert set(StudentGroup.objects.filter(name__startswith="IMP-").values_list("name", flat=True)) == {
        "IMP-1",
        "IMP-2",
    }
    # A file with one bad row imports nothing.
    upload = _xlsx([["name", "curriculum"], ["IMP-3", name], ["IMP-4", "no such curriculum"]])
    batch = client.post(reverse("university:import", args=["groups"]), {"file": upload}, follow=True).context["batch"]
    assert [e["row"] for e in batch.errors] == [3]
    client.post(reverse("university:import_commit", args=[batch.pk]))
    assert not StudentGroup.objects.filter(name="IMP-3").exists()


@pytest.mark.parametrize(
    "url_name",
    [
        "university:students",
        "university:staff",
        "university:groups",
        "university:curricula",
        "university:specialties",
        "university:subjects",
        "university:decrees",
        "university:assignments",
    ],
)
def test_every_list_exports_to_excel(client, url_name):
    world = build_world()
    act_as(client, world.actors[Role.SUPER_ADMIN])
    response = client.get(reverse(url_name) + "?export=xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).worksheets[0]
    assert sheet.max_row >= 2  # headers and at least one row


def test_student_downloads_a_transcript_whose_qr_page_confirms_it(client):
    world = build_world()
    act_as(client, world.actors[Role.STUDENT])
    response = client.post(reverse("university:my_document_issue", args=["transcript"]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    document = IssuedDocument.objects.get()
    client.logout()
    page = client.get(reverse("verify_document", args=[document.token]))
    assert page.status_code == 200
    assert world.a.student.student_id_number in page.content.decode()
    assert client.get(reverse("verify_document", args=["00000000-0000-0000-0000-000000000000"])).status_code == 404
