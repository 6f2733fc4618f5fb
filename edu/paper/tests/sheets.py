"""Answer-sheet images for the tests, marked exactly as asked."""

from __future__ import annotations

import cv2
import numpy as np

from edu.paper.omr.corpus import Degrade, degrade
from edu.paper.omr.layout import Layout
from edu.paper.omr.sheet import draw_mark, render_blank


def make_sheet(
    layout: Layout,
    *,
    candidate: str | None = "1234567",
    booklet: str | None = "0001",
    marks: dict[int, list[tuple[int, str]]] | None = None,
    dpi: int = 150,
    seed: int = 1,
    how: Degrade | None = None,
) -> np.ndarray:
    """marks: {question: [(choice index, kind), …]} with the kinds of sheet.draw_mark."""
    rng = np.random.default_rng(seed)
    img = render_blank(layout, dpi)
    for d, ch in enumerate(candidate or ""):
        if ch.isdigit():
            draw_mark(img, dpi, *layout.id_bubble(d, int(ch)), "fill", rng)
    for d, ch in enumerate(booklet or ""):
        draw_mark(img, dpi, *layout.booklet_bubble(d, int(ch)), "fill", rng)
    for q, items in (marks or {}).items():
        for choice, kind in items:
            draw_mark(img, dpi, *layout.answer_bubble(q, choice), kind, rng)
    return degrade(img, dpi, how or Degrade(noise=3.0), rng)


def jpeg(img: np.ndarray, quality: int = 85) -> bytes:
    ok, data = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, quality])
    assert ok
    return data.tobytes()
