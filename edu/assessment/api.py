"""JSON API of attempts, used by the exam page and by mobile apps (documented in the OpenAPI schema)."""

from __future__ import annotations

from typing import cast

from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from edu.accounts.models import User
from edu.assessment import selectors
from edu.assessment.services import attempts as attempt_services
from edu.core.errors import ApplicationError


class ChoiceOut(serializers.Serializer):
    id = serializers.IntegerField()
    text = serializers.CharField()


class QuestionOut(serializers.Serializer):
    id = serializers.IntegerField()
    position = serializers.IntegerField()
    text = serializers.CharField(help_text="HTML; formulas as MathML")
    image = serializers.CharField(allow_null=True)
    section = serializers.CharField()
    multiple = serializers.BooleanField()
    flagged = serializers.BooleanField()
    choices = ChoiceOut(many=True)


class SectionOut(serializers.Serializer):
    name = serializers.CharField()
    score = serializers.FloatField()
    max_score = serializers.FloatField()
    percent = serializers.FloatField()


class ResultOut(serializers.Serializer):
    score = serializers.FloatField()
    max_score = serializers.FloatField()
    percent = serializers.FloatField()
    passed = serializers.BooleanField()
    sections = SectionOut(many=True)
    withheld = serializers.BooleanField(required=False)
    reason = serializers.CharField(required=False)


class AttemptOut(serializers.Serializer):
    id = serializers.IntegerField()
    blueprint = serializers.IntegerField()
    title = serializers.CharField()
    number = serializers.IntegerField()
    state = serializers.ChoiceField(["open", "submitted"])
    navigation = serializers.CharField()
    started_at = serializers.DateTimeField()
    deadline = serializers.DateTimeField()
    server_time = serializers.DateTimeField()
    paused = serializers.BooleanField()
    questions = QuestionOut(many=True)
    answers = serializers.DictField(help_text="{question_id: choice_id} (a list for multiple choice)")
    result = ResultOut(allow_null=True)


ERRORS = {
    400: OpenApiResponse(description="Bad input: {detail, field}"),
    404: OpenApiResponse(description="No such attempt or question (or not yours)"),
    409: OpenApiResponse(description="The attempt is finished, paused or past its deadline"),
}


def taker(request: Request) -> User:
    """The API requires authentication, so the user is a real account."""
    return cast(User, request.user)


class StartRequest(serializers.Serializer):
    blueprint = serializers.IntegerField()


class AttemptStartApi(APIView):
    @extend_schema(
        request=StartRequest,
        responses={201: AttemptOut, 200: AttemptOut, **ERRORS},
        tags=["attempts"],
        summary="Start an attempt (or get the open one)",
    )
    def post(self, request: Request) -> Response:
        body = StartRequest(data=request.data)
        body.is_valid(raise_exception=True)
        blueprint = selectors.access_blueprint_for_taker(taker(request), body.validated_data["blueprint"])
        attempt = attempt_services.attempt_start(blueprint=blueprint, user=taker(request))
        code = status.HTTP_201_CREATED if hasattr(attempt, "_drawn") else status.HTTP_200_OK
        return Response(attempt_services.attempt_payload(attempt), status=code)


class AttemptDetailApi(APIView):
    @extend_schema(
        responses={200: AttemptOut, 404: ERRORS[404]}, tags=["attempts"], summary="An attempt with saved answers"
    )
    def get(self, request: Request, attempt_id: int) -> Response:
        attempt = selectors.access_attempt_for_taker(taker(request), attempt_id)
        attempt = attempt_services.attempt_refresh(attempt)
        return Response(attempt_services.attempt_payload(attempt))


class AnswerRequest(serializers.Serializer):
    choice = serializers.IntegerField(allow_null=True, required=False)
    choices = serializers.ListField(child=serializers.IntegerField(), required=False, max_length=10)
    seq = serializers.IntegerField(min_value=1)


class AnswerSaveApi(APIView):
    @extend_schema(
        request=AnswerRequest,
        tags=["attempts"],
        summary="Save (or clear) one answer, idempotently",
        responses={
            200: inline_serializer("Saved", {"saved": serializers.BooleanField(), "seq": serializers.IntegerField()}),
            **ERRORS,
        },
    )
    def put(self, request: Request, attempt_id: int, question_id: int) -> Response:
        # Checked by hand rather than with AnswerRequest: this is the busiest endpoint of an exam.
        data = request.data if isinstance(request.data, dict) else {}
        seq = data.get("seq")
        if not isinstance(seq, int) or isinstance(seq, bool) or seq < 1:
            raise ApplicationError(_("The sequence number must be a positive integer."), field="seq")
        if "choices" in data:
            chosen = data["choices"]
            if (
                not isinstance(chosen, list)
                or len(chosen) > 10
                or not all(isinstance(c, int) and not isinstance(c, bool) for c in chosen)
            ):
                raise ApplicationError(_("Choices must be a list of answer ids."), field="choices")
        else:
            choice = data.get("choice")
            if choice is not None and (not isinstance(choice, int) or isinstance(choice, bool)):
                raise ApplicationError(_("The answer must be an answer id or null."), field="choice")
            chosen = [choice] if choice is not None else []
        seq = attempt_services.attempt_answer_save(
            attempt_id=attempt_id, user_id=taker(request).pk, question_id=question_id, choice_ids=chosen, seq=seq
        )
        return Response({"saved": True, "seq": seq})


class FlagRequest(serializers.Serializer):
    flagged = serializers.BooleanField()


class FlagSetApi(APIView):
    @extend_schema(
        request=FlagRequest,
        tags=["attempts"],
        summary="Mark a question for review",
        responses={200: FlagRequest, **ERRORS},
    )
    def put(self, request: Request, attempt_id: int, question_id: int) -> Response:
        body = FlagRequest(data=request.data)
        body.is_valid(raise_exception=True)
        attempt = selectors.access_attempt_for_taker(taker(request), attempt_id)
        attempt_services.attempt_flag_set(
            attempt=attempt, question_id=question_id, flagged=body.validated_data["flagged"]
        )
        return Response({"flagged": body.validated_data["flagged"]})


class AttemptSubmitApi(APIView):
    @extend_schema(
        request=None,
        tags=["attempts"],
        summary="Finish and score (submitting twice gives the same result)",
        responses={200: ResultOut, 404: ERRORS[404]},
    )
    def post(self, request: Request, attempt_id: int) -> Response:
        attempt = selectors.access_attempt_for_taker(taker(request), attempt_id)
        attempt = attempt_services.attempt_submit(attempt_id=attempt.pk)
        return Response(attempt_services.attempt_result(attempt))


class EventRequest(serializers.Serializer):
    kind = serializers.CharField()
    client_time = serializers.CharField(required=False, allow_blank=True)


class AttemptEventApi(APIView):
    @extend_schema(
        request=EventRequest,
        tags=["attempts"],
        summary="Report what the page noticed (blur, copy, …)",
        responses={200: inline_serializer("EventAck", {"paused": serializers.BooleanField()}), **ERRORS},
    )
    def post(self, request: Request, attempt_id: int) -> Response:
        body = EventRequest(data=request.data)
        body.is_valid(raise_exception=True)
        attempt = selectors.access_attempt_for_taker(taker(request), attempt_id)
        client_time = parse_datetime(body.validated_data.get("client_time") or "")
        paused = attempt_services.attempt_event_record(
            attempt=attempt, kind=body.validated_data["kind"], client_time=client_time
        )
        return Response({"paused": paused})
