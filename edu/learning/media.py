"""Checking uploaded lesson files: type by content (not by name), size, video length, PDF pages."""

from __future__ import annotations

import contextlib
import json
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from edu.core.errors import ApplicationError

VIDEO_TYPES = {".mp4": "video/mp4", ".webm": "video/webm"}
DOCUMENT_TYPES = {".pdf": "application/pdf"}


def content_type_for(name: str) -> str:
    suffix = Path(name).suffix.lower()
    return {**VIDEO_TYPES, **DOCUMENT_TYPES}.get(suffix, "application/octet-stream")


def _head(upload: Any, n: int = 16) -> bytes:
    upload.seek(0)
    head = upload.read(n)
    upload.seek(0)
    return bytes(head)


@contextlib.contextmanager
def local_path(upload: Any) -> Iterator[str]:
    """A path on disk holding the upload (large uploads already are; small ones are written out)."""
    path = getattr(upload, "temporary_file_path", None)
    if path is not None:
        yield path()
        return
    suffix = Path(getattr(upload, "name", "") or "").suffix
    with tempfile.NamedTemporaryFile(suffix=suffix) as handle:
        upload.seek(0)
        shutil.copyfileobj(upload, handle)
        handle.flush()
        upload.seek(0)
        yield handle.name


def check_video(upload: Any) -> None:
    suffix = Path(upload.name).suffix.lower()
    head = _head(upload)
    is_webm = head.startswith(b"\x1a\x45\xdf\xa3")
    is_mp4 = head[4:8] == b"ftyp"
    if suffix not in VIDEO_TYPES or not (is_webm or is_mp4) or (suffix == ".webm") != is_webm:
        raise ApplicationError(_("Upload a video in MP4 or WebM format."), field="file")
    limit = settings.LEARNING_VIDEO_MAX_MB
    if upload.size > limit * 1024 * 1024:
        raise ApplicationError(_("The video is larger than %(n)d MB.") % {"n": limit}, field="file")


def check_document(upload: Any) -> None:
    if Path(upload.name).suffix.lower() != ".pdf" or not _head(upload).startswith(b"%PDF-"):
        raise ApplicationError(_("Upload a PDF document."), field="file")
    limit = settings.LEARNING_DOCUMENT_MAX_MB
    if upload.size > limit * 1024 * 1024:
        raise ApplicationError(_("The document is larger than %(n)d MB.") % {"n": limit}, field="file")


def video_duration(path: str) -> int | None:
    """Whole seconds, measured by ffprobe; None when ffprobe is missing or cannot read the file."""
    ffprobe = shutil.which("ffprobe")
    if ffprobe is None:
        return None
    try:
        result = subprocess.run(  # noqa: S603 - fixed program, the path is ours
            [ffprobe, "-v", "error", "-show_entries", "format=duration", "-of", "json", path],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        value = float(json.loads(result.stdout or "{}").get("format", {}).get("duration", "nan"))
    except (OSError, ValueError, subprocess.SubprocessError):
        return None
    if value != value or value <= 0:  # NaN or nothing
        return None
    return int(value)


def pdf_page_count(path: str) -> int:
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(path)
    except Exception:
        raise ApplicationError(_("The PDF document cannot be read."), field="file") from None
    try:
        return len(document)
    finally:
        document.close()
