"""Organisation structure, role management and the role switcher."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from edu.accounts.selectors import user_by_phone
from edu.core.errors import ApplicationError
from edu.core.forms import add_service_error
from edu.org import selectors, services
from edu.org.forms import DepartmentForm, FacultyForm, RoleAssignForm, RoleFilterForm
from edu.org.middleware import ACTIVE_ROLE_SESSION_KEY
from edu.org.roles import Role


@login_required
@require_POST
def role_switch(request: HttpRequest) -> HttpResponse:
    """Switch to another role the user holds; the choice lives in the session."""
    actor = request.actor  # type: ignore[attr-defined]
    wanted = request.POST.get("assignment", "")
    chosen = next((a for a in actor.assignments if str(a.pk) == wanted), None)
    if chosen is None:
        messages.error(request, _("You do not hold this role."))
    else:
        request.session[ACTIVE_ROLE_SESSION_KEY] = chosen.pk
        messages.success(request, _("You now act as: %(role)s.") % {"role": chosen})
    return redirect("core:home")


@login_required
def structure(request: HttpRequest) -> HttpResponse:
    """Faculties and departments visible in the active role's scope."""
    actor = request.actor  # type: ignore[attr-defined]
    if actor.assignment is None:
        return render(request, "org/no_role.html", status=404)
    faculties = list(selectors.faculty_list(actor=actor).prefetch_related("departments"))
    departments = selectors.department_list(actor=actor)
    visible_department_ids = set(departments.values_list("pk", flat=True))
    loose_departments = [d for d in departments if d.faculty_id is None]
    is_admin = actor.has_role(Role.SUPER_ADMIN)
    faculty_form = FacultyForm(prefix="faculty")
    department_form = DepartmentForm(prefix="department", faculties=selectors.faculty_list(actor=actor))
    if request.method == "POST" and is_admin:
        institution = actor.assignment.institution
        kind = request.POST.get("kind")
        try:
            if kind == "faculty":
                faculty_form = FacultyForm(request.POST, prefix="faculty")
                if faculty_form.is_valid():
                    services.faculty_create(actor=actor, institution=institution, **faculty_form.cleaned_data)
                    messages.success(request, _("The faculty has been added."))
                    return redirect("org:structure")
            elif kind == "department":
                department_form = DepartmentForm(
                    request.POST, prefix="department", faculties=selectors.faculty_list(actor=actor)
                )
                if department_form.is_valid():
                    services.department_create(actor=actor, institution=institution, **department_form.cleaned_data)
                    messages.success(request, _("The department has been added."))
                    return redirect("org:structure")
        except ApplicationError as exc:
            add_service_error(faculty_form if kind == "faculty" else department_form, exc)
    return render(
        request,
        "org/structure.html",
        {
            "faculties": faculties,
            "visible_department_ids": visible_department_ids,
            "loose_departments": loose_departments,
            "is_admin": is_admin,
            "faculty_form": faculty_form,
            "department_form": department_form,
        },
    )


@login_required
def faculty_detail(request: HttpRequest, faculty_id: int) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    faculty = selectors.access_faculty_by_id(actor, faculty_id)
    return render(
        request,
        "org/faculty_detail.html",
        {
            "faculty": faculty,
            "departments": selectors.department_list(actor=actor).filter(faculty=faculty),
            "people": selectors.role_assignment_list(actor=actor).filter(faculty=faculty),
        },
    )


@login_required
def department_detail(request: HttpRequest, department_id: int) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    department = selectors.access_department_by_id(actor, department_id)
    return render(
        request,
        "org/department_detail.html",
        {
            "department": department,
            "people": selectors.role_assignment_list(actor=actor).filter(department=department),
        },
    )


@login_required
def roles(request: HttpRequest) -> HttpResponse:
    """Who holds which role in the institution; the super administrator assigns and revokes."""
    actor = request.actor  # type: ignore[attr-defined]
    actor.require_role(Role.SUPER_ADMIN)
    faculties = selectors.faculty_list(actor=actor)
    departments = selectors.department_list(actor=actor)
    form = RoleAssignForm(request.POST or None, faculties=faculties, departments=departments)
    if request.method == "POST" and form.is_valid():
        user = user_by_phone(form.cleaned_data["phone"])
        if user is None:
            form.add_error("phone", _("No account is registered with this phone number."))
        else:
            try:
                services.role_assign(
                    actor=actor,
                    user=user,
                    role=form.cleaned_data["role"],
                    institution=actor.assignment.institution,
                    faculty=form.cleaned_data["faculty"],
                    department=form.cleaned_data["department"],
                )
            except ApplicationError as exc:
                add_service_error(form, exc)
            else:
                messages.success(request, _("The role has been assigned."))
                return redirect("org:roles")
    filters = RoleFilterForm(request.GET or None)
    assignments = selectors.role_assignment_list(actor=actor).order_by("role", "user__surname", "user__first_name")
    if filters.is_valid():
        if q := filters.cleaned_data["q"].strip():
            assignments = assignments.filter(
                Q(user__phone__icontains=q) | Q(user__surname__icontains=q) | Q(user__first_name__icontains=q)
            )
        if role := filters.cleaned_data["role"]:
            assignments = assignments.filter(role=role)
    page = Paginator(assignments, 25).get_page(request.GET.get("page"))
    return render(request, "org/roles.html", {"form": form, "filters": filters, "page": page})


@login_required
@require_POST
def role_revoke(request: HttpRequest, assignment_id: int) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    actor.require_role(Role.SUPER_ADMIN)
    assignment = selectors.access_role_assignment_by_id(actor, assignment_id)
    try:
        services.role_revoke(actor=actor, assignment=assignment)
    except ApplicationError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("The role has been revoked."))
    return redirect("org:roles")
