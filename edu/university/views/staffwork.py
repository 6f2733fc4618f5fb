"""Teachers' work entries (H2.6) and the staff ratings page (H2.4)."""

from __future__ import annotations

from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from edu.core.errors import ApplicationError
from edu.core.forms import add_service_error
from edu.core.types import AuthedRequest
from edu.core.xlsx import xlsx_response
from edu.org import selectors as org_sel
from edu.org.roles import Role
from edu.university.charts import Series, bar_chart
from edu.university.forms.staffwork import RatingScoreForm, TeacherWorkForm, WorkReviewForm
from edu.university.models import Employee, WorkKind, WorkStatus
from edu.university.selectors import people as people_sel
from edu.university.selectors import settings as settings_sel
from edu.university.selectors import staffwork as sel
from edu.university.selectors.scope import SETTINGS_EDITORS, STAFF_RATING_READERS, STAFF_READERS
from edu.university.services import staffwork as svc
from edu.university.views.common import acting, paginate, wants_export

WORK_READERS = (Role.TEACHER, *STAFF_READERS)
# A teacher reads their own rating; whoever reads the staff ratings reads a teacher's in their scope.
RATING_VIEWERS = (Role.TEACHER, *STAFF_RATING_READERS)


@login_required
def teacher_works(request: AuthedRequest) -> HttpResponseBase:
    """Teachers enter their methodological and research work; heads of department approve; staff readers read."""
    actor = acting(request, *WORK_READERS)
    is_teacher = actor.has_role(Role.TEACHER)
    form = TeacherWorkForm(request.POST or None, request.FILES or None) if is_teacher else None
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            svc.teacher_work_submit(actor=actor, **form.cleaned_data)
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The entry has been sent to the head of department."))
            return redirect("university:teacher_works")
    status = request.GET.get("status", "")
    kind = request.GET.get("kind", "")
    q = request.GET.get("q", "").strip()
    items = sel.teacher_work_list(
        actor=actor,
        status=status if status in WorkStatus.values else "",
        kind=kind if kind in WorkKind.values else "",
        q=q,
    )
    if wants_export(request):
        return xlsx_response(
            filename="teacher-works",
            sheet=_("Teachers' work"),
            headers=[
                _("Teacher"),
                _("Department"),
                _("Kind of work"),
                _("Title"),
                _("Year"),
                _("Hours or volume"),
                _("Status"),
                _("Comment"),
            ],
            rows=(
                (
                    str(w.employee),
                    w.department.name,
                    w.get_kind_display(),
                    w.title,
                    w.year,
                    w.hours,
                    w.get_status_display(),
                    w.comment,
                )
                for w in items
            ),
        )
    return render(
        request,
        "university/staff/works.html",
        {
            "page": paginate(request, items),
            "form": form,
            "is_head": actor.has_role(Role.HEAD_OF_DEPARTMENT),
            "department_id": actor.assignment.department_id if actor.assignment else None,
            "statuses": WorkStatus.choices,
            "kinds": WorkKind.choices,
            "status": status,
            "kind": kind,
            "q": q,
            "review_form": WorkReviewForm(),
        },
    )


@login_required
@require_POST
def teacher_work_review(request: AuthedRequest, work_id: int) -> HttpResponseBase:
    actor = acting(request, Role.HEAD_OF_DEPARTMENT)
    work = sel.access_teacher_work_by_id(actor, work_id)
    form = WorkReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose to approve or to reject."))
    else:
        try:
            svc.teacher_work_review(
                actor=actor,
                work=work,
                approve=form.cleaned_data["decision"] == "approve",
                comment=form.cleaned_data["comment"],
            )
        except ApplicationError as exc:
            messages.error(request, str(exc.message))
        else:
            messages.success(request, _("The decision has been saved."))
    return redirect("university:teacher_works")


@login_required
@require_POST
def teacher_work_delete(request: AuthedRequest, work_id: int) -> HttpResponseBase:
    actor = acting(request, Role.TEACHER)
    work = sel.access_teacher_work_by_id(actor, work_id)
    try:
        svc.teacher_work_delete(actor=actor, work=work)
    except ApplicationError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("The entry has been withdrawn."))
    return redirect("university:teacher_works")


