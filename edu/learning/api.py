"""The learner's JSON API for the mobile app (in the OpenAPI schema). Exams are then taken through the engine's
attempts API: these endpoints only start them, after checking the course or the final exam is open."""

from __future__ import annotations

from typing import Any, cast

from django.http import Http404, HttpResponseBase
from django.urls import reverse
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from edu.accounts.models import User
from edu.assessment.api import AttemptOut
from edu.assessment.services.attempts import attempt_payload
from edu.core.errors import ApplicationError
from edu.learning import selectors
from edu.learning.files import file_response
from edu.learning.services import plans, progress


def learner(request: Request) -> User:
    return cast(User, request.user)


class PlacementOut(serializers.Serializer):
    blueprint = serializers.IntegerField(allow_null=True)
    attempt = serializers.IntegerField(allow_null=True)
    percent = serializers.FloatField(allow_null=True)


class PlanCourseOut(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    required = serializers.BooleanField()  # type: ignore[assignment]
    placement_percent = serializers.FloatField(allow_null=True)
    state = serializers.ChoiceField(["locked", "open", "exam_open", "passed", "restudy"])
    attempts_left = serializers.IntegerField()
    exam_blueprint = serializers.IntegerField(allow_null=True)


class CertificateOut(serializers.Serializer):
    number = serializers.CharField()
    verify_url = serializers.CharField()


class FinalExamOut(serializers.Serializer):
    state = serializers.ChoiceField(["locked", "open", "passed"])
    blueprint = serializers.IntegerField(allow_null=True)
    certificate = CertificateOut(allow_null=True)


class PlanOut(serializers.Serializer):
    placement = PlacementOut()
    courses = PlanCourseOut(many=True)
    final_exam = FinalExamOut()


ERRORS = {
    403: OpenApiResponse(description="Locked: {detail} says why"),
    404: OpenApiResponse(description="No such course or lesson"),
}


def plan_payload(request: Request, overview: selectors.Overview) -> dict[str, Any]:
    placement = overview.placement_attempt
    ordered = overview.required + sorted(overview.additional, key=lambda s: (s.course.order, s.course.pk))
    certificate = overview.final.certificate
    return {
        "placement": {
            "blueprint": overview.programme.placement_blueprint_id,
            "attempt": placement.pk if placement else None,
            "percent": float(placement.percent) if placement and placement.percent is not None else None,
        },
        "courses": [
            {
                "id": s.course.pk,
                "title": s.course.title,
                "required": s.required,
                "placement_percent": float(s.placement_percent) if s.placement_percent is not None else None,
                "state": s.state,
                "attempts_left": s.attempts_left,
                "exam_blueprint": s.course.exam_blueprint_id,
            }
            for s in ordered
        ],
        "final_exam": {
            "state": overview.final.state,
            "blueprint": overview.programme.final_blueprint_id,
            "certificate": (
                {
                    "number": certificate.number,
                    "verify_url": request.build_absolute_uri(reverse("verify", args=[certificate.code])),
                }
                if certificate
                else None
            ),
        },
    }


class PlanApi(APIView):
    @extend_schema(
        responses={200: PlanOut, 404: OpenApiResponse(description="No programme is published")},
        tags=["learning"],
        summary="The learner's placement, study plan, course states and final exam",
    )
    def get(self, request: Request) -> Response:
        programme = selectors.programme_for_learner(user=learner(request))
        if programme is None:
            raise Http404
        plans.learner_sync(user=learner(request), programme=programme)
        overview = selectors.learner_overview(user=learner(request), programme=programme)
        return Response(plan_payload(request, overview))


class LessonOut(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    kind = serializers.ChoiceField(["video", "text", "document"])
    text = serializers.CharField()
    duration_seconds = serializers.IntegerField()
    page_count = serializers.IntegerField()
    min_seconds = serializers.IntegerField()
    file = serializers.CharField(allow_null=True, help_text="URL of the video or PDF (same authentication)")
    completed = serializers.BooleanField()


class CourseOut(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    description = serializers.CharField()
    state = serializers.CharField()
    reason = serializers.CharField()
    time_allotment_minutes = serializers.IntegerField()
    attempts_left = serializers.IntegerField()
    exam_blueprint = serializers.IntegerField(allow_null=True)
    lessons = LessonOut(many=True)


class CourseDetailApi(APIView):
    @extend_schema(responses={200: CourseOut, **ERRORS}, tags=["learning"], summary="A course with its lessons")
    def get(self, request: Request, course_id: int) -> Response:
        course = selectors.access_course_for_learner(learner(request), course_id)
        plans.learner_sync(user=learner(request), programme=course.programme)
        state = selectors.learner_overview(user=learner(request), programme=course.programme).by_id[course.pk]
        lessons = selectors.lesson_list(course=course)
        done = selectors.lesson_progress_map(user=learner(request), lessons=lessons)
        return Response(
            {
                "id": course.pk,
                "title": course.title,
                "description": course.description,
                "state": state.state,
                "reason": state.reason,
                "time_allotment_minutes": state.allotment_minutes,
                "attempts_left": state.attempts_left,
                "exam_blueprint": course.exam_blueprint_id,
                "lessons": [
                    {
                        "id": lesson.pk,
                        "title": lesson.title,
                        "kind": lesson.kind,
                        "text": lesson.text if state.materials_open else "",
                        "duration_seconds": lesson.duration_seconds,
                        "page_count": lesson.page_count,
                        "min_seconds": lesson.min_seconds,
                        "file": (
                            request.build_absolute_uri(reverse("api-learning-lesson-file", args=[lesson.pk]))
                            if lesson.file and state.materials_open
                            else None
                        ),
                        "completed": bool(done.get(lesson.pk) and done[lesson.pk].completed_at),
                    }
                    for lesson in lessons
                ],
            }
        )


class ProgressOut(serializers.Serializer):
    lesson = serializers.IntegerField()
    kind = serializers.CharField()
    duration_seconds = serializers.IntegerField()
    min_seconds = serializers.IntegerField()
    furthest_seconds = serializers.FloatField(help_text="The position the server has verified")
    seconds_spent = serializers.FloatField(help_text="Time on the lesson credited by heartbeats")
    completed = serializers.BooleanField()
    heartbeat_seconds = serializers.IntegerField(help_text="How often to send heartbeats")


class LessonProgressApi(APIView):
    @extend_schema(
        responses={200: ProgressOut, **ERRORS}, tags=["learning"], summary="Open a lesson; its verified progress"
    )
    def get(self, request: Request, lesson_id: int) -> Response:
        lesson = selectors.access_lesson_for_learner(learner(request), lesson_id)
        item = progress.lesson_open(user=learner(request), lesson=lesson)
        return Response(progress.lesson_progress_payload(lesson, item))


class HeartbeatIn(serializers.Serializer):
    position = serializers.FloatField(
        required=False, allow_null=True, min_value=0, help_text="Video: the furthest second played so far"
    )


class HeartbeatApi(APIView):
    @extend_schema(
        request=HeartbeatIn,
        responses={
            200: ProgressOut,
            409: OpenApiResponse(
                ProgressOut,
                description="Refused: more video claimed than wall-clock time allows; go back to furthest_seconds",
            ),
            **ERRORS,
        },
        tags=["learning"],
        summary="Report watching or reading (every heartbeat_seconds while playing / visible)",
    )
    def post(self, request: Request, lesson_id: int) -> Response:
        body = HeartbeatIn(data=request.data)
        if not body.is_valid():
            field, problems = next(iter(body.errors.items()))
            raise ApplicationError(f"{field}: {problems[0]}", field=field)
        lesson = selectors.access_lesson_for_learner(learner(request), lesson_id)
        beat = progress.lesson_heartbeat(
            user=learner(request), lesson=lesson, position=body.validated_data.get("position")
        )
        payload: dict[str, Any] = progress.lesson_progress_payload(lesson, beat.progress)
        if not beat.accepted:
            return Response({"detail": beat.message, **payload}, status=status.HTTP_409_CONFLICT)
        return Response(payload)


class LessonCompleteApi(APIView):
    @extend_schema(
        request=None,
        responses={200: ProgressOut, 400: OpenApiResponse(description="Too early: {detail}"), **ERRORS},
        tags=["learning"],
        summary="“I have read it” for a text or a document, after its minimum time",
    )
    def post(self, request: Request, lesson_id: int) -> Response:
        lesson = selectors.access_lesson_for_learner(learner(request), lesson_id)
        item = progress.lesson_mark_read(user=learner(request), lesson=lesson)
        return Response(progress.lesson_progress_payload(lesson, item))


class LessonFileApi(APIView):
    @extend_schema(
        responses={(200, "application/octet-stream"): bytes, 206: OpenApiResponse(description="A byte range")},
        tags=["learning"],
        summary="The lesson's video or PDF (supports Range)",
    )
    def get(self, request: Request, lesson_id: int) -> HttpResponseBase:
        lesson = selectors.access_lesson_for_learner(learner(request), lesson_id)
        if not lesson.file:
            raise Http404
        progress.lesson_open(user=learner(request), lesson=lesson)
        return file_response(request, lesson.file, inline_name=f"lesson-{lesson.pk}")


class CourseExamStartApi(APIView):
    @extend_schema(
        request=None,
        responses={201: AttemptOut, **ERRORS},
        tags=["learning"],
        summary="Start (or continue) the course exam; answer it through /attempts",
    )
    def post(self, request: Request, course_id: int) -> Response:
        course = selectors.access_course_for_learner(learner(request), course_id)
        attempt = plans.course_exam_start(user=learner(request), course=course)
        return Response(attempt_payload(attempt), status=status.HTTP_201_CREATED)


class FinalExamStartApi(APIView):
    @extend_schema(
        request=None,
        responses={201: AttemptOut, **ERRORS},
        tags=["learning"],
        summary="Start (or continue) the final exam; answer it through /attempts",
    )
    def post(self, request: Request) -> Response:
        programme = selectors.programme_for_learner(user=learner(request))
        if programme is None:
            raise Http404
        attempt = plans.final_exam_start(user=learner(request), programme=programme)
        return Response(attempt_payload(attempt), status=status.HTTP_201_CREATED)
