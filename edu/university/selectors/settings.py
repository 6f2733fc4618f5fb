"""Reads of classifiers and of the institution's settings (calendar, rooms, grading)."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from edu.core.access import get_in_scope_or_404
from edu.org.actor import Actor
from edu.university.models import (
    Auditorium,
    Building,
    Classifier,
    ClassifierOption,
    EducationYear,
    ExamTypeWeight,
    LessonPair,
    MarkingSystem,
    RatingCriterion,
    Term,
)
from edu.university.selectors.scope import NOTHING, settings_q


def classifier_list() -> QuerySet[Classifier]:
    return Classifier.objects.annotate(option_count=Count("options", filter=Q(options__institution__isnull=True)))


def classifier_get(*, code: str) -> Classifier:
    from django.http import Http404

    found = Classifier.objects.filter(code=code).first()
    if found is None:
        raise Http404
    return found


def classifier_option_list(*, actor: Actor, classifier: Classifier) -> QuerySet[ClassifierOption]:
    """National options and the actor's institution's own ones."""
    own = Q(institution_id=actor.institution_id) if actor.institution_id else NOTHING
    return ClassifierOption.objects.filter(Q(institution__isnull=True) | own, classifier=classifier)


def access_local_option_by_id(actor: Actor, option_id: object) -> ClassifierOption:
    return get_in_scope_or_404(ClassifierOption.objects.filter(Q(institution_id=actor.institution_id)), option_id)


def education_year_list(*, actor: Actor) -> QuerySet[EducationYear]:
    return EducationYear.objects.filter(settings_q(actor))


def term_list(*, actor: Actor) -> QuerySet[Term]:
    return Term.objects.filter(settings_q(actor)).select_related("education_year")


def current_term(*, institution_id: int) -> Term | None:
    return Term.objects.filter(institution_id=institution_id, current=True).select_related("education_year").first()


def current_education_year(*, institution_id: int) -> EducationYear | None:
    return EducationYear.objects.filter(institution_id=institution_id, current=True).first()


def lesson_pair_list(*, actor: Actor) -> QuerySet[LessonPair]:
    return LessonPair.objects.filter(settings_q(actor))


def building_list(*, actor: Actor) -> QuerySet[Building]:
    return Building.objects.filter(settings_q(actor)).annotate(auditorium_count=Count("auditoriums"))


def auditorium_list(*, actor: Actor) -> QuerySet[Auditorium]:
    return Auditorium.objects.filter(settings_q(actor)).select_related("building")


def marking_system_list(*, actor: Actor) -> QuerySet[MarkingSystem]:
    return MarkingSystem.objects.filter(settings_q(actor)).prefetch_related("borders")


def exam_type_weight_list(*, actor: Actor) -> QuerySet[ExamTypeWeight]:
    return ExamTypeWeight.objects.filter(settings_q(actor))


def rating_criterion_list(*, actor: Actor) -> QuerySet[RatingCriterion]:
    return RatingCriterion.objects.filter(settings_q(actor)).select_related("education_year")


def access_term_by_id(actor: Actor, pk: object) -> Term:
    return get_in_scope_or_404(term_list(actor=actor), pk)


def access_education_year_by_id(actor: Actor, pk: object) -> EducationYear:
    return get_in_scope_or_404(education_year_list(actor=actor), pk)


def access_building_by_id(actor: Actor, pk: object) -> Building:
    return get_in_scope_or_404(Building.objects.filter(settings_q(actor)), pk)


def access_auditorium_by_id(actor: Actor, pk: object) -> Auditorium:
    return get_in_scope_or_404(auditorium_list(actor=actor), pk)


def access_marking_system_by_id(actor: Actor, pk: object) -> MarkingSystem:
    return get_in_scope_or_404(marking_system_list(actor=actor), pk)


def access_lesson_pair_by_id(actor: Actor, pk: object) -> LessonPair:
    return get_in_scope_or_404(lesson_pair_list(actor=actor), pk)
