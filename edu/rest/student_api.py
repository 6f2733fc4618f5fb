"""Student API v1 (`/rest/v1/account/…`, `education/…`, `student/…`): what HEMIS mobile apps and bots read,
each answer scoped to the signed-in student (another student's record → 404 in the envelope)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import serializers
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from edu.accounts.tokens import BearerTokenAuthentication
from edu.rest import selectors as sel
from edu.rest import services, shapes
from edu.rest.envelope import HemisApiView
from edu.rest.schema import doc, q
from edu.university.models import DocumentKind, GpaScope, Student, StudentGpa
from edu.university.pdf import document_pdf
from edu.university.selectors import cabinet
from edu.university.selectors import documents as document_selectors
from edu.university.selectors import exams as exam_selectors
from edu.university.selectors.teaching import week_start
from edu.university.services import documents as document_services
from edu.university.services import teaching as teaching_services


class StudentApiView(HemisApiView):
    authentication_classes = [BearerTokenAuthentication]
    permission_classes = [IsAuthenticated]

    def student(self, request: Request) -> Student:
        return sel.api_student(request.user)

    def semester_code(self, request: Request, student: Student) -> str:
        """`semester` = a semester code of the student's curriculum (default: the current one)."""
        value = request.query_params.get("semester")
        if not value:
            return student.semester
        return sel.access_student_semester(student=student, code=value).code


SEMESTER = q("semester", str, "Semester code, 11…18 (default: the current semester)")


# --- account -------------------------------------------------------------------------------------------------


class AccountMeApi(StudentApiView):
    @doc("account", "The signed-in student")
    def get(self, request: Request) -> Response:
        student = self.student(request)
        image = request.build_absolute_uri("/rest/v1/account/image") if student.user.photo else None
        return Response(shapes.student(student, image=image))


class AccountImageApi(StudentApiView):
    @doc("account", "The student's photo", binary=True)
    def get(self, request: Request) -> HttpResponseBase:
        user = self.student(request).user
        if not user.photo:
            raise Http404
        return FileResponse(user.photo.open("rb"), content_type="image/jpeg")


class AccountUpdateRequest(serializers.Serializer):
    change_password = serializers.BooleanField(required=False, default=False)
    password = serializers.CharField(required=False, allow_blank=True, default="")
    confirmation = serializers.CharField(required=False, allow_blank=True, default="")
    email = serializers.EmailField(required=False, allow_blank=True)


class AccountUpdateApi(StudentApiView):
    parser_classes = [JSONParser, FormParser, MultiPartParser]

    @doc("account", "Change the password (and e-mail)", request=AccountUpdateRequest)
    def post(self, request: Request) -> Response:
        student = self.student(request)
        body = AccountUpdateRequest(data=request.data)
        body.is_valid(raise_exception=True)
        services.account_update(user=student.user, **body.validated_data)
        student.user.refresh_from_db()
        return Response(shapes.student(student))


# --- education -----------------------------------------------------------------------------------------------


def semester_weeks(semester: Any, today: dt.date) -> list[dict[str, Any]]:
    weeks = []
    start = week_start(semester.start_date)
    index = 1
    while start <= semester.end_date and index < 100:
        end = start + dt.timedelta(days=6)
        weeks.append(shapes.week(semester.pk, index, max(start, semester.start_date), end, today))
        start += dt.timedelta(days=7)
        index += 1
    return weeks


class SemestersApi(StudentApiView):
    @doc("education", "Semesters of the student's curriculum, with their weeks")
    def get(self, request: Request) -> Response:
        student = self.student(request)
        today = timezone.localdate()
        return Response(
            [
                {**(shapes.semester(s, student.semester) or {}), "weeks": semester_weeks(s, today)}
                for s in cabinet.student_semesters(student=student)
            ]
        )


