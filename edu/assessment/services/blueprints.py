"""Blueprints: the sections and rules of a test."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from edu.accounts.models import User
from edu.assessment.models import Blueprint, BlueprintSection, Question, QuestionPool
from edu.core.errors import ApplicationError
from edu.journal.services import journal_create, journal_snapshot, journal_update
from edu.org.actor import Actor

BLUEPRINT_FIELDS = (
    "title",
    "instructions",
    "time_limit_minutes",
    "pass_percent",
    "attempts_allowed",
    "shuffle_questions",
    "shuffle_choices",
    "navigation",
    "available_from",
    "available_until",
    "audience",
    "review_policy",
    "integrity_policy",
    "is_published",
)


@transaction.atomic
def blueprint_save(
    *,
    actor: Actor | None,
    institution_id: int,
    blueprint: Blueprint | None,
    data: dict[str, Any],
    sections: list[dict[str, Any]],
    department: Any = None,
) -> Blueprint:
    """Create or change a blueprint with its sections ([{title, pool, draw_count}, …] in order)."""
    if not sections:
        raise ApplicationError(_("Add at least one section."), field="sections")
    for s in sections:
        pool: QuestionPool | None = s.get("pool")
        if pool is None:
            raise ApplicationError(_("Each section needs a question pool."), field="sections")
        if pool.institution_id != institution_id:
            raise ApplicationError(_("A pool of another institution cannot be used."), field="sections")
        if s.get("draw_count", 0) < 1:
            raise ApplicationError(_("Each section draws at least one question."), field="sections")
        fixed = s.get("fixed") or []
        if fixed:
            found = set(Question.objects.filter(pool=pool, pk__in=fixed).values_list("pk", flat=True))
            missing = [str(q) for q in fixed if q not in found]
            if missing:
                raise ApplicationError(
                    _("Questions %(list)s are not in the pool “%(pool)s”.")
                    % {"list": ", ".join(missing), "pool": pool.name},
                    field="sections",
                )
            s["draw_count"] = len(set(fixed))
    before = journal_snapshot(blueprint) if blueprint else None
    blueprint = blueprint or Blueprint(institution_id=institution_id, department=department)
    for name in BLUEPRINT_FIELDS:
        if name in data:
            setattr(blueprint, name, data[name])
    blueprint.full_clean()
    blueprint.save()
    phones = data.get("listed_phones")
    if phones is not None:
        users = list(User.objects.filter(phone__in=phones))
        unknown = sorted(set(phones) - {u.phone for u in users})
        if unknown:
            raise ApplicationError(
                _("No accounts with these phone numbers: %(list)s") % {"list": ", ".join(unknown)},
                field="listed_phones",
            )
        blueprint.listed_takers.set(users)
    blueprint.sections.all().delete()
    for i, s in enumerate(sections):
        section = BlueprintSection.objects.create(
            blueprint=blueprint, title=s["title"], order=i, pool=s["pool"], draw_count=s["draw_count"]
        )
        if s.get("fixed"):
            section.fixed_questions.set(s["fixed"])
    if before is None:
        journal_create(instance=blueprint, actor=actor)
    else:
        journal_update(instance=blueprint, before=before, actor=actor)
    return blueprint
