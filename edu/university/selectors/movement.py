"""Reads of movement orders within the actor's scope."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from edu.core.access import get_in_scope_or_404
from edu.org.actor import Actor
from edu.university.models import Decree, DecreeStudent
from edu.university.selectors.scope import decree_q


def decree_list(*, actor: Actor, q: str = "", decree_type: str = "") -> QuerySet[Decree]:
    qs = (
        Decree.objects.filter(decree_q(actor))
        .select_related("faculty", "created_by")
        .annotate(student_count=Count("items"))
        .order_by("-date", "-pk")
    )
    if q:
        qs = qs.filter(
            Q(number__icontains=q) | Q(title__icontains=q) | Q(items__student__student_id_number=q)
        ).distinct()
    if decree_type:
        qs = qs.filter(decree_type=decree_type)
    return qs


def access_decree_by_id(actor: Actor, pk: object) -> Decree:
    return get_in_scope_or_404(decree_list(actor=actor), pk)


def decree_items(*, decree: Decree) -> QuerySet[DecreeStudent]:
    return DecreeStudent.objects.filter(decree=decree).select_related("student__user", "student__group", "to_group")
