"""The answer sheet: a PDF for printing (reportlab) and a raster twin for the test corpus (numpy + OpenCV).

Both draw from layout.py, so what is printed is exactly where the reader looks.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import cv2
import numpy as np
import segno
from django.utils.translation import gettext as _
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas as pdf_canvas

from edu.core.pdf import pdf_fonts
from edu.paper.omr.layout import (
    BOOKLET_DIGITS,
    BUBBLE_R,
    CORNERS,
    ID_DIGITS,
    LETTERS,
    MARK_SIZE,
    ORIENTATION,
    ORIENTATION_SIZE,
    PAGE_H,
    PAGE_W,
    PITCH,
    Layout,
)

OUTLINE_MM = 0.25


@dataclass(frozen=True)
class Prefill:
    """A sheet pre-printed for one candidate: the name in the box and the ID's bubbles already filled."""

    candidate_id: str
    full_name: str = ""


def _y(y_mm: float) -> float:
    return (PAGE_H - y_mm) * mm


def sheet_pdf(
    layout: Layout,
    *,
    title: str = "",
    prefills: list[Prefill | None] | None = None,
    questions: int | None = None,
    filled: list[tuple[float, float]] | None = None,
) -> bytes:
    """Answer sheets on A4, one page per entry of `prefills` (None = a blank sheet to fill by hand).

    `questions` prints only the first N question rows (the rest of the grid stays empty); `filled` blackens the
    bubbles at those centres on every page (a specimen, and the round-trip test)."""
    regular, bold = pdf_fonts()
    out = io.BytesIO()
    c = pdf_canvas.Canvas(out, pagesize=(PAGE_W * mm, PAGE_H * mm))
    c.setTitle(title or _("Answer sheet"))
    count = questions or layout.questions
    for prefill in prefills or [None]:
        c.setFillGray(0)
        for x, y in CORNERS:
            c.rect((x - MARK_SIZE / 2) * mm, _y(y + MARK_SIZE / 2), MARK_SIZE * mm, MARK_SIZE * mm, stroke=0, fill=1)
        ox, oy = ORIENTATION
        c.rect(
            (ox - ORIENTATION_SIZE / 2) * mm,
            _y(oy + ORIENTATION_SIZE / 2),
            ORIENTATION_SIZE * mm,
            ORIENTATION_SIZE * mm,
            stroke=0,
            fill=1,
        )
        c.setFont(bold, 12)
        c.drawString(32 * mm, _y(12), (title or _("Answer sheet"))[:70])
        c.setFont(regular, 7)
        c.drawString(32 * mm, _y(17), _("Use a dark pen or pencil. Fill one bubble per question completely."))
        # Name and signature boxes
        c.setLineWidth(0.6)
        c.setFont(regular, 7)
        c.drawString(14 * mm, _y(23), _("Full name"))
        c.rect(14 * mm, _y(33), 120 * mm, 9 * mm)
        c.drawString(140 * mm, _y(23), _("Signature"))
        c.rect(140 * mm, _y(33), 55 * mm, 9 * mm)
        if prefill is not None:
            c.setFont(bold, 11)
            c.drawString(16 * mm, _y(30), prefill.full_name[:60])
            qr = segno.make(f"OMR:{prefill.candidate_id}", error="m")
            png = io.BytesIO()
            qr.save(png, kind="png", scale=4, border=1)
            png.seek(0)
            c.drawImage(ImageReader(png), 176 * mm, _y(52), 14 * mm, 14 * mm)
        # Grid captions and write-in boxes
        c.setFont(bold, 7)
        c.drawString((layout.id_origin[0] - 3) * mm, _y(layout.id_origin[1] - 15), _("Candidate ID"))
        c.drawString((layout.booklet_origin[0] - 3) * mm, _y(layout.booklet_origin[1] - 15), _("Booklet number"))
        digits = prefill.candidate_id if prefill else ""
        for origin, n, text in ((layout.id_origin, ID_DIGITS, digits), (layout.booklet_origin, BOOKLET_DIGITS, "")):
            for d in range(n):
                x = origin[0] + d * PITCH
                c.setLineWidth(0.5)
                c.rect((x - PITCH / 2) * mm, _y(origin[1] - 5), PITCH * mm, 6 * mm)
                if d < len(text):
                    c.setFont(bold, 10)
                    c.drawCentredString(x * mm, _y(origin[1] - 6.3), text[d])
        filled_here = list(filled or [])
        if prefill is not None:
            filled_here += [layout.id_bubble(d, int(ch)) for d, ch in enumerate(prefill.candidate_id[:ID_DIGITS])]
        # Bubbles
        c.setLineWidth(OUTLINE_MM * mm)
        c.setFont(regular, 5.5)
        for group, index, value, x, y in layout.bubbles:
            if group == "q" and index > count:
                continue
            c.circle(x * mm, _y(y), BUBBLE_R * mm, stroke=1, fill=0)
            label = LETTERS[value] if group == "q" else str(value)
            c.setFillGray(0.72)
            c.drawCentredString(x * mm, _y(y + 0.9), label)
            c.setFillGray(0)
            if group == "q" and value == 0:
                c.setFont(bold, 7)
                c.drawRightString((x - 4) * mm, _y(y + 1.1), str(index))
                c.setFont(regular, 5.5)
        for x, y in filled_here:
            c.circle(x * mm, _y(y), BUBBLE_R * mm, stroke=0, fill=1)
        # How to mark
        sx, sy = 110.0, 60.0
        c.setFont(bold, 8)
        c.drawString(sx * mm, _y(sy - 6), _("How to mark"))
        c.setFont(regular, 7)
        samples = (
            ("fill", _("Right: one bubble filled completely")),
            ("tick", _("Wrong: a tick, a cross or a dot")),
            ("half", _("Wrong: a partly filled bubble")),
            ("two", _("Wrong: two bubbles for one question (no point)")),
        )
        for i, (kind, text) in enumerate(samples):
            y = sy + i * 8
            c.setLineWidth(OUTLINE_MM * mm)
            c.circle((sx + 3) * mm, _y(y), BUBBLE_R * mm, stroke=1, fill=kind in {"fill", "two"})
            if kind == "two":
                c.circle((sx + 9) * mm, _y(y), BUBBLE_R * mm, stroke=1, fill=1)
            elif kind == "tick":
                c.setLineWidth(0.6 * mm)
                c.line((sx + 1.5) * mm, _y(y - 1.5), (sx + 4.5) * mm, _y(y + 1.5))
                c.line((sx + 1.5) * mm, _y(y + 1.5), (sx + 4.5) * mm, _y(y - 1.5))
            elif kind == "half":
                c.wedge((sx + 0.6) * mm, _y(y + 2.4), (sx + 5.4) * mm, _y(y - 2.4), 180, 180, stroke=0, fill=1)
            c.drawString((sx + 14) * mm, _y(y + 1), text)
        c.setFont(regular, 6)
        c.drawString(14 * mm, _y(293), _("Do not fold or write near the black squares."))
        c.showPage()
    c.save()
    return out.getvalue()