class ScheduleApi(StudentApiView):
    @doc(
        "education",
        "The timetable of a week (or of a whole semester)",
        SEMESTER,
        q("week", int, "A week id from education/semesters (default: this week)"),
    )
    def get(self, request: Request) -> Response:
        student = self.student(request)
        week_id = request.query_params.get("week")
        if week_id:
            try:
                number = int(week_id)
            except ValueError:
                raise Http404 from None
            semester = sel.access_student_semester_by_id(student=student, pk=number // 100)
            weeks = {w["id"]: w for w in semester_weeks(semester, timezone.localdate())}
            if number not in weeks:
                raise Http404
            start = week_start(semester.start_date) + dt.timedelta(days=7 * (number % 100 - 1))
            end = start + dt.timedelta(days=6)
        elif request.query_params.get("semester"):
            semester = sel.access_student_semester(student=student, code=request.query_params["semester"])
            start, end = semester.start_date, semester.end_date
        else:
            start = week_start(timezone.localdate())
            end = start + dt.timedelta(days=6)
        lessons = sel.student_lessons(student=student, start=start, end=end)
        return Response(
            [
                {
                    **shapes.lesson(lesson, student.semester),
                    "weekStartTime": shapes.ts(start),
                    "weekEndTime": shapes.ts(end),
                }
                for lesson in lessons
            ]
        )


def exam_grades(row: dict[str, Any]) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """gradesByExam and overallScore of a subject row of `cabinet.student_subjects`."""
    grades = []
    total = Decimal(0)
    maximum = Decimal(0)
    for exam_type, points in row["points"]:
        value = points if points is not None else Decimal(0)
        total += value
        maximum += exam_type.max_ball
        grades.append(
            {
                "examType": shapes.code("h_exam_type", exam_type.exam_type),
                "grade": float(value),
                "max_ball": float(exam_type.max_ball),
                "percent": round(float(100 * value / exam_type.max_ball)) if exam_type.max_ball else 0,
            }
        )
    final = row["final"]
    if final is not None:
        total = final.total_point
    overall = {
        "grade": float(total),
        "max_ball": float(maximum),
        "percent": round(float(100 * total / maximum)) if maximum else 0,
        "label": str(final.grade) if final is not None else None,
    }
    return grades, overall


def subject_row(row: dict[str, Any], current: str) -> dict[str, Any]:
    grades, overall = exam_grades(row)
    item = row["subject"]
    return {
        "id": item.pk,
        "curriculumSubject": shapes.curriculum_subject(item, current),
        "subject": shapes.subject(item.subject),
        "overallScore": overall,
        "gradesByExam": grades,
        "absent_on": row["absent_on"],
        "absent_off": row["absent_off"],
        "hours": row["hours"],
    }


class SubjectListApi(StudentApiView):
    @doc("education", "Subjects of a semester with points by assessment", SEMESTER)
    def get(self, request: Request) -> Response:
        student = self.student(request)
        semester = self.semester_code(request, student)
        rows = cabinet.student_subjects(student=student, semester=semester)
        return Response([subject_row(r, student.semester) for r in rows])


class SubjectsApi(StudentApiView):
    @doc("education", "Subjects of a semester", SEMESTER)
    def get(self, request: Request) -> Response:
        student = self.student(request)
        semester = self.semester_code(request, student)
        rows = cabinet.student_subjects(student=student, semester=semester)
        return Response(
            [
                {
                    **shapes.curriculum_subject(r["subject"], student.semester),
                    "curriculumSubject": shapes.curriculum_subject(r["subject"], student.semester),
                    "absent_on": r["absent_on"],
                    "absent_off": r["absent_off"],
                }
                for r in rows
            ]
        )


class SubjectApi(StudentApiView):
    @doc(
        "education",
        "One subject: points, absences, teachers",
        q("subject", int, "Subject id (curriculumSubject.subject.id)", required=True),
        SEMESTER,
    )
    def get(self, request: Request) -> Response:
        student = self.student(request)
        item = sel.access_student_subject(
            student=student,
            subject_id=request.query_params.get("subject"),
            semester=self.semester_code(request, student) if request.query_params.get("semester") else None,
        )
        rows = [r for r in cabinet.student_subjects(student=student, semester=item.semester) if r["subject"] == item]
        if not rows:
            raise Http404
        teachers = sel.student_teachers(student=student, curriculum_subject=item)
        return Response(
            {
                **subject_row(rows[0], student.semester),
                "employees": [
                    {
                        **(shapes.employee(t.employee) or {}),
                        "trainingType": shapes.code("h_training_type", t.training_type),
                    }
                    for t in teachers
                ],
                "excluded": rows[0]["excluded"],
            }
        )


class PerformanceApi(StudentApiView):
    @doc("education", "Points by assessment of a semester", SEMESTER)
    def get(self, request: Request) -> Response:
        student = self.student(request)
        semester = self.semester_code(request, student)
        return Response(
            [
                {
                    "id": p.pk,
                    "subject": shapes.subject(p.curriculum_subject.subject),
                    "semester": shapes.semester_code(p.curriculum_subject.semester, student.semester),
                    "examType": shapes.code("h_exam_type", p.exam_type),
                    "finalExamType": shapes.code("h_final_exam_type", p.final_exam_type),
                    "grade": float(p.points),
                    "exam_date": shapes.ts(p.exam_date),
                    "employee": shapes.employee(p.employee),
                }
                for p in sel.student_performances(student=student, semester=semester)
            ]
        )


class AttendanceApi(StudentApiView):
    @doc(
        "education",
        "Missed lessons",
        SEMESTER,
        q("subject", int, "Subject id (curriculumSubject.subject.id)"),
    )
    def get(self, request: Request) -> Response:
        student = self.student(request)
        semester = self.semester_code(request, student)
        subject_id: int | None = None
        if request.query_params.get("subject"):
            subject_id = sel.access_student_subject(
                student=student, subject_id=request.query_params["subject"], semester=semester
            ).pk
        return Response(
            [
                shapes.absence(a, student.semester)
                for a in sel.student_absences(student=student, semester=semester, subject_id=subject_id)
            ]
        )


class ExamTableApi(StudentApiView):
    @doc("education", "Exam timetable: the sittings of the student's group in a semester", SEMESTER)
    def get(self, request: Request) -> Response:
        student = self.student(request)
        code = self.semester_code(request, student)
        return Response(
            [shapes.exam(x, student.semester) for x in exam_selectors.student_exams(student=student, semester=code)]
        )


def gpa_shape(row: StudentGpa) -> dict[str, Any]:
    return {
        "id": row.pk,
        "educationYear": shapes.education_year_code(row.education_year),
        "level": shapes.code("h_course", row.level),
        "semester": shapes.semester_code(row.semester),
        "gpa": f"{row.gpa:.1f}",
        "credit_sum": f"{row.credit_sum:.1f}",
        "subjects": row.subjects,
        "debt_subjects": row.debt_subjects,
        "can_transfer": row.can_transfer,
        "method": row.scope,
        "created_at": shapes.ts(row.computed_at),
    }


class GpaListApi(StudentApiView):
    @doc("education", "GPA by academic year")
    def get(self, request: Request) -> Response:
        student = self.student(request)
        return Response([gpa_shape(r) for r in cabinet.student_gpa_rows(student=student) if r.scope == GpaScope.YEAR])


def resource_shape(request: Request, resource: Any) -> dict[str, Any]:
    files = []
    if resource.file:
        files.append(
            {
                "name": Path(resource.file.name or "file").name,
                "url": request.build_absolute_uri(f"/rest/v1/education/resource-download?id={resource.pk}"),
            }
        )
    return {
        "id": resource.pk,
        "title": resource.title,
        "subject": resource.curriculum_subject_id,
        "topic": {"id": resource.topic_id, "name": resource.topic.name} if resource.topic else None,
        "url": resource.url or None,
        "files": files,
        "created_at": shapes.ts(resource.created_at),
    }


class ResourcesApi(StudentApiView):
    @doc(
        "education",
        "Study resources of a subject",
        q("subject", int, "Subject id (curriculumSubject.subject.id)"),
        SEMESTER,
    )
    def get(self, request: Request) -> Response:
        student = self.student(request)
        semester = self.semester_code(request, student)
        by_subject = document_selectors.student_resources(student=student, semester=semester)
        subject_id = request.query_params.get("subject")
        if subject_id:
            wanted = sel.access_student_subject(student=student, subject_id=subject_id, semester=semester).pk
            by_subject = {k: v for k, v in by_subject.items() if k == wanted}
        return Response([resource_shape(request, r) for rows in by_subject.values() for r in rows])


class ResourceDownloadApi(StudentApiView):
    @doc("education", "A resource's file", q("id", int, "Resource id", required=True), binary=True)
    def get(self, request: Request) -> HttpResponseBase:
        student = self.student(request)
        resource = document_selectors.access_student_resource_by_id(student=student, pk=request.query_params.get("id"))
        if not resource.file:
            raise Http404
        return FileResponse(
            resource.file.open("rb"), as_attachment=True, filename=Path(resource.file.name or "file").name
        )


def task_shape(task: Any, submissions: list[Any], now: dt.datetime) -> dict[str, Any]:
    last = submissions[-1] if submissions else None
    status = "graded" if last and last.mark is not None else "sent" if last else "new"
    if not last and now > task.deadline:
        status = "expired"
    return {
        "id": task.pk,
        "name": task.title,
        "comment": task.description,
        "subject": shapes.subject(task.assignment.curriculum_subject.subject),
        "trainingType": shapes.code("h_training_type", task.assignment.training_type),
        "employee": shapes.employee(task.assignment.employee),
        "deadline": shapes.ts(task.deadline),
        "max_ball": float(task.max_ball),
        "attempt_count": task.attempt_limit,
        "attempts_used": len(submissions),
        "taskStatus": {"code": status, "name": TASK_STATUS[status]()},
        "studentTaskActivity": {
            "id": last.pk,
            "comment": last.text,
            "send_date": shapes.ts(last.submitted_at),
            "mark": float(last.mark) if last.mark is not None else None,
            "teacher_comment": last.review_comment,
        }
        if last
        else None,
        "created_at": shapes.ts(task.created_at),
    }


TASK_STATUS = {
    "new": lambda: _("Not handed in"),
    "sent": lambda: _("Handed in"),
    "graded": lambda: _("Marked"),
    "expired": lambda: _("Deadline passed"),
}


class TaskListApi(StudentApiView):
    @doc("education", "Tasks set for the student's group", SEMESTER)
    def get(self, request: Request) -> Response:
        student = self.student(request)
        now = timezone.now()
        rows = cabinet.student_tasks(student=student)
        semester = request.query_params.get("semester")
        if semester:
            semester = self.semester_code(request, student)
            rows = [r for r in rows if r["task"].assignment.curriculum_subject.semester == semester]
        return Response([task_shape(r["task"], r["submissions"], now) for r in rows])


class TaskDetailApi(StudentApiView):
    @doc("education", "One task with the student's attempts", q("id", int, "Task id", required=True))
    def get(self, request: Request) -> Response:
        student = self.student(request)
        task = sel.access_student_task_by_id(student=student, pk=request.query_params.get("id"))
        submissions = list(sel.student_submissions(student=student, task=task))
        return Response(
            {
                **task_shape(task, submissions, timezone.now()),
                "files": [{"name": Path(task.file.name or "file").name}] if task.file else [],
                "activities": [
                    {
                        "id": s.pk,
                        "attempt": s.attempt,
                        "comment": s.text,
                        "file": Path(s.file.name or "file").name if s.file else None,
                        "send_date": shapes.ts(s.submitted_at),
                        "mark": float(s.mark) if s.mark is not None else None,
                        "teacher_comment": s.review_comment,
                    }
                    for s in submissions
                ],
            }
        )


class TaskUploadRequest(serializers.Serializer):
    id = serializers.IntegerField(help_text="Task id")
    comment = serializers.CharField(required=False, allow_blank=True, default="")
    filename = serializers.FileField(required=False, allow_null=True, default=None)


class TaskUploadApi(StudentApiView):
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    @doc("education", "Hand in a task (multipart: id, comment, filename)", request=TaskUploadRequest)
    def post(self, request: Request) -> Response:
        student = self.student(request)
        body = TaskUploadRequest(data=request.data)
        body.is_valid(raise_exception=True)
        task = sel.access_student_task_by_id(student=student, pk=body.validated_data["id"])
        submission = teaching_services.submission_create(
            actor=sel.student_actor(request.user),
            student=student,
            task=task,
            file=body.validated_data["filename"],
            text=body.validated_data["comment"],
        )
        submissions = list(sel.student_submissions(student=student, task=task))
        return Response({**task_shape(task, submissions, timezone.now()), "submission_id": submission.pk})


# --- student -------------------------------------------------------------------------------------------------


class ContractListApi(StudentApiView):
    @doc("student", "Contracts (finance arrives with a later feature: an empty list)")
    def get(self, request: Request) -> Response:
        self.student(request)
        return Response({"items": [], "attributes": {}})


class DecreeApi(StudentApiView):
    @doc("student", "Orders concerning the student")
    def get(self, request: Request) -> Response:
        student = self.student(request)
        return Response([shapes.decree(d) for d in sel.student_decrees(student=student)])


class DocumentAllApi(StudentApiView):
    @doc("student", "Documents issued to the student")
    def get(self, request: Request) -> Response:
        student = self.student(request)
        items = [shapes.document(d) for d in sel.student_documents(student=student)]
        items += [{**shapes.decree(d), "type": "decree"} for d in sel.student_decrees(student=student)]
        return Response(items)


class ReferenceApi(StudentApiView):
    @doc("student", "References from the place of study issued to the student")
    def get(self, request: Request) -> Response:
        student = self.student(request)
        return Response(
            [
                {**shapes.document(d), "download": f"/rest/v1/student/reference-download?id={d.pk}"}
                for d in sel.student_documents(student=student, kind=DocumentKind.REFERENCE)
            ]
        )


class ReferenceGenerateApi(StudentApiView):
    @doc("student", "Issue a new reference from the place of study")
    def post(self, request: Request) -> Response:
        student = self.student(request)
        with transaction.atomic():
            document = document_services.document_issue(
                actor=sel.student_actor(request.user), student=student, kind=DocumentKind.REFERENCE
            )
        return Response(
            {**shapes.document(document), "download": f"/rest/v1/student/reference-download?id={document.pk}"}
        )


class ReferenceDownloadApi(StudentApiView):
    @doc("student", "A reference as PDF", q("id", int, "Reference id", required=True), binary=True)
    def get(self, request: Request) -> HttpResponseBase:
        from edu.university.views.cabinet import verify_url

        student = self.student(request)
        document = sel.access_student_document_by_id(
            student=student, pk=request.query_params.get("id"), kind=DocumentKind.REFERENCE
        )
        pdf = document_pdf(document, verify_url=verify_url(request._request, document.token))
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="reference-{document.number}.pdf"'
        return response
