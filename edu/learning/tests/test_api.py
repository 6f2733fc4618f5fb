"""The learning API for the mobile app: the plan's exact shape, lesson progress and heartbeats, exam starts that
hand over to the engine's attempts API."""

from __future__ import annotations

import pytest

from edu.accounts.tests.factories import UserFactory
from edu.assessment.models import AttemptItem, Choice
from edu.assessment.tests.test_attempts_api import api_for
from edu.learning.models import Lesson, LessonKind, LessonProgress
from edu.learning.tests.factories import make_programme
from edu.learning.tests.helpers import study, take_placement, time_passes

pytestmark = pytest.mark.django_db

COURSE_KEYS = {"id", "title", "required", "placement_percent", "state", "attempts_left", "exam_blueprint"}


def test_plan_has_exactly_the_documented_shape_before_and_after_the_placement():
    programme = make_programme(courses=6, required=3)
    user = UserFactory()
    api = api_for(user)

    body = api.get("/api/v1/learning/plan").json()
    assert set(body) == {"placement", "courses", "final_exam"}
    assert body["placement"] == {"blueprint": programme.placement_blueprint_id, "attempt": None, "percent": None}
    assert all(set(c) == COURSE_KEYS and c["state"] == "locked" for c in body["courses"])
    assert body["final_exam"] == {"state": "locked", "blueprint": programme.final_blueprint_id, "certificate": None}

    attempt = take_placement(user, programme, {1: 4, 2: 0, 3: 2, 4: 1, 5: 4, 6: 3})
    body = api.get("/api/v1/learning/plan").json()
    assert body["placement"] == {
        "blueprint": programme.placement_blueprint_id,
        "attempt": attempt.pk,
        "percent": float(attempt.percent),
    }
    courses = body["courses"]
    assert [c["title"] for c in courses[:3]] == ["Kurs 2", "Kurs 4", "Kurs 3"]  # weakest first
    assert [c["required"] for c in courses] == [True, True, True, False, False, False]
    assert [c["state"] for c in courses[:3]] == ["open", "locked", "locked"]
    assert courses[0]["placement_percent"] == 0.0 and courses[0]["attempts_left"] == 3
    assert all(set(c) == COURSE_KEYS for c in courses)
    assert set(body["final_exam"]) == {"state", "blueprint", "certificate"}


def test_plan_needs_authentication():
    from rest_framework.test import APIClient

    assert APIClient().get("/api/v1/learning/plan").status_code in (401, 403)


def _video_setup():  # type: ignore[no-untyped-def]
    programme = make_programme(courses=1, required=1, lessons=0)
    lesson = programme.courses.get().lessons.create(
        kind=LessonKind.VIDEO, title="Video", file="learning/v.webm", duration_seconds=30
    )
    user = UserFactory()
    take_placement(user, programme)
    return user, lesson


def test_heartbeat_api_refuses_ten_minutes_in_ten_seconds_with_409_and_the_verified_position():
    user, lesson = _video_setup()
    api = api_for(user)
    opened = api.get(f"/api/v1/learning/lessons/{lesson.pk}/progress").json()
    assert opened["furthest_seconds"] == 0 and opened["completed"] is False
    beat = f"/api/v1/learning/lessons/{lesson.pk}/heartbeat"
    assert api.post(beat, {"position": 0}, format="json").status_code == 200
    time_passes(user, lesson.pk, 10)
    refused = api.post(f"/api/v1/learning/lessons/{lesson.pk}/heartbeat", {"position": 600}, format="json")
    assert refused.status_code == 409
    assert refused.json()["furthest_seconds"] == 0 and refused.json()["detail"]
    for position in (10, 20, 30):
        time_passes(user, lesson.pk, 10)
        ok = api.post(f"/api/v1/learning/lessons/{lesson.pk}/heartbeat", {"position": position}, format="json")
        assert ok.status_code == 200, ok.content
    assert ok.json()["completed"] is True
    bad = api.post(f"/api/v1/learning/lessons/{lesson.pk}/heartbeat", {"position": "soon"}, format="json")
    assert bad.status_code == 400


