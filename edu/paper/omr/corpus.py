"""A reproducible corpus of filled and degraded answer sheets, with the truth for each (accuracy and speed checks).

Every sheet is drawn from numpy's generator seeded with (seed, sheet number), so the same seed gives the same files.
Marks: clean, light, partial (30–70 %), double, crossed-out, stray dots; IDs sometimes spoiled on purpose.
Degradations: several DPIs, rotation (±10°), upside down, mild perspective, blur, noise, colour, JPEG.
"""

from __future__ import annotations

import json
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from edu.paper.omr.layout import BOOKLET_DIGITS, ID_DIGITS, LETTERS, PAGE_H, PAGE_W, Layout
from edu.paper.omr.sheet import draw_mark, render_blank

# question kind → (probability, expected category)
KINDS: dict[str, float] = {
    "clean": 0.58,
    "light": 0.10,
    "blank": 0.08,
    "partial": 0.06,
    "double": 0.06,
    "cross": 0.04,
    "clean+dot": 0.04,
    "dot": 0.04,
}
DPIS = (150, 200, 300, 600)
DPI_WEIGHTS = (0.3, 0.4, 0.26, 0.04)


@dataclass
class Degrade:
    rotation: float = 0.0  # degrees, 180 added when upside down
    upside_down: bool = False
    perspective: float = 0.0  # corner jitter as a share of the page width
    blur: float = 0.0  # Gaussian sigma in mm
    noise: float = 0.0  # grey levels
    colour: bool = False
    jpeg: int | None = 85  # quality; None = PNG


def expected_for(kind: str, letter: str) -> tuple[str | None, str | None]:
    """(answer, flag) the reader must report for a question marked this way."""
    if kind in {"clean", "light", "clean+dot"}:
        return letter, None
    if kind in {"partial", "cross"}:
        return None, "partial"
    if kind == "double":
        return None, "multiple"
    return None, None


def fill_sheet(
    layout: Layout,
    dpi: int,
    rng: np.random.Generator,
    *,
    spoil_id: bool = False,
    questions: int | None = None,
    booklets: tuple[int, ...] = (),
) -> tuple[np.ndarray, dict]:
    """A sheet filled with random marks, and its truth."""
    img = render_blank(layout, dpi)
    truth: dict = {"answers": {}, "flags": {}, "kinds": {}}
    candidate = "".join(str(d) for d in rng.integers(0, 10, ID_DIGITS))
    number = int(rng.choice(booklets)) if booklets else int(rng.integers(1, 10)) * 100 + int(rng.integers(0, 100))
    booklet = f"{number:0{BOOKLET_DIGITS}d}"
    for d, ch in enumerate(candidate):
        draw_mark(img, dpi, *layout.id_bubble(d, int(ch)), "fill" if rng.random() < 0.85 else "light", rng)
    for d, ch in enumerate(booklet):
        draw_mark(img, dpi, *layout.booklet_bubble(d, int(ch)), "fill", rng)
    truth["candidate_id"] = candidate
    truth["booklet"] = booklet
    if spoil_id:
        d = int(rng.integers(0, ID_DIGITS))
        other = (int(candidate[d]) + int(rng.integers(1, 10))) % 10
        draw_mark(img, dpi, *layout.id_bubble(d, other), str(rng.choice(["fill", "partial", "cross"])), rng)
        truth["candidate_id"] = None
    kinds = list(KINDS)
    weights = np.array(list(KINDS.values()))
    for q in range(1, (questions or layout.questions) + 1):
        kind = str(rng.choice(kinds, p=weights / weights.sum()))
        choice = int(rng.integers(0, layout.choices))
        letter = LETTERS[choice]
        others = [c for c in range(layout.choices) if c != choice]
        at = layout.answer_bubble
        if kind in {"clean", "clean+dot"}:
            draw_mark(img, dpi, *at(q, choice), "fill", rng)
        if kind == "light":
            draw_mark(img, dpi, *at(q, choice), "light", rng)
        if kind in {"clean+dot", "dot"}:
            draw_mark(img, dpi, *at(q, int(rng.choice(others))), "dot", rng)
        if kind == "partial":
            draw_mark(img, dpi, *at(q, choice), "partial", rng)
        if kind == "cross":
            draw_mark(img, dpi, *at(q, choice), "cross", rng)
        if kind == "double":
            draw_mark(img, dpi, *at(q, choice), "fill", rng)
            draw_mark(img, dpi, *at(q, int(rng.choice(others))), "fill", rng)
        answer, flag = expected_for(kind, letter)
        truth["answers"][str(q)] = answer
        if flag:
            truth["flags"][str(q)] = flag
        truth["kinds"][str(q)] = kind
    return img, truth


