"""The exam schedule (imtihon jadvali): the academic office and the dean keep it with the timetable's conflict
checks; teachers see the sittings they examine, students their group's (in the cabinet)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from edu.core.errors import ApplicationError
from edu.core.forms import add_service_error
from edu.core.types import AuthedRequest
from edu.core.xlsx import xlsx_response
from edu.org.actor import Actor
from edu.university.classifiers import classifier_name
from edu.university.forms.exams import ExamFilterForm, ExamForm
from edu.university.forms.teaching import curriculum_subject_label
from edu.university.models import ExamSchedule
from edu.university.selectors import exams as sel
from edu.university.selectors import people as people_sel
from edu.university.selectors import settings as settings_sel
from edu.university.selectors import study as study_sel
from edu.university.selectors.scope import TIMETABLE_EDITORS
from edu.university.services import exams as svc
from edu.university.views.cabinet import _student
from edu.university.views.common import acting, int_or_none, paginate, wants_export


def _export(rows: Any) -> HttpResponseBase:
    return xlsx_response(
        filename="exam-schedule",
        sheet=_("Exam schedule"),
        headers=[
            _("Date"),
            _("Pair"),
            _("Group"),
            _("Subject"),
            _("Assessment type"),
            _("Sitting"),
            _("Auditorium"),
            _("Examiner"),
        ],
        rows=(
            (
                x.exam_date,
                str(x.lesson_pair),
                x.group.name,
                x.curriculum_subject.subject.name,
                classifier_name("h_exam_type", x.exam_type),
                classifier_name("h_final_exam_type", x.final_exam_type),
                x.auditorium.name,
                str(x.employee),
            )
            for x in rows
        ),
    )


@login_required
def exam_list(request: AuthedRequest) -> HttpResponseBase:
    """Every sitting the actor may read, filtered by group, assessment type and dates; Excel export."""
    actor = acting(request)
    filters = ExamFilterForm(
        request.GET or None, groups=study_sel.group_list(actor=actor), institution_id=actor.institution_id
    )
    f = filters.cleaned_data if filters.is_valid() else {}
    items = sel.exam_list(
        actor=actor,
        group_id=f["group"].pk if f.get("group") else None,
        exam_type=f.get("exam_type") or "",
        date_from=f.get("date_from"),
        date_to=f.get("date_to"),
    )
    if wants_export(request):
        return _export(items)
    return render(
        request,
        "university/exams/list.html",
        {
            "filters": filters,
            "page": paginate(request, items),
            "can_edit": actor.has_role(*TIMETABLE_EDITORS),
            "group": f.get("group"),
        },
    )


def _form(request: AuthedRequest, actor: Actor, exam: ExamSchedule | None) -> ExamForm:
    auditoriums = settings_sel.auditorium_list(actor=actor)
    initial: dict[str, Any] = {}
    if exam is not None:
        auditoriums = auditoriums.filter(Q(active=True) | Q(pk=exam.auditorium_id))
        initial = {
            "group": exam.group_id,
            "curriculum_subject": exam.curriculum_subject_id,
            "exam_type": exam.exam_type,
            "final_exam_type": exam.final_exam_type,
            "exam_date": exam.exam_date,
            "lesson_pair": exam.lesson_pair_id,
            "auditorium": exam.auditorium_id,
            "employee": exam.employee_id,
        }
    else:
        auditoriums = auditoriums.filter(active=True)
        initial = {"exam_type": "13", "final_exam_type": "11"}
    groups = sel.exam_group_list(actor=actor)
    # A known group (being edited, posted, or `?group=` from the filtered list) narrows the subjects to its plan;
    # in the browser the list follows the group as it changes (`exam_subjects`, static/js/app.js).
    group_id = int_or_none(request.POST.get("group") or request.GET.get("group")) or (exam.group_id if exam else None)
    group = groups.filter(pk=group_id).first() if group_id else None
    if group is not None:
        initial.setdefault("group", group.pk)
    return ExamForm(
        request.POST or None,
        initial=initial,
        groups=groups,
        subjects=sel.exam_subject_list(actor=actor, group=group),
        group_chosen=group is not None,
        pairs=settings_sel.lesson_pair_list(actor=actor),
        auditoriums=auditoriums,
        examiners=people_sel.employee_list(actor=actor, employee_type="12"),
        institution_id=actor.institution_id,
    )


def _edit(request: AuthedRequest, exam: ExamSchedule | None) -> HttpResponseBase:
    actor = acting(request, *TIMETABLE_EDITORS)
    form = _form(request, actor, exam)
    if request.method == "POST" and form.is_valid():
        try:
            saved = svc.exam_save(actor=actor, exam=exam, **form.cleaned_data)
        except ApplicationError as exc:
            add_service_error(form, exc)
            for extra in exc.extra.get("conflicts", [])[1:]:
                form.add_error(svc.CONFLICT_FIELDS[extra.kind], str(extra.message))
        else:
            messages.success(request, _("The exam sitting has been saved."))
            return redirect(f"{reverse('university:exams')}?group={saved.group_id}")
    return render(request, "university/exams/edit.html", {"form": form, "exam": exam})


@login_required
def exam_create(request: AuthedRequest) -> HttpResponseBase:
    return _edit(request, None)


@login_required
def exam_edit(request: AuthedRequest, exam_id: int) -> HttpResponseBase:
    actor = acting(request, *TIMETABLE_EDITORS)
    return _edit(request, sel.access_exam_by_id(actor, exam_id))


@login_required
def exam_subjects(request: AuthedRequest) -> JsonResponse:
    """The subjects of a group's curriculum for the sitting form's subject list, as `{"options": [{id, name}]}`;
    a group outside the editor's scope is 404."""
    actor = acting(request, *TIMETABLE_EDITORS)
    group = sel.access_exam_group_by_id(actor, request.GET.get("group"))
    subjects = sel.exam_subject_list(actor=actor, group=group)
    return JsonResponse({"options": [{"id": x.pk, "name": curriculum_subject_label(x)} for x in subjects]})


@login_required
@require_POST
def exam_delete(request: AuthedRequest, exam_id: int) -> HttpResponseBase:
    actor = acting(request, *TIMETABLE_EDITORS)
    exam = sel.access_exam_by_id(actor, exam_id)
    try:
        svc.exam_delete(actor=actor, exam=exam)
    except ApplicationError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("The exam sitting has been removed."))
    return redirect("university:exams")


@login_required
def my_exams(request: AuthedRequest) -> HttpResponseBase:
    """The student's cabinet: their group's sittings, upcoming first."""
    student = _student(request)
    exams = list(sel.student_exams(student=student))
    return render(request, "university/cabinet/exams.html", {"student": student, "exams": exams})
