"""The lean WSGI path for attempt starts and answer saves answers exactly like Django, and leaves every refusal to
Django."""

from __future__ import annotations

import io
import json

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_started

from edu.accounts.tests.factories import UserFactory
from edu.accounts.tokens import api_token_issue
from edu.assessment.fastpath import ExamFastPath
from edu.assessment.models import Attempt, AttemptItem, Choice
from edu.assessment.services import attempts as services
from edu.assessment.tests.factories import make_blueprint
from edu.org.tests.factories import InstitutionFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def app():
    return ExamFastPath(WSGIHandler())


@pytest.fixture
def taken():
    """(attempt, token key, first question id) of a started attempt."""
    blueprint = make_blueprint(InstitutionFactory(), sections=((4, 2),), time_limit_minutes=10)
    user = UserFactory()
    attempt = services.attempt_start(blueprint=blueprint, user=user)
    key, _token = api_token_issue(user=user)
    question = attempt.items.order_by("position").first().question_id
    return attempt, key, question


def put(
    app, path: str, body: object, *, token: str, cookie: str | None = None, method: str = "PUT"
) -> tuple[int, dict, dict]:
    raw = json.dumps(body).encode()
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": "testserver",
        "HTTP_AUTHORIZATION": f"Bearer {token}",
        "CONTENT_TYPE": "application/json",
        "CONTENT_LENGTH": str(len(raw)),
        "wsgi.input": io.BytesIO(raw),
        "wsgi.url_scheme": "http",
        "wsgi.errors": io.StringIO(),
    }
    if cookie:
        environ["HTTP_COOKIE"] = cookie
    seen: dict = {}

    def start_response(status: str, headers: list[tuple[str, str]], exc_info=None) -> None:
        seen["status"] = int(status.split()[0])
        seen["headers"] = {k.lower(): v for k, v in headers if k.lower() not in ("date", "content-length")}

    result = app(environ, start_response)
    payload = b"".join(result)
    if hasattr(result, "close"):
        result.close()
    return seen["status"], json.loads(payload), seen["headers"]


def through_django() -> list[object]:
    calls: list[object] = []

    def started(sender: object, **kwargs: object) -> None:
        calls.append(sender)

    request_started.connect(started, weak=False, dispatch_uid="fastpath-test")
    return calls


def test_a_plain_save_is_answered_without_the_django_stack_and_looks_the_same(app, taken):
    attempt, key, question = taken
    choice = Choice.objects.filter(question_id=question).first().pk
    path = f"/api/v1/attempts/{attempt.pk}/answers/{question}"
    calls = through_django()
    try:
        fast = put(app, path, {"choice": choice, "seq": 1}, token=key)
        assert calls == []  # answered by the lean path
        slow = put(app, path, {"choice": choice, "seq": 2}, token=key, cookie="unrelated=1")
        assert len(calls) == 1  # a request with cookies goes through Django
    finally:
        request_started.disconnect(dispatch_uid="fastpath-test")
    assert fast[0] == slow[0] == 200
    assert fast[1] == {"saved": True, "seq": 1} and slow[1] == {"saved": True, "seq": 2}
    assert fast[2] == slow[2]  # the same security headers either way
    assert "content-security-policy" in fast[2] and fast[2]["x-content-type-options"] == "nosniff"
    item = AttemptItem.objects.get(attempt=attempt, question_id=question)
    assert item.selected == [choice] and item.seq == 2


def test_an_older_save_changes_nothing_and_a_clear_is_kept(app, taken):
    attempt, key, question = taken
    choice = Choice.objects.filter(question_id=question).first().pk
    path = f"/api/v1/attempts/{attempt.pk}/answers/{question}"
    assert put(app, path, {"choice": choice, "seq": 5}, token=key)[1] == {"saved": True, "seq": 5}
    assert put(app, path, {"choice": None, "seq": 4}, token=key)[1] == {"saved": True, "seq": 5}
    assert AttemptItem.objects.get(attempt=attempt, question_id=question).selected == [choice]
    assert put(app, path, {"choice": None, "seq": 6}, token=key)[1] == {"saved": True, "seq": 6}
    assert AttemptItem.objects.get(attempt=attempt, question_id=question).selected is None


