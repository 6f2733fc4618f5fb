"""Student API v1: every endpoint's fields and types as HEMIS clients read them, scoped to the signed-in student."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from rest_framework.test import APIClient

from edu.accounts.models import ApiToken
from edu.accounts.tests.factories import PASSWORD
from edu.journal.models import JournalEntry
from edu.rest.tests.conftest import bearer, failed, ok
from edu.university import models as m

pytestmark = pytest.mark.django_db

REF = {"id", "code", "name"}
CODE = {"code", "name"}
ME_FIELDS = [
    "first_name",
    "second_name",
    "third_name",
    "full_name",
    "short_name",
    "student_id_number",
    "image",
    "birth_date",
    "gender",
    "passport_number",
    "passport_pin",
    "phone",
    "email",
    "province",
    "district",
    "address",
    "university",
    "faculty",
    "specialty",
    "group",
    "educationForm",
    "educationType",
    "educationLang",
    "paymentForm",
    "level",
    "semester",
    "studentStatus",
]


def test_login_by_student_id_number_then_me_has_the_hemis_fields(uni):
    api = APIClient()
    tokens = ok(
        api.post("/rest/v1/auth/login", {"login": uni.student.student_id_number, "password": PASSWORD}, format="json")
    )
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {tokens['token']}")
    me = ok(api.get("/rest/v1/account/me"))
    for field in ME_FIELDS:
        assert field in me, field
    assert me["student_id_number"] == uni.student.student_id_number
    assert isinstance(me["birth_date"], int)
    assert set(me["gender"]) == CODE and me["gender"]["code"] in ("11", "12")
    assert set(me["faculty"]) >= REF and set(me["specialty"]) >= REF
    assert set(me["group"]) == {"id", "name", "educationLang"} and me["group"]["name"] == uni.student.group.name
    for field in ("educationForm", "educationType", "paymentForm", "level", "studentStatus"):
        assert set(me[field]) == CODE, field
    assert {"code", "name", "current"} <= set(me["semester"]) and me["semester"]["current"] is True
    assert me["passport_pin"] == uni.student.user.pinfl


def test_semesters_have_weeks_and_schedule_of_a_week_has_the_lesson(uni, student_api):
    semesters = ok(student_api.get("/rest/v1/education/semesters"))
    assert [s["code"] for s in semesters] == [str(c) for c in range(11, 19)]
    first = semesters[0]
    assert {"id", "code", "name", "current", "education_year", "weeks"} <= set(first)
    assert set(first["education_year"]) == {"code", "name", "current"}
    week = first["weeks"][0]
    assert set(week) == {"id", "start_date", "end_date", "current"} and isinstance(week["start_date"], int)
    current = next(s for s in semesters if s["current"])
    this_week = next((w for w in current["weeks"] if w["current"]), None)
    lessons = ok(student_api.get("/rest/v1/education/schedule"))
    if this_week is not None:
        assert ok(student_api.get(f"/rest/v1/education/schedule?week={this_week['id']}")) == lessons
    lesson = lessons[0]
    for field in ("subject", "lesson_date", "lessonPair", "trainingType", "employee", "auditorium", "group"):
        assert field in lesson, field
    assert {"code", "start_time", "end_time"} <= set(lesson["lessonPair"])
    assert lesson["auditorium"]["name"] == "101" and lesson["auditorium"]["building"]["name"] == "Bosh bino"
    assert lesson["lesson_date"] == int(
        dt.datetime.combine(uni.world.a.lesson.lesson_date, dt.time.min).astimezone().timestamp()
    )
    # another curriculum's week → 404 in the envelope
    foreign_week = uni.world.c.curriculum.semesters.first().pk * 100 + 1
    failed(student_api.get(f"/rest/v1/education/schedule?week={foreign_week}"), 404)


def test_subject_list_has_points_by_exam_and_the_overall_score(uni, student_api):
    rows = ok(student_api.get("/rest/v1/education/subject-list"))
    row = rows[0]
    assert set(row["curriculumSubject"]) >= {"subject", "subjectType", "credit", "total_acload"}
    assert isinstance(row["curriculumSubject"]["credit"], float)
    exams = {g["examType"]["code"]: g for g in row["gradesByExam"]}
    assert set(exams["11"]) == {"examType", "grade", "max_ball", "percent"}
    assert exams["11"]["grade"] == 25.0 and exams["11"]["max_ball"] == 30.0
    assert row["overallScore"]["grade"] == 80.0 and row["overallScore"]["label"] == "4"
    subjects = ok(student_api.get("/rest/v1/education/subjects"))
    assert subjects[0]["subject"]["name"] == uni.world.a.subject.subject.name
    one = ok(student_api.get(f"/rest/v1/education/subject?subject={uni.world.a.subject.subject_id}"))
    assert one["absent_off"] == 2 and one["employees"][0]["name"]
    failed(student_api.get(f"/rest/v1/education/subject?subject={uni.world.b.subject.subject_id}"), 404)
    failed(student_api.get("/rest/v1/education/subject?subject=x"), 404)


def test_performance_attendance_gpa_exam_table(uni, student_api):
    performance = ok(student_api.get("/rest/v1/education/performance"))
    assert {p["examType"]["code"] for p in performance} == {"11", "12"}
    absences = ok(student_api.get("/rest/v1/education/attendance"))
    assert len(absences) == 1
    absence = absences[0]
    for field in ("subject", "lesson_date", "lessonPair", "trainingType", "employee", "absent_on", "absent_off"):
        assert field in absence, field
    assert absence["absent_off"] == 2 and absence["explicable"] is False
    gpa = ok(student_api.get("/rest/v1/education/gpa-list"))
    assert set(gpa[0]) >= {"educationYear", "level", "gpa", "credit_sum", "subjects", "debt_subjects", "can_transfer"}
    assert gpa[0]["gpa"] == "4.0" and gpa[0]["can_transfer"] is True and gpa[0]["subjects"] == 1
    assert ok(student_api.get("/rest/v1/education/exam-table")) == []
    failed(student_api.get("/rest/v1/education/performance?semester=99"), 404)


def test_tasks_detail_and_upload_are_the_students_own(uni, student_api):
    tasks = ok(student_api.get("/rest/v1/education/task-list"))
    assert [t["name"] for t in tasks] == ["1-topshiriq"]
    assert tasks[0]["taskStatus"]["code"] == "new" and isinstance(tasks[0]["deadline"], int)
    failed(student_api.get(f"/rest/v1/education/task-detail?id={uni.foreign_task.pk}"), 404)
    upload = SimpleUploadedFile("javob.pdf", b"%PDF-1.4 answer", content_type="application/pdf")
    sent = ok(
        student_api.post(
            "/rest/v1/education/task-upload",
            {"id": uni.task.pk, "comment": "Javobim", "filename": upload},
            format="multipart",
        )
    )
    assert sent["taskStatus"]["code"] == "sent" and sent["attempts_used"] == 1
    detail = ok(student_api.get(f"/rest/v1/education/task-detail?id={uni.task.pk}"))
    assert detail["activities"][0]["comment"] == "Javobim"
    assert m.Submission.objects.get(task=uni.task).student == uni.student
    failed(student_api.post("/rest/v1/education/task-upload", {"id": uni.foreign_task.pk, "comment": "x"}), 404)
    failed(student_api.post("/rest/v1/education/task-upload", {"id": uni.task.pk}), 400)


def test_student_documents_decrees_and_references(uni, student_api):
    assert ok(student_api.get("/rest/v1/student/contract-list")) == {"items": [], "attributes": {}}
    decrees = ok(student_api.get("/rest/v1/student/decree"))
    assert decrees[0]["number"] == uni.world.a.decree.number and set(decrees[0]["decreeType"]) == {"code", "name"}
    references = ok(student_api.get("/rest/v1/student/reference"))
    assert [r["id"] for r in references] == [uni.document.pk]
    created = ok(student_api.post("/rest/v1/student/reference-generate"))
    assert created["type"] == "reference" and created["id"] != uni.document.pk
    pdf = student_api.get(f"/rest/v1/student/reference-download?id={created['id']}")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    failed(student_api.get(f"/rest/v1/student/reference-download?id={uni.foreign_document.pk}"), 404)
    everything = ok(student_api.get("/rest/v1/student/document-all"))
    assert {d["type"] for d in everything} == {"reference", "decree"}


def test_account_update_changes_the_password_and_is_journaled(uni, student_api):
    failed(
        student_api.post(
            "/rest/v1/account/update?l=en-US",
            {"change_password": True, "password": "Yangi-parol-77", "confirmation": "other"},
            format="json",
        ),
        400,
    )
    ok(
        student_api.post(
            "/rest/v1/account/update",
            {"change_password": True, "password": "Yangi-parol-77", "confirmation": "Yangi-parol-77"},
            format="json",
        )
    )
    user = uni.student.user
    user.refresh_from_db()
    assert user.check_password("Yangi-parol-77")
    assert JournalEntry.objects.filter(object_id=str(user.pk), action="update").exists()


def test_without_token_expired_token_and_non_student_are_envelope_errors(uni):
    failed(APIClient().get("/rest/v1/account/me"), 401)
    api = bearer(uni.student.user)
    ApiToken.objects.filter(user=uni.student.user).update(expires_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
    from django.core.cache import cache

    from edu.accounts import tokens

    tokens._local.clear()
    cache.clear()
    failed(api.get("/rest/v1/account/me"), 401)
    teacher_api = bearer(uni.world.a.teacher.user)
    failed(teacher_api.get("/rest/v1/account/me"), 404)


def test_language_switch_changes_classifier_names_and_errors(uni, student_api):
    uz = ok(student_api.get("/rest/v1/account/me?l=uz-UZ"))["educationForm"]["name"]
    ru = ok(student_api.get("/rest/v1/account/me?l=ru-RU"))["educationForm"]["name"]
    oz = ok(student_api.get("/rest/v1/account/me?l=oz-UZ"))["educationForm"]["name"]
    assert uz != ru and uz != oz
    assert any("\u0400" <= ch <= "\u04ff" for ch in ru) and any("\u0400" <= ch <= "\u04ff" for ch in oz)
    assert "not found" in failed(student_api.get("/rest/v1/education/subject?subject=0&l=en-US"), 404).lower()


@override_settings(LOGIN_MAX_FAILURES=3)
def test_repeated_wrong_student_id_sign_ins_answer_429_in_the_asked_language(uni):
    api = APIClient()
    login = uni.student.student_id_number
    for _ in range(3):
        failed(api.post("/rest/v1/auth/login", {"login": login, "password": "wrong"}, format="json"), 401)
    message = failed(
        api.post("/rest/v1/auth/login?l=ru-RU", {"login": login, "password": PASSWORD}, format="json"), 429
    )
    assert any("\u0400" <= ch <= "\u04ff" for ch in message)


def test_resources_of_the_students_subject_and_their_files(uni, student_api):
    from django.core.files.base import ContentFile

    a, b = uni.world.a, uni.world.b
    resource = m.Resource(
        institution=uni.world.institution,
        department=a.department,
        curriculum_subject=a.subject,
        title="Ma’ruza matni",
        employee=a.teacher,
    )
    resource.file.save("maruza.pdf", ContentFile(b"%PDF-1.4 lecture"), save=True)
    foreign = m.Resource.objects.create(
        institution=uni.world.institution,
        department=b.department,
        curriculum_subject=b.subject,
        title="Boshqa",
        url="https://example.uz/x",
        employee=b.teacher,
    )
    items = ok(student_api.get(f"/rest/v1/education/resources?subject={a.subject.subject_id}"))
    assert [r["title"] for r in items] == ["Ma’ruza matni"] and items[0]["files"][0]["name"].endswith(".pdf")
    download = student_api.get(f"/rest/v1/education/resource-download?id={resource.pk}")
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"%PDF-1.4 lecture"
    failed(student_api.get(f"/rest/v1/education/resource-download?id={foreign.pk}"), 404)
    failed(student_api.get("/rest/v1/education/nonexistent"), 404)
    failed(student_api.get("/rest/v1/account/image"), 404)
