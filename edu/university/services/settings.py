"""The super administrator's classifiers and the academic office's settings (SPEC H2.1, H2.4)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from edu.core.errors import ApplicationError
from edu.journal.services import journal_snapshot
from edu.org.actor import Actor
from edu.org.roles import Role
from edu.regulation.models import Anchor, DataKind, DeadlineRule
from edu.university.classifiers import classifier_cache_clear, classifier_codes
from edu.university.models import (
    Auditorium,
    Building,
    Classifier,
    ClassifierOption,
    EducationYear,
    ExamTypeWeight,
    GradeBorder,
    LessonPair,
    MarkingSystem,
    RatingCriterion,
    Term,
)
from edu.university.selectors.scope import SETTINGS_EDITORS
from edu.university.services.common import create, delete, require, update

# HEMIS defaults (DOMAIN §1.1, §1.2): code → (name, pass mark, borders of grades 5, 4, 3, 2).
MARKING_DEFAULTS: dict[str, tuple[str, str, tuple[str, str, str, str]]] = {
    "11": ("Reyting baholash tizimi", "55", ("86", "71", "55", "0")),
    "12": ("5 baholik baholash tizimi", "55", ("4.5", "3.5", "2.5", "0")),
    "13": ("Kredit baholash tizimi", "60", ("90", "70", "60", "0")),
}
PAIR_TIMES = [
    ("11", "08:30", "09:50"),
    ("12", "10:00", "11:20"),
    ("13", "11:30", "12:50"),
    ("14", "13:00", "14:20"),
    ("15", "14:30", "15:50"),
    ("16", "16:00", "17:20"),
    ("17", "17:30", "18:50"),
    ("18", "19:00", "20:20"),
]
# Typical credit-module split (DOMAIN §1.3): JN 30 + ON 20 + YN 50 = 100. Configurable.
WEIGHT_DEFAULTS = {"11": Decimal("30"), "12": Decimal("20"), "13": Decimal("50")}
DEADLINE_DEFAULTS = [
    (DataKind.HR_ORDER, Anchor.DAY, 3, True),
    (DataKind.MOVEMENT_ORDER, Anchor.DAY, 3, True),
    (DataKind.ATTENDANCE, Anchor.WEEK, 2, True),
]


def _time(text: str) -> dt.time:
    hours, minutes = text.split(":")
    return dt.time(int(hours), int(minutes))


@transaction.atomic
def institution_defaults_ensure(*, institution_id: int) -> None:
    """Give an institution HEMIS's default grading, lesson pairs, assessment weights and deadline rules.
    Idempotent: what exists is left as the institution set it."""
    for code, (name, minimum, borders) in MARKING_DEFAULTS.items():
        system, created = MarkingSystem.objects.get_or_create(
            institution_id=institution_id,
            code=code,
            defaults={"name": name, "minimum_limit": Decimal(minimum), "gpa_limit": Decimal("2.4")},
        )
        if created:
            GradeBorder.objects.bulk_create(
                [
                    GradeBorder(institution_id=institution_id, marking_system=system, grade=g, min_value=Decimal(v))
                    for g, v in zip((5, 4, 3, 2), borders, strict=True)
                ]
            )
    existing_pairs = set(LessonPair.objects.filter(institution_id=institution_id).values_list("code", flat=True))
    LessonPair.objects.bulk_create(
        [
            LessonPair(institution_id=institution_id, code=c, start_time=_time(s), end_time=_time(e))
            for c, s, e in PAIR_TIMES
            if c not in existing_pairs
        ]
    )
    for exam_type, max_ball in WEIGHT_DEFAULTS.items():
        ExamTypeWeight.objects.get_or_create(
            institution_id=institution_id, exam_type=exam_type, defaults={"max_ball": max_ball}
        )
    for kind, anchor, days, working in DEADLINE_DEFAULTS:
        DeadlineRule.objects.get_or_create(
            institution_id=institution_id,
            kind=kind,
            defaults={"anchor": anchor, "offset_days": days, "working_days": working},
        )


# --- classifiers (super administrator) --------------------------------------------------------------------


@transaction.atomic
def classifier_option_create(
    *,
    actor: Actor,
    classifier: Classifier,
    code: str,
    name_uz: str,
    name_oz: str = "",
    name_ru: str = "",
    name_en: str = "",
) -> ClassifierOption:
    """The institution's own addition to a HEMIS list; its code must not clash with a national one."""
    assignment = require(actor, Role.SUPER_ADMIN)
    code = code.strip()
    if code in classifier_codes(classifier.code, assignment.institution_id):
        raise ApplicationError(_("This code is already in the list."), field="code")
    option = ClassifierOption(
        classifier=classifier,
        institution_id=assignment.institution_id,
        code=code,
        name_uz=name_uz.strip(),
        name_oz=name_oz.strip(),
        name_ru=name_ru.strip(),
        name_en=name_en.strip(),
        position=10_000,
    )
    create(option, actor=actor, duplicate_message=_("This code is already in the list."))
    transaction.on_commit(classifier_cache_clear)
    classifier_cache_clear()
    return option