@login_required
def teacher_work_file(request: AuthedRequest, work_id: int) -> FileResponse:
    actor = acting(request, *WORK_READERS)
    work = sel.access_teacher_work_by_id(actor, work_id)
    if not work.attachment:
        raise Http404
    return FileResponse(
        work.attachment.open("rb"), as_attachment=True, filename=Path(work.attachment.name or "file").name
    )


@login_required
def staff_ratings(request: AuthedRequest) -> HttpResponseBase:
    """H2.4: the computed ratings of teachers, departments and faculties on the year's criteria, with charts;
    the academic office enters the points."""
    actor = acting(request, *STAFF_RATING_READERS)
    years = list(settings_sel.education_year_list(actor=actor))
    chosen = request.GET.get("year", "")
    year = next((y for y in years if str(y.code) == chosen), None) or next(
        (y for y in years if y.current), years[0] if years else None
    )
    year_id = year.pk if year else None
    can_edit = actor.has_role(*SETTINGS_EDITORS)
    form = None
    if can_edit:
        form = RatingScoreForm(
            request.POST or None,
            criteria=sel.criterion_list(actor=actor, year_id=year_id),
            teachers=people_sel.employee_list(actor=actor, employee_type="12"),
            departments=org_sel.department_list(actor=actor),
            faculties=org_sel.faculty_list(actor=actor),
        )
        if request.method == "POST" and form.is_valid():
            try:
                svc.rating_score_set(actor=actor, **form.cleaned_data)
            except ApplicationError as exc:
                add_service_error(form, exc)
            else:
                messages.success(request, _("The points have been saved."))
                return redirect(f"{request.path}?year={year.code if year else ''}")
    ratings = sel.staff_ratings(actor=actor, year_id=year_id, calendar_year=year.code if year else None)
    if wants_export(request):
        return xlsx_response(
            filename="staff-ratings",
            sheet=_("Staff ratings"),
            headers=[_("Who is rated"), _("Place"), _("Name"), _("Own points"), _("From the level below"), _("Total")],
            rows=(
                (label, r.rank, r.name, r.own, r.inherited, r.total)
                for key, label in (
                    ("faculties", _("Faculties")),
                    ("departments", _("Departments")),
                    ("teachers", _("Teachers")),
                )
                for r in ratings[key]
            ),
        )
    charts = {
        key: bar_chart(
            labels=[r.name for r in ratings[key][:10]],
            series=[Series(_("Total"), [float(r.total) for r in ratings[key][:10]])],
            title=title,
        )
        for key, title in (
            ("faculties", _("Faculties")),
            ("departments", _("Departments: the best ten")),
            ("teachers", _("Teachers: the best ten")),
        )
    }
    return render(
        request,
        "university/staff/ratings.html",
        {
            "years": years,
            "year": year,
            "ratings": ratings,
            "charts": charts,
            "form": form,
            "criteria": sel.criterion_list(actor=actor, year_id=year_id),
            "teachers_page": paginate(request, ratings["teachers"]),
        },
    )


def _rating_page(request: AuthedRequest, employee: Employee) -> HttpResponseBase:
    actor = request.actor
    return render(
        request,
        "university/staff/rating.html",
        {
            "employee": employee,
            "own": employee.user_id == request.user.pk,
            "years": sel.teacher_rating(actor=actor, employee=employee),
            "page": paginate(request, sel.teacher_work_list(actor=actor).filter(employee=employee)),
        },
    )


@login_required
def my_rating(request: AuthedRequest) -> HttpResponseBase:
    """The teacher's own rating: points per criterion and year, totals, and their work entries' status."""
    actor = acting(request, Role.TEACHER)
    employee = people_sel.employee_of_user(actor=actor)
    if employee is None:
        raise Http404
    return _rating_page(request, employee)


@login_required
def employee_rating(request: AuthedRequest, employee_id: int) -> HttpResponseBase:
    """The same page for one employee: a teacher reaches only their own (another's is 404), staff rating
    readers the teachers in their scope."""
    actor = acting(request, *RATING_VIEWERS)
    return _rating_page(request, people_sel.access_employee_by_id(actor, employee_id))
