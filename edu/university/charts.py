"""Server-side SVG charts (no JavaScript library, nothing external): bars people read at a glance."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from django.utils.safestring import SafeString, mark_safe

PALETTE = ("#0b6e69", "#c98a12", "#1d4f91", "#b42318", "#5b6775")


@dataclass(frozen=True)
class Series:
    label: str
    values: Sequence[float]


def bar_chart(
    *, labels: Sequence[str], series: Sequence[Series], title: str = "", unit: str = "", stacked: bool = False
) -> SafeString:
    """Horizontal bars, one row per label; several series side by side or stacked. Accessible: a <title>
    and every value as text."""
    if not labels or not series:
        return mark_safe("")
    row_h, bar_gap, left, right, top = 26, 4, 190, 70, 28 if title else 8
    per_row = 1 if stacked else len(series)
    height = top + len(labels) * (row_h * per_row + bar_gap * 2) + 24
    width = 720
    plot_w = width - left - right
    totals = [sum(s.values[i] for s in series) for i in range(len(labels))] if stacked else []
    peak = max([*totals, *(v for s in series for v in s.values), 1])
    parts = [
        f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
    ]
    if title:
        parts.append(f'<text x="0" y="18" class="chart__title">{escape(title)}</text>')
    y = top
    for i, label in enumerate(labels):
        block_h = row_h * per_row
        parts.append(
            f'<text x="{left - 8}" y="{y + block_h / 2 + 5:.0f}" text-anchor="end" class="chart__label">'
            f"{escape(str(label)[:28])}</text>"
        )
        x = float(left)
        for k, s in enumerate(series):
            value = float(s.values[i])
            w = plot_w * value / peak
            colour = PALETTE[k % len(PALETTE)]
            by = y if stacked else y + k * row_h
            parts.append(
                f'<rect x="{x:.1f}" y="{by + 3}" width="{max(w, 0):.1f}" height="{row_h - 6}" fill="{colour}" rx="3">'
                f"<title>{escape(s.label)}: {value:g}{escape(unit)}</title></rect>"
            )
            if not stacked:
                text_y = by + row_h / 2 + 5
                parts.append(
                    f'<text x="{x + w + 6:.1f}" y="{text_y:.0f}" class="chart__value">{value:g}{escape(unit)}</text>'
                )
            else:
                x += w
        if stacked:
            text_y = y + row_h / 2 + 5
            parts.append(
                f'<text x="{x + 6:.1f}" y="{text_y:.0f}" class="chart__value">{totals[i]:g}{escape(unit)}</text>'
            )
        y += block_h + bar_gap * 2
    lx = left
    for k, s in enumerate(series):
        parts.append(f'<rect x="{lx}" y="{height - 16}" width="12" height="12" fill="{PALETTE[k % len(PALETTE)]}"/>')
        parts.append(f'<text x="{lx + 16}" y="{height - 6}" class="chart__legend">{escape(s.label)}</text>')
        lx += 24 + 8 * len(s.label)
    parts.append("</svg>")
    return mark_safe("".join(parts))
