"""H3.1–H3.3 on university data: after the deadline no path changes the data (page, API, admin, import);
late entry reopens it for the requester once the head (or, > 3 months late, the ministry) approves;
maker–checker keeps orders and final grades without effect until someone else approves."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook

from edu.org.roles import Role
from edu.regulation.models import Approval, ApprovalKind, DataKind, DeadlinePeriod, LateEntryRequest, RequestStatus
from edu.university.models import (
    AcademicRecord,
    Attendance,
    Decree,
    DecreeStatus,
    Employee,
    Performance,
    RecordStatus,
    StaffOrder,
    StudentMovement,
    StudentStatus,
)
from edu.university.tests.conftest import act_as
from edu.university.tests.factories import build_world

pytestmark = pytest.mark.django_db

LOCKED = "kiritish muddati"  # "the deadline for entering…" in Uzbek, the default language


def close(world, kind: str, *, days_ago: int = 1) -> DeadlinePeriod:  # type: ignore[no-untyped-def]
    """Entry for `kind` data of the last 200 days closed `days_ago` days ago."""
    today = timezone.localdate()
    return DeadlinePeriod.objects.create(
        institution=world.institution,
        kind=kind,
        period_start=today - dt.timedelta(days=200),
        period_end=today,
        due_at=timezone.now() - dt.timedelta(days=days_ago),
    )


def late_request(client, world, kind: str, back: int = 10):  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    return client.post(
        reverse("regulation:late_entry_list"),
        {
            "kind": kind,
            "period_start": (today - dt.timedelta(days=back)).isoformat(),
            "period_end": today.isoformat(),
            "reason": "Tizim ishlamadi",
            "justification": SimpleUploadedFile("asos.pdf", b"%PDF-1.4 asos"),
            "explanation_letter": SimpleUploadedFile("xat.pdf", b"%PDF-1.4 xat"),
        },
    )


# --- the lock on every path -------------------------------------------------------------------------------------


def test_page_refuses_attendance_after_the_deadline(client):
    world = build_world()
    close(world, DataKind.ATTENDANCE)
    a = world.a
    act_as(client, world.actors[Role.TEACHER])
    url = reverse("university:attendance", args=[a.assignment.pk, a.lesson.pk])
    response = client.post(url, {f"s{a.student.pk}": "unexcused"})
    assert response.status_code == 200
    assert LOCKED in response.content.decode()
    assert not Attendance.objects.exists()


def test_api_refuses_points_after_the_deadline(client):
    world = build_world()
    close(world, DataKind.GRADES)
    a = world.a
    act_as(client, world.actors[Role.TEACHER])
    url = reverse("university:api_points", args=[a.assignment.pk])
    payload = {"exam_type": "11", "exam_date": timezone.localdate().isoformat(), "values": {str(a.student.pk): "25"}}
    response = client.post(url, payload, content_type="application/json")
    assert response.status_code == 403
    assert LOCKED in response.json()["detail"]
    assert not Performance.objects.exists()
    # Before the deadline the same call works.
    DeadlinePeriod.objects.all().delete()
    assert client.post(url, payload, content_type="application/json").json() == {"changed": 1}


def test_admin_refuses_changes_and_deletion_after_the_deadline(client):
    world = build_world()
    a = world.a
    row = Attendance.objects.create(
        institution=world.institution,
        faculty=a.faculty,
        department=a.department,
        lesson=a.lesson,
        student=a.student,
        group=a.group,
        curriculum_subject=a.subject,
        lesson_date=a.lesson.lesson_date,
        absent_off=2,
    )
    close(world, DataKind.ATTENDANCE)
    act_as(client, world.actors[Role.SUPER_ADMIN])
    change_url = reverse("admin:university_attendance_change", args=[row.pk])
    page = client.get(change_url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update({"absent_off": "0", "absent_on": "2"})
    response = client.post(change_url, data)
    assert response.status_code == 200  # the form comes back with the refusal
    assert LOCKED in response.content.decode()
    row.refresh_from_db()
    assert (row.absent_on, row.absent_off) == (0, 2)
    response = client.post(reverse("admin:university_attendance_delete", args=[row.pk]), {"post": "yes"})
    assert response.status_code == 403
    assert Attendance.objects.filter(pk=row.pk).exists()


def _xlsx(rows: list[list[object]]) -> SimpleUploadedFile:
    wb = Workbook()
    ws = wb.active
    for r in rows:
        ws.append(r)
    out = io.BytesIO()
    wb.save(out)
    return SimpleUploadedFile("staff.xlsx", out.getvalue())


def test_import_refuses_an_hr_order_older_than_three_working_days(client):
    world = build_world()
    from edu.university.services.settings import institution_defaults_ensure

    institution_defaults_ensure(institution_id=world.institution.pk)  # HR orders: 3 working days
    act_as(client, world.actors[Role.HR])
    old = timezone.localdate() - dt.timedelta(days=30)
    header = [
        "phone",
        "surname",
        "first_name",
        "birth_date",
        "gender",
        "department",
        "position",
        "order_number",
        "order_date",
    ]
    upload = _xlsx(
        [
            header,
            [
                "+998935550101",
                "Olimov",
                "Sardor",
                "1985-02-03",
                "11",
                world.a.department.code,
                "13",
                "K-1",
                old.isoformat(),
            ],
            [
                "+998935550102",
                "Karimova",
                "Lola",
                "1986-04-05",
                "12",
                world.a.department.code,
                "13",
                "K-2",
                timezone.localdate().isoformat(),
            ],
        ]
    )
    response = client.post(reverse("university:import", args=["staff"]), {"file": upload}, follow=True)
    batch = response.context["batch"]
    assert [e["row"] for e in batch.errors] == [2]
    assert LOCKED in batch.errors[0]["message"]
    # Nothing was written by the check, and the file cannot be imported with an error in it.
    assert not StaffOrder.objects.exists()
    client.post(reverse("university:import_commit", args=[batch.pk]))
    assert not Employee.objects.filter(user__phone__in=["+998935550101", "+998935550102"]).exists()


# --- late entry ---------------------------------------------------------------------------------------------------


def test_late_entry_approved_by_the_head_reopens_the_data_for_the_requester_only(client):
    world = build_world()
    close(world, DataKind.ATTENDANCE, days_ago=5)
    a = world.a
    act_as(client, world.actors[Role.TEACHER])
    assert late_request(client, world, DataKind.ATTENDANCE).status_code == 302
    request = LateEntryRequest.objects.get()
    assert request.status == RequestStatus.PENDING and not request.needs_ministry
    # The teacher cannot decide their own request.
    detail = reverse("regulation:late_entry", args=[request.pk])
    client.post(detail, {"decision": "approve"})
    request.refresh_from_db()
    assert request.status == RequestStatus.PENDING
    # The head of the department approves.
    act_as(client, world.actors[Role.HEAD_OF_DEPARTMENT])
    assert client.post(detail, {"decision": "approve", "comment": "ok"}).status_code == 302
    request.refresh_from_db()
    assert request.status == RequestStatus.APPROVED and request.valid_until > timezone.now()
    # Now the teacher's attendance goes through.
    act_as(client, world.actors[Role.TEACHER])
    url = reverse("university:attendance", args=[a.assignment.pk, a.lesson.pk])
    assert client.post(url, {f"s{a.student.pk}": "unexcused"}).status_code == 302
    assert Attendance.objects.get().absent_off == 2


def test_more_than_three_months_late_needs_the_ministry(client):
    world = build_world()
    close(world, DataKind.ATTENDANCE, days_ago=100)
    act_as(client, world.actors[Role.TEACHER])
    late_request(client, world, DataKind.ATTENDANCE)
    request = LateEntryRequest.objects.get()
    assert request.needs_ministry
    detail = reverse("regulation:late_entry", args=[request.pk])
    for head in (Role.HEAD_OF_DEPARTMENT, Role.MANAGEMENT):
        act_as(client, world.actors[head])
        client.post(detail, {"decision": "approve"})
        request.refresh_from_db()
        assert request.status == RequestStatus.PENDING, head
    act_as(client, world.actors[Role.MINISTRY])
    client.post(detail, {"decision": "approve"})
    request.refresh_from_db()
    assert request.status == RequestStatus.APPROVED


def test_late_entry_needs_both_documents_and_a_closed_period(client):
    world = build_world()
    act_as(client, world.actors[Role.TEACHER])
    response = late_request(client, world, DataKind.ATTENDANCE, back=0)  # today's attendance is not locked yet
    assert response.status_code == 200 and not LateEntryRequest.objects.exists()
    close(world, DataKind.ATTENDANCE)
    today = timezone.localdate()
    response = client.post(
        reverse("regulation:late_entry_list"),
        {"kind": DataKind.ATTENDANCE, "period_start": today, "period_end": today, "reason": "x"},
    )
    assert response.status_code == 200 and not LateEntryRequest.objects.exists()


# --- maker–checker ------------------------------------------------------------------------------------------------


def test_a_movement_order_takes_effect_only_when_someone_else_approves(client):
    world = build_world()
    a = world.a
    decree = a.decree  # academic leave for student a, entered by the teacher fixture as a draft
    decree.created_by = world.actors[Role.DEAN].user
    decree.save()
    act_as(client, world.actors[Role.DEAN])
    client.post(reverse("university:decree_submit", args=[decree.pk]))
    decree.refresh_from_db()
    a.student.refresh_from_db()
    assert decree.status == DecreeStatus.PENDING
    assert a.student.student_status == StudentStatus.STUDYING
    approval = Approval.objects.get(kind=ApprovalKind.MOVEMENT_ORDER)
    # The maker cannot approve: not on the page, not in the service.
    client.post(reverse("regulation:approval_decide", args=[approval.pk]), {"decision": "approve"})
    approval.refresh_from_db()
    assert approval.status == RequestStatus.PENDING
    # Management approves: the student goes on academic leave and the history records it.
    act_as(client, world.actors[Role.MANAGEMENT])
    assert approval in client.get(reverse("regulation:approvals")).context["page"].object_list
    client.post(reverse("regulation:approval_decide", args=[approval.pk]), {"decision": "approve"})
    approval.refresh_from_db()
    a.student.refresh_from_db()
    assert approval.status == RequestStatus.APPROVED
    assert a.student.student_status == StudentStatus.ACADEMIC_LEAVE
    movement = StudentMovement.objects.get(student=a.student)
    assert (movement.from_status, movement.to_status, movement.order_number) == ("11", "13", decree.number)


def test_the_database_refuses_an_approval_by_its_maker():
    world = build_world()
    user = world.actors[Role.DEAN].user
    with pytest.raises(IntegrityError):
        Approval.objects.create(
            institution=world.institution,
            kind=ApprovalKind.MOVEMENT_ORDER,
            object_id="1",
            object_repr="x",
            maker=user,
            checker=user,
            status=RequestStatus.APPROVED,
        )


def test_final_grades_count_only_after_the_head_approves(client):
    world = build_world()
    a = world.a
    act_as(client, world.actors[Role.TEACHER])
    today = timezone.localdate().isoformat()
    # Admission to YN: JN + ON must reach 60 % of their 50 points (DOMAIN §1.3). 20 + 9 = 29 < 30: refused, all of it.
    journal = client.get(reverse("university:journal", args=[a.assignment.pk]) + "?tab=points")
    assert [row["admitted"] for row in journal.context["rows"]] == [False]
    refused = client.post(
        reverse("university:points", args=[a.assignment.pk]),
        {"exam_date": today, f"p_{a.student.pk}_11": "20", f"p_{a.student.pk}_12": "9", f"p_{a.student.pk}_13": "45"},
        follow=True,
    )
    assert "30.0" in str(next(iter(refused.context["messages"])))
    assert Performance.objects.count() == 0
    act_as(client, world.actors[Role.STUDENT])  # the student sees it in the cabinet too
    assert 'data-admission="no"' in client.get(reverse("university:my_subjects")).content.decode()
    act_as(client, world.actors[Role.TEACHER])
    client.post(
        reverse("university:points", args=[a.assignment.pk]),
        {"exam_date": today, f"p_{a.student.pk}_11": "28", f"p_{a.student.pk}_12": "18", f"p_{a.student.pk}_13": "45"},
    )
    assert Performance.objects.count() == 3
    # The journal goes to Excel as the page shows it.
    from openpyxl import load_workbook

    journal_url = reverse("university:journal", args=[a.assignment.pk])
    sheet = load_workbook(io.BytesIO(client.get(journal_url + "?tab=points&export=xlsx").getvalue())).active
    assert [float(v) for v in next(iter(sheet.iter_rows(min_row=2, values_only=True)))[1:4]] == [28, 18, 45]
    assert client.get(journal_url + "?tab=attendance&export=xlsx")["Content-Type"].startswith("application/vnd")
    client.post(reverse("university:final_submit", args=[a.assignment.pk]))
    record = AcademicRecord.objects.get()
    assert (record.total_point, record.grade, record.status) == (Decimal("91.0"), 5, RecordStatus.PENDING)
    # Points are closed once the sheet is submitted.
    client.post(
        reverse("university:points", args=[a.assignment.pk]), {"exam_date": today, f"p_{a.student.pk}_11": "10"}
    )
    assert Performance.objects.get(exam_type="11").points == Decimal("28")
    approval = Approval.objects.get(kind=ApprovalKind.FINAL_GRADES)
    act_as(client, world.actors[Role.HEAD_OF_DEPARTMENT])
    client.post(reverse("regulation:approval_decide", args=[approval.pk]), {"decision": "approve"})
    record.refresh_from_db()
    assert record.status == RecordStatus.APPROVED


def test_transfer_to_another_institution_and_admission_from_one(client):
    from edu.university.tests.factories import student_in

    world = build_world()
    a = world.a
    today = timezone.localdate().isoformat()
    act_as(client, world.actors[Role.DEAN])
    order = {"decree_type": "16", "number": "T-1", "date": today, "students": a.student.student_id_number}
    # A transfer names the new group or the other institution.
    refused = client.post(reverse("university:decrees"), order)
    assert "to_group" in refused.context["form"].errors
    client.post(reverse("university:decrees"), {**order, "other_institution": "Samarqand davlat universiteti"})
    newcomer = student_in(a.group)
    newcomer.student_status = StudentStatus.OTHER
    newcomer.save()
    client.post(
        reverse("university:decrees"),
        {
            **order,
            "decree_type": "21",
            "number": "Q-1",
            "students": newcomer.student_id_number,
            "to_group": a.group.pk,
            "other_institution": "Buxoro davlat universiteti",
        },
    )
    for decree in Decree.objects.filter(number__in=["T-1", "Q-1"]):
        client.post(reverse("university:decree_submit", args=[decree.pk]))
    act_as(client, world.actors[Role.MANAGEMENT])
    for approval in Approval.objects.filter(kind=ApprovalKind.MOVEMENT_ORDER, status=RequestStatus.PENDING):
        client.post(reverse("regulation:approval_decide", args=[approval.pk]), {"decision": "approve"})
    a.student.refresh_from_db()
    newcomer.refresh_from_db()
    assert a.student.student_status == StudentStatus.EXPELLED
    assert newcomer.student_status == StudentStatus.STUDYING
    out = StudentMovement.objects.get(student=a.student)
    came = StudentMovement.objects.get(student=newcomer)
    assert (out.reason, out.other_institution) == ("12", "Samarqand davlat universiteti")
    assert came.other_institution == "Buxoro davlat universiteti"
    act_as(client, world.actors[Role.DEAN])
    page = client.get(reverse("university:student", args=[a.student.pk]))
    assert "Samarqand davlat universiteti" in page.content.decode()
