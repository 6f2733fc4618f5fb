"""Public statistics (`/rest/v1/public/…`, no token): counts of students, staff and structure by the usual
breakdowns, for one institution (`university=<code>`) or all — the ground for ministry statistics (H4.3).
Only counts leave here, never a person."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet
from django.http import Http404
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from edu.org.models import Department, Faculty, Institution
from edu.rest import shapes
from edu.rest.envelope import HemisApiView
from edu.rest.schema import doc, q
from edu.university.models import Employee, EmployeeStatus, Specialty, Student, StudentGroup, StudentStatus

UNIVERSITY = q("university", str, "HEMIS code of the institution (all institutions when absent)")


class PublicApiView(HemisApiView):
    authentication_classes: list = []
    permission_classes = [AllowAny]

    def scoped(self, request: Request, qs: QuerySet[Any], field: str = "institution__code") -> QuerySet[Any]:
        code = request.query_params.get("university")
        if not code:
            return qs
        if not Institution.objects.filter(code=code).exists():
            raise Http404
        return qs.filter(**{field: code})


def breakdown(qs: QuerySet[Any], field: str, classifier: str | None) -> list[dict[str, Any]]:
    rows = qs.order_by().values(field).annotate(count=Count("pk")).order_by(field)
    result = []
    for row in rows:
        value = row[field]
        named = shapes.code(classifier, value) if classifier else None
        result.append(
            {"code": str(value or ""), "name": named["name"] if named else str(value or ""), "count": row["count"]}
        )
    return result


class StatStudentApi(PublicApiView):
    @doc("public", "Students by gender, form, type, payment, course, status, faculty", UNIVERSITY)
    def get(self, request: Request) -> Response:
        everyone = self.scoped(request, Student.objects.all())
        studying = everyone.filter(student_status=StudentStatus.STUDYING)
        return Response(
            {
                "total": studying.count(),
                "all_statuses": everyone.count(),
                "gender": breakdown(studying, "user__gender", "h_gender"),
                "educationForm": breakdown(studying, "education_form", "h_education_form"),
                "educationType": breakdown(studying, "education_type", "h_education_type"),
                "paymentForm": breakdown(studying, "payment_form", "h_payment_form"),
                "level": breakdown(studying, "level", "h_course"),
                "citizenship": breakdown(studying, "citizenship", "h_citizenship_type"),
                "studentStatus": breakdown(everyone, "student_status", "h_student_status"),
                "faculty": breakdown(studying, "faculty__name", None),
            }
        )


class StatEmployeeApi(PublicApiView):
    @doc("public", "Staff by type, degree, rank, gender", UNIVERSITY)
    def get(self, request: Request) -> Response:
        working = self.scoped(request, Employee.objects.exclude(employee_status=EmployeeStatus.DISMISSED))
        return Response(
            {
                "total": working.count(),
                "teachers": working.filter(employee_type="12").count(),
                "employeeType": breakdown(working, "employee_type", "h_employee_type"),
                "academicDegree": breakdown(working, "academic_degree", "h_academic_degree"),
                "academicRank": breakdown(working, "academic_rank", "h_academic_rank"),
                "gender": breakdown(working, "user__gender", "h_gender"),
            }
        )


class StatStructureApi(PublicApiView):
    @doc("public", "Faculties, departments, specialties, groups", UNIVERSITY)
    def get(self, request: Request) -> Response:
        return Response(
            {
                "universities": self.scoped(request, Institution.objects.all(), "code").count(),
                "faculties": self.scoped(request, Faculty.objects.filter(active=True)).count(),
                "departments": self.scoped(request, Department.objects.filter(active=True)).count(),
                "specialties": self.scoped(request, Specialty.objects.filter(active=True)).count(),
                "groups": self.scoped(request, StudentGroup.objects.filter(active=True)).count(),
            }
        )


class UniversityProfileApi(PublicApiView):
    @doc("public", "An institution's profile", q("university", str, "HEMIS code of the institution", required=True))
    def get(self, request: Request) -> Response:
        institution = Institution.objects.filter(code=request.query_params.get("university") or "").first()
        if institution is None:
            raise Http404
        return Response(
            {
                "code": institution.code,
                "name": institution.name,
                "short_name": institution.short_name,
                "address": institution.address,
                "universityForm": shapes.code("h_university_form", institution.university_form),
                "ownership": shapes.code("h_ownership", institution.ownership),
                "students": Student.objects.filter(
                    institution=institution, student_status=StudentStatus.STUDYING
                ).count(),
                "employees": Employee.objects.filter(institution=institution)
                .exclude(employee_status=EmployeeStatus.DISMISSED)
                .count(),
                "faculties": Faculty.objects.filter(institution=institution, active=True).count(),
            }
        )
