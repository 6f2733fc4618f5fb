"""The university data API (`/rest/v1/data/…`, H2.2): lists for the institution's other systems, read with a
static token the super administrator issued. Every list is the token's institution only; `items` +
`pagination`, `page`/`limit` (≤ 200), filters named with a leading underscore as in HEMIS."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response

from edu.core.errors import ApplicationError
from edu.rest import selectors as sel
from edu.rest import shapes
from edu.rest.authentication import DataTokenAuthentication
from edu.rest.envelope import HemisApiView, paginate
from edu.rest.models import DataApiToken
from edu.rest.schema import doc, q
from edu.university.classifiers import load_reference_data


class HasDataToken(BasePermission):
    def has_permission(self, request: Request, view: Any) -> bool:
        return isinstance(request.auth, DataApiToken)


class DataApiView(HemisApiView):
    authentication_classes = [DataTokenAuthentication]
    permission_classes = [HasDataToken]

    def institution_id(self, request: Request) -> int:
        token: DataApiToken = request.auth  # type: ignore[assignment]
        return token.institution_id


def as_int(value: str, name: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise ApplicationError(_("%(name)s must be a whole number.") % {"name": name}, field=name) from None


def as_date(value: str, name: str) -> dt.date:
    """A date as Unix seconds or YYYY-MM-DD."""
    try:
        if value.isdigit():
            return dt.datetime.fromtimestamp(int(value), tz=dt.UTC).date()
        return dt.date.fromisoformat(value)
    except (ValueError, OverflowError, OSError):
        raise ApplicationError(
            _("%(name)s must be a date (YYYY-MM-DD or Unix seconds).") % {"name": name}, field=name
        ) from None


def apply_filters(request: Request, qs: QuerySet[Any], filters: dict[str, tuple[str, str]]) -> QuerySet[Any]:
    """`filters` = {parameter: (lookup, kind)} where kind is int, str or date."""
    for name, (lookup, kind) in filters.items():
        raw = request.query_params.get(name)
        if raw in (None, ""):
            continue
        value: Any = raw
        if kind == "int":
            value = as_int(raw, name)
        elif kind == "date":
            value = as_date(raw, name)
        qs = qs.filter(**{lookup: value})
    return qs


def params(filters: dict[str, tuple[str, str]]) -> list[OpenApiParameter]:
    kinds = {"int": int, "str": str, "date": str}
    return [q(name, kinds[kind]) for name, (_lookup, kind) in filters.items()]


def listing(
    tag: str,
    summary: str,
    filters: dict[str, tuple[str, str]],
    queryset: Callable[[int], QuerySet[Any]],
    shape: Callable[[Any], dict[str, Any]],
    *extra: OpenApiParameter,
    search: tuple[str, ...] = (),
    narrow: Callable[[Request, QuerySet[Any]], QuerySet[Any]] | None = None,
) -> type[DataApiView]:
    """A paginated list endpoint of the data API."""
    search_param = (q("search", str, "Search"),) if search else ()

    class ListApi(DataApiView):
        @doc(tag, summary, *params(filters), *extra, *search_param, paginated=True)
        def get(self, request: Request) -> Response:
            qs = apply_filters(request, queryset(self.institution_id(request)), filters)
            text = (request.query_params.get("search") or "").strip()
            if search and text:
                condition = Q()
                for field in search:
                    condition |= Q(**{f"{field}__icontains": text})
                qs = qs.filter(condition)
            if narrow is not None:
                qs = narrow(request, qs)
            return Response(paginate(request, qs, shape))

    ListApi.__name__ = ListApi.__qualname__ = f"{summary.title().replace(' ', '')}Api"
    return ListApi


STUDENT_FILTERS = {
    "_department": ("faculty_id", "int"),
    "_group": ("group_id", "int"),
    "_specialty": ("specialty_id", "int"),
    "_curriculum": ("curriculum_id", "int"),
    "_education_type": ("education_type", "str"),
    "_education_form": ("education_form", "str"),
    "_payment_form": ("payment_form", "str"),
    "_student_status": ("student_status", "str"),
    "_level": ("level", "str"),
    "_semester": ("semester", "str"),
    "_education_year": ("year_of_enter", "int"),
    "_gender": ("user__gender", "str"),
}

StudentListApi = listing(
    "data",
    "Student list",
    STUDENT_FILTERS,
    sel.data_students,
    lambda s: shapes.student(s),
    search=("user__surname", "user__first_name", "student_id_number"),
)


class StudentInfoApi(DataApiView):
    @doc("data", "One student by student ID number", q("student_id_number", str, "Student ID number", required=True))
    def get(self, request: Request) -> Response:
        number = request.query_params.get("student_id_number") or ""
        student = sel.data_students(self.institution_id(request)).filter(student_id_number=number).first()
        if student is None:
            raise Http404
        return Response(shapes.student(student))


def employee_type(request: Request, qs: QuerySet[Any]) -> QuerySet[Any]:
    kind = request.query_params.get("type") or "all"
    if kind == "teacher":
        return qs.filter(employee_type="12")
    if kind == "employee":
        return qs.exclude(employee_type="12")
    if kind != "all":
        raise ApplicationError(_("type is employee, teacher or all."), field="type")
    return qs


EmployeeListApi = listing(
    "data",
    "Employee list",
    {
        "_department": ("department_id", "int"),
        "_faculty": ("faculty_id", "int"),
        "_employee_status": ("employee_status", "str"),
        "_academic_degree": ("academic_degree", "str"),
        "_academic_rank": ("academic_rank", "str"),
        "_gender": ("user__gender", "str"),
    },
    sel.data_employees,
    shapes.employee_full,
    q("type", str, "employee, teacher or all"),
    search=("user__surname", "user__first_name", "employee_id_number"),
    narrow=employee_type,
)


class DepartmentListApi(DataApiView):
    @doc(
        "data",
        "Faculties and departments",
        q("_structure_type", str, "11 faculty, 12 department"),
        q("_parent", int, "Faculty id (departments of it)"),
        paginated=True,
    )
    def get(self, request: Request) -> Response:
        institution_id = self.institution_id(request)
        if request.query_params.get("_structure_type") == "11":
            return Response(paginate(request, sel.data_faculties(institution_id), shapes.faculty))
        qs = apply_filters(
            request,
            sel.data_departments(institution_id),
            {"_parent": ("faculty_id", "int"), "_structure_type": ("structure_type", "str")},
        )
        return Response(paginate(request, qs, shapes.department))


def group_shape(group: Any) -> dict[str, Any]:
    return {
        **(shapes.group(group) or {}),
        "department": shapes.faculty(group.faculty),
        "specialty": shapes.specialty(group.specialty),
        "curriculum": group.curriculum_id,
        "educationForm": shapes.code("h_education_form", group.curriculum.education_form),
        "educationType": shapes.code("h_education_type", group.curriculum.education_type),
        "active": group.active,
    }


GroupListApi = listing(
    "data",
    "Group list",
    {
        "_department": ("faculty_id", "int"),
        "_specialty": ("specialty_id", "int"),
        "_curriculum": ("curriculum_id", "int"),
        "_education_lang": ("education_lang", "str"),
        "_education_form": ("curriculum__education_form", "str"),
    },
    sel.data_groups,
    group_shape,
    search=("name",),
)


def curriculum_shape(c: Any) -> dict[str, Any]:
    return {
        "id": c.pk,
        "name": c.name,
        "department": shapes.faculty(c.faculty),
        "specialty": shapes.specialty(c.specialty),
        "educationYear": shapes.education_year(c.education_year),
        "educationType": shapes.code("h_education_type", c.education_type),
        "educationForm": shapes.code("h_education_form", c.education_form),
        "markingSystem": {"code": c.marking_system.code, "name": c.marking_system.name},
        "semester_count": c.semester_count,
        "active": c.active,
    }


CurriculumListApi = listing(
    "data",
    "Curriculum list",
    {
        "_department": ("faculty_id", "int"),
        "_specialty": ("specialty_id", "int"),
        "_education_year": ("education_year__code", "int"),
        "_education_type": ("education_type", "str"),
        "_education_form": ("education_form", "str"),
    },
    sel.data_curricula,
    curriculum_shape,
    search=("name",),
)


def curriculum_subject_shape(item: Any) -> dict[str, Any]:
    return {
        **shapes.curriculum_subject(item),
        "curriculum": item.curriculum_id,
        "department": {"id": item.department_id, "name": item.department.name},
        "subjectDetails": [
            {"trainingType": shapes.code("h_training_type", d.training_type), "academic_load": d.academic_load}
            for d in item.details.all()
        ],
        "subjectExamTypes": [
            {"examType": shapes.code("h_exam_type", e.exam_type), "max_ball": float(e.max_ball)}
            for e in item.exam_types.all()
        ],
    }


CurriculumSubjectListApi = listing(
    "data",
    "Curriculum subject list",
    {
        "_curriculum": ("curriculum_id", "int"),
        "_semester": ("semester", "str"),
        "_subject": ("subject_id", "int"),
        "_department": ("department_id", "int"),
        "_subject_type": ("subject_type", "str"),
    },
    sel.data_curriculum_subjects,
    curriculum_subject_shape,
)


def schedule_narrow(request: Request, qs: QuerySet[Any]) -> QuerySet[Any]:
    """`_week` (the week from that Monday) and `_education_year` (1 September to 31 August)."""
    week = request.query_params.get("_week")
    qs = sel.lessons_of_week(qs, as_date(week, "_week") if week else None)
    year = request.query_params.get("_education_year")
    if year:
        start = as_int(year, "_education_year")
        if not 2000 <= start <= 2100:
            raise ApplicationError(
                _("%(name)s must be a year from %(low)d to %(high)d.")
                % {"name": "_education_year", "low": 2000, "high": 2100},
                field="_education_year",
            )
        qs = qs.filter(lesson_date__gte=dt.date(start, 9, 1), lesson_date__lt=dt.date(start + 1, 9, 1))
    return qs


ScheduleListApi = listing(
    "data",
    "Schedule list",
    {
        "_faculty": ("faculty_id", "int"),
        "_group": ("group_id", "int"),
        "_semester": ("curriculum_subject__semester", "str"),
        "_subject": ("curriculum_subject__subject_id", "int"),
        "_employee": ("employee_id", "int"),
        "_auditorium": ("auditorium_id", "int"),
        "lesson_date_from": ("lesson_date__gte", "date"),
        "lesson_date_to": ("lesson_date__lte", "date"),
    },
    sel.data_lessons,
    shapes.lesson,
    q("_week", str, "A week's Monday (YYYY-MM-DD or Unix seconds)"),
    q("_education_year", int, "Academic year by its starting year, e.g. 2025"),
    narrow=schedule_narrow,
)


ExamListApi = listing(
    "data",
    "Exam list",
    {
        "_faculty": ("faculty_id", "int"),
        "_group": ("group_id", "int"),
        "_semester": ("curriculum_subject__semester", "str"),
        "_education_year": ("education_year__code", "int"),
        "_subject": ("curriculum_subject__subject_id", "int"),
        "_employee": ("employee_id", "int"),
        "_auditorium": ("auditorium_id", "int"),
        "_exam_type": ("exam_type", "str"),
        "_final_exam_type": ("final_exam_type", "str"),
        "exam_date_from": ("exam_date__gte", "date"),
        "exam_date_to": ("exam_date__lte", "date"),
    },
    sel.data_exams,
    shapes.exam,
)


def attendance_shape(a: Any) -> dict[str, Any]:
    return {
        "id": a.pk,
        "student": {"id": a.student_id, "name": a.student.user.get_full_name()},
        "group": shapes.group(a.group),
        **shapes.absence(a),
    }


AttendanceListApi = listing(
    "data",
    "Attendance list",
    {
        "_faculty": ("faculty_id", "int"),
        "_group": ("group_id", "int"),
        "_student": ("student_id", "int"),
        "_subject": ("curriculum_subject__subject_id", "int"),
        "_semester": ("curriculum_subject__semester", "str"),
        "lesson_date_from": ("lesson_date__gte", "date"),
        "lesson_date_to": ("lesson_date__lte", "date"),
    },
    sel.data_attendance,
    attendance_shape,
)


class ClassifierListApi(DataApiView):
    @doc("data", "HEMIS classifiers with their options", q("classifier", str, "e.g. h_gender"), paginated=True)
    def get(self, request: Request) -> Response:
        from edu.university.classifiers import classifier_option

        institution_id = self.institution_id(request)
        classifiers, options = load_reference_data()
        wanted = request.query_params.get("classifier")
        if wanted:
            classifiers = [c for c in classifiers if c["code"] == wanted]
        by_classifier: dict[str, list[str]] = {}
        for option in options:
            by_classifier.setdefault(option["classifier"], []).append(option["code"])

        def shape(c: dict[str, Any]) -> dict[str, Any]:
            items = []
            for value in by_classifier.get(c["code"], []):
                option = classifier_option(c["code"], value, institution_id)
                if option is not None:
                    items.append({"code": option.code, "name": option.name()})
            return {"classifier": c["code"], "name": shapes.localized(c), "options": items}

        return Response(paginate(request, classifiers, shape))
