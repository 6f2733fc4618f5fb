"""The attempts API: start once, save idempotently, submit exactly once, scope, deadlines (issue 3)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from edu.accounts.tests.factories import PASSWORD, UserFactory
from edu.assessment.models import Attempt, AttemptItem, Choice, IntegrityPolicy
from edu.assessment.services import attempts as services
from edu.assessment.tests.factories import make_blueprint
from edu.org.tests.factories import InstitutionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def blueprint():
    return make_blueprint(InstitutionFactory(), sections=((8, 3), (6, 2)), time_limit_minutes=30)


@pytest.fixture
def taker():
    return UserFactory()


def api_for(user) -> APIClient:
    client = APIClient()
    response = client.post("/api/v1/auth/token", {"phone": user.phone, "password": PASSWORD}, format="json")
    assert response.status_code == 200, response.content
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {response.json()['token']}")
    return client


def correct_choice(question_id: int) -> int:
    return Choice.objects.get(question_id=question_id, is_correct=True).pk


def wrong_choice(question_id: int) -> int:
    return Choice.objects.filter(question_id=question_id, is_correct=False).first().pk


def test_token_needs_the_right_password(taker):
    client = APIClient()
    bad = client.post("/api/v1/auth/token", {"phone": taker.phone, "password": "nope"}, format="json")
    assert bad.status_code == 401 and bad.json()["detail"]
    assert client.get("/api/v1/attempts/1").status_code in (401, 403)
    client.credentials(HTTP_AUTHORIZATION="Bearer forged")
    assert client.get("/api/v1/attempts/1").status_code == 401


def test_start_draws_once_and_a_second_start_returns_the_same_attempt(blueprint, taker):
    api = api_for(taker)
    first = api.post("/api/v1/attempts", {"blueprint": blueprint.pk}, format="json")
    assert first.status_code == 201
    body = first.json()
    assert set(body) >= {"id", "deadline", "server_time", "questions", "answers"}
    assert len(body["questions"]) == 5
    assert body["answers"] == {}
    q = body["questions"][0]
    assert set(q) >= {"id", "text", "section", "choices"} and set(q["choices"][0]) == {"id", "text"}
    assert [s["section"] for s in body["questions"]].count("Bo‘lim 1") == 3
    deadline = dt.datetime.fromisoformat(body["deadline"])
    started = dt.datetime.fromisoformat(body["server_time"])
    assert dt.timedelta(minutes=29) < deadline - started <= dt.timedelta(minutes=30)
    again = api.post("/api/v1/attempts", {"blueprint": blueprint.pk}, format="json")
    assert again.status_code == 200
    assert again.json()["id"] == body["id"]
    assert [x["id"] for x in again.json()["questions"]] == [x["id"] for x in body["questions"]]
    assert [c["id"] for c in again.json()["questions"][0]["choices"]] == [c["id"] for c in q["choices"]]
    assert Attempt.objects.count() == 1


def test_saves_are_idempotent_by_sequence_number_and_can_be_cleared(blueprint, taker):
    api = api_for(taker)
    attempt = api.post("/api/v1/attempts", {"blueprint": blueprint.pk}, format="json").json()
    qid = attempt["questions"][0]["id"]
    first, second = attempt["questions"][0]["choices"][0]["id"], attempt["questions"][0]["choices"][1]["id"]
    url = f"/api/v1/attempts/{attempt['id']}/answers/{qid}"
    assert api.put(url, {"choice": first, "seq": 5}, format="json").json() == {"saved": True, "seq": 5}
    # An older save arriving late changes nothing; a repeat changes nothing
    assert api.put(url, {"choice": second, "seq": 3}, format="json").json() == {"saved": True, "seq": 5}
    assert api.put(url, {"choice": second, "seq": 5}, format="json").json()["seq"] == 5
    state = api.get(f"/api/v1/attempts/{attempt['id']}").json()
    assert state["answers"] == {str(qid): first}
    assert state["state"] == "open"
    # Clearing
    assert api.put(url, {"choice": None, "seq": 6}, format="json").status_code == 200
    assert api.get(f"/api/v1/attempts/{attempt['id']}").json()["answers"] == {}


def test_bad_input_is_refused_clearly(blueprint, taker):
    api = api_for(taker)
    attempt = api.post("/api/v1/attempts", {"blueprint": blueprint.pk}, format="json").json()
    q0, q1 = attempt["questions"][0], attempt["questions"][1]
    url = f"/api/v1/attempts/{attempt['id']}/answers/{q0['id']}"
    foreign_choice = q1["choices"][0]["id"]
    response = api.put(url, {"choice": foreign_choice, "seq": 1}, format="json")
    assert response.status_code == 400 and response.json()["field"] == "choice"
    assert api.put(url, {"choice": q0["choices"][0]["id"]}, format="json").status_code == 400  # no seq
    assert api.put(url, {"choice": "x", "seq": 1}, format="json").status_code == 400
    assert (
        api.put(f"/api/v1/attempts/{attempt['id']}/answers/999999", {"choice": 1, "seq": 1}, format="json").status_code
        == 404
    )
    assert api.post("/api/v1/attempts", {"blueprint": 999999}, format="json").status_code == 404
    assert api.post("/api/v1/attempts", {}, format="json").status_code == 400


def test_another_persons_attempt_is_404(blueprint, taker):
    mine = api_for(taker).post("/api/v1/attempts", {"blueprint": blueprint.pk}, format="json").json()
    other = api_for(UserFactory())
    qid = mine["questions"][0]["id"]
    assert other.get(f"/api/v1/attempts/{mine['id']}").status_code == 404
    assert (
        other.put(
            f"/api/v1/attempts/{mine['id']}/answers/{qid}",
            {"choice": mine["questions"][0]["choices"][0]["id"], "seq": 1},
            format="json",
        ).status_code
        == 404
    )
    assert other.post(f"/api/v1/attempts/{mine['id']}/submit").status_code == 404


def test_submit_scores_overall_and_per_section_once(blueprint, taker):
    api = api_for(taker)
    attempt = api.post("/api/v1/attempts", {"blueprint": blueprint.pk}, format="json").json()
    questions = attempt["questions"]
    for n, q in enumerate(questions[:4], start=1):  # 3 right, 1 wrong, 1 blank
        choice = correct_choice(q["id"]) if n <= 3 else wrong_choice(q["id"])
        api.put(f"/api/v1/attempts/{attempt['id']}/answers/{q['id']}", {"choice": choice, "seq": n}, format="json")
    result = api.post(f"/api/v1/attempts/{attempt['id']}/submit").json()
    assert result["score"] == 3 and result["max_score"] == 5 and result["percent"] == 60.0
    assert result["passed"] is True  # pass mark 60
    assert sum(s["max_score"] for s in result["sections"]) == 5
    assert {s["name"] for s in result["sections"]} == {"Bo‘lim 1", "Bo‘lim 2"}
    assert api.post(f"/api/v1/attempts/{attempt['id']}/submit").json() == result
    closed = api.put(
        f"/api/v1/attempts/{attempt['id']}/answers/{questions[4]['id']}",
        {"choice": correct_choice(questions[4]["id"]), "seq": 99},
        format="json",
    )
    assert closed.status_code == 409 and closed.json()["detail"]
    assert api.post(f"/api/v1/attempts/{attempt['id']}/submit").json()["score"] == 3


def test_saves_after_the_deadline_and_grace_are_refused(blueprint, taker, settings):
    settings.ATTEMPT_GRACE_SECONDS = 10
    api = api_for(taker)
    attempt = api.post("/api/v1/attempts", {"blueprint": blueprint.pk}, format="json").json()
    q = attempt["questions"][0]
    url = f"/api/v1/attempts/{attempt['id']}/answers/{q['id']}"
    Attempt.objects.filter(pk=attempt["id"]).update(deadline=timezone.now() - dt.timedelta(seconds=5))
    assert api.put(url, {"choice": q["choices"][0]["id"], "seq": 1}, format="json").status_code == 200  # grace
    Attempt.objects.filter(pk=attempt["id"]).update(deadline=timezone.now() - dt.timedelta(seconds=11))
    response = api.put(url, {"choice": q["choices"][1]["id"], "seq": 2}, format="json")
    assert response.status_code == 409
    # Reading it now shows it submitted at the deadline with the saved answer
    state = api.get(f"/api/v1/attempts/{attempt['id']}").json()
    assert state["state"] == "submitted" and state["result"]["max_score"] == 5


def test_background_job_submits_abandoned_attempts_exactly_once_at_the_deadline(blueprint, taker):
    attempt = services.attempt_start(blueprint=blueprint, user=taker)
    item = AttemptItem.objects.filter(attempt=attempt).first()
    services.attempt_answer_save(
        attempt_id=attempt.pk,
        user_id=taker.pk,
        question_id=item.question_id,
        choice_ids=[correct_choice(item.question_id)],
        seq=1,
    )
    deadline = timezone.now() - dt.timedelta(minutes=5)
    Attempt.objects.filter(pk=attempt.pk).update(deadline=deadline)
    assert services.attempt_submit_due() == 1
    assert services.attempt_submit_due() == 0
    attempt.refresh_from_db()
    assert attempt.state == "submitted" and attempt.submitted_by == "deadline"
    assert attempt.submitted_at == deadline
    assert attempt.score == 1


def test_attempt_limit_and_derived_time_limit(taker):
    blueprint = make_blueprint(
        InstitutionFactory(), sections=((40, 30), (20, 15)), attempts_allowed=1, time_limit_minutes=None
    )
    assert blueprint.effective_time_limit() == 90  # 45 questions at 1 hour per 30
    api = api_for(taker)
    attempt = api.post("/api/v1/attempts", {"blueprint": blueprint.pk}, format="json").json()
    deadline = dt.datetime.fromisoformat(attempt["deadline"]) - dt.datetime.fromisoformat(attempt["server_time"])
    assert dt.timedelta(minutes=89) < deadline <= dt.timedelta(minutes=90)
    api.post(f"/api/v1/attempts/{attempt['id']}/submit")
    second = api.post("/api/v1/attempts", {"blueprint": blueprint.pk}, format="json")
    assert second.status_code == 400 and "1" in second.json()["detail"]


def test_pool_too_small_is_explained(taker):
    blueprint = make_blueprint(InstitutionFactory(), sections=((3, 5),))
    response = api_for(taker).post("/api/v1/attempts", {"blueprint": blueprint.pk}, format="json")
    assert response.status_code == 400 and "5" in response.json()["detail"]


def test_pause_policy_stops_saves_until_a_proctor_resumes(taker):
    blueprint = make_blueprint(InstitutionFactory(), integrity_policy=IntegrityPolicy.PAUSE)
    api = api_for(taker)
    attempt = api.post("/api/v1/attempts", {"blueprint": blueprint.pk}, format="json").json()
    q = attempt["questions"][0]
    assert api.post(f"/api/v1/attempts/{attempt['id']}/events", {"kind": "copy"}, format="json").json() == {
        "paused": False
    }
    assert api.post(f"/api/v1/attempts/{attempt['id']}/events", {"kind": "blur"}, format="json").json() == {
        "paused": True
    }
    url = f"/api/v1/attempts/{attempt['id']}/answers/{q['id']}"
    assert api.put(url, {"choice": q["choices"][0]["id"], "seq": 1}, format="json").status_code == 409
    obj = Attempt.objects.get(pk=attempt["id"])
    Attempt.objects.filter(pk=obj.pk).update(paused_at=timezone.now() - dt.timedelta(minutes=2))
    obj.refresh_from_db()
    from edu.org.actor import Actor

    resumed = services.attempt_resume(actor=Actor(user=UserFactory()), attempt=obj)
    assert resumed.paused_at is None
    assert resumed.deadline - obj.deadline >= dt.timedelta(minutes=2)
    assert api.put(url, {"choice": q["choices"][0]["id"], "seq": 1}, format="json").status_code == 200
    kinds = list(obj.events.values_list("kind", flat=True))
    assert kinds == ["copy", "blur", "resumed"]


def test_withheld_result_shows_the_reason_not_the_score(blueprint, taker):
    api = api_for(taker)
    attempt = api.post("/api/v1/attempts", {"blueprint": blueprint.pk}, format="json").json()
    api.post(f"/api/v1/attempts/{attempt['id']}/submit")
    from edu.org.actor import Actor

    services.attempt_withhold(
        actor=Actor(user=UserFactory()),
        attempt=Attempt.objects.get(pk=attempt["id"]),
        reason="Video review: phone on the desk",
    )
    result = api.get(f"/api/v1/attempts/{attempt['id']}").json()["result"]
    assert result == {"withheld": True, "reason": "Video review: phone on the desk"}
    assert api.post(f"/api/v1/attempts/{attempt['id']}/submit").json()["withheld"] is True


def test_openapi_schema_documents_the_attempts_api(client):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    paths = response.json()["paths"] if response["Content-Type"].startswith("application/json") else None
    text = response.content.decode()
    assert "/api/v1/attempts/{attempt_id}/answers/{question_id}" in text
    assert "/api/v1/auth/token" in text
    del paths
