"""The whole learning path in a real browser: sign-up → placement → plan → lessons (a video that cannot be
skipped, a text) → a failed and a passed course exam → final exam → certificate PDF → public verification."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path

import pytest
from django.core.files.base import ContentFile

from edu.accounts.models import User
from edu.accounts.tests.helpers import last_code
from edu.assessment.models import Attempt, AttemptItem, Choice
from edu.core.validators import make_pinfl
from edu.learning.models import Certificate, Lesson, LessonKind
from edu.learning.tests.factories import make_programme

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = "+998935551122"


def sign_up(page, sms_outbox):  # type: ignore[no-untyped-def]
    page.goto(page.base_url + "/accounts/signup/")
    page.fill("#id_phone", PHONE)
    page.click("main button[type=submit]")
    page.wait_for_url("**/signup/verify/")
    page.fill("#id_code", last_code(sms_outbox, PHONE))
    page.fill("#id_password1", "Mustahkam-parol-5")
    page.fill("#id_password2", "Mustahkam-parol-5")
    page.click("main form button[type=submit] >> nth=0")
    page.wait_for_url("**/signup/profile/")
    page.fill("#id_surname", "Rahimov")
    page.fill("#id_first_name", "Jamshid")
    page.fill("#id_birth_date", "1988-03-14")
    page.check("input[name=gender][value='11']")
    page.fill("#id_pinfl", make_pinfl(birth_date=dt.date(1988, 3, 14), male=True, serial=77))
    page.fill("#id_passport", "AD1234567")
    page.fill("#id_workplace", "Moliya vazirligi")
    page.fill("#id_position", "Bosh mutaxassis")
    page.click("main button[type=submit]")


def take_exam(page, right: bool) -> Attempt:  # type: ignore[no-untyped-def]
    """On the engine's exam page: answer every question (right or wrong), FINISH, confirm, see the result."""
    page.wait_for_selector(".exam__choice")
    attempt = Attempt.objects.filter(user__phone=PHONE, state="open").get()
    for item in AttemptItem.objects.filter(attempt=attempt).order_by("position"):
        page.click(f".pal >> text='{item.position}'")
        choice = Choice.objects.filter(question_id=item.question_id, is_correct=right).first()
        page.click(f"label[for='c{choice.pk}']")
    page.wait_for_selector(".exam__save.is-saved")
    page.click("[data-finish]")
    page.click("[data-confirm-dialog] button[value=yes]")
    page.wait_for_url(f"**/tests/attempts/{attempt.pk}/result/")
    return attempt


def test_a_learner_walks_the_whole_path(page, sms_outbox, settings):
    settings.LEARNING_HEARTBEAT_SECONDS = 1
    settings.LEARNING_READING_WPM = 600  # a two-word text: one second of reading
    programme = make_programme(courses=2, questions=2, required=1, lessons=1)
    first = programme.courses.get(order=1)
    if shutil.which("ffmpeg"):
        from edu.learning.demo import make_video

        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "v.webm"
            assert make_video(path, title="Kirish", colour="#1d4f91", seconds=2)
            video = Lesson(course=first, kind=LessonKind.VIDEO, title="Kirish videosi", duration_seconds=2, order=0)
            video.file.save("kirish.webm", ContentFile(path.read_bytes()))

    # Sign-up, then the placement test's conditions and START (L1, L2)
    sign_up(page, sms_outbox)
    page.wait_for_url(page.base_url + "/learning/")
    assert page.locator("[data-start]").is_visible()
    page.click("[data-start]")
    take_exam(page, right=False)  # both courses 0 %: the tie goes to the first in the catalogue

    # Results and the study plan (L5)
    assert page.locator("[data-learning-result=placement] li").count() == 1
    page.click("[data-to-plan]")
    page.wait_for_url(page.base_url + "/learning/")
    assert "Kurs 1" in page.inner_text(".course-table")
    page.click("[data-next-step]")
    page.wait_for_url(f"**/learning/courses/{first.pk}/")
    assert page.locator("[data-exam-locked]").is_visible()  # lessons first

    # The lessons: the video cannot be skipped; it completes when played to the end (L7, L8)
    page.click(".lesson-list__item a >> nth=0")
    if page.locator("[data-player]").count():
        for _ in range(100):  # wait for the metadata (wait_for_function would need eval, which the CSP forbids)
            if page.evaluate("document.querySelector('video').readyState") >= 1:
                break
            page.wait_for_timeout(100)
        page.evaluate("document.querySelector('video').currentTime = 1.5")
        page.wait_for_selector("[data-refused]:not([hidden])")
        assert page.evaluate("document.querySelector('video').currentTime") < 0.6
        page.evaluate("document.querySelector('video').playbackRate = 4")
        assert page.evaluate("document.querySelector('video').playbackRate") == 1
        page.evaluate("() => { const v = document.querySelector('video'); v.muted = true; return v.play(); }")
        page.wait_for_selector("[data-done]:not([hidden])", timeout=30_000)
        page.click("[data-next]")
    page.wait_for_selector("[data-read]:not([disabled])", timeout=15_000)
    page.click("[data-read]")
    page.wait_for_selector("[data-done]:not([hidden])")
    page.click("[data-next]")
    page.wait_for_url(f"**/learning/courses/{first.pk}/")

    # The course exam: a failure keeps the next step closed, then a pass (L9, L10)
    page.click("[data-exam-start]")
    take_exam(page, right=False)
    assert page.locator("[data-back-to-course]").is_visible()
    page.click("[data-back-to-course]")
    assert page.inner_text("[data-attempts-left]").strip() == "2"
    page.click("[data-exam-start]")
    take_exam(page, right=True)
    page.click("[data-learning-result=course] [data-next-step]")
    page.wait_for_url("**/learning/certificate/")

    # The final exam in the Certificate menu, then the certificate (L11, L13, L14)
    page.click("[data-final-start]")
    take_exam(page, right=True)
    page.click("[data-to-certificate]")
    page.wait_for_url("**/learning/certificate/")
    certificate = Certificate.objects.get(user=User.objects.get(phone=PHONE))
    assert certificate.number in page.inner_text("main")
    with page.expect_download() as download:
        page.click("[data-certificate-pdf]")
    pdf = Path(download.value.path()).read_bytes()
    assert pdf.startswith(b"%PDF")

    # Anyone can check it, without signing in
    anonymous = page.context.browser.new_context()
    visitor = anonymous.new_page()
    visitor.goto(page.base_url + f"/verify/{certificate.code}")
    assert visitor.locator("[data-verify=valid]").is_visible()
    assert "Rahimov Jamshid" in visitor.inner_text("main")
    anonymous.close()
