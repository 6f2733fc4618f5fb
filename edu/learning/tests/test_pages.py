"""The learner's pages and the editors' pages through the real views."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from edu.accounts.tests.factories import UserFactory
from edu.assessment.tests.factories import PoolFactory, QuestionFactory
from edu.assessment.tests.test_pages import act_as
from edu.journal.models import JournalEntry
from edu.learning.models import Certificate, Course, Lesson, LessonKind, Programme
from edu.learning.pdf import handbook_pdf
from edu.learning.services import plans
from edu.learning.tests.factories import all_right, answer, make_programme, submit
from edu.learning.tests.helpers import pass_exam, study, take_placement
from edu.org.roles import Role
from edu.org.tests.factories import RoleAssignmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme():
    return make_programme(courses=10, questions=4, required=5)


@pytest.fixture
def editor(programme):
    return RoleAssignmentFactory(role=Role.LEARNING_EDITOR, institution=programme.institution)


def test_a_new_learner_lands_on_the_placement_conditions_and_start(client, programme):
    user = UserFactory()
    client.force_login(user)
    home = client.get("/")
    assert home.status_code == 302 and home["Location"] == reverse("learning:dashboard")
    page = client.get(home["Location"]).content.decode()
    assert programme.placement_blueprint.title in page and "data-start" in page
    assert "<dd>40</dd>" in page  # 10 courses × 4 questions
    started = client.post(reverse("learning:placement_start"))
    assert started.status_code == 302 and "/tests/attempts/" in started["Location"]
    assert client.post(reverse("learning:placement_start")).status_code == 302  # the same open attempt again


def test_people_with_a_role_keep_their_cabinet(client, editor):
    act_as(client, editor)
    assert client.get("/").status_code == 200


def test_results_page_shows_overall_per_course_chart_and_the_plan(client, programme):
    user = UserFactory()
    attempt = take_placement(user, programme, {1: 4, 2: 0, 3: 1})
    client.force_login(user)
    page = client.get(reverse("learning:plan")).content.decode()
    assert "<svg" in page and "chart__bar" in page and "Kurs 10" in page
    assert page.count('class="is-required"') == 5
    with translation.override("uz"):  # decimal commas must not leak into the chart's SVG numbers
        client.cookies["lang"] = "uz"
        uz_page = client.get(reverse("learning:plan")).content.decode()
        client.cookies["lang"] = "en"
    assert not re.search(r'(width|x)="\d+,\d', uz_page)
    result = client.get(reverse("assessment:result", args=[attempt.pk])).content.decode()
    assert 'data-learning-result="placement"' in result and "data-to-plan" in result
    assert client.get("/").status_code == 200  # with a plan the learner keeps the cabinet


def test_dashboard_shows_plan_progress_attempts_and_the_next_step(client, programme, django_assert_max_num_queries):
    user = UserFactory()
    take_placement(user, programme, {1: 0})
    client.force_login(user)
    with django_assert_max_num_queries(30):
        page = client.get(reverse("learning:dashboard")).content.decode()
    assert page.count("<progress") == 5
    assert "Next step" in page or "Keyingi qadam" in page
    assert page.count('class="badge"') >= 4  # four locked courses
    first = plans.selectors.learner_overview(user=user, programme=programme).required[0].course
    assert reverse("learning:course", args=[first.pk]) in page


def test_course_page_says_why_a_course_and_its_exam_are_locked(client, programme):
    user = UserFactory()
    take_placement(user, programme, {1: 0})
    client.force_login(user)
    overview = plans.selectors.learner_overview(user=user, programme=programme)
    second = overview.required[1].course
    page = client.get(reverse("learning:course", args=[second.pk])).content.decode()
    assert "data-locked" in page and overview.required[0].course.title in page
    lesson = second.lessons.first()
    assert client.get(reverse("learning:lesson", args=[lesson.pk])).status_code == 302
    assert client.get(reverse("learning:lesson_file", args=[lesson.pk])).status_code == 404
    first = overview.required[0].course
    page = client.get(reverse("learning:course", args=[first.pk])).content.decode()
    assert "data-exam-locked" in page and "0 of 1" in page


def test_lesson_pages_video_player_text_and_inline_pdf(client, programme):
    user = UserFactory()
    take_placement(user, programme, {1: 0})
    course = plans.selectors.learner_overview(user=user, programme=programme).required[0].course
    video = Lesson(course=course, kind=LessonKind.VIDEO, title="Kirish", duration_seconds=5, order=0)
    video.file.save("v.webm", SimpleUploadedFile("v.webm", b"\x1a\x45\xdf\xa3" + b"0" * 100))
    pdf = Lesson(course=course, kind=LessonKind.DOCUMENT, title="Qo‘llanma", page_count=1, order=9)
    pdf.file.save("h.pdf", SimpleUploadedFile("h.pdf", handbook_pdf(title="T", description="D", chapters=[])))
    client.force_login(user)

    page = client.get(reverse("learning:lesson", args=[video.pk])).content.decode()
    assert "data-player" in page and "js/lesson.js" in page and "noplaybackrate" in page
    ranged = client.get(reverse("learning:lesson_file", args=[video.pk]), HTTP_RANGE="bytes=0-3")
    assert ranged.status_code == 206 and ranged["Content-Type"] == "video/webm"

    page = client.get(reverse("learning:lesson", args=[pdf.pk])).content.decode()
    assert "<iframe" in page and reverse("learning:lesson_file", args=[pdf.pk]) in page
    served = client.get(reverse("learning:lesson_file", args=[pdf.pk]))
    assert served["Content-Type"] == "application/pdf" and served["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in served["Content-Security-Policy"]

    text = course.lessons.filter(kind=LessonKind.TEXT).first()
    page = client.get(reverse("learning:lesson", args=[text.pk])).content.decode()
    assert "data-read" in page and "disabled" in page  # not yet: the minimum time is not over


def _certified(programme):  # type: ignore[no-untyped-def]
    user = UserFactory(surname="Qodirova", first_name="Nodira")
    take_placement(user, programme)
    for state in plans.selectors.learner_overview(user=user, programme=programme).required:
        study(user, state.course)
        pass_exam(user, state.course)
    attempt = plans.final_exam_start(user=user, programme=programme)
    answer(attempt, all_right)
    submit(attempt)
    return user, Certificate.objects.get(user=user)


def test_certificate_pdf_has_the_data_and_a_qr_code_of_the_verification_page(client):
    import cv2
    import numpy as np
    import pypdfium2 as pdfium

    programme = make_programme(courses=2, questions=2, required=1)
    user, certificate = _certified(programme)
    client.force_login(user)
    page = client.get(reverse("learning:certificate")).content.decode()
    assert certificate.number in page and "data-certificate-pdf" in page
    response = client.get(reverse("learning:certificate_pdf", args=[certificate.pk]))
    assert response["Content-Type"] == "application/pdf"
    document = pdfium.PdfDocument(response.content)
    text = document[0].get_textpage().get_text_range()
    assert "Qodirova Nodira" in text and certificate.number in text and "100.00%" in text
    image = document[0].render(scale=3).to_pil().convert("L")
    decoded, _points, _raw = cv2.QRCodeDetector().detectAndDecode(np.array(image))
    assert decoded == f"http://testserver/verify/{certificate.code}"
    profile = client.get(reverse("accounts:profile")).content.decode()
    assert certificate.number in profile
    other = UserFactory()
    client.force_login(other)
    assert client.get(reverse("learning:certificate_pdf", args=[certificate.pk])).status_code == 404


def test_editor_builds_a_course_with_lessons_and_upload_checks(client, editor, settings):
    act_as(client, editor)
    institution = editor.institution
    pool = PoolFactory(institution=institution, name="Yangi hovuz")
    for _ in range(5):
        QuestionFactory(pool=pool)
    response = client.post(reverse("learning:programmes"), {"title": "Yangi dastur", "required_count": 1})
    programme = Programme.objects.get(title="Yangi dastur")
    assert response.status_code == 302 and programme.institution_id == institution.pk

    data = {
        "code": "N1",
        "title": "Yangi kurs",
        "order": 1,
        "pool": pool.pk,
        "exam_question_count": 9,
        "exam_time_minutes": 20,
        "pass_percent": "71",
        "attempts_allowed": 3,
    }
    too_many = client.post(reverse("learning:course_new", args=[programme.pk]), data)
    assert "only 5 questions" in too_many.content.decode()
    data["exam_question_count"] = 5
    response = client.post(reverse("learning:course_new", args=[programme.pk]), data)
    assert response.status_code == 302
    course = Course.objects.get(code="N1")
    assert course.exam_blueprint.pass_percent == Decimal(71) and course.exam_blueprint.attempts_allowed == 3
    assert course.exam_blueprint.question_count() == 5

    new_lesson = reverse("learning:lesson_new", args=[course.pk])
    disguised = SimpleUploadedFile("video.mp4", b"%PDF-1.4 not a video", content_type="video/mp4")
    page = client.post(new_lesson, {"kind": "video", "title": "V", "order": 1, "upload": disguised})
    assert "MP4 or WebM" in page.content.decode(), page.content.decode()[-3000:]
    assert not course.lessons.exists()
    pdf = handbook_pdf(title="Qo‘llanma", description="Kirish", chapters=[("Bob", "Matn " * 400)])
    response = client.post(
        new_lesson, {"kind": "document", "title": "Hujjat", "order": 2, "upload": SimpleUploadedFile("q.pdf", pdf)}
    )
    assert response.status_code == 302
    assert Lesson.objects.get(title="Hujjat").page_count >= 2
    settings.LEARNING_DOCUMENT_MAX_MB = 0
    page = client.post(
        new_lesson, {"kind": "document", "title": "Katta", "order": 3, "upload": SimpleUploadedFile("k.pdf", pdf)}
    )
    assert "larger than 0 MB" in page.content.decode()
    page = client.post(new_lesson, {"kind": "text", "title": "Bo‘sh", "order": 4, "text": " "})
    assert "Write the text" in page.content.decode() or "matn" in page.content.decode().lower()
    assert JournalEntry.objects.filter(object_repr="Hujjat").exists()


@pytest.mark.skipif(shutil.which("ffmpeg") is None, reason="ffmpeg is not installed")
def test_editor_uploads_a_real_video_and_its_length_is_measured(client, editor):
    from edu.learning.demo import make_video

    programme = make_programme(editor.institution, courses=1, required=1, lessons=0)
    course = programme.courses.get()
    act_as(client, editor)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "v.webm"
        assert make_video(path, title="Sinov", colour="#0b6e69", seconds=3)
        upload = SimpleUploadedFile("v.webm", path.read_bytes(), content_type="video/webm")
    data = {"kind": "video", "title": "Video", "order": 1, "upload": upload}
    response = client.post(reverse("learning:lesson_new", args=[course.pk]), data)
    assert response.status_code == 302
    assert Lesson.objects.get(title="Video").duration_seconds == 3
    assert subprocess.run(["ffprobe", "-version"], capture_output=True, check=False).returncode == 0


def test_editor_sees_learners_progress_and_results_and_exports_them(client, programme, editor):
    for _ in range(3):
        take_placement(UserFactory(), programme)
    user, certificate = _certified(make_programme(programme.institution, courses=1, questions=2, required=1))
    act_as(client, editor)
    learners = reverse("learning:learners", args=[programme.pk])
    page = client.get(learners).content.decode()
    assert page.count("<progress") == 3
    xlsx = client.get(learners + "?format=xlsx")
    rows = list(load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active.iter_rows(values_only=True))
    assert len(rows) == 4 and rows[1][5] == 5

    other = certificate.programme
    course = other.courses.get()
    page = client.get(reverse("learning:course_admin", args=[course.pk])).content.decode()
    assert user.phone in page
    export = client.get(reverse("learning:course_results_export", args=[course.pk]))
    rows = list(load_workbook(io.BytesIO(b"".join(export.streaming_content))).active.iter_rows(values_only=True))
    assert rows[1][1] == user.phone and rows[1][5] == 100

    plan = plans.selectors.StudyPlan.objects.get(user=user)
    page = client.get(reverse("learning:learner", args=[plan.pk])).content.decode()
    assert certificate.number in page


def test_learner_list_queries_do_not_grow_with_learners(client, programme, editor, django_assert_max_num_queries):
    for _ in range(6):
        take_placement(UserFactory(), programme)
    act_as(client, editor)
    with django_assert_max_num_queries(20):
        assert client.get(reverse("learning:learners", args=[programme.pk])).status_code == 200


def test_editor_revokes_a_certificate_through_the_page(client):
    programme = make_programme(courses=1, questions=2, required=1)
    _user, certificate = _certified(programme)
    editor = RoleAssignmentFactory(role=Role.LEARNING_EDITOR, institution=programme.institution)
    act_as(client, editor)
    assert certificate.number in client.get(reverse("learning:certificates")).content.decode()
    url = reverse("learning:certificate_revoke", args=[certificate.pk])
    assert client.post(url, {"reason": "Hujjatlar soxta"}).status_code == 302
    certificate.refresh_from_db()
    assert certificate.is_revoked and certificate.revoked_by == editor.user


def test_editors_of_another_institution_and_learners_get_404(client, programme):
    stranger = RoleAssignmentFactory(role=Role.LEARNING_EDITOR)
    act_as(client, stranger)
    course = programme.courses.first()
    for url in (
        reverse("learning:programme", args=[programme.pk]),
        reverse("learning:course_admin", args=[course.pk]),
        reverse("learning:learners", args=[programme.pk]),
        reverse("learning:lesson_edit", args=[course.pk, course.lessons.first().pk]),
    ):
        assert client.get(url).status_code == 404, url
    client.force_login(UserFactory())
    assert client.get(reverse("learning:programmes")).status_code == 404