def test_refusals_are_left_to_django_with_its_messages(app, taken):
    attempt, key, question = taken
    path = f"/api/v1/attempts/{attempt.pk}/answers/{question}"
    foreign = Choice.objects.exclude(question_id=question).first().pk
    status, body, _ = put(app, path, {"choice": foreign, "seq": 1}, token=key)
    assert status == 400 and body["field"] == "choice" and body["detail"]
    status, body, _ = put(app, path, {"choice": "B", "seq": 1}, token=key)
    assert status == 400 and body["field"] == "choice"
    status, body, _ = put(app, path, {"choice": None, "seq": 1}, token="forged")
    assert status == 401 and body["detail"]
    other = UserFactory()
    other_key, _ = api_token_issue(user=other)
    status, _body, _ = put(app, path, {"choice": None, "seq": 1}, token=other_key)
    assert status == 404  # another person's attempt looks missing
    services.attempt_submit(attempt_id=attempt.pk)
    status, body, _ = put(app, path, {"choice": None, "seq": 9}, token=key)
    assert status == 409 and body["detail"]
    assert AttemptItem.objects.get(attempt=attempt, question_id=question).seq == 0


def post(app, body: object, *, token: str, cookie: str | None = None) -> tuple[int, dict, dict]:
    return put(app, "/api/v1/attempts", body, token=token, cookie=cookie, method="POST")


@pytest.fixture
def test_and_takers():
    blueprint = make_blueprint(
        InstitutionFactory(), sections=((6, 3), (5, 2)), time_limit_minutes=10, attempts_allowed=1
    )
    first, second = UserFactory(), UserFactory()
    return blueprint, (first, api_token_issue(user=first)[0]), (second, api_token_issue(user=second)[0])


def test_a_plain_start_is_answered_without_the_django_stack_and_looks_the_same(app, test_and_takers):
    blueprint, (first, first_key), (_second, second_key) = test_and_takers
    calls = through_django()
    try:
        fast = post(app, {"blueprint": blueprint.pk}, token=first_key)
        assert calls == []  # answered by the lean path
        slow = post(app, {"blueprint": blueprint.pk}, token=second_key, cookie="unrelated=1")
        assert len(calls) == 1  # a request with cookies goes through Django
        again = post(app, {"blueprint": blueprint.pk}, token=first_key)
        assert len(calls) == 1
    finally:
        request_started.disconnect(dispatch_uid="fastpath-test")
    assert fast[0] == slow[0] == 201
    assert fast[2] == slow[2] and fast[2]["allow"] == "POST, OPTIONS"  # the same headers either way
    assert set(fast[1]) == set(slow[1]) and fast[1]["deadline"] and fast[1]["state"] == "open"
    attempt = Attempt.objects.get(user=first, blueprint=blueprint)
    stored = list(attempt.items.order_by("position").values_list("question_id", "choice_order"))
    shown = [(q["id"], [c["id"] for c in q["choices"]]) for q in fast[1]["questions"]]
    assert shown == stored and len(shown) == 5  # what the taker sees is what was drawn and stored
    # Starting again returns the open attempt: the same questions, not a new draw.
    assert again[0] == 200 and again[1]["id"] == attempt.pk and again[1]["questions"] == fast[1]["questions"]
    assert Attempt.objects.filter(blueprint=blueprint).count() == 2


def test_refused_starts_are_left_to_django_with_its_messages(app, test_and_takers):
    blueprint, (first, first_key), _second = test_and_takers
    status, body, _ = post(app, {"blueprint": "first"}, token=first_key)
    assert status == 400 and body["blueprint"]
    status, body, _ = post(app, {"blueprint": blueprint.pk}, token="forged")
    assert status == 401 and body["detail"]
    hidden = make_blueprint(blueprint.institution, is_published=False)
    status, body, _ = post(app, {"blueprint": hidden.pk}, token=first_key)
    assert status == 404  # an unpublished test looks missing
    assert post(app, {"blueprint": blueprint.pk}, token=first_key)[0] == 201
    services.attempt_submit(attempt_id=Attempt.objects.get(user=first).pk)
    status, body, _ = post(app, {"blueprint": blueprint.pk}, token=first_key)
    assert status == 400 and "1" in body["detail"]  # its one attempt is used
    assert Attempt.objects.filter(user=first).count() == 1
