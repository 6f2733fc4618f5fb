"""A batch of scans → pages → read in a pool of processes (all cores) → rows in the database.

The upload is a ZIP (of images and/or PDFs), a multi-page PDF, a multi-page TIFF or one image. Workers open the file
themselves (only a path and a page go to them), read the sheet and send back the result and a small JPEG of the
straightened page for the review crops. A page that cannot be read becomes an "unreadable" row; the rest go on.
"""

from __future__ import annotations

import io
import multiprocessing
import os
import time
import zipfile
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageSequence

from edu.paper.omr import reader
from edu.paper.omr.layout import get_layout

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp"}
PDF_DPI = 200
POOL_FROM = 12  # fewer pages than this are read in the calling process
CHUNK = 16


class UploadError(Exception):
    """The upload as a whole is unusable (not a ZIP/PDF/image, or a corrupt archive)."""


@dataclass(frozen=True)
class Job:
    path: str  # the uploaded file on disk
    member: str  # the file inside a ZIP ("" for the upload itself)
    page: int  # page in a PDF / TIFF (0-based), -1 for a single image
    source: str  # a name for people: "scans.zip/a.pdf p. 3"


def _kind(name: str) -> str:
    suffix = Path(name.lower()).suffix
    if suffix == ".pdf":
        return "pdf"
    if suffix in {".tif", ".tiff"}:
        return "tiff"
    if suffix in IMAGE_SUFFIXES:
        return "image"
    return ""


def _page_count(data: bytes, kind: str) -> int:
    if kind == "pdf":
        import pypdfium2

        return len(pypdfium2.PdfDocument(data))
    if kind == "tiff":
        with Image.open(io.BytesIO(data)) as image:
            return getattr(image, "n_frames", 1)
    return 1


def _expand(path: str, member: str, data: bytes | Callable[[], bytes], label: str) -> list[Job]:
    kind = _kind(member or path)
    if kind == "image":  # one page; the worker decodes it (a broken one becomes an error row there)
        return [Job(path, member, -1, label)]
    try:
        count = _page_count(data() if callable(data) else data, kind)
    except Exception:  # a broken PDF/TIFF inside a ZIP: one unreadable row, reported
        return [Job(path, member, -2, label)]
    if count == 1 and kind != "pdf":
        return [Job(path, member, -1, label)]
    return [Job(path, member, p, f"{label} p. {p + 1}") for p in range(count)]


def plan(path: str, name: str) -> list[Job]:
    """The pages of an upload, checked up front; UploadError if the upload as a whole is unusable.

    A ZIP's directory is read here, and only its PDFs and TIFFs are opened (to count their pages): images are one
    page each, and a member that fails its checksum or does not decode becomes an error row in the worker."""
    if zipfile.is_zipfile(path):
        try:
            with zipfile.ZipFile(path) as archive:
                members = [
                    m
                    for m in archive.infolist()
                    if not m.is_dir() and not m.filename.startswith("__MACOSX") and _kind(m.filename)
                ]
                jobs: list[Job] = []
                for m in sorted(members, key=lambda m: m.filename):
                    jobs += _expand(path, m.filename, partial(archive.read, m), m.filename)
        except (zipfile.BadZipFile, OSError, EOFError) as exc:
            raise UploadError("corrupt archive") from exc
        if not jobs:
            raise UploadError("no scans in the archive")
        return jobs
    data = Path(path).read_bytes()
    kind = _kind(name)
    if name.lower().endswith(".zip"):
        raise UploadError("corrupt archive")
    if not kind:
        raise UploadError("unsupported file")
    try:
        count = _page_count(data, kind)
        if kind == "image":
            with Image.open(io.BytesIO(data)) as image:
                image.verify()
    except Exception as exc:
        raise UploadError("not a scan") from exc
    if kind == "image" or (count == 1 and kind == "tiff"):
        return [Job(path, "", -1, name)]
    return [Job(path, "", p, f"{name} p. {p + 1}") for p in range(count)]


_archive: tuple[tuple, zipfile.ZipFile] | None = None


def _member(path: str, member: str) -> bytes:
    """A file inside a ZIP; a worker keeps the last archive open (its directory is parsed once, not per page)."""
    global _archive
    stat = os.stat(path)
    key = (path, stat.st_ino, stat.st_mtime_ns, stat.st_size)
    if _archive is None or _archive[0] != key:
        _close_archive()
        _archive = (key, zipfile.ZipFile(path))
    return _archive[1].read(member)


def _close_archive() -> None:
    global _archive
    if _archive is not None:
        _archive[1].close()
        _archive = None


def _load(job: Job) -> np.ndarray:
    if job.page == -2:
        raise reader.SheetError("broken file")
    data = _member(job.path, job.member) if job.member else Path(job.path).read_bytes()
    kind = _kind(job.member or job.path)
    if kind == "pdf":
        import pypdfium2

        document = pypdfium2.PdfDocument(data)
        bitmap = document[job.page].render(scale=PDF_DPI / 72, grayscale=True)
        grey = np.asarray(bitmap.to_pil().convert("L"))
        return reader.fit_width(grey)
    if kind == "tiff" and job.page >= 0:
        with Image.open(io.BytesIO(data)) as image:
            frame = next(f for i, f in enumerate(ImageSequence.Iterator(image)) if i == job.page)
            return reader.fit_width(np.asarray(frame.convert("L")))
    return reader.load_grey(data)


def read_job(job: Job, layout_id: str) -> dict:
    """Read one page (runs in a worker): the reading as plain data, plus the straightened page as JPEG."""
    layout = get_layout(layout_id)
    started = time.process_time()
    try:
        result = reader.read_grey(_load(job), layout, keep_image=True)
    except reader.SheetError as exc:
        return {"source": job.source, "error": str(exc), "cpu": time.process_time() - started}
    except Exception as exc:  # a decoder crash on one page must not stop the batch
        return {"source": job.source, "error": f"unreadable: {type(exc).__name__}", "cpu": 0.0}
    assert result.canonical is not None
    ok, jpeg = cv2.imencode(".jpg", result.canonical[::2, ::2], [cv2.IMWRITE_JPEG_QUALITY, 80])
    return {
        "source": job.source,
        "error": "",
        "candidate_id": result.candidate_id,
        "booklet": result.booklet,
        "id_problem": result.id_problem,
        "booklet_problem": result.booklet_problem,
        "answers": result.answers,
        "flags": result.flags,
        "confidence": result.confidence,
        "jpeg": jpeg.tobytes() if ok else b"",
        "cpu": time.process_time() - started,  # for bench_omr
    }


def _read_job_star(args: tuple[Job, str]) -> dict:
    return read_job(*args)


def run(jobs: list[Job], layout_id: str, *, on_chunk: Callable[[list[dict]], None], workers: int | None = None) -> None:
    """Read every job, handing results to `on_chunk` in page order, CHUNK at a time."""
    workers = workers or os.cpu_count() or 1
    if len(jobs) < POOL_FROM or workers == 1:
        try:
            for start in range(0, len(jobs), CHUNK):
                on_chunk([read_job(j, layout_id) for j in jobs[start : start + CHUNK]])
        finally:
            _close_archive()
        return
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["edu.paper.pipeline"])
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        results = pool.map(_read_job_star, ((j, layout_id) for j in jobs), chunksize=4)
        for chunk in _chunks(results, CHUNK):
            on_chunk(chunk)


def _chunks(items: Iterator[dict], size: int) -> Iterator[list[dict]]:
    chunk: list[dict] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
