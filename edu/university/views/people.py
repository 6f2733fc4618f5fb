"""Students (dean's office) and staff (HR): lists with search, filters, paging and Excel; records; orders."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from edu.core.errors import ApplicationError
from edu.core.forms import add_service_error
from edu.core.types import AuthedRequest
from edu.core.xlsx import xlsx_response
from edu.org.roles import Role
from edu.org.selectors import department_list
from edu.university.classifiers import classifier_name
from edu.university.forms.people import (
    HireForm,
    OrderForm,
    PositionChangeForm,
    StaffFilterForm,
    StudentFilterForm,
    StudentForm,
)
from edu.university.selectors import people as sel
from edu.university.selectors import staffwork as staffwork_sel
from edu.university.selectors import study as study_sel
from edu.university.selectors.cabinet import student_gpa_rows, student_records
from edu.university.selectors.scope import sees_identity
from edu.university.services import people as svc
from edu.university.services.gpa import semester_gpas
from edu.university.views.common import acting, paginate, wants_export


@login_required
def student_list(request: AuthedRequest) -> HttpResponseBase:
    actor = acting(request)
    groups = study_sel.group_list(actor=actor)
    filters = StudentFilterForm(request.GET or None, groups=groups, institution_id=actor.institution_id)
    f = filters.cleaned_data if filters.is_valid() else {}
    items = sel.student_list(
        actor=actor,
        q=(f.get("q") or "").strip(),
        group_id=f["group"].pk if f.get("group") else None,
        status=f.get("status") or "",
        level=f.get("level") or "",
    )
    if wants_export(request):
        identity = sees_identity(actor)
        return xlsx_response(
            filename="students",
            sheet=_("Students"),
            headers=[
                _("Student ID"),
                _("Surname"),
                _("First name"),
                _("Patronymic"),
                _("Date of birth"),
                _("PINFL"),
                _("Passport"),
                _("Phone number"),
                _("Faculty"),
                _("Group"),
                _("Course"),
                _("Form of study"),
                _("Payment form"),
                _("Status"),
            ],
            rows=(
                (
                    s.student_id_number,
                    s.user.surname,
                    s.user.first_name,
                    s.user.patronymic,
                    s.user.birth_date,
                    s.user.pinfl if identity else "",
                    s.user.passport if identity else "",
                    s.user.phone,
                    s.faculty.name,
                    s.group.name if s.group else "",
                    classifier_name("h_course", s.level),
                    classifier_name("h_education_form", s.education_form),
                    classifier_name("h_payment_form", s.payment_form),
                    classifier_name("h_student_status", s.student_status),
                )
                for s in items.iterator(chunk_size=2000)
            ),
        )
    return render(
        request,
        "university/people/students.html",
        {"page": paginate(request, items), "filters": filters, "can_add": actor.has_role(Role.DEAN)},
    )


@login_required
def student_create(request: AuthedRequest) -> HttpResponseBase:
    actor = acting(request, Role.DEAN)
    form = StudentForm(
        request.POST or None, groups=study_sel.group_list(actor=actor), institution_id=actor.institution_id
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            student = svc.student_create(
                actor=actor,
                phone=data["phone"],
                person=form.person(),
                group=data["group"],
                year_of_enter=data["year_of_enter"],
                student_id_number=data["student_id_number"],
                **form.student_fields(),
            )
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The student has been added."))
            return redirect("university:student", student.pk)
    return render(request, "university/people/student_form.html", {"form": form})


@login_required
def student_detail(request: AuthedRequest, student_id: int) -> HttpResponseBase:
    actor = acting(request)
    student = sel.access_student_by_id(actor, student_id)
    return render(
        request,
        "university/people/student_detail.html",
        {
            "student": student,
            "movements": sel.student_movements(student=student),
            "records": student_records(student=student),
            "gpas": student_gpa_rows(student=student),
            "semester_gpas": semester_gpas(student=student),
            "can_edit": actor.has_role(Role.DEAN),
            "sees_identity": sees_identity(actor),
        },
    )


@login_required
def student_edit(request: AuthedRequest, student_id: int) -> HttpResponseBase:
    actor = acting(request, Role.DEAN)
    student = sel.access_student_by_id(actor, student_id)
    initial = {k: getattr(student.user, k) for k in StudentForm.PERSON}
    initial.update({k: getattr(student, k) for k in StudentForm.STUDENT})
    form = StudentForm(
        request.POST or None,
        initial=initial,
        groups=study_sel.group_list(actor=actor),
        editing=True,
        institution_id=actor.institution_id,
    )
    if request.method == "POST" and form.is_valid():
        try:
            svc.student_update(actor=actor, student=student, person=form.person(), **form.student_fields())
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("university:student", student.pk)
    return render(request, "university/people/student_form.html", {"form": form, "student": student})


@login_required
def staff_list(request: AuthedRequest) -> HttpResponseBase:
    actor = acting(request)
    departments = department_list(actor=actor)
    filters = StaffFilterForm(request.GET or None, departments=departments, institution_id=actor.institution_id)
    f = filters.cleaned_data if filters.is_valid() else {}
    items = sel.employee_list_with_positions(
        actor=actor,
        q=(f.get("q") or "").strip(),
        department_id=f["department"].pk if f.get("department") else None,
        status=f.get("status") or "",
        employee_type=f.get("employee_type") or "",
    )
    if wants_export(request):
        return xlsx_response(
            filename="staff",
            sheet=_("Staff"),
            headers=[
                _("Employee ID"),
                _("Surname"),
                _("First name"),
                _("Patronymic"),
                _("Phone number"),
                _("Department"),
                _("Position"),
                _("Rate"),
                _("Employment form"),
                _("Academic degree"),
                _("Status"),
            ],
            rows=(
                (
                    e.employee_id_number,
                    e.user.surname,
                    e.user.first_name,
                    e.user.patronymic,
                    e.user.phone,
                    e.department.name if e.department else "",
                    "; ".join(classifier_name("h_teacher_position_type", m.position) for m in e.employments.all()),
                    "; ".join(classifier_name("h_employment_staff", m.employment_staff) for m in e.employments.all()),
                    "; ".join(classifier_name("h_employment_form", m.employment_form) for m in e.employments.all()),
                    classifier_name("h_academic_degree", e.academic_degree),
                    classifier_name("h_teacher_status", e.employee_status),
                )
                for e in items
            ),
        )
    return render(
        request,
        "university/people/staff.html",
        {"page": paginate(request, items), "filters": filters, "can_add": actor.has_role(Role.HR)},
    )


@login_required
def staff_hire(request: AuthedRequest) -> HttpResponseBase:
    actor = acting(request, Role.HR)
    form = HireForm(request.POST or None, departments=department_list(actor=actor), institution_id=actor.institution_id)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        person = form.person()
        for name in form.PERSON:
            data.pop(name, None)
        try:
            employee = svc.employee_hire(actor=actor, person=person, **data)
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The employee has been hired."))
            return redirect("university:employee", employee.pk)
    return render(request, "university/people/hire.html", {"form": form})


@login_required
def employee_detail(request: AuthedRequest, employee_id: int) -> HttpResponseBase:
    actor = acting(request)
    employee = sel.access_employee_by_id(actor, employee_id)
    is_hr = actor.has_role(Role.HR)
    departments = department_list(actor=actor)
    dismiss_form = OrderForm(prefix="dismiss")
    change_form = PositionChangeForm(prefix="change", departments=departments, institution_id=actor.institution_id)
    if request.method == "POST" and is_hr:
        kind = request.POST.get("form")
        form: forms.Form = dismiss_form
        try:
            if kind == "dismiss":
                form = dismiss_form = OrderForm(request.POST, prefix="dismiss")
                if dismiss_form.is_valid():
                    svc.employee_dismiss(actor=actor, employee=employee, **dismiss_form.cleaned_data)
                    messages.success(request, _("The employee has been dismissed."))
                    return redirect("university:employee", employee.pk)
            elif kind == "change":
                form = change_form = PositionChangeForm(
                    request.POST, prefix="change", departments=departments, institution_id=actor.institution_id
                )
                if change_form.is_valid():
                    svc.employee_position_change(actor=actor, employee=employee, **change_form.cleaned_data)
                    messages.success(request, _("The position has been changed."))
                    return redirect("university:employee", employee.pk)
        except ApplicationError as exc:
            add_service_error(form, exc)
    return render(
        request,
        "university/people/employee_detail.html",
        {
            "employee": employee,
            "employments": employee.employments.select_related("department"),
            "orders": sel.employee_orders(employee=employee),
            "works": staffwork_sel.teacher_work_list(actor=actor).filter(employee=employee)[:20],
            "is_hr": is_hr,
            "dismiss_form": dismiss_form,
            "change_form": change_form,
        },
    )
