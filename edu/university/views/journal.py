"""The teacher's journal (H2.7): lessons and attendance, points per assessment type, the final grade sheet,
topics, resources and tasks with students' submissions. The head of department, the dean and the academic
office read it; only the assignment's teacher writes."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import FileResponse, Http404
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from edu.core.errors import ApplicationError
from edu.core.forms import add_service_error
from edu.core.types import AuthedRequest
from edu.core.xlsx import xlsx_response
from edu.org.roles import Role
from edu.university.classifiers import classifier_name
from edu.university.forms.teaching import PointsDateForm, ResourceForm, ReviewForm, SubmissionForm, TaskForm, TopicForm
from edu.university.selectors import people as people_sel
from edu.university.selectors import teaching as sel
from edu.university.services import performance as perf_svc
from edu.university.services import teaching as svc
from edu.university.views.common import acting, wants_export

TABS = ("attendance", "points", "topics", "resources", "tasks")


@login_required
def my_teaching(request: AuthedRequest) -> HttpResponseBase:
    """The teacher's start page: today's and this week's lessons, and the journals."""
    actor = acting(request, Role.TEACHER)
    me = people_sel.employee_of_user(actor=actor)
    today = timezone.localdate()
    start = sel.week_start(today)
    lessons = sel.timetable_week(actor=actor, start=start, employee_id=me.pk) if me else []
    return render(
        request,
        "university/teaching/my_teaching.html",
        {
            "assignments": sel.assignment_monitoring(sel.assignment_list(actor=actor)),
            "lessons": lessons,
            "today": today,
        },
    )


def _is_teacher(request: AuthedRequest, item: object) -> bool:
    return bool(request.actor.has_role(Role.TEACHER) and item.employee.user_id == request.user.pk)  # type: ignore[attr-defined]


@login_required
def journal(request: AuthedRequest, assignment_id: int) -> HttpResponseBase:
    actor = acting(request)
    item = sel.access_assignment_by_id(actor, assignment_id)
    tab = request.GET.get("tab", "attendance")
    if tab not in TABS:
        tab = "attendance"
    students = perf_svc.roster(group_id=item.group_id, curriculum_subject=item.curriculum_subject)
    data = sel.journal_data(item=item, students=students, tab=tab)
    hours = perf_svc.auditorium_hours(item.curriculum_subject_id)
    off = perf_svc.unexcused_hours(
        student_ids=[s.pk for s in students], curriculum_subject_id=item.curriculum_subject_id
    )
    system = item.curriculum_subject.curriculum.marking_system
    max_balls = {et.exam_type: et.max_ball for et in data["exam_types"]}
    by_student = perf_svc.points_by_student(
        student_ids=[s.pk for s in students], performances=data["performances"], max_balls=max_balls
    )
    admission_rule = tab == "points" and not system.is_five_point and perf_svc.FINAL_EXAM in max_balls
    rows = []
    for student in students:
        unexcused = off.get(student.pk, 0)
        points = by_student[student.pk]
        rows.append(
            {
                "student": student,
                "marks": [data["absences"][student.pk].get(lesson.pk) for lesson in data["lessons"]],
                "points": [(et, data["points"][student.pk].get(et.exam_type)) for et in data["exam_types"]],
                "unexcused": unexcused,
                "share": round(100 * unexcused / hours) if hours else 0,
                "excluded": perf_svc.excluded_from_final(unexcused=unexcused, hours=hours),
                "final": data["finals"].get(student.pk),
                "current": perf_svc.current_points(points=points, max_balls=max_balls),
                "admitted": not admission_rule
                or perf_svc.admitted_to_final(
                    points=points, max_balls=max_balls, percent=system.final_admission_percent
                ),
            }
        )
    is_teacher = _is_teacher(request, item)
    preview = None
    if tab == "points" and is_teacher and not data["sheet"]:
        preview = perf_svc.final_rows(
            students=students,
            performances=data["performances"],
            max_balls=max_balls,
            borders=[(b.grade, b.min_value) for b in system.borders.all()],
            five_point=system.is_five_point,
            unexcused=off,
            hours=hours,
            admission_percent=system.final_admission_percent,
        )
    if wants_export(request) and tab in ("attendance", "points"):
        return _journal_xlsx(item=item, tab=tab, rows=rows, data=data)
    context = {
        "item": item,
        "tab": tab,
        "rows": rows,
        "hours": hours,
        "is_teacher": is_teacher,
        "today": timezone.localdate(),
        "points_form": PointsDateForm(initial={"exam_date": timezone.localdate()}),
        "topic_form": TopicForm(),
        "resource_form": ResourceForm(topics=sel.topic_queryset(item=item)) if tab == "resources" else None,
        "task_form": TaskForm(topics=sel.topic_queryset(item=item)) if tab == "tasks" else None,
        "preview": preview,
        "admission_rule": admission_rule,
        "admission_percent": system.final_admission_percent,
        "admission_need": perf_svc.admission_need(max_balls=max_balls, percent=system.final_admission_percent),
        **data,
    }
    return render(request, "university/teaching/journal.html", context)