@transaction.atomic
def classifier_option_update(
    *, actor: Actor, option: ClassifierOption, name_uz: str, name_oz: str, name_ru: str, name_en: str, active: bool
) -> ClassifierOption:
    assignment = require(actor, Role.SUPER_ADMIN)
    if option.institution_id != assignment.institution_id:
        raise ApplicationError(_("National HEMIS codes cannot be changed; add your own code instead."))
    before = journal_snapshot(option)
    option.name_uz, option.name_oz, option.name_ru, option.name_en = name_uz, name_oz, name_ru, name_en
    option.active = active
    update(option, before=before, actor=actor)
    transaction.on_commit(classifier_cache_clear)
    classifier_cache_clear()
    return option


# --- calendar -----------------------------------------------------------------------------------------------


def _settings_institution(actor: Actor) -> int:
    return require(actor, *SETTINGS_EDITORS).institution_id


@transaction.atomic
def education_year_create(*, actor: Actor, code: int) -> EducationYear:
    institution_id = _settings_institution(actor)
    year = EducationYear(institution_id=institution_id, code=code)
    return create(year, actor=actor, duplicate_message=_("This academic year already exists."))


@transaction.atomic
def term_create(
    *, actor: Actor, education_year: EducationYear, semester_type: str, start_date: dt.date, end_date: dt.date
) -> Term:
    institution_id = _settings_institution(actor)
    if education_year.institution_id != institution_id:
        raise ApplicationError(_("You can change only your own institution."))
    if start_date >= end_date:
        raise ApplicationError(_("The semester ends before it starts."), field="end_date")
    term = Term(
        institution_id=institution_id,
        education_year=education_year,
        semester_type=semester_type,
        start_date=start_date,
        end_date=end_date,
    )
    return create(term, actor=actor, duplicate_message=_("This semester already exists."))


@transaction.atomic
def term_set_current(*, actor: Actor, term: Term) -> Term:
    """The current semester (and its academic year) of the institution: one of each."""
    institution_id = _settings_institution(actor)
    if term.institution_id != institution_id:
        raise ApplicationError(_("You can change only your own institution."))
    for old in Term.objects.select_for_update().filter(institution_id=institution_id, current=True).exclude(pk=term.pk):
        before = journal_snapshot(old)
        old.current = False
        update(old, before=before, actor=actor, fields=["current"])
    for old_year in EducationYear.objects.filter(institution_id=institution_id, current=True).exclude(
        pk=term.education_year_id
    ):
        before = journal_snapshot(old_year)
        old_year.current = False
        update(old_year, before=before, actor=actor, fields=["current"])
    year = term.education_year
    if not year.current:
        before = journal_snapshot(year)
        year.current = True
        update(year, before=before, actor=actor, fields=["current"])
    if not term.current:
        before = journal_snapshot(term)
        term.current = True
        update(term, before=before, actor=actor, fields=["current"])
    return term


@transaction.atomic
def lesson_pair_update(*, actor: Actor, pair: LessonPair, start_time: dt.time, end_time: dt.time) -> LessonPair:
    institution_id = _settings_institution(actor)
    if pair.institution_id != institution_id:
        raise ApplicationError(_("You can change only your own institution."))
    if start_time >= end_time:
        raise ApplicationError(_("The pair ends before it starts."), field="end_time")
    before = journal_snapshot(pair)
    pair.start_time, pair.end_time = start_time, end_time
    return update(pair, before=before, actor=actor)


# --- buildings and auditoriums --------------------------------------------------------------------------------


