"""One test per rule of the learning path (SPEC L5–L14), through the services and the engine's scoring."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from edu.accounts.tests.factories import UserFactory
from edu.assessment.models import Audience, Blueprint, BlueprintSection
from edu.assessment.tests.factories import PoolFactory, QuestionFactory
from edu.core.errors import ApplicationError
from edu.journal.models import JournalEntry
from edu.learning import selectors
from edu.learning.models import Certificate, LessonKind, LessonProgress
from edu.learning.services import catalogue, plans, progress
from edu.learning.services.certificates import certificate_revoke
from edu.learning.tests.factories import add_weighted_course, answer, make_programme, submit
from edu.learning.tests.helpers import fail_exam, pass_exam, study, take_placement, time_passes
from edu.org.roles import Role
from edu.org.tests.factories import RoleAssignmentFactory

pytestmark = pytest.mark.django_db


def overview(user, programme):  # type: ignore[no-untyped-def]
    plans.learner_sync(user=user, programme=programme)
    return selectors.learner_overview(user=user, programme=programme)


def test_plan_is_the_five_weakest_courses_weakest_first_ties_in_catalogue_order():
    programme = make_programme(questions=4)
    user = UserFactory()
    # course order → questions right out of 4
    scores = {1: 4, 2: 0, 3: 3, 4: 1, 5: 2, 6: 0, 7: 4, 8: 1, 9: 3, 10: 2}
    take_placement(user, programme, scores)

    o = overview(user, programme)
    assert [s.course.order for s in o.required] == [2, 6, 4, 8, 5]  # 0, 0, 25, 25, 50 — C10 (also 50) comes later
    assert [s.placement_percent for s in o.required] == [0, 0, 25, 25, 50]
    assert len(o.additional) == 5 and all(not s.required for s in o.additional)
    assert o.plan is not None and o.plan.placement_percent == Decimal("50.00")
    # only the first required course is open; the others say why they are locked
    assert [s.state for s in o.required] == ["open", "locked", "locked", "locked", "locked"]
    assert "Kurs 2" in o.required[1].reason


def test_71_passes_and_70_9_does_not():
    programme = make_programme(courses=1, required=1)
    user = UserFactory()
    take_placement(user, programme)
    at_71 = add_weighted_course(programme, weights=("71", "29"), code="A")
    at_70_9 = add_weighted_course(programme, weights=("70.9", "29.1"), code="B")
    for course in (at_71, at_70_9):
        study(user, course)
        attempt = plans.course_exam_start(user=user, course=course)
        answer(attempt, lambda item, q: q.points > 50)
        submit(attempt)
    o = overview(user, programme)
    assert o.by_id[at_71.pk].exam.best_percent == Decimal("71.00")
    assert o.by_id[at_71.pk].state == "passed"
    assert o.by_id[at_70_9.pk].exam.best_percent == Decimal("70.90")
    assert o.by_id[at_70_9.pk].state == "exam_open"


def test_passing_unlocks_the_next_required_course_failing_does_not():
    programme = make_programme(courses=3, required=2)
    user = UserFactory()
    take_placement(user, programme, {1: 0, 2: 1, 3: 4})
    first, second = (s.course for s in overview(user, programme).required)
    study(user, first)
    fail_exam(user, first)
    assert overview(user, programme).by_id[second.pk].state == "locked"
    with pytest.raises(ApplicationError):
        plans.course_exam_start(user=user, course=second)
    pass_exam(user, first)
    assert overview(user, programme).by_id[second.pk].state == "open"


def test_the_exam_opens_only_when_every_lesson_is_complete():
    programme = make_programme(courses=1, required=1, lessons=2)
    user = UserFactory()
    take_placement(user, programme)
    course = programme.courses.get()
    with pytest.raises(ApplicationError, match="0 of 2"):
        plans.course_exam_start(user=user, course=course)
    study(user, course)
    assert plans.course_exam_start(user=user, course=course).is_open


def test_the_fourth_attempt_is_refused_and_restudy_restores_attempts():
    programme = make_programme(courses=1, required=1, lessons=2)
    user = UserFactory()
    take_placement(user, programme)
    course = programme.courses.get()
    study(user, course)
    for left in (2, 1, 0):
        fail_exam(user, course)
        assert overview(user, programme).by_id[course.pk].attempts_left == left

    # after the third failure: study the course again; its lessons start over
    state = overview(user, programme).by_id[course.pk]
    assert state.state == "restudy" and "again" in state.reason
    assert state.lessons_done == 0
    assert not LessonProgress.objects.filter(user=user, completed_at__isnull=False).exists()
    with pytest.raises(ApplicationError):
        plans.course_exam_start(user=user, course=course)  # the 4th attempt is refused
    assert JournalEntry.objects.filter(object_repr__contains=str(user.pk), after__restudy_pending=True).exists()

    # completing the lessons again gives three new attempts
    study(user, course)
    state = overview(user, programme).by_id[course.pk]
    assert state.state == "exam_open" and state.attempts_left == 3
    fourth = pass_exam(user, course)
    assert fourth.number == 4 and fourth.passed
    assert overview(user, programme).by_id[course.pk].state == "passed"


def test_final_exam_stays_locked_until_every_required_course_is_passed():
    programme = make_programme(courses=3, required=2)
    user = UserFactory()
    take_placement(user, programme)
    required = [s.course for s in overview(user, programme).required]
    for i, course in enumerate(required):
        final = overview(user, programme).final
        assert final.state == "locked"
        assert f"{i} of 2" in final.reason
        with pytest.raises(ApplicationError):
            plans.final_exam_start(user=user, programme=programme)
        study(user, course)
        pass_exam(user, course)
    assert overview(user, programme).final.state == "open"
    assert plans.final_exam_start(user=user, programme=programme).is_open


def _programme_with_weighted_final(weights: tuple[str, str]):  # type: ignore[no-untyped-def]
    programme = make_programme(courses=1, required=1)
    pool = PoolFactory(institution=programme.institution)
    for w in weights:
        QuestionFactory(pool=pool, points=Decimal(w))
    final = Blueprint.objects.create(
        institution=programme.institution,
        title="Yakuniy",
        pass_percent=70,
        attempts_allowed=3,
        audience=Audience.LISTED,
        is_published=True,
    )
    BlueprintSection.objects.create(blueprint=final, title="Hammasi", pool=pool, draw_count=2)
    programme.final_blueprint = final
    programme.save()
    return programme


@pytest.mark.parametrize(("weights", "issued"), [(("70", "30"), True), (("69", "31"), False)])
def test_70_issues_a_certificate_and_69_does_not(weights, issued):
    programme = _programme_with_weighted_final(weights)
    user = UserFactory()
    take_placement(user, programme)
    course = programme.courses.get()
    study(user, course)
    pass_exam(user, course)
    attempt = plans.final_exam_start(user=user, programme=programme)
    answer(attempt, lambda item, q: q.points > 50)
    scored = submit(attempt)
    assert scored.percent == Decimal(weights[0])
    assert Certificate.objects.filter(user=user).exists() is issued
    assert overview(user, programme).final.state == ("passed" if issued else "open")


def test_certificate_number_and_public_verification_without_sign_in_shows_revocation(client):
    programme = _programme_with_weighted_final(("70", "30"))
    user = UserFactory(surname="Karimova", first_name="Dilnoza")
    take_placement(user, programme)
    course = programme.courses.get()
    study(user, course)
    pass_exam(user, course)
    attempt = plans.final_exam_start(user=user, programme=programme)
    answer(attempt, lambda item, q: q.points > 50)
    submit(attempt)
    certificate = Certificate.objects.get(user=user)
    assert certificate.number.startswith("BLM-") and certificate.percent == Decimal("70.00")

    page = client.get(f"/verify/{certificate.code}")  # nobody is signed in
    assert page.status_code == 200
    text = page.content.decode()
    assert 'data-verify="valid"' in text and "Karimova Dilnoza" in text and certificate.number in text
    assert client.get("/verify/not-a-real-code").status_code == 404

    editor = RoleAssignmentFactory(role=Role.LEARNING_EDITOR, institution=programme.institution)
    from edu.org.actor import Actor

    with pytest.raises(ApplicationError):
        certificate_revoke(actor=Actor(user=editor.user, assignment=editor), certificate=certificate, reason=" ")
    certificate_revoke(actor=Actor(user=editor.user, assignment=editor), certificate=certificate, reason="Xato")
    text = client.get(f"/verify/{certificate.code}").content.decode()
    assert 'data-verify="revoked"' in text and 'data-verify="valid"' not in text
    assert JournalEntry.objects.filter(object_id=str(certificate.pk), after__revoke_reason="Xato").exists()


def _video_course(user):  # type: ignore[no-untyped-def]
    programme = make_programme(courses=1, required=1, lessons=0)
    course = programme.courses.get()
    lesson = course.lessons.create(kind=LessonKind.VIDEO, title="Video", file="learning/v.webm", duration_seconds=600)
    take_placement(user, programme)
    return programme, lesson


def test_heartbeats_claiming_more_than_wall_clock_time_are_refused():
    user = UserFactory()
    _programme, lesson = _video_course(user)
    assert progress.lesson_heartbeat(user=user, lesson=lesson, position=0).accepted

    # ten minutes of video claimed ten seconds later
    time_passes(user, lesson.pk, 10)
    beat = progress.lesson_heartbeat(user=user, lesson=lesson, position=600)
    assert not beat.accepted and "600" in beat.message
    row = LessonProgress.objects.get(user=user, lesson=lesson)
    assert row.furthest_seconds == 0 and row.completed_at is None

    # real playback is accepted, with a little slack for the network
    time_passes(user, lesson.pk, 10)
    assert progress.lesson_heartbeat(user=user, lesson=lesson, position=12).accepted
    # many quick heartbeats cannot add up their slack
    assert not progress.lesson_heartbeat(user=user, lesson=lesson, position=20).accepted
    assert LessonProgress.objects.get(user=user, lesson=lesson).furthest_seconds == 12


def test_a_video_completes_only_when_watched_to_the_end():
    user = UserFactory()
    programme, lesson = _video_course(user)
    progress.lesson_heartbeat(user=user, lesson=lesson, position=0)
    position = 0
    while position < 590:
        time_passes(user, lesson.pk, 10)
        position += 10
        beat = progress.lesson_heartbeat(user=user, lesson=lesson, position=position)
        assert beat.accepted and not beat.completed_now
    time_passes(user, lesson.pk, 10)
    assert progress.lesson_heartbeat(user=user, lesson=lesson, position=600).completed_now
    assert overview(user, programme).required[0].state == "exam_open"
    with pytest.raises(ApplicationError):
        progress.lesson_mark_read(user=user, lesson=lesson)  # no "I have read it" for a video


def test_a_text_can_be_marked_read_only_after_its_minimum_time(settings):
    settings.LEARNING_READING_WPM = 60  # 2 words: 2 s of reading, 1 s minimum
    user = UserFactory()
    programme = make_programme(courses=1, required=1)
    take_placement(user, programme)
    lesson = programme.courses.get().lessons.get()
    progress.lesson_heartbeat(user=user, lesson=lesson)
    with pytest.raises(ApplicationError, match="1 seconds"):
        progress.lesson_mark_read(user=user, lesson=lesson)
    time_passes(user, lesson.pk, 5)
    progress.lesson_heartbeat(user=user, lesson=lesson)
    assert progress.lesson_mark_read(user=user, lesson=lesson).completed_at is not None


def test_locked_course_materials_stay_closed_with_the_reason():
    user = UserFactory()
    programme = make_programme(courses=2, required=2)
    with pytest.raises(ApplicationError, match="placement"):
        progress.lesson_open(user=user, lesson=programme.courses.get(order=1).lessons.get())
    take_placement(user, programme, {1: 0, 2: 1})
    second = programme.courses.get(order=2)
    with pytest.raises(ApplicationError, match="Kurs 1"):
        progress.lesson_open(user=user, lesson=second.lessons.get())


def test_an_additional_course_is_studied_freely_and_its_exam_does_not_change_the_plan():
    programme = make_programme(courses=3, required=1)
    user = UserFactory()
    take_placement(user, programme, {1: 0, 2: 4, 3: 4})
    o = overview(user, programme)
    extra = o.additional[0].course
    assert o.by_id[extra.pk].state == "open"
    study(user, extra)
    pass_exam(user, extra)
    o = overview(user, programme)
    assert o.by_id[extra.pk].state == "passed" and not o.by_id[extra.pk].required
    assert [s.course.order for s in o.required] == [1] and o.final.state == "locked"


def test_the_plan_is_made_from_the_placement_even_if_the_post_submit_reaction_was_lost():
    programme = make_programme(courses=2, required=1)
    user = UserFactory()
    attempt = plans.placement_start(user=user, programme=programme)
    from edu.assessment.services.attempts import attempt_submit

    attempt_submit(attempt_id=attempt.pk)  # no handler ran
    assert overview(user, programme).plan is not None


@pytest.mark.django_db(transaction=True)
def test_the_engine_runs_the_learning_reaction_after_commit():
    programme = make_programme(courses=2, required=1)
    user = UserFactory()
    attempt = plans.placement_start(user=user, programme=programme)
    from edu.assessment.services.attempts import attempt_submit
    from edu.learning.models import StudyPlan

    attempt_submit(attempt_id=attempt.pk)
    assert StudyPlan.objects.filter(user=user, programme=programme).exists()


def test_course_time_allotment_is_derived_from_its_content(settings):
    settings.LEARNING_READING_WPM = 100
    settings.LEARNING_SECONDS_PER_PAGE = 60
    programme = make_programme(courses=1, required=1, lessons=0)
    course = programme.courses.get()
    course.lessons.create(kind=LessonKind.VIDEO, title="v", file="x.webm", duration_seconds=300)
    course.lessons.create(kind=LessonKind.TEXT, title="t", text="so‘z " * 500, word_count=500)
    course.lessons.create(kind=LessonKind.DOCUMENT, title="d", file="x.pdf", page_count=4)
    # 300 s of video + 500 words at 100 wpm (300 s) + 4 pages × 60 s = 840 s = 14 minutes
    assert selectors.course_allotments([course])[course.pk] == 14
    catalogue.course_save(actor=None, programme=programme, course=course, data={"time_allotment_minutes": 30})
    assert selectors.course_allotments([course])[course.pk] == 30


def test_verify_url_is_public(client):
    assert reverse("verify", args=["abc"]) == "/verify/abc"
