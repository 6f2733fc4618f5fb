from __future__ import annotations

from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()

STATES = {
    "locked": (_("Locked"), "badge"),
    "open": (_("Studying"), "badge badge--info"),
    "exam_open": (_("Exam open"), "badge badge--warn"),
    "passed": (_("Passed"), "badge badge--ok"),
    "restudy": (_("Study again"), "badge badge--bad"),
}
KINDS = {"video": _("Video"), "text": _("Text"), "document": _("Document")}


@register.inclusion_tag("learning/_state.html")
def state_badge(state: str) -> dict[str, object]:
    label, css = STATES.get(state, (state, "badge"))
    return {"label": label, "css": css}


@register.filter
def lesson_kind(kind: str) -> str:
    return str(KINDS.get(kind, kind))


@register.filter
def minutes(seconds: int | float) -> int:
    """Whole minutes, rounded up."""
    return -(-int(seconds or 0) // 60)
