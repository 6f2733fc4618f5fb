"""The student's cabinet (H2.13, H5.3): personal data, timetable, subjects with points and attendance, GPA and
rating, tasks, electives, documents; and the public page that verifies an issued document."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from edu.core.errors import ApplicationError
from edu.core.types import AuthedRequest
from edu.org.roles import Role
from edu.university.models import DocumentKind, Student
from edu.university.pdf import document_pdf
from edu.university.selectors import cabinet as sel
from edu.university.selectors import documents as doc_sel
from edu.university.selectors import exams as exam_sel
from edu.university.selectors import people as people_sel
from edu.university.selectors import settings as settings_sel
from edu.university.selectors import teaching as teaching_sel
from edu.university.services import documents as doc_svc
from edu.university.services import electives as elective_svc
from edu.university.services.gpa import semester_gpas
from edu.university.views.common import acting


def _student(request: AuthedRequest) -> Student:
    actor = acting(request, Role.STUDENT)
    student = people_sel.student_of_user(actor=actor)
    if student is None:
        raise Http404
    return student


@login_required
def overview(request: AuthedRequest) -> HttpResponseBase:
    student = _student(request)
    return render(
        request,
        "university/cabinet/overview.html",
        {
            "student": student,
            "sees_identity": True,  # their own
            "gpa": sel.student_gpa_total(student=student),
            "gpas": sel.student_gpa_rows(student=student),
            "semester_gpas": semester_gpas(student=student),
            "upcoming_exams": list(
                exam_sel.student_exams(student=student).filter(exam_date__gte=timezone.localdate())[:5]
            ),
        },
    )


@login_required
def timetable(request: AuthedRequest) -> HttpResponseBase:
    student = _student(request)
    actor = request.actor
    try:
        start = teaching_sel.week_start(dt.datetime.strptime(request.GET.get("week", ""), "%Y-%m-%d").date())
    except ValueError:
        start = teaching_sel.week_start(timezone.localdate())
    lessons = (
        teaching_sel.timetable_week(actor=actor, start=start, group_id=student.group_id) if student.group_id else []
    )
    pairs = list(settings_sel.lesson_pair_list(actor=actor))
    return render(
        request,
        "university/cabinet/timetable.html",
        {
            "student": student,
            "grid": teaching_sel.timetable_grid(lessons, start, pairs),
            "days": [start + dt.timedelta(days=i) for i in range(6)],
            "start": start,
            "prev_week": start - dt.timedelta(days=7),
            "next_week": start + dt.timedelta(days=7),
            "today": timezone.localdate(),
        },
    )


@login_required
def subjects(request: AuthedRequest) -> HttpResponseBase:
    student = _student(request)
    semesters = sel.student_semesters(student=student)
    codes = [s.code for s in semesters]
    chosen = request.GET.get("semester") or (
        student.semester if student.semester in codes else (codes[0] if codes else "")
    )
    return render(
        request,
        "university/cabinet/subjects.html",
        {
            "student": student,
            "semesters": semesters,
            "semester": chosen,
            "rows": sel.student_subjects(student=student, semester=chosen) if chosen else [],
            "resources": doc_sel.student_resources(student=student, semester=chosen) if chosen else {},
        },
    )


@login_required
def resource_file(request: AuthedRequest, resource_id: int) -> FileResponse:
    student = _student(request)
    resource = doc_sel.access_student_resource_by_id(student=student, pk=resource_id)
    if not resource.file:
        raise Http404
    return FileResponse(resource.file.open("rb"), as_attachment=True, filename=Path(resource.file.name or "file").name)


@login_required
def tasks(request: AuthedRequest) -> HttpResponseBase:
    student = _student(request)
    return render(
        request, "university/cabinet/tasks.html", {"student": student, "rows": sel.student_tasks(student=student)}
    )


@login_required
def electives(request: AuthedRequest) -> HttpResponseBase:
    student = _student(request)
    if request.method == "POST":
        subject = doc_sel.access_elective_by_id(student=student, pk=request.POST.get("subject"))
        try:
            if request.POST.get("action") == "cancel":
                elective_svc.elective_cancel(actor=request.actor, student=student, subject=subject)
                messages.success(request, _("Your choice has been cancelled."))
            else:
                elective_svc.elective_choose(actor=request.actor, student=student, subject=subject)
                messages.success(request, _("You have chosen %(subject)s.") % {"subject": subject.subject.name})
        except ApplicationError as exc:
            messages.error(request, str(exc.message))
        return redirect("university:my_electives")
    return render(
        request,
        "university/cabinet/electives.html",
        {"student": student, "windows": sel.student_electives(student=student)},
    )


@login_required
def documents(request: AuthedRequest) -> HttpResponseBase:
    student = _student(request)
    return render(
        request,
        "university/cabinet/documents.html",
        {"student": student, "issued": doc_sel.issued_documents(student=student), "kinds": DocumentKind.choices},
    )


def verify_url(request: HttpRequest, token: object) -> str:
    path = reverse("verify_document", args=[token])
    base = settings.DOCUMENT_VERIFY_BASE_URL.rstrip("/")
    return f"{base}{path}" if base else request.build_absolute_uri(path)


@login_required
@require_POST
def document_issue(request: AuthedRequest, kind: str) -> HttpResponseBase:
    student = _student(request)
    if kind not in DocumentKind.values:
        raise Http404
    try:
        document = doc_svc.document_issue(actor=request.actor, student=student, kind=kind)
    except ApplicationError as exc:
        messages.error(request, str(exc.message))
        return redirect("university:my_documents")
    pdf = document_pdf(document, verify_url=verify_url(request, document.token))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{kind}-{document.number}.pdf"'
    return response


def verify_document(request: HttpRequest, token: str) -> HttpResponseBase:
    """Public: what the document with this code says, to compare with the paper."""
    document = doc_sel.document_by_token(token=token)
    return render(request, "university/cabinet/verify.html", {"document": document, "data": document.data})
