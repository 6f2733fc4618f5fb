"""The dean's office: specialties, subject catalogue, curricula (with electives), groups (H2.5)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from edu.core.errors import ApplicationError
from edu.core.forms import add_service_error
from edu.core.types import AuthedRequest
from edu.core.xlsx import xlsx_response
from edu.org.roles import Role
from edu.org.selectors import department_list, faculty_list
from edu.university.classifiers import classifier_name
from edu.university.forms.study import (
    CurriculumForm,
    CurriculumSubjectForm,
    ElectiveWindowForm,
    GroupForm,
    SpecialtyForm,
    SubjectForm,
)
from edu.university.selectors import people as people_sel
from edu.university.selectors import settings as settings_sel
from edu.university.selectors import study as sel
from edu.university.selectors import teaching as teaching_sel
from edu.university.services import study as svc
from edu.university.views.common import acting, int_or_none, paginate, wants_export


@login_required
def specialty_list(request: AuthedRequest) -> HttpResponseBase:
    actor = acting(request)
    can_edit = actor.has_role(Role.DEAN)
    form = SpecialtyForm(request.POST or None, faculties=faculty_list(actor=actor), institution_id=actor.institution_id)
    if request.method == "POST" and can_edit and form.is_valid():
        try:
            svc.specialty_create(actor=actor, **form.cleaned_data)
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The specialty has been added."))
            return redirect("university:specialties")
    q = request.GET.get("q", "").strip()
    items = sel.specialty_list(actor=actor, q=q)
    if wants_export(request):
        return xlsx_response(
            filename="specialties",
            sheet=_("Specialties"),
            headers=[_("Code"), _("Name"), _("Education type"), _("Qualification"), _("Faculty")],
            rows=(
                (s.code, s.name, classifier_name("h_education_type", s.education_type), s.qualification, s.faculty.name)
                for s in items
            ),
        )
    return render(
        request,
        "university/study/specialties.html",
        {"page": paginate(request, items), "q": q, "form": form, "can_edit": can_edit},
    )


@login_required
def subject_list(request: AuthedRequest) -> HttpResponseBase:
    actor = acting(request)
    can_edit = actor.has_role(Role.DEAN, Role.ACADEMIC_OFFICE, Role.HEAD_OF_DEPARTMENT)
    form = SubjectForm(request.POST or None, departments=department_list(actor=actor))
    if request.method == "POST" and can_edit and form.is_valid():
        try:
            svc.subject_create(actor=actor, **form.cleaned_data)
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The subject has been added."))
            return redirect("university:subjects")
    q = request.GET.get("q", "").strip()
    items = sel.subject_list(actor=actor, q=q)
    if wants_export(request):
        return xlsx_response(
            filename="subjects",
            sheet=_("Subjects"),
            headers=[_("Code"), _("Name"), _("Department")],
            rows=((s.code, s.name, s.department.name) for s in items),
        )
    return render(
        request,
        "university/study/subjects.html",
        {"page": paginate(request, items), "q": q, "form": form, "can_edit": can_edit},
    )


@login_required
def curriculum_list(request: AuthedRequest) -> HttpResponseBase:
    actor = acting(request)
    can_edit = actor.has_role(Role.DEAN)
    form = CurriculumForm(
        request.POST or None,
        specialties=sel.specialty_list(actor=actor),
        years=settings_sel.education_year_list(actor=actor),
        systems=settings_sel.marking_system_list(actor=actor),
        institution_id=actor.institution_id,
    )
    if request.method == "POST" and can_edit and form.is_valid():
        try:
            created = svc.curriculum_create(actor=actor, **form.cleaned_data)
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The curriculum has been created with its semesters."))
            return redirect("university:curriculum", created.pk)
    q = request.GET.get("q", "").strip()
    items = sel.curriculum_list(actor=actor, q=q)
    if wants_export(request):
        return xlsx_response(
            filename="curricula",
            sheet=_("Curricula"),
            headers=[
                _("Name"),
                _("Specialty"),
                _("Year of entry"),
                _("Form of study"),
                _("Marking system"),
                _("Semesters"),
            ],
            rows=(
                (
                    c.name,
                    str(c.specialty),
                    c.education_year.name,
                    classifier_name("h_education_form", c.education_form),
                    str(c.marking_system),
                    c.semester_count,
                )
                for c in items
            ),
        )
    return render(
        request,
        "university/study/curricula.html",
        {"page": paginate(request, items), "q": q, "form": form, "can_edit": can_edit},
    )


@login_required
def curriculum_detail(request: AuthedRequest, curriculum_id: int) -> HttpResponseBase:
    actor = acting(request)
    curriculum = sel.access_curriculum_by_id(actor, curriculum_id)
    can_edit = actor.has_role(Role.DEAN)
    semesters = list(curriculum.semesters.select_related("education_year"))
    semester_choices = [(s.code, f"{s.number}-semestr · {s.education_year.name}") for s in semesters]
    subject_form = CurriculumSubjectForm(
        prefix="subject",
        subjects=sel.subject_list(actor=actor),
        semesters=semester_choices,
        institution_id=actor.institution_id,
    )
    window_form = ElectiveWindowForm(prefix="window", semesters=semester_choices)
    if request.method == "POST" and can_edit:
        kind = request.POST.get("form")
        form: forms.Form = subject_form
        try:
            if kind == "subject":
                form = subject_form = CurriculumSubjectForm(
                    request.POST,
                    prefix="subject",
                    subjects=sel.subject_list(actor=actor),
                    semesters=semester_choices,
                    institution_id=actor.institution_id,
                )
                if subject_form.is_valid():
                    data = {k: v for k, v in subject_form.cleaned_data.items() if not k.startswith("hours_")}
                    svc.curriculum_subject_create(
                        actor=actor, curriculum=curriculum, hours=subject_form.hours(), **data
                    )
                    messages.success(request, _("The subject has been added to the curriculum."))
                    return redirect("university:curriculum", curriculum.pk)
            elif kind == "window":
                form = window_form = ElectiveWindowForm(request.POST, prefix="window", semesters=semester_choices)
                if window_form.is_valid():
                    svc.elective_window_set(actor=actor, curriculum=curriculum, **window_form.cleaned_data)
                    messages.success(request, _("The elective choice window has been set."))
                    return redirect("university:curriculum", curriculum.pk)
        except ApplicationError as exc:
            add_service_error(form, exc)
    subjects = list(sel.curriculum_subjects_detailed(curriculum=curriculum))
    by_semester = [
        {
            "semester": s,
            "subjects": [x for x in subjects if x.semester == s.code],
            "credits": sum(x.credit for x in subjects if x.semester == s.code and not x.is_elective),
        }
        for s in semesters
    ]
    return render(
        request,
        "university/study/curriculum_detail.html",
        {
            "curriculum": curriculum,
            "by_semester": by_semester,
            "windows": curriculum.elective_windows.all(),
            "groups": sel.group_list(actor=actor).filter(curriculum=curriculum),
            "can_edit": can_edit,
            "subject_form": subject_form,
            "window_form": window_form,
        },
    )


@login_required
@require_POST
def curriculum_subject_delete(request: AuthedRequest, curriculum_id: int, item_id: int) -> HttpResponseBase:
    actor = acting(request, Role.DEAN)
    curriculum = sel.access_curriculum_by_id(actor, curriculum_id)
    item = sel.access_curriculum_subject_by_id(actor, item_id)
    if item.curriculum_id != curriculum.pk:
        messages.error(request, _("This subject belongs to another curriculum."))
    else:
        try:
            svc.curriculum_subject_delete(actor=actor, item=item)
        except ApplicationError as exc:
            messages.error(request, str(exc.message))
        else:
            messages.success(request, _("The subject has been removed from the curriculum."))
    return redirect("university:curriculum", curriculum.pk)


@login_required
def group_list(request: AuthedRequest) -> HttpResponseBase:
    actor = acting(request)
    can_edit = actor.has_role(Role.DEAN)
    form = GroupForm(
        request.POST or None, curricula=sel.curriculum_list(actor=actor), institution_id=actor.institution_id
    )
    if request.method == "POST" and can_edit and form.is_valid():
        try:
            created = svc.group_create(actor=actor, **form.cleaned_data)
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The group has been created."))
            return redirect("university:group", created.pk)
    q = request.GET.get("q", "").strip()
    faculty_id = int_or_none(request.GET.get("faculty"))
    items = sel.group_list(actor=actor, q=q, faculty_id=faculty_id)
    if wants_export(request):
        return xlsx_response(
            filename="groups",
            sheet=_("Groups"),
            headers=[
                _("Name"),
                _("Faculty"),
                _("Specialty"),
                _("Curriculum"),
                _("Language of instruction"),
                _("Students"),
            ],
            rows=(
                (
                    g.name,
                    g.faculty.name,
                    str(g.specialty),
                    g.curriculum.name,
                    classifier_name("h_language", g.education_lang),
                    g.student_count,  # type: ignore[attr-defined]
                )
                for g in items
            ),
        )
    return render(
        request,
        "university/study/groups.html",
        {
            "page": paginate(request, items),
            "q": q,
            "faculty_id": faculty_id,
            "faculties": faculty_list(actor=actor),
            "form": form,
            "can_edit": can_edit,
        },
    )


@login_required
def group_detail(request: AuthedRequest, group_id: int) -> HttpResponseBase:
    actor = acting(request)
    group = sel.access_group_by_id(actor, group_id)
    return render(
        request,
        "university/study/group_detail.html",
        {
            "group": group,
            "students": people_sel.student_list(actor=actor, group_id=group.pk),
            "assignments": teaching_sel.assignment_list(actor=actor, group_id=group.pk),
        },
    )