def test_complete_api_refuses_a_text_read_too_early():
    programme = make_programme(courses=1, required=1)
    user = UserFactory()
    take_placement(user, programme)
    lesson = programme.courses.get().lessons.get()
    api = api_for(user)
    api.post(f"/api/v1/learning/lessons/{lesson.pk}/heartbeat", {}, format="json")
    early = api.post(f"/api/v1/learning/lessons/{lesson.pk}/complete")
    assert early.status_code == 400 and "seconds" in early.json()["detail"]
    time_passes(user, lesson.pk, 10)
    api.post(f"/api/v1/learning/lessons/{lesson.pk}/heartbeat", {}, format="json")
    assert api.post(f"/api/v1/learning/lessons/{lesson.pk}/complete").json()["completed"] is True


def test_locked_course_lessons_answer_403_with_the_reason():
    programme = make_programme(courses=2, required=2)
    user = UserFactory()
    take_placement(user, programme, {1: 0, 2: 1})
    lesson = programme.courses.get(order=2).lessons.get()
    api = api_for(user)
    response = api.post(f"/api/v1/learning/lessons/{lesson.pk}/heartbeat", {}, format="json")
    assert response.status_code == 403 and "Kurs 1" in response.json()["detail"]
    course = api.get(f"/api/v1/learning/courses/{programme.courses.get(order=2).pk}").json()
    assert course["state"] == "locked" and course["lessons"][0]["file"] is None and course["lessons"][0]["text"] == ""


def test_course_exam_is_started_here_and_answered_through_the_engines_attempts_api():
    programme = make_programme(courses=1, required=1, questions=4)
    user = UserFactory()
    take_placement(user, programme)
    course = programme.courses.get()
    api = api_for(user)
    # the engine will not start a course exam itself: the course must be checked first
    assert api.post("/api/v1/attempts", {"blueprint": course.exam_blueprint_id}, format="json").status_code == 404
    assert api.post(f"/api/v1/learning/courses/{course.pk}/exam").status_code == 403  # lessons not complete
    study(user, course)
    started = api.post(f"/api/v1/learning/courses/{course.pk}/exam")
    assert started.status_code == 201
    attempt_id = started.json()["id"]
    for seq, item in enumerate(AttemptItem.objects.filter(attempt_id=attempt_id), start=1):
        choice = Choice.objects.get(question_id=item.question_id, is_correct=True)
        url = f"/api/v1/attempts/{attempt_id}/answers/{item.question_id}"
        saved = api.put(url, {"choice": choice.pk, "seq": seq}, format="json")
        assert saved.status_code == 200
    result = api.post(f"/api/v1/attempts/{attempt_id}/submit").json()
    assert result["passed"] is True and result["percent"] == 100
    plan = api.get("/api/v1/learning/plan").json()
    assert plan["courses"][0]["state"] == "passed" and plan["final_exam"]["state"] == "open"
    final = api.post("/api/v1/learning/final-exam")
    assert final.status_code == 201 and final.json()["blueprint"] == programme.final_blueprint_id


def test_lesson_file_api_serves_ranges_to_an_open_course():
    from django.core.files.base import ContentFile

    programme = make_programme(courses=1, required=1, lessons=0)
    lesson = Lesson(course=programme.courses.get(), kind=LessonKind.DOCUMENT, title="Hujjat", page_count=1)
    lesson.file.save("doc.pdf", ContentFile(b"%PDF-1.4 0123456789"), save=True)
    user = UserFactory()
    api = api_for(user)
    assert api.get(f"/api/v1/learning/lessons/{lesson.pk}/file").status_code == 403  # no placement yet
    take_placement(user, programme)
    partial = api.get(f"/api/v1/learning/lessons/{lesson.pk}/file", HTTP_RANGE="bytes=0-7")
    assert partial.status_code == 206 and b"".join(partial.streaming_content) == b"%PDF-1.4"
    assert partial["Content-Range"] == "bytes 0-7/19"
    assert LessonProgress.objects.filter(user=user, lesson=lesson).exists()


def test_openapi_schema_documents_the_learning_api(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").content.decode()
    for path in (
        "/api/v1/learning/plan",
        "/api/v1/learning/lessons/{lesson_id}/heartbeat",
        "/api/v1/learning/lessons/{lesson_id}/progress",
        "/api/v1/learning/courses/{course_id}/exam",
        "/api/v1/learning/final-exam",
    ):
        assert path in schema
