"""A first, small JSON API for the teacher's journal: the same services as the pages, so scope, validation and
deadlines hold here too. (The HEMIS-compatible REST API for all these data is a later issue.)"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from edu.org.roles import Role
from edu.university.selectors import teaching as sel
from edu.university.services import performance as perf_svc


class PerformanceInSerializer(serializers.Serializer):
    exam_type = serializers.CharField(max_length=4)
    exam_date = serializers.DateField()
    final_exam_type = serializers.CharField(max_length=4, default="11")
    values = serializers.DictField(child=serializers.DecimalField(max_digits=5, decimal_places=1, allow_null=True))


class AttendanceInSerializer(serializers.Serializer):
    marks = serializers.DictField(child=serializers.ChoiceField(choices=["present", "excused", "unexcused"]))


def _ids(values: dict[str, Any]) -> dict[int, Any]:
    try:
        return {int(k): v for k, v in values.items()}
    except ValueError:
        raise serializers.ValidationError({"values": "student ids are numbers"}) from None


class PerformanceSetApi(APIView):
    """POST points of one assessment type for a teaching assignment's students."""

    @extend_schema(
        request=PerformanceInSerializer,
        responses=inline_serializer("PointsSaved", {"changed": serializers.IntegerField()}),
    )
    def post(self, request: Request, assignment_id: int) -> Response:
        actor = request.actor  # type: ignore[attr-defined]
        actor.require_role(Role.TEACHER)
        item = sel.access_assignment_by_id(actor, assignment_id)
        data = PerformanceInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        values: dict[int, Decimal | None] = _ids(d["values"])
        changed = perf_svc.performance_set(
            actor=actor,
            item=item,
            exam_type=d["exam_type"],
            values=values,
            exam_date=d["exam_date"],
            final_exam_type=d["final_exam_type"],
        )
        return Response({"changed": changed})


class AttendanceMarkApi(APIView):
    """POST attendance of one lesson: {"marks": {"<student id>": "present" | "excused" | "unexcused"}}."""

    @extend_schema(
        request=AttendanceInSerializer,
        responses=inline_serializer("AttendanceSaved", {"held": serializers.BooleanField()}),
    )
    def post(self, request: Request, lesson_id: int) -> Response:
        actor = request.actor  # type: ignore[attr-defined]
        actor.require_role(Role.TEACHER)
        lesson = sel.access_lesson_by_id(actor, lesson_id)
        data = AttendanceInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        perf_svc.attendance_mark(actor=actor, lesson=lesson, marks=_ids(data.validated_data["marks"]))
        return Response({"held": True})
