"""Teaching assignments (head of department) and the timetable (academic office, dean; everyone reads)."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from edu.core.errors import ApplicationError
from edu.core.forms import add_service_error
from edu.core.types import AuthedRequest
from edu.core.xlsx import xlsx_response
from edu.org.roles import Role
from edu.university.classifiers import classifier_name
from edu.university.forms.teaching import (
    AssignmentForm,
    ChangeTeacherForm,
    LessonMoveForm,
    LessonSeriesForm,
    TimetableFilterForm,
)
from edu.university.selectors import people as people_sel
from edu.university.selectors import settings as settings_sel
from edu.university.selectors import study as study_sel
from edu.university.selectors import teaching as sel
from edu.university.selectors.scope import TIMETABLE_EDITORS
from edu.university.services import teaching as svc
from edu.university.services import timetable as timetable_svc
from edu.university.views.common import acting, paginate, wants_export


@login_required
def assignment_list(request: AuthedRequest) -> HttpResponseBase:
    """H2.6: the head of department gives subjects to teachers and watches what is entered and held."""
    actor = acting(request)
    is_head = actor.has_role(Role.HEAD_OF_DEPARTMENT)
    department_id = actor.assignment.department_id if actor.assignment else None
    teachers = (
        people_sel.teachers_of_department(actor=actor, department_id=department_id)
        if is_head and department_id
        else people_sel.employee_list(actor=actor).none()
    )
    form = None
    if is_head:
        form = AssignmentForm(
            request.POST or None,
            subjects=study_sel.curriculum_subject_list(actor=actor).select_related("curriculum"),
            groups=study_sel.groups_for_department(actor=actor),
            teachers=teachers,
            institution_id=actor.institution_id,
        )
        if request.method == "POST" and form.is_valid():
            try:
                svc.assignment_create(actor=actor, **form.cleaned_data)
            except ApplicationError as exc:
                add_service_error(form, exc)
            else:
                messages.success(request, _("The subject has been assigned."))
                return redirect("university:assignments")
    q = request.GET.get("q", "").strip()
    items = sel.assignment_monitoring(sel.assignment_list(actor=actor, q=q))
    if wants_export(request):
        return xlsx_response(
            filename="assignments",
            sheet=_("Teaching assignments"),
            headers=[
                _("Group"),
                _("Subject"),
                _("Training type"),
                _("Teacher"),
                _("Topics"),
                _("Resources"),
                _("Tasks"),
                _("Lessons"),
                _("Held"),
            ],
            rows=(
                (
                    a.group.name,
                    a.curriculum_subject.subject.name,
                    classifier_name("h_training_type", a.training_type),
                    str(a.employee),
                    *(
                        getattr(a, k)
                        for k in ("topic_count", "resource_count", "task_count", "lesson_count", "held_count")
                    ),
                )
                for a in items
            ),
        )
    return render(
        request,
        "university/teaching/assignments.html",
        {"page": paginate(request, items), "q": q, "form": form, "is_head": is_head, "teachers": teachers},
    )


@login_required
@require_POST
def assignment_change(request: AuthedRequest, assignment_id: int) -> HttpResponseBase:
    actor = acting(request, Role.HEAD_OF_DEPARTMENT)
    item = sel.access_assignment_by_id(actor, assignment_id)
    teachers = people_sel.teachers_of_department(actor=actor, department_id=item.department_id)
    form = ChangeTeacherForm(request.POST, teachers=teachers)
    if request.POST.get("delete"):
        try:
            svc.assignment_delete(actor=actor, item=item)
        except ApplicationError as exc:
            messages.error(request, str(exc.message))
        else:
            messages.success(request, _("The assignment has been removed."))
    elif form.is_valid():
        try:
            svc.assignment_change_teacher(actor=actor, item=item, employee=form.cleaned_data["employee"])
        except ApplicationError as exc:
            messages.error(request, str(exc.message))
        else:
            messages.success(request, _("The teacher has been changed."))
    else:
        messages.error(request, _("Choose a teacher."))
    return redirect("university:assignments")


def _week(request: AuthedRequest, value: dt.date | None) -> dt.date:
    return sel.week_start(value or timezone.localdate())


@login_required
def timetable(request: AuthedRequest) -> HttpResponseBase:
    """The week grid per group, teacher or auditorium; editors add weekly series with conflict checks."""
    actor = acting(request)
    auditoriums = settings_sel.auditorium_list(actor=actor)
    groups = study_sel.group_list(actor=actor)
    teachers = people_sel.employee_list(actor=actor, employee_type="12")
    filters = TimetableFilterForm(request.GET or None, groups=groups, teachers=teachers, auditoriums=auditoriums)
    f = filters.cleaned_data if filters.is_valid() else {}
    start = _week(request, f.get("week"))
    me = people_sel.employee_of_user(actor=actor) if actor.has_role(Role.TEACHER) else None
    group_id = f["group"].pk if f.get("group") else None
    employee_id = f["teacher"].pk if f.get("teacher") else (me.pk if me and not group_id else None)
    auditorium_id = f["auditorium"].pk if f.get("auditorium") else None
    can_edit = actor.has_role(*TIMETABLE_EDITORS)
    series_form = None
    conflicts: list = []
    if can_edit:
        series_form = LessonSeriesForm(
            request.POST or None,
            assignments=sel.assignment_list(actor=actor),
            pairs=settings_sel.lesson_pair_list(actor=actor),
            auditoriums=auditoriums.filter(active=True),
        )
        if request.method == "POST" and series_form.is_valid():
            d = series_form.cleaned_data
            try:
                created = timetable_svc.lesson_series_create(
                    actor=actor,
                    item=d["assignment"],
                    pair=d["lesson_pair"],
                    auditorium=d["auditorium"],
                    weekday=d["weekday"],
                    date_from=d["date_from"],
                    date_to=d["date_to"],
                    parity=d["parity"],
                )
            except ApplicationError as exc:
                add_service_error(series_form, exc)
                conflicts = exc.extra.get("conflicts", [])
            else:
                messages.success(request, _("%(count)d lessons have been added.") % {"count": len(created)})
                return redirect(f"{request.path}?group={d['assignment'].group_id}&week={d['date_from']:%Y-%m-%d}")
    lessons = (
        sel.timetable_week(
            actor=actor, start=start, group_id=group_id, employee_id=employee_id, auditorium_id=auditorium_id
        )
        if (group_id or employee_id or auditorium_id)
        else []
    )
    pairs = list(settings_sel.lesson_pair_list(actor=actor))
    if wants_export(request):
        return xlsx_response(
            filename="timetable",
            sheet=_("Timetable"),
            headers=[_("Date"), _("Pair"), _("Group"), _("Subject"), _("Training type"), _("Teacher"), _("Auditorium")],
            rows=(
                (
                    x.lesson_date,
                    x.lesson_pair.number,
                    x.group.name,
                    x.curriculum_subject.subject.name,
                    classifier_name("h_training_type", x.training_type),
                    str(x.employee),
                    x.auditorium.name if x.auditorium else "",
                )
                for x in lessons
            ),
        )
    days = [start + dt.timedelta(days=i) for i in range(6)]
    return render(
        request,
        "university/teaching/timetable.html",
        {
            "filters": filters,
            "grid": sel.timetable_grid(lessons, start, pairs),
            "days": days,
            "start": start,
            "prev_week": start - dt.timedelta(days=7),
            "next_week": start + dt.timedelta(days=7),
            "chosen": bool(group_id or employee_id or auditorium_id),
            "series_form": series_form,
            "conflicts": conflicts,
            "can_edit": can_edit,
            "today": timezone.localdate(),
        },
    )


@login_required
@require_POST
def lesson_delete(request: AuthedRequest, lesson_id: int) -> HttpResponseBase:
    actor = acting(request, *TIMETABLE_EDITORS)
    lesson = sel.access_lesson_by_id(actor, lesson_id)
    try:
        timetable_svc.lesson_delete(actor=actor, lesson=lesson)
    except ApplicationError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("The lesson has been removed."))
    return redirect("university:timetable")


@login_required
def lesson_edit(request: AuthedRequest, lesson_id: int) -> HttpResponseBase:
    """Move one lesson (date, pair, auditorium); clashes are shown next to the field they concern."""
    actor = acting(request, *TIMETABLE_EDITORS)
    lesson = sel.access_lesson_by_id(actor, lesson_id)
    form = LessonMoveForm(
        request.POST or None,
        initial={
            "lesson_date": lesson.lesson_date,
            "lesson_pair": lesson.lesson_pair_id,
            "auditorium": lesson.auditorium_id,
        },
        pairs=settings_sel.lesson_pair_list(actor=actor),
        auditoriums=settings_sel.auditorium_list(actor=actor).filter(Q(active=True) | Q(pk=lesson.auditorium_id)),
    )
    conflicts: list = []
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            timetable_svc.lesson_move(
                actor=actor,
                lesson=lesson,
                lesson_date=d["lesson_date"],
                pair=d["lesson_pair"],
                auditorium=d["auditorium"],
            )
        except ApplicationError as exc:
            conflicts = exc.extra.get("conflicts", [])
            add_service_error(form, exc)
            for extra in conflicts[1:]:
                form.add_error(timetable_svc.CONFLICT_FIELDS[extra.kind], str(extra.message))
        else:
            messages.success(request, _("The lesson has been moved."))
            return redirect(
                f"{reverse('university:timetable')}?group={lesson.group_id}&week={lesson.lesson_date:%Y-%m-%d}"
            )
    return render(request, "university/teaching/lesson_edit.html", {"form": form, "lesson": lesson})
