from __future__ import annotations

from typing import Any

from django import template
from django.template.loader import render_to_string
from django.utils.html import format_html_join
from django.utils.http import urlencode
from django.utils.safestring import SafeString

from edu.core.navigation import nav_links, profile_panels

register = template.Library()


@register.simple_tag(takes_context=True)
def main_nav(context: dict[str, Any]) -> list[Any]:
    request = context.get("request")
    if request is None or not request.user.is_authenticated:
        return []
    return nav_links(request.actor)


@register.simple_tag(takes_context=True)
def profile_extra_panels(context: dict[str, Any]) -> SafeString:
    """Sections other apps add under the profile (registered with navigation.register(profile=…))."""
    request = context.get("request")
    if request is None or not request.user.is_authenticated:
        return SafeString("")
    rendered = [(render_to_string(p.template, p.context, request=request),) for p in profile_panels(request.actor)]
    return format_html_join("", "{}", rendered)


@register.simple_tag(takes_context=True)
def query_with(context: dict[str, Any], **changes: Any) -> str:
    """The current query string with some parameters replaced (for paging and sorting links)."""
    query = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            query.pop(key, None)
        else:
            query[key] = value
    return "?" + urlencode(sorted(query.lists()), doseq=True) if query else "?"


@register.simple_tag
def bar_chart(rows: list[Any], label_key: str, value_key: str, mark: Any = None, max_value: float = 100) -> dict:
    """Geometry of a horizontal bar chart (values 0..max_value), drawn as inline SVG by includes/bar_chart.html."""
    width, left, right, bar_h, gap = 640, 230, 60, 22, 12
    plot = width - left - right
    bars = []
    for i, row in enumerate(rows):
        label = row[label_key] if isinstance(row, dict) else getattr(row, label_key)
        raw = row[value_key] if isinstance(row, dict) else getattr(row, value_key)
        value = float(raw or 0)
        y = i * (bar_h + gap) + 4
        w = max(0.0, min(1.0, value / max_value)) * plot
        bars.append(
            {
                "label": label,
                "value": value,
                "y": y,
                "w": round(w, 1),
                "text_y": y + bar_h - 6,
                "value_x": round(left + w + 6, 1),
                "below": mark is not None and value < float(mark),
            }
        )
    height = max(1, len(rows)) * (bar_h + gap) + 4
    mark_x = round(left + float(mark) / max_value * plot, 1) if mark is not None else None
    summary = "; ".join(f"{b['label']}: {b['value']:.1f}%" for b in bars)
    return {
        "bars": bars,
        "width": width,
        "height": height,
        "left": left,
        "plot": plot,
        "bar_h": bar_h,
        "mark_x": mark_x,
        "summary": summary,
    }