def _journal_xlsx(*, item: Any, tab: str, rows: list[dict[str, Any]], data: dict[str, Any]) -> HttpResponseBase:
    """The journal's attendance or points as an Excel sheet (what the page shows)."""
    name = f"{item.group.name} {item.curriculum_subject.subject.name}"
    student = _("Student")
    if tab == "attendance":
        nb, s = pgettext("absence", "NB"), pgettext("absence", "S")
        return xlsx_response(
            filename="journal-attendance",
            sheet=name[:31],
            headers=[student, *(f"{x.lesson_date:%d.%m.%Y}" for x in data["lessons"]), _("NB, h")],
            rows=(
                (
                    r["student"].user.get_full_name(),
                    *((nb if a.absent_off else s) if a else "" for a in r["marks"]),
                    r["unexcused"],
                )
                for r in rows
            ),
        )
    return xlsx_response(
        filename="journal-points",
        sheet=name[:31],
        headers=[
            student,
            *(classifier_name("h_exam_type", et.exam_type) for et in data["exam_types"]),
            _("Final grade"),
        ],
        rows=(
            (
                r["student"].user.get_full_name(),
                *(value for _et, value in r["points"]),
                r["final"].grade if r["final"] else "",
            )
            for r in rows
        ),
    )


@login_required
def attendance(request: AuthedRequest, assignment_id: int, lesson_id: int) -> HttpResponseBase:
    """Take attendance at one lesson: present / absent with a reason / absent without one."""
    actor = acting(request)
    item = sel.access_assignment_by_id(actor, assignment_id)
    lesson = sel.access_lesson_by_id(actor, lesson_id)
    if lesson.assignment_id != item.pk:
        raise Http404
    students = perf_svc.roster(group_id=item.group_id, curriculum_subject=item.curriculum_subject)
    existing = {a.student_id: a for a in lesson.absences.all()}
    error = None
    if request.method == "POST":
        marks: dict[int, perf_svc.AttendanceMark] = {}
        for student in students:
            value = request.POST.get(f"s{student.pk}", "present")
            marks[student.pk] = value if value in ("present", "excused", "unexcused") else "present"  # type: ignore[assignment]
        try:
            perf_svc.attendance_mark(actor=actor, lesson=lesson, marks=marks)
        except ApplicationError as exc:
            error = str(exc.message)
        else:
            messages.success(request, _("Attendance has been saved."))
            return redirect(f"{request.path.rsplit('/lessons/', 1)[0]}/?tab=attendance")
    rows = []
    for student in students:
        row = existing.get(student.pk)
        state = "present" if row is None else ("excused" if row.absent_on else "unexcused")
        rows.append({"student": student, "state": request.POST.get(f"s{student.pk}", state) if error else state})
    return render(
        request,
        "university/teaching/attendance.html",
        {"item": item, "lesson": lesson, "rows": rows, "error": error, "is_teacher": _is_teacher(request, item)},
    )


@login_required
@require_POST
def points_save(request: AuthedRequest, assignment_id: int) -> HttpResponseBase:
    """All assessment types of the group at once; all or nothing."""
    actor = acting(request, Role.TEACHER)
    item = sel.access_assignment_by_id(actor, assignment_id)
    form = PointsDateForm(request.POST)
    students = perf_svc.roster(group_id=item.group_id, curriculum_subject=item.curriculum_subject)
    # JN and ON are saved before YN, whose admission depends on them.
    exam_types = list(item.curriculum_subject.exam_types.order_by("exam_type").values_list("exam_type", flat=True))
    target = f"{request.path.rsplit('/points/', 1)[0]}/?tab=points"
    if not form.is_valid():
        messages.error(request, _("Enter the date of the assessment."))
        return redirect(target)
    values: dict[str, dict[int, Decimal | None]] = {et: {} for et in exam_types}
    try:
        for student in students:
            for et in exam_types:
                key = f"p_{student.pk}_{et}"
                if key not in request.POST:
                    continue
                raw = request.POST[key].strip().replace(",", ".")
                values[et][student.pk] = Decimal(raw) if raw else None
    except InvalidOperation:
        messages.error(request, _("Points must be numbers."))
        return redirect(target)
    try:
        with transaction.atomic():
            changed = sum(
                perf_svc.performance_set(
                    actor=actor, item=item, exam_type=et, values=v, exam_date=form.cleaned_data["exam_date"]
                )
                for et, v in values.items()
                if v
            )
    except ApplicationError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("Points have been saved (%(count)d changed).") % {"count": changed})
    return redirect(target)