# --- Raster twin --------------------------------------------------------------------------------------------------


def render_blank(layout: Layout, dpi: int, *, questions: int | None = None) -> np.ndarray:
    """The printed sheet as a grey image at `dpi` (white 255, ink 0)."""
    s = dpi / 25.4
    w, h = round(PAGE_W * s), round(PAGE_H * s)
    img = np.full((h, w), 255, np.uint8)
    shift = 4  # sub-pixel precision of OpenCV's drawing
    f = 1 << shift

    def pt(x: float, y: float) -> tuple[int, int]:
        return (round(x * s * f), round(y * s * f))

    for x, y in CORNERS:
        half = MARK_SIZE / 2
        cv2.rectangle(img, pt(x - half, y - half), pt(x + half, y + half), 0, -1, cv2.LINE_AA, shift)
    ox, oy = ORIENTATION
    half = ORIENTATION_SIZE / 2
    cv2.rectangle(img, pt(ox - half, oy - half), pt(ox + half, oy + half), 0, -1, cv2.LINE_AA, shift)
    thickness = max(1, round(OUTLINE_MM * s))
    count = questions or layout.questions
    font_scale = s / 40
    for group, index, value, x, y in layout.bubbles:
        if group == "q" and index > count:
            continue
        cv2.circle(img, pt(x, y), round(BUBBLE_R * s * f), 40, thickness, cv2.LINE_AA, shift)
        if group == "q" and value == 0:
            cv2.putText(img, str(index), (round((x - 8.5) * s), round((y + 1.2) * s)), 0, font_scale, 0, 1)
    cv2.putText(img, "ANSWER SHEET", (round(32 * s), round(13 * s)), 0, font_scale * 1.6, 0, max(1, round(s / 4)))
    cv2.rectangle(img, pt(14, 24), pt(134, 33), 0, 1, cv2.LINE_AA, shift)
    cv2.rectangle(img, pt(140, 24), pt(195, 33), 0, 1, cv2.LINE_AA, shift)
    return img