@transaction.atomic
def building_create(*, actor: Actor, name: str, address: str = "") -> Building:
    institution_id = _settings_institution(actor)
    building = Building(institution_id=institution_id, name=name.strip(), address=address.strip())
    return create(building, actor=actor, duplicate_message=_("A building with this name already exists."))


@transaction.atomic
def auditorium_create(
    *, actor: Actor, building: Building, name: str, auditorium_type: str, capacity: int, active: bool = True
) -> Auditorium:
    institution_id = _settings_institution(actor)
    if building.institution_id != institution_id:
        raise ApplicationError(_("You can change only your own institution."), field="building")
    auditorium = Auditorium(
        institution_id=institution_id,
        building=building,
        name=name.strip(),
        auditorium_type=auditorium_type,
        capacity=capacity,
        active=active,
    )
    return create(auditorium, actor=actor, duplicate_message=_("This building already has such an auditorium."))


@transaction.atomic
def auditorium_update(
    *, actor: Actor, auditorium: Auditorium, name: str, auditorium_type: str, capacity: int, active: bool
) -> Auditorium:
    institution_id = _settings_institution(actor)
    if auditorium.institution_id != institution_id:
        raise ApplicationError(_("You can change only your own institution."))
    before = journal_snapshot(auditorium)
    auditorium.name, auditorium.auditorium_type = name.strip(), auditorium_type
    auditorium.capacity, auditorium.active = capacity, active
    return update(auditorium, before=before, actor=actor)


@transaction.atomic
def auditorium_delete(*, actor: Actor, auditorium: Auditorium) -> None:
    institution_id = _settings_institution(actor)
    if auditorium.institution_id != institution_id:
        raise ApplicationError(_("You can change only your own institution."))
    delete(auditorium, actor=actor)


# --- grading --------------------------------------------------------------------------------------------------


@transaction.atomic
def marking_system_update(
    *,
    actor: Actor,
    system: MarkingSystem,
    minimum_limit: Decimal,
    gpa_limit: Decimal,
    borders: dict[int, Decimal],
    final_admission_percent: int | None = None,
) -> MarkingSystem:
    """Pass mark, GPA limit (2.4–3.0 under the credit system, 824 §42) and the borders of grades 5, 4, 3."""
    institution_id = _settings_institution(actor)
    if system.institution_id != institution_id:
        raise ApplicationError(_("You can change only your own institution."))
    if system.is_credit and not Decimal("2.4") <= gpa_limit <= Decimal("3.0"):
        raise ApplicationError(_("Under the credit system the GPA limit is between 2.4 and 3.0."), field="gpa_limit")
    values = [borders[5], borders[4], borders[3]]
    if not values[0] > values[1] > values[2] > 0:
        raise ApplicationError(_("The borders must fall: grade 5 above grade 4 above grade 3."), field="border_5")
    before = journal_snapshot(system)
    system.minimum_limit, system.gpa_limit = minimum_limit, gpa_limit
    if final_admission_percent is not None:
        system.final_admission_percent = final_admission_percent
    update(system, before=before, actor=actor)
    for grade, value in borders.items():
        border, created = GradeBorder.objects.get_or_create(
            marking_system=system, grade=grade, defaults={"institution_id": institution_id, "min_value": value}
        )
        if not created and border.min_value != value:
            b_before = journal_snapshot(border)
            border.min_value = value
            update(border, before=b_before, actor=actor, fields=["min_value"])
    return system


@transaction.atomic
def exam_type_weight_set(*, actor: Actor, exam_type: str, max_ball: Decimal) -> ExamTypeWeight:
    institution_id = _settings_institution(actor)
    weight = ExamTypeWeight.objects.filter(institution_id=institution_id, exam_type=exam_type).first()
    if weight is None:
        return create(
            ExamTypeWeight(institution_id=institution_id, exam_type=exam_type, max_ball=max_ball), actor=actor
        )
    before = journal_snapshot(weight)
    weight.max_ball = max_ball
    return update(weight, before=before, actor=actor)


@transaction.atomic
def rating_criterion_create(
    *, actor: Actor, education_year: EducationYear, target: str, name: str, max_points: Decimal
) -> RatingCriterion:
    institution_id = _settings_institution(actor)
    if education_year.institution_id != institution_id:
        raise ApplicationError(_("You can change only your own institution."))
    criterion = RatingCriterion(
        institution_id=institution_id,
        education_year=education_year,
        target=target,
        name=name.strip(),
        max_points=max_points,
    )
    return create(criterion, actor=actor)
