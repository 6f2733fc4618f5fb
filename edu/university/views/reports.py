"""H5.4 reports with SVG charts and Excel export; GPA ratings per group and faculty."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from edu.core.errors import ApplicationError
from edu.core.types import AuthedRequest
from edu.core.xlsx import xlsx_response
from edu.org.roles import Role
from edu.org.selectors import faculty_list
from edu.university.charts import Series, bar_chart
from edu.university.classifiers import classifier_name
from edu.university.models import GpaScope
from edu.university.selectors import reports as sel
from edu.university.selectors import settings as settings_sel
from edu.university.selectors.scope import REPORT_READERS
from edu.university.services.gpa import gpa_recalculate_by
from edu.university.views.common import acting, int_or_none, paginate, wants_export

KINDS = ("performance", "attendance", "movement")


def _date(value: str | None, default: dt.date) -> dt.date:
    try:
        return dt.date.fromisoformat(value or "")
    except ValueError:
        return default


@login_required
def reports(request: AuthedRequest) -> HttpResponseBase:
    actor = acting(request, *REPORT_READERS)
    kind = request.GET.get("kind", "performance")
    kind = kind if kind in KINDS else "performance"
    level = request.GET.get("level", "faculty")
    level = level if level in sel.LEVELS else "faculty"
    faculty_id = int_or_none(request.GET.get("faculty"))
    today = timezone.localdate()
    date_from = _date(request.GET.get("from"), today - dt.timedelta(days=120))
    date_to = _date(request.GET.get("to"), today)
    years = list(settings_sel.education_year_list(actor=actor))
    year = int_or_none(request.GET.get("year"))
    context: dict = {
        "kind": kind,
        "level": level,
        "faculty_id": faculty_id,
        "faculties": faculty_list(actor=actor),
        "date_from": date_from,
        "date_to": date_to,
        "years": years,
        "year": year,
    }
    if kind == "performance":
        rows = sel.performance_report(actor=actor, level=level, education_year=year, faculty_id=faculty_id)
        headers = [
            _("Name"),
            _("Students"),
            _("Final grades"),
            _("Average points"),
            "5",
            "4",
            "3",
            "2",
            _("Passed, %"),
            _("Quality, %"),
        ]
        table = [
            [
                r["name"],
                r["students"],
                r["records"],
                r["average"],
                r["g5"],
                r["g4"],
                r["g3"],
                r["g2"],
                r["pass_rate"],
                r["quality"],
            ]
            for r in rows
        ]
        chart = bar_chart(
            labels=[r["name"] for r in rows[:25]],
            series=[
                Series(_("Grade 5"), [r["g5"] for r in rows[:25]]),
                Series(_("Grade 4"), [r["g4"] for r in rows[:25]]),
                Series(_("Grade 3"), [r["g3"] for r in rows[:25]]),
                Series(_("Grade 2"), [r["g2"] for r in rows[:25]]),
            ],
            title=_("Final grades"),
            stacked=True,
        )
    elif kind == "attendance":
        rows = sel.attendance_report(
            actor=actor, level=level, date_from=date_from, date_to=date_to, faculty_id=faculty_id
        )
        headers = [
            _("Name"),
            _("Students absent"),
            _("Hours missed, excused"),
            _("Hours missed, unexcused"),
            _("Hours held"),
            _("Missed, %"),
            _("Unexcused, %"),
        ]
        table = [
            [r["name"], r["students"], r["absent_on"], r["absent_off"], r["hours"], r["share"], r["share_off"]]
            for r in rows
        ]
        chart = bar_chart(
            labels=[r["name"] for r in rows[:25]],
            series=[
                Series(_("Excused"), [r["absent_on"] for r in rows[:25]]),
                Series(_("Unexcused"), [r["absent_off"] for r in rows[:25]]),
            ],
            title=_("Hours missed"),
            unit=" h",
            stacked=True,
        )
    else:
        codes, rows = sel.movement_report(
            actor=actor, level=level, date_from=date_from, date_to=date_to, faculty_id=faculty_id
        )
        names = [classifier_name("h_decree_type", c) for c in codes]
        headers = [_("Name"), *names, _("Total")]
        table = [[r["name"], *r["cells"], r["total"]] for r in rows]
        chart = bar_chart(
            labels=[r["name"] for r in rows[:25]],
            series=[Series(name, [r["cells"][i] for r in rows[:25]]) for i, name in enumerate(names[:5])],
            title=_("Student movement"),
            stacked=True,
        )
    if wants_export(request):
        return xlsx_response(filename=f"report-{kind}-{level}", sheet=kind, headers=headers, rows=table)
    context.update({"headers": headers, "table": table, "chart": chart})
    return render(request, "university/reports/reports.html", context)


@login_required
def ratings(request: AuthedRequest) -> HttpResponseBase:
    """GPA and the rating of students within a group or a faculty, and of groups."""
    actor = acting(request, *REPORT_READERS)
    scope = request.GET.get("scope", GpaScope.YEAR)
    scope = scope if scope in GpaScope.values else GpaScope.YEAR
    years = list(settings_sel.education_year_list(actor=actor))
    current = next((y for y in years if y.current), years[0] if years else None)
    year = int_or_none(request.GET.get("year")) or (current.code if current else timezone.localdate().year)
    if scope == GpaScope.TOTAL:
        year = 0
    faculty_id = int_or_none(request.GET.get("faculty"))
    group_id = int_or_none(request.GET.get("group"))
    items = sel.rating_list(actor=actor, scope=scope, education_year=year, group_id=group_id, faculty_id=faculty_id)
    if wants_export(request):
        return xlsx_response(
            filename="rating",
            sheet=_("Rating"),
            headers=[
                _("Place in the group"),
                _("Place in the faculty"),
                _("Student"),
                _("Group"),
                _("GPA"),
                _("Credits"),
                _("Academic debts"),
                _("May move to the next course"),
            ],
            rows=(
                (
                    r.rank_in_group,
                    r.rank_in_faculty,
                    r.student.user.get_full_name(),
                    r.group.name if r.group else "",
                    r.gpa,
                    r.credit_sum,
                    r.debt_subjects,
                    r.can_transfer,
                )
                for r in items.iterator(chunk_size=2000)
            ),
        )
    groups = sel.group_rating(actor=actor, scope=scope, education_year=year) if not group_id else []
    return render(
        request,
        "university/reports/ratings.html",
        {
            "page": paginate(request, items),
            "scope": scope,
            "scopes": GpaScope.choices,
            "year": year,
            "years": years,
            "faculty_id": faculty_id,
            "group_id": group_id,
            "faculties": faculty_list(actor=actor),
            "group_rows": groups[:30],
            "can_recalculate": actor.has_role(Role.ACADEMIC_OFFICE, Role.SUPER_ADMIN, Role.DEAN),
        },
    )


@login_required
@require_POST
def ratings_recalculate(request: AuthedRequest) -> HttpResponseBase:
    actor = acting(request, Role.ACADEMIC_OFFICE, Role.SUPER_ADMIN, Role.DEAN)
    try:
        count = gpa_recalculate_by(actor=actor)
    except ApplicationError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("GPA has been recalculated (%(count)d rows).") % {"count": count})
    return redirect("university:ratings")
