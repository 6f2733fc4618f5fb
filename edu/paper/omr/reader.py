"""Read one scanned answer sheet: find the four registration squares, undo rotation/perspective, sample every bubble.

Steps (all vectorised; no per-pixel Python):
1. decode straight to a small grey image (JPEG is decoded at 1/2, 1/4 or 1/8 scale by the codec itself);
2. threshold, open away thin lines, keep solid square-ish blobs; the four extreme ones are the corner squares;
3. fit the homography corner squares → layout, warp to a canonical page at 4 px/mm; the orientation square tells
   whether the page was upside down (then the canonical page is turned by 180°);
4. for every bubble, the share of inked pixels in its inner disk, "inked" meaning darker than 70 % of the paper
   around that bubble; blank < 0.17 ≤ partial < 0.85 ≤ filled;
5. T7: a question has an answer only with exactly one filled bubble and no partial one; two or more filled →
   "multiple"; any partial (a half fill, a crossed-out bubble) → "partial", which a person reviews.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

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
    Layout,
)

SCALE = 4.0  # canonical pixels per millimetre
CANON_W, CANON_H = round(PAGE_W * SCALE), round(PAGE_H * SCALE)
BLANK_BELOW = 0.17
FILLED_FROM = 0.85
INNER = 0.75  # the measured disk, as a share of the bubble radius (clear of the printed outline)
SECTORS = 16  # the inner disk in sixteenths; a full bubble has no empty eighth (two adjacent sixteenths)
FULL_EIGHTH = 0.65  # ...and every eighth of a full bubble is at least this inked
EXTRA_WEIGHT = 1.55  # added ink ≥ 11 % of the bubble → partial
SHARE_WEIGHT = 0.5  # or the inner disk ≥ 34 % inked
INK = 0.35  # a pixel is ink when at least this much darker than the paper around its bubble
WORK_MIN_WIDTH = 700

MULTIPLE = "multiple"
PARTIAL = "partial"
cv2.setNumThreads(1)  # one sheet per process; the pool gives the parallelism


class SheetError(Exception):
    """The image is not a readable answer sheet (not an image, or no registration squares)."""


@dataclass
class SheetRead:
    candidate_id: str | None
    booklet: str | None
    answers: dict[int, str | None]
    flags: dict[int, str]
    confidence: float
    id_problem: str = ""  # "", "blank", "unclear"
    booklet_problem: str = ""
    upside_down: bool = False
    canonical: np.ndarray | None = field(default=None, repr=False)

    def as_json(self, file: str) -> dict:
        return {
            "file": file,
            "candidate_id": self.candidate_id,
            "booklet": self.booklet,
            "answers": {str(q): a for q, a in sorted(self.answers.items())},
            "flags": {str(q): f for q, f in sorted(self.flags.items())},
        }


# --- Loading ------------------------------------------------------------------------------------------------------


def _reduction(width: int) -> int:
    for factor in (8, 4, 2):
        if width // factor >= WORK_MIN_WIDTH:
            return factor
    return 1


_FLAGS = {
    1: cv2.IMREAD_GRAYSCALE,
    2: cv2.IMREAD_REDUCED_GRAYSCALE_2,
    4: cv2.IMREAD_REDUCED_GRAYSCALE_4,
    8: cv2.IMREAD_REDUCED_GRAYSCALE_8,
}


def load_grey(source: str | Path | bytes) -> np.ndarray:
    """A grey working image of a scan (any of PNG, JPEG, TIFF, BMP), roughly 700–1400 px wide."""
    data = Path(source).read_bytes() if not isinstance(source, bytes) else source
    try:
        with Image.open(io.BytesIO(data)) as probe:
            width = probe.size[0]
    except Exception as exc:  # Pillow raises many kinds for garbage
        raise SheetError("not an image") from exc
    grey = cv2.imdecode(np.frombuffer(data, np.uint8), _FLAGS[_reduction(width)])
    if grey is None:
        try:  # formats OpenCV does not decode (some TIFF compressions): through Pillow
            with Image.open(io.BytesIO(data)) as image:
                grey = np.asarray(image.convert("L"))
        except Exception as exc:
            raise SheetError("not an image") from exc
    return fit_width(grey)


def fit_width(grey: np.ndarray) -> np.ndarray:
    h, w = grey.shape[:2]
    if w > 2 * WORK_MIN_WIDTH:
        factor = w / (1.5 * WORK_MIN_WIDTH)
        grey = cv2.resize(grey, (round(w / factor), round(h / factor)), interpolation=cv2.INTER_AREA)
    return np.ascontiguousarray(grey)


# --- Geometry -----------------------------------------------------------------------------------------------------


def find_corners(grey: np.ndarray) -> np.ndarray:
    """Centres of the four corner squares in the image, ordered TL, TR, BR, BL as seen (float32, 4×2)."""
    full_h, full_w = grey.shape
    step = 2 if full_w >= 2 * 400 else 1  # the squares are big: look for them at half size
    if step > 1:
        grey = cv2.resize(grey, (full_w // step, full_h // step), interpolation=cv2.INTER_AREA)
    h, w = grey.shape
    ppm = max(w / PAGE_W, h / PAGE_H)  # pixels per mm if the page fills the frame (an upper bound)
    _, ink = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    k = max(3, int(ppm * 1.3))
    ink = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k)))
    _n, _labels, stats, centroids = cv2.connectedComponentsWithStats(ink, connectivity=8)
    expected = (MARK_SIZE * ppm) ** 2
    area = stats[1:, cv2.CC_STAT_AREA].astype(np.float64)
    bw = stats[1:, cv2.CC_STAT_WIDTH].astype(np.float64)
    bh = stats[1:, cv2.CC_STAT_HEIGHT].astype(np.float64)
    ok = (
        (area >= 0.15 * expected)
        & (area <= 3.0 * expected)
        & (area / (bw * bh) >= 0.6)
        & (bw / bh >= 0.6)
        & (bw / bh <= 1.7)
    )
    points = centroids[1:][ok]
    if len(points) < 4:
        raise SheetError("registration marks not found")
    s, d = points.sum(axis=1), points[:, 0] - points[:, 1]
    corners = (points[[np.argmin(s), np.argmax(d), np.argmax(s), np.argmin(d)]] * step + (step - 1) / 2).astype(
        np.float32
    )
    top = np.linalg.norm(corners[1] - corners[0])
    left = np.linalg.norm(corners[3] - corners[0])
    right = np.linalg.norm(corners[2] - corners[1])
    bottom = np.linalg.norm(corners[2] - corners[3])
    want = (CORNERS[2][1] - CORNERS[0][1]) / (CORNERS[1][0] - CORNERS[0][0])
    if min(top, left, right, bottom) < 0.2 * max(full_w, full_h) or not (
        0.8 < (left + right) / (top + bottom) / want < 1.25
    ):
        raise SheetError("registration marks not found")
    return corners


def canonical_page(grey: np.ndarray) -> tuple[np.ndarray, bool]:
    """The page warped upright onto the layout at SCALE px/mm; and whether it had been upside down."""
    corners = find_corners(grey)
    target = np.array(CORNERS, np.float32) * SCALE
    matrix = cv2.getPerspectiveTransform(corners, target)
    canon = cv2.warpPerspective(
        grey, matrix, (CANON_W, CANON_H), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=255
    )
    half = ORIENTATION_SIZE * SCALE * 0.35
    ox, oy = ORIENTATION[0] * SCALE, ORIENTATION[1] * SCALE
    ux, uy = CANON_W - ox, CANON_H - oy

    def mean(x: float, y: float) -> float:
        return float(canon[int(y - half) : int(y + half), int(x - half) : int(x + half)].mean())

    upright, flipped = mean(ox, oy), mean(ux, uy)
    if min(upright, flipped) > 0.6 * float(np.percentile(canon[::8, ::8], 90)):
        raise SheetError("orientation mark not found")
    if flipped < upright:
        return np.ascontiguousarray(canon[::-1, ::-1]), True
    return canon, False


# --- Bubbles ------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Sampler:
    groups: np.ndarray  # 0 id, 1 booklet, 2 question
    index: np.ndarray
    value: np.ndarray
    disk: np.ndarray  # (N, nd) flat pixel indices of each bubble and a little more, outline included
    inner: np.ndarray  # columns of `disk` in the inner disk (clear of the outline), sixteenth by sixteenth
    ring: np.ndarray  # (N, nr) flat indices of the paper around each bubble
    sector_start: np.ndarray  # (16,) where each sixteenth of the disk begins in `inner`
    sector_size: np.ndarray


@lru_cache(maxsize=8)
def _sampler(layout: Layout) -> _Sampler:
    code = {"id": 0, "booklet": 1, "q": 2}
    bubbles = layout.bubbles
    cx = np.array([round(b[3] * SCALE) for b in bubbles])
    cy = np.array([round(b[4] * SCALE) for b in bubbles])
    r = BUBBLE_R * SCALE
    half = int(np.ceil(r * 1.25))
    yy, xx = np.mgrid[-half : half + 1, -half : half + 1]
    dist = np.hypot(xx, yy)
    inner = dist <= r * INNER
    ring = dist >= r * 1.2
    disk = dist <= r * 1.1
    sector = ((np.arctan2(yy[inner], xx[inner]) + np.pi) / (2 * np.pi) * SECTORS).astype(int) % SECTORS
    by_sector = np.argsort(sector, kind="stable")
    sector_size = np.bincount(sector, minlength=SECTORS)
    centre = (cy * CANON_W + cx)[:, None]
    offsets = yy * CANON_W + xx
    return _Sampler(
        groups=np.array([code[b[0]] for b in bubbles]),
        index=np.array([b[1] for b in bubbles]),
        value=np.array([b[2] for b in bubbles]),
        disk=(centre + offsets[disk][None, :]).astype(np.intp),
        inner=np.flatnonzero(inner[disk])[by_sector],
        ring=(centre + offsets[ring][None, :]).astype(np.intp),
        sector_start=np.concatenate(([0], np.cumsum(sector_size)[:-1])),
        sector_size=sector_size.astype(np.float32),
    )


def bubble_fills(canon: np.ndarray, layout: Layout) -> np.ndarray:
    """A fill score per bubble (layout.bubbles order), from 0 (blank) to 1 (full).

    Full: the share of inked pixels in the inner disk, but only when every eighth of it is well inked (a half-moon
    is not full). Otherwise a score below FILLED_FROM from the larger of that share and the ink added to the whole
    bubble beyond what a blank printed bubble of this sheet carries (the median of the ID and booklet grids, which
    are always printed) — so a 30 % cap at the rim still counts as a partial mark while a stray dot does not."""
    sp = _sampler(layout)
    flat = canon.reshape(-1)
    ring = flat.take(sp.ring)
    k = int(ring.shape[1] * 0.8)
    paper = (np.partition(ring, k, axis=1)[:, k].astype(np.float32) * (1 - INK))[:, None]
    disk_ink = flat.take(sp.disk) < paper
    inked = disk_ink[:, sp.inner].view(np.uint8)
    share = inked.mean(axis=1, dtype=np.float32)
    # per-sector sums without a matrix product: BLAS would start threads that spin and steal the other core
    sixteenths = np.add.reduceat(inked, sp.sector_start, axis=1, dtype=np.float32)
    eighths = (sixteenths + np.roll(sixteenths, 1, axis=1)) / (sp.sector_size + np.roll(sp.sector_size, 1))
    worst_eighth = eighths.min(axis=1)
    disk = disk_ink.sum(axis=1).astype(np.float32)
    extra = (disk - np.median(disk[sp.groups < 2])) / sp.disk.shape[1]  # the grids are always printed
    partial = np.minimum(np.maximum(share * SHARE_WEIGHT, extra * EXTRA_WEIGHT), FILLED_FROM - 0.05)
    return np.where((worst_eighth >= FULL_EIGHTH) & (share >= FILLED_FROM), share, partial)


def _confidence(fill: np.ndarray) -> np.ndarray:
    distance = np.minimum(np.abs(fill - BLANK_BELOW), np.abs(fill - FILLED_FROM))
    return np.clip(distance / 0.12, 0, 1)


def _digits(fills: np.ndarray, count: int) -> tuple[str | None, str]:
    """fills: (10 values × count digits) → (the number, problem)."""
    out = []
    blank_columns = 0
    for d in range(count):
        column = fills[d]
        filled = np.flatnonzero(column >= FILLED_FROM)
        partial = np.flatnonzero((column >= BLANK_BELOW) & (column < FILLED_FROM))
        if len(filled) == 1 and len(partial) == 0:
            out.append(str(filled[0]))
        elif len(filled) == 0 and len(partial) == 0:
            blank_columns += 1
            out.append("")
        else:
            return None, "unclear"
    if blank_columns == count:
        return None, "blank"
    if blank_columns:
        return None, "unclear"
    return "".join(out), ""


def classify(fills: np.ndarray, layout: Layout) -> SheetRead:
    sp = _sampler(layout)
    conf = _confidence(fills)
    id_fills = fills[sp.groups == 0].reshape(ID_DIGITS, 10)
    booklet_fills = fills[sp.groups == 1].reshape(BOOKLET_DIGITS, 10)
    candidate_id, id_problem = _digits(id_fills, ID_DIGITS)
    booklet, booklet_problem = _digits(booklet_fills, BOOKLET_DIGITS)
    q = fills[sp.groups == 2].reshape(layout.questions, layout.choices)
    q_conf = conf[sp.groups == 2].reshape(layout.questions, layout.choices).min(axis=1)
    filled = q >= FILLED_FROM
    partial = (q >= BLANK_BELOW) & ~filled
    n_filled = filled.sum(axis=1)
    n_partial = partial.sum(axis=1)
    first = filled.argmax(axis=1)
    answers: dict[int, str | None] = {}
    flags: dict[int, str] = {}
    for i in range(layout.questions):
        number = i + 1
        if n_filled[i] >= 2:
            answers[number], flags[number] = None, MULTIPLE
        elif n_partial[i]:
            answers[number], flags[number] = None, PARTIAL
        elif n_filled[i] == 1:
            answers[number] = LETTERS[int(first[i])]
        else:
            answers[number] = None
    return SheetRead(
        candidate_id=candidate_id,
        booklet=booklet,
        answers=answers,
        flags=flags,
        confidence=round(float(min(q_conf.min(), conf[sp.groups < 2].min())), 3),
        id_problem=id_problem,
        booklet_problem=booklet_problem,
    )


def read_grey(grey: np.ndarray, layout: Layout, *, keep_image: bool = False) -> SheetRead:
    canon, upside_down = canonical_page(grey)
    result = classify(bubble_fills(canon, layout), layout)
    result.upside_down = upside_down
    if keep_image:
        result.canonical = canon
    return result


def read_sheet(source: str | Path | bytes, layout: Layout, *, keep_image: bool = False) -> SheetRead:
    return read_grey(load_grey(source), layout, keep_image=keep_image)
