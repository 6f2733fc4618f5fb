"""Reads of banks, blueprints and attempts — for editors within their scope, for takers their own."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from edu.accounts.models import User
from edu.assessment.models import (
    Attempt,
    Audience,
    Blueprint,
    Question,
    QuestionImport,
    QuestionPool,
)
from edu.core.access import get_in_scope_or_404
from edu.core.rawrow import from_row, hot_fetch, model_columns
from edu.org.actor import Actor
from edu.org.models import RoleAssignment
from edu.org.roles import Role

# Roles that build question banks and tests (and see their results) within their scope.
EDITOR_ROLES = (
    Role.SUPER_ADMIN,
    Role.LEARNING_EDITOR,
    Role.EXAM_CENTRE,
    Role.ACADEMIC_OFFICE,
    Role.DEAN,
    Role.HEAD_OF_DEPARTMENT,
    Role.TEACHER,
)
# Roles that may withhold a result or resume a paused attempt (T9).
PROCTOR_ROLES = (Role.SUPER_ADMIN, Role.EXAM_CENTRE, Role.LEARNING_EDITOR, Role.ACADEMIC_OFFICE)


def _editor_scope(actor: Actor) -> Q:
    actor.require_role(*EDITOR_ROLES)
    return actor.scope_q(institution="institution", faculty="department__faculty", department="department")


def pool_list(*, actor: Actor) -> QuerySet[QuestionPool]:
    return (
        QuestionPool.objects.filter(_editor_scope(actor))
        .select_related("department")
        .annotate(question_total=Count("questions", filter=Q(questions__is_active=True)))
    )


def access_pool_by_id(actor: Actor, pool_id: object) -> QuestionPool:
    return get_in_scope_or_404(pool_list(actor=actor), pool_id)


def question_list(*, actor: Actor, pool: QuestionPool) -> QuerySet[Question]:
    access_pool_by_id(actor, pool.pk)
    return Question.objects.filter(pool=pool).prefetch_related("choices")


def access_question_by_id(actor: Actor, question_id: object) -> Question:
    qs = Question.objects.filter(pool__in=pool_list(actor=actor).values("pk")).select_related("pool")
    return get_in_scope_or_404(qs.prefetch_related("choices"), question_id)


def access_import_by_id(actor: Actor, import_id: object) -> QuestionImport:
    qs = QuestionImport.objects.filter(pool__in=pool_list(actor=actor).values("pk")).select_related("pool")
    return get_in_scope_or_404(qs, import_id)


def blueprint_list(*, actor: Actor) -> QuerySet[Blueprint]:
    return Blueprint.objects.filter(_editor_scope(actor)).annotate(attempt_total=Count("attempts"))


def access_blueprint_by_id(actor: Actor, blueprint_id: object) -> Blueprint:
    qs = Blueprint.objects.filter(_editor_scope(actor)).prefetch_related("sections__pool")
    return get_in_scope_or_404(qs, blueprint_id)


def attempt_list_for_blueprint(*, actor: Actor, blueprint: Blueprint) -> QuerySet[Attempt]:
    access_blueprint_by_id(actor, blueprint.pk)
    return Attempt.objects.filter(blueprint=blueprint).select_related("user")


def access_attempt_for_proctor(actor: Actor, attempt_id: object) -> Attempt:
    actor.require_role(*PROCTOR_ROLES)
    scope = actor.scope_q(
        institution="blueprint__institution",
        faculty="blueprint__department__faculty",
        department="blueprint__department",
    )
    return get_in_scope_or_404(Attempt.objects.filter(scope).select_related("blueprint", "user"), attempt_id)


# --- takers ---------------------------------------------------------------------------------


def _taker_filter(user: User) -> Q:
    institution_ids = RoleAssignment.objects.filter(user=user).values("institution_id")
    return (
        Q(audience=Audience.EVERYONE)
        | Q(audience=Audience.INSTITUTION, institution_id__in=institution_ids)
        | Q(audience=Audience.LISTED, listed_takers=user)
    )


def blueprint_available_list(*, user: User) -> QuerySet[Blueprint]:
    """Published tests this person may take now (or soon)."""
    now = timezone.now()
    return (
        Blueprint.objects.filter(_taker_filter(user), is_published=True)
        .exclude(available_until__lt=now)
        .distinct()
        .prefetch_related("sections")
    )


def published_blueprint_or_404(blueprint_id: object) -> Blueprint:
    """A published test by id, else 404: one indexed query read without the ORM's query building (a start storm
    asks this thousands of times a second; see edu/core/rawrow.py)."""
    try:
        pk = int(blueprint_id)  # type: ignore[call-overload]
    except (TypeError, ValueError, OverflowError):
        raise Http404 from None
    table = Blueprint._meta.db_table
    sql = f"SELECT {model_columns(Blueprint, 'b')} FROM {table} b WHERE b.id = %s AND b.is_published"  # noqa: S608
    row = hot_fetch(sql, [pk])
    if row is None:
        raise Http404
    return from_row(Blueprint, row)


def access_blueprint_for_taker(user: User, blueprint_id: object) -> Blueprint:
    """A published test this person may take; 404 otherwise. Checked in steps: most tests are open to everyone,
    and a start storm should not pay for the joins the general filter needs."""
    blueprint = published_blueprint_or_404(blueprint_id)
    if blueprint.audience == Audience.EVERYONE:
        return blueprint
    if (
        blueprint.audience == Audience.INSTITUTION
        and RoleAssignment.objects.filter(user=user, institution_id=blueprint.institution_id).exists()
    ):
        return blueprint
    if blueprint.audience == Audience.LISTED and blueprint.listed_takers.filter(pk=user.pk).exists():
        return blueprint
    raise Http404


def attempt_list_for_taker(*, user: User) -> QuerySet[Attempt]:
    return Attempt.objects.filter(user=user).select_related("blueprint")


def access_attempt_for_taker(user: User, attempt_id: object) -> Attempt:
    """Only the taker's own attempts; anybody else's answers 404."""
    return get_in_scope_or_404(Attempt.objects.filter(user=user).select_related("blueprint"), attempt_id)