@login_required
@require_POST
def final_submit(request: AuthedRequest, assignment_id: int) -> HttpResponseBase:
    actor = acting(request, Role.TEACHER)
    item = sel.access_assignment_by_id(actor, assignment_id)
    try:
        sheet = perf_svc.final_sheet_submit(actor=actor, item=item)
    except ApplicationError as exc:
        messages.error(request, str(exc.message))
    else:
        if sheet.status == "approved":
            messages.success(request, _("The final grades have been recorded."))
        else:
            messages.success(request, _("The final grades wait for the head of department's approval."))
    return redirect(f"{request.path.rsplit('/final/', 1)[0]}/?tab=points")


@login_required
def final_sheet(request: AuthedRequest, sheet_id: int) -> HttpResponseBase:
    actor = acting(request)
    sheet = sel.access_final_sheet_by_id(actor, sheet_id)
    return render(
        request,
        "university/teaching/final_sheet.html",
        {"sheet": sheet, "records": sel.final_sheet_records(sheet=sheet)},
    )


@login_required
@require_POST
def content_add(request: AuthedRequest, assignment_id: int, kind: str) -> HttpResponseBase:
    """Add a topic, a resource or a task to the journal."""
    actor = acting(request, Role.TEACHER)
    item = sel.access_assignment_by_id(actor, assignment_id)
    topics = sel.topic_queryset(item=item)
    forms = {
        "topics": TopicForm(request.POST),
        "resources": ResourceForm(request.POST, request.FILES, topics=topics),
        "tasks": TaskForm(request.POST, request.FILES, topics=topics),
    }
    form = forms.get(kind)
    if form is None:
        raise Http404
    if form.is_valid():
        try:
            if kind == "topics":
                svc.topic_create(actor=actor, item=item, **form.cleaned_data)
            elif kind == "resources":
                svc.resource_create(actor=actor, item=item, **form.cleaned_data)
            else:
                svc.task_create(actor=actor, item=item, **form.cleaned_data)
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("Added."))
            return redirect(f"{request.path.rsplit('/add/', 1)[0]}/?tab={kind}")
    for error_list in form.errors.values():
        for error in error_list:
            messages.error(request, str(error))
    return redirect(f"{request.path.rsplit('/add/', 1)[0]}/?tab={kind}")


@login_required
def resource_file(request: AuthedRequest, assignment_id: int, resource_id: int) -> FileResponse:
    actor = acting(request)
    item = sel.access_assignment_by_id(actor, assignment_id)
    resource = sel.access_resource_by_id(item=item, pk=resource_id)
    if not resource.file:
        raise Http404
    return FileResponse(resource.file.open("rb"), as_attachment=True, filename=Path(resource.file.name or "file").name)


@login_required
def task_detail(request: AuthedRequest, task_id: int) -> HttpResponseBase:
    """The teacher reviews submissions; the student hands in (with a file) and sees the review."""
    actor = acting(request)
    task = sel.access_task_by_id(actor, task_id)
    if actor.has_role(Role.STUDENT):
        student = people_sel.student_of_user(actor=actor)
        if student is None:
            raise Http404
        form = SubmissionForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                svc.submission_create(actor=actor, student=student, task=task, **form.cleaned_data)
            except ApplicationError as exc:
                add_service_error(form, exc)
            else:
                messages.success(request, _("Your answer has been handed in."))
                return redirect("university:task", task.pk)
        return render(
            request,
            "university/cabinet/task.html",
            {"task": task, "form": form, "submissions": sel.task_submissions(task=task).filter(student=student)},
        )
    is_teacher = _is_teacher(request, task.assignment)
    submissions = sel.task_submissions(task=task)
    if request.method == "POST" and is_teacher:
        submission = sel.access_submission_by_id(actor, task, request.POST.get("submission"))
        review = ReviewForm(request.POST)
        if review.is_valid():
            try:
                svc.submission_review(actor=actor, submission=submission, **review.cleaned_data)
            except ApplicationError as exc:
                messages.error(request, str(exc.message))
            else:
                messages.success(request, _("The review has been saved."))
        else:
            messages.error(request, _("Enter the points."))
        return redirect("university:task", task.pk)
    return render(
        request,
        "university/teaching/task.html",
        {"task": task, "submissions": submissions, "is_teacher": is_teacher},
    )


@login_required
def submission_file(request: AuthedRequest, task_id: int, submission_id: int) -> FileResponse:
    actor = acting(request)
    task = sel.access_task_by_id(actor, task_id)
    submissions = sel.task_submissions(task=task)
    if actor.has_role(Role.STUDENT):
        submissions = submissions.filter(student__user=actor.user)
    submission = sel.get_submission(submissions, submission_id)
    if not submission.file:
        raise Http404
    return FileResponse(
        submission.file.open("rb"), as_attachment=True, filename=Path(submission.file.name or "file").name
    )


@login_required
def task_file(request: AuthedRequest, task_id: int) -> FileResponse:
    task = sel.access_task_by_id(request.actor, task_id)
    if not task.file:
        raise Http404
    return FileResponse(task.file.open("rb"), as_attachment=True, filename=Path(task.file.name or "file").name)