def draw_mark(img: np.ndarray, dpi: int, x: float, y: float, kind: str, rng: np.random.Generator) -> None:
    """Draw a candidate's mark of `kind` on the bubble centred at (x, y) mm.

    fill / light: the whole bubble, dark or pale pencil; partial: 30–70 % of it; cross: an X through it;
    dot: a stray dot somewhere on it."""
    s = dpi / 25.4
    shift = 4
    f = 1 << shift
    r = BUBBLE_R * s
    cx, cy = x * s, y * s
    if kind in {"fill", "light"}:
        grey = int(rng.integers(10, 70)) if kind == "fill" else int(rng.integers(90, 130))
        jx, jy = rng.normal(0, 0.08 * r, 2)
        ax, ay = r * rng.uniform(0.97, 1.1), r * rng.uniform(0.97, 1.1)
        cv2.ellipse(
            img,
            (round((cx + jx) * f), round((cy + jy) * f)),
            (round(ax * f), round(ay * f)),
            float(rng.uniform(0, 180)),
            0,
            360,
            grey,
            -1,
            cv2.LINE_AA,
            shift,
        )
    elif kind == "partial":
        fraction = rng.uniform(0.3, 0.7)
        angle = rng.uniform(0, 2 * np.pi)
        x0, x1 = int(cx - r - 2), int(cx + r + 3)
        y0, y1 = int(cy - r - 2), int(cy + r + 3)
        yy, xx = np.mgrid[y0:y1, x0:x1].astype(np.float32)
        inside = (xx - cx) ** 2 + (yy - cy) ** 2 <= r * r
        proj = (xx - cx) * np.cos(angle) + (yy - cy) * np.sin(angle)
        cut = np.quantile(proj[inside], 1 - fraction)
        region = img[y0:y1, x0:x1]
        region[inside & (proj >= cut)] = int(rng.integers(10, 70))
    elif kind == "cross":
        width = max(1, round(rng.uniform(0.45, 0.7) * s))
        d = r * rng.uniform(0.9, 1.2)
        grey = int(rng.integers(10, 60))
        for sign in (1, -1):
            cv2.line(
                img,
                (round((cx - d) * f), round((cy - sign * d) * f)),
                (round((cx + d) * f), round((cy + sign * d) * f)),
                grey,
                width,
                cv2.LINE_AA,
                shift,
            )
    elif kind == "dot":
        rad = rng.uniform(0.25, 0.45) * s
        dx, dy = rng.uniform(-0.6, 0.6, 2) * r
        cv2.circle(img, (round((cx + dx) * f), round((cy + dy) * f)), round(rad * f), 30, -1, cv2.LINE_AA, shift)
    else:
        raise ValueError(kind)
