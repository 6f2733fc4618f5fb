"""The super administrator's classifiers; the academic office's calendar, rooms, grading and rating criteria."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from edu.core.errors import ApplicationError
from edu.core.forms import add_service_error
from edu.core.types import AuthedRequest
from edu.core.xlsx import xlsx_response
from edu.org.roles import Role
from edu.university.classifiers import LANGUAGE_FIELD, classifier_name
from edu.university.forms.settings import (
    AuditoriumForm,
    BuildingForm,
    ClassifierOptionEditForm,
    ClassifierOptionForm,
    EducationYearForm,
    ExamTypeWeightForm,
    LessonPairForm,
    MarkingSystemForm,
    RatingCriterionForm,
    TermForm,
)
from edu.university.selectors import settings as sel
from edu.university.selectors.scope import SETTINGS_EDITORS
from edu.university.services import settings as svc
from edu.university.views.common import acting, paginate, wants_export


@login_required
def classifier_list(request: AuthedRequest) -> HttpResponseBase:
    acting(request, Role.SUPER_ADMIN)
    q = request.GET.get("q", "").strip()
    items = sel.classifier_list()
    if q:
        items = items.filter(Q(code__icontains=q) | Q(name_uz__icontains=q) | Q(name_ru__icontains=q))
    if wants_export(request):
        return xlsx_response(
            filename="classifiers",
            sheet=_("Classifiers"),
            headers=[_("Code"), _("Name"), _("National codes")],
            rows=((c.code, c.name_uz or c.name_ru, getattr(c, "option_count", 0)) for c in items),
        )
    return render(request, "university/settings/classifiers.html", {"items": items, "q": q})


@login_required
def classifier_detail(request: AuthedRequest, code: str) -> HttpResponseBase:
    actor = acting(request, Role.SUPER_ADMIN)
    classifier = sel.classifier_get(code=code)
    form = ClassifierOptionForm(request.POST or None, prefix="new")
    if request.method == "POST" and form.is_valid():
        try:
            svc.classifier_option_create(actor=actor, classifier=classifier, **form.cleaned_data)
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The code has been added."))
            return redirect("university:classifier", code)
    q = request.GET.get("q", "").strip()
    options = sel.classifier_option_list(actor=actor, classifier=classifier)
    if q:
        options = options.filter(Q(code__icontains=q) | Q(name_uz__icontains=q) | Q(name_ru__icontains=q))
    if wants_export(request):
        return xlsx_response(
            filename=code,
            sheet=code,
            headers=[
                _("Code"),
                _("Name (Uzbek)"),
                _("Name (Uzbek Cyrillic)"),
                _("Name (Russian)"),
                _("Name (English)"),
                _("Active"),
            ],
            rows=((o.code, o.name_uz, o.name_oz, o.name_ru, o.name_en, o.active) for o in options),
        )
    return render(
        request,
        "university/settings/classifier_detail.html",
        {
            "classifier": classifier,
            "page": paginate(request, options, 100),
            "form": form,
            "q": q,
            "lang_field": LANGUAGE_FIELD,
        },
    )


@login_required
def classifier_option_edit(request: AuthedRequest, code: str, option_id: int) -> HttpResponseBase:
    actor = acting(request, Role.SUPER_ADMIN)
    option = sel.access_local_option_by_id(actor, option_id)
    initial = {k: getattr(option, k) for k in ("name_uz", "name_oz", "name_ru", "name_en", "active")}
    form = ClassifierOptionEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            svc.classifier_option_update(actor=actor, option=option, **form.cleaned_data)
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("university:classifier", code)
    return render(
        request,
        "university/settings/form_page.html",
        {"form": form, "title": option, "back": request.path.rsplit("/options/", 1)[0] + "/"},
    )


@login_required
def calendar(request: AuthedRequest) -> HttpResponseBase:
    """Academic years, semesters (the current one) and lesson-pair times (H2.4)."""
    actor = acting(request)
    svc.institution_defaults_ensure(institution_id=actor.institution_id)  # type: ignore[arg-type]
    can_edit = actor.has_role(*SETTINGS_EDITORS)
    years = sel.education_year_list(actor=actor)
    year_form = EducationYearForm(prefix="year")
    term_form = TermForm(prefix="term", years=years, institution_id=actor.institution_id)
    if request.method == "POST" and can_edit:
        kind = request.POST.get("form")
        form: forms.Form = year_form
        try:
            if kind == "year":
                form = year_form = EducationYearForm(request.POST, prefix="year")
                if year_form.is_valid():
                    svc.education_year_create(actor=actor, code=year_form.cleaned_data["code"])
                    messages.success(request, _("The academic year has been added."))
                    return redirect("university:calendar")
            elif kind == "term":
                form = term_form = TermForm(
                    request.POST, prefix="term", years=years, institution_id=actor.institution_id
                )
                if term_form.is_valid():
                    svc.term_create(actor=actor, **term_form.cleaned_data)
                    messages.success(request, _("The semester has been added."))
                    return redirect("university:calendar")
        except ApplicationError as exc:
            add_service_error(form, exc)
    return render(
        request,
        "university/settings/calendar.html",
        {
            "years": years,
            "terms": sel.term_list(actor=actor),
            "pairs": sel.lesson_pair_list(actor=actor),
            "can_edit": can_edit,
            "year_form": year_form,
            "term_form": term_form,
        },
    )


@login_required
@require_POST
def term_current(request: AuthedRequest, term_id: int) -> HttpResponseBase:
    actor = acting(request, *SETTINGS_EDITORS)
    term = sel.access_term_by_id(actor, term_id)
    try:
        svc.term_set_current(actor=actor, term=term)
    except ApplicationError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("The current semester is now %(term)s.") % {"term": term})
    return redirect("university:calendar")


@login_required
def lesson_pair_edit(request: AuthedRequest, pair_id: int) -> HttpResponseBase:
    actor = acting(request, *SETTINGS_EDITORS)
    pair = sel.access_lesson_pair_by_id(actor, pair_id)
    form = LessonPairForm(request.POST or None, initial={"start_time": pair.start_time, "end_time": pair.end_time})
    if request.method == "POST" and form.is_valid():
        try:
            svc.lesson_pair_update(actor=actor, pair=pair, **form.cleaned_data)
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("university:calendar")
    return render(request, "university/settings/form_page.html", {"form": form, "title": pair, "back": "../../"})


@login_required
def rooms(request: AuthedRequest) -> HttpResponseBase:
    """Buildings and the auditorium fund (H2.4)."""
    actor = acting(request)
    can_edit = actor.has_role(*SETTINGS_EDITORS)
    buildings = sel.building_list(actor=actor)
    building_form = BuildingForm(prefix="building")
    room_form = AuditoriumForm(prefix="room", buildings=buildings, institution_id=actor.institution_id)
    if request.method == "POST" and can_edit:
        kind = request.POST.get("form")
        form: forms.Form = building_form
        try:
            if kind == "building":
                form = building_form = BuildingForm(request.POST, prefix="building")
                if building_form.is_valid():
                    svc.building_create(actor=actor, **building_form.cleaned_data)
                    messages.success(request, _("The building has been added."))
                    return redirect("university:rooms")
            elif kind == "room":
                form = room_form = AuditoriumForm(
                    request.POST, prefix="room", buildings=buildings, institution_id=actor.institution_id
                )
                if room_form.is_valid():
                    svc.auditorium_create(actor=actor, **room_form.cleaned_data)
                    messages.success(request, _("The auditorium has been added."))
                    return redirect("university:rooms")
        except ApplicationError as exc:
            add_service_error(form, exc)
    q = request.GET.get("q", "").strip()
    auditoriums = sel.auditorium_list(actor=actor)
    if q:
        auditoriums = auditoriums.filter(Q(name__icontains=q) | Q(building__name__icontains=q))
    if wants_export(request):
        return xlsx_response(
            filename="auditoriums",
            sheet=_("Auditoriums"),
            headers=[_("Building"), _("Number or name"), _("Type"), _("Seats"), _("In use")],
            rows=(
                (a.building.name, a.name, classifier_name("h_auditorium_type", a.auditorium_type), a.capacity, a.active)
                for a in auditoriums
            ),
        )
    return render(
        request,
        "university/settings/rooms.html",
        {
            "buildings": buildings,
            "page": paginate(request, auditoriums),
            "q": q,
            "can_edit": can_edit,
            "building_form": building_form,
            "room_form": room_form,
        },
    )


@login_required
def auditorium_edit(request: AuthedRequest, auditorium_id: int) -> HttpResponseBase:
    actor = acting(request, *SETTINGS_EDITORS)
    room = sel.access_auditorium_by_id(actor, auditorium_id)
    initial = {
        "building": room.building_id,
        "name": room.name,
        "auditorium_type": room.auditorium_type,
        "capacity": room.capacity,
        "active": room.active,
    }
    form = AuditoriumForm(
        request.POST or None,
        initial=initial,
        buildings=sel.building_list(actor=actor),
        institution_id=actor.institution_id,
    )
    del form.fields["building"]
    if request.method == "POST" and form.is_valid():
        try:
            svc.auditorium_update(actor=actor, auditorium=room, **form.cleaned_data)
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("university:rooms")
    return render(request, "university/settings/form_page.html", {"form": form, "title": room, "back": "../../"})


@login_required
def grading(request: AuthedRequest) -> HttpResponseBase:
    """Marking systems with their grade borders, and the default maximum points of each assessment type."""
    actor = acting(request)
    svc.institution_defaults_ensure(institution_id=actor.institution_id)  # type: ignore[arg-type]
    can_edit = actor.has_role(*SETTINGS_EDITORS)
    weight_form = ExamTypeWeightForm(request.POST or None, institution_id=actor.institution_id)
    if request.method == "POST" and can_edit and weight_form.is_valid():
        try:
            svc.exam_type_weight_set(actor=actor, **weight_form.cleaned_data)
        except ApplicationError as exc:
            add_service_error(weight_form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("university:grading")
    return render(
        request,
        "university/settings/grading.html",
        {
            "systems": sel.marking_system_list(actor=actor),
            "weights": sel.exam_type_weight_list(actor=actor),
            "weight_form": weight_form,
            "can_edit": can_edit,
        },
    )


@login_required
def marking_system_edit(request: AuthedRequest, system_id: int) -> HttpResponseBase:
    actor = acting(request, *SETTINGS_EDITORS)
    system = sel.access_marking_system_by_id(actor, system_id)
    borders = {b.grade: b.min_value for b in system.borders.all()}
    initial = {
        "minimum_limit": system.minimum_limit,
        "gpa_limit": system.gpa_limit,
        "final_admission_percent": system.final_admission_percent,
        "border_5": borders.get(5),
        "border_4": borders.get(4),
        "border_3": borders.get(3),
    }
    form = MarkingSystemForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            svc.marking_system_update(
                actor=actor,
                system=system,
                minimum_limit=form.cleaned_data["minimum_limit"],
                gpa_limit=form.cleaned_data["gpa_limit"],
                borders=form.borders(),
                final_admission_percent=form.cleaned_data["final_admission_percent"],
            )
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("university:grading")
    return render(request, "university/settings/form_page.html", {"form": form, "title": system, "back": "../../"})


@login_required
def rating_criteria(request: AuthedRequest) -> HttpResponseBase:
    actor = acting(request)
    can_edit = actor.has_role(*SETTINGS_EDITORS)
    years = sel.education_year_list(actor=actor)
    form = RatingCriterionForm(request.POST or None, years=years)
    if request.method == "POST" and can_edit and form.is_valid():
        try:
            svc.rating_criterion_create(actor=actor, **form.cleaned_data)
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The criterion has been added."))
            return redirect("university:rating_criteria")
    items = sel.rating_criterion_list(actor=actor)
    if wants_export(request):
        return xlsx_response(
            filename="rating-criteria",
            sheet=_("Rating criteria"),
            headers=[_("Academic year"), _("Who is rated"), _("Criterion"), _("Maximum points")],
            rows=((str(c.education_year), c.get_target_display(), c.name, c.max_points) for c in items),
        )
    return render(
        request,
        "university/settings/rating_criteria.html",
        {"items": items, "form": form, "can_edit": can_edit},
    )
