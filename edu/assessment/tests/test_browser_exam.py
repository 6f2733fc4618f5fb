"""The exam page in a real browser: answer, jump, lose the network, answer, come back, reload, run out of time."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from edu.accounts.tests.factories import PASSWORD, UserFactory
from edu.assessment.models import Attempt, AttemptItem, Choice
from edu.assessment.tests.factories import make_blueprint
from edu.org.tests.factories import InstitutionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, user):
    page.goto(page.base_url + "/accounts/login/")
    page.fill("#id_phone", user.phone)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(page.base_url + "/")


def answer_correctly(page, attempt, position):
    item = AttemptItem.objects.get(attempt=attempt, position=position)
    choice = Choice.objects.get(question_id=item.question_id, is_correct=True)
    page.click(f"label[for='c{choice.pk}']")


def test_answers_survive_offline_reload_and_the_deadline(page):
    blueprint = make_blueprint(
        InstitutionFactory(), sections=((10, 6),), time_limit_minutes=10, shuffle_questions=False
    )
    user = UserFactory()
    sign_in(page, user)
    page.goto(page.base_url + f"/tests/{blueprint.pk}/")
    page.click("main form button[type=submit]")
    page.wait_for_selector(".exam__choice")
    attempt = Attempt.objects.get(user=user)

    # Answer question 1, jump to 4 through the palette and answer it
    answer_correctly(page, attempt, 1)
    page.click(".pal >> text='4'")
    answer_correctly(page, attempt, 4)
    page.wait_for_selector(".exam__save.is-saved")
    assert "pal--answered" in page.get_attribute(".pal >> nth=0", "class")

    # The network goes away: answers stay on the page, marked not yet saved
    page.context.set_offline(True)
    page.keyboard.press("ArrowRight")  # question 5
    answer_correctly(page, attempt, 5)
    page.click(".pal >> text='6'")
    answer_correctly(page, attempt, 6)
    page.wait_for_selector("[data-offline]:not([hidden])")
    assert page.locator(".pal--pending").count() == 2
    assert AttemptItem.objects.filter(attempt=attempt, selected__isnull=False).count() == 2

    # It comes back: the queue is sent
    page.context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    page.wait_for_selector(".exam__save.is-saved", timeout=15_000)
    assert AttemptItem.objects.filter(attempt=attempt, selected__isnull=False).count() == 4

    # Reload: the same questions, the saved answers
    page.reload()
    page.wait_for_selector(".exam__choice")
    assert page.locator(".pal--answered").count() == 4

    # Time runs out while the page is open: it submits by itself and shows the result
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() + dt.timedelta(seconds=4))
    page.reload()
    page.wait_for_url(f"**/tests/attempts/{attempt.pk}/result/", timeout=20_000)
    attempt.refresh_from_db()
    assert attempt.state == "submitted"
    assert attempt.score == 4 and attempt.max_score == 6
    assert "66.67" in page.inner_text("main") or "66,67" in page.inner_text("main")