def degrade(img: np.ndarray, dpi: int, how: Degrade, rng: np.random.Generator) -> np.ndarray:
    """Scan or photograph the sheet: place it on a larger bed, rotate, skew, blur, add noise (grey or colour)."""
    s = dpi / 25.4
    h, w = img.shape
    margin = 0.09
    out_w, out_h = round(w * (1 + 2 * margin)), round(h * (1 + 2 * margin))
    angle = np.deg2rad(how.rotation + (180 if how.upside_down else 0))
    centre = np.array([out_w / 2, out_h / 2])
    src = np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float32)
    rot = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    scale = 1 / (1 + margin)  # keep the turned page inside the bed
    dst = (src - [w / 2, h / 2]) @ rot.T * scale + centre
    dst += rng.uniform(-1, 1, (4, 2)) * how.perspective * w
    matrix = cv2.getPerspectiveTransform(src, dst.astype(np.float32))
    bed = int(rng.integers(200, 250))
    out = cv2.warpPerspective(img, matrix, (out_w, out_h), flags=cv2.INTER_LINEAR, borderValue=bed)
    if how.blur > 0:
        out = cv2.GaussianBlur(out, (0, 0), how.blur * s)
    if how.noise > 0:
        noise = rng.standard_normal(out.shape, dtype=np.float32) * np.float32(how.noise)
        out = np.clip(out + noise, 0, 255).astype(np.uint8)
    if how.colour:
        tint = rng.uniform(0.85, 1.0, 3)
        out = np.clip(out[:, :, None] * tint[None, None, :], 0, 255).astype(np.uint8)
    return out


def random_degrade(rng: np.random.Generator, *, mild: bool = False) -> Degrade:
    if mild:
        return Degrade(rotation=float(rng.uniform(-2, 2)), blur=0.05, noise=4.0, jpeg=85)
    return Degrade(
        rotation=float(rng.uniform(-10, 10)),
        upside_down=bool(rng.random() < 0.15),
        perspective=float(rng.uniform(0, 0.015)) if rng.random() < 0.4 else 0.0,
        blur=float(rng.uniform(0, 0.15)),
        noise=float(rng.uniform(0, 14)),
        colour=bool(rng.random() < 0.25),
        jpeg=int(rng.integers(55, 96)) if rng.random() < 0.8 else None,
    )


def write_image(path: Path, img: np.ndarray, jpeg: int | None) -> Path:
    if jpeg is None:
        path = path.with_suffix(".png")
        cv2.imwrite(str(path), img, [cv2.IMWRITE_PNG_COMPRESSION, 1])
    else:
        path = path.with_suffix(".jpg")
        cv2.imwrite(str(path), img, [cv2.IMWRITE_JPEG_QUALITY, jpeg])
    return path


def _one(args: tuple) -> dict:
    out_dir, layout, i, seed, dpi, mild, spoil_share, booklets, questions = args
    rng = np.random.default_rng([seed, i])
    sheet_dpi = dpi or int(rng.choice(DPIS, p=DPI_WEIGHTS))
    spoil = bool(rng.random() < spoil_share)
    img, truth = fill_sheet(layout, sheet_dpi, rng, spoil_id=spoil, booklets=booklets, questions=questions)
    how = random_degrade(rng, mild=mild)
    path = write_image(out_dir / f"sheet-{i:06d}", degrade(img, sheet_dpi, how, rng), how.jpeg)
    truth.update(file=path.name, dpi=sheet_dpi, degrade=how.__dict__)
    return truth


def generate(
    out_dir: Path,
    layout: Layout,
    *,
    count: int,
    seed: int,
    dpi: int | None = None,
    mild: bool = False,
    spoil_share: float = 0.08,
    start: int = 0,
    booklets: tuple[int, ...] = (),
    questions: int | None = None,
) -> list[dict]:
    """Write `count` sheets into out_dir (with every core) and return their truth (also written to truth.jsonl)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    args = [
        (out_dir, layout, i, seed, dpi, mild, spoil_share, booklets, questions) for i in range(start, start + count)
    ]
    if count < 8:
        truths = [_one(a) for a in args]
    else:
        with ProcessPoolExecutor(max_workers=os.cpu_count()) as pool:
            truths = list(pool.map(_one, args, chunksize=4))
    with (out_dir / "truth.jsonl").open("a") as fh:
        for truth in truths:
            fh.write(json.dumps(truth) + "\n")
    return truths


def page_size_px(dpi: int) -> tuple[int, int]:
    s = dpi / 25.4
    return round(PAGE_W * s), round(PAGE_H * s)
