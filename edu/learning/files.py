"""Serving lesson files to those allowed to see them, with HTTP Range (the video player seeks by ranges)."""

from __future__ import annotations

import re
from typing import Any

from django.http import FileResponse, HttpRequest, HttpResponse, StreamingHttpResponse

from edu.learning.media import content_type_for

RANGE_RE = re.compile(r"^bytes=(\d*)-(\d*)$")
CHUNK = 256 * 1024


def _chunks(handle: Any, start: int, length: int):  # type: ignore[no-untyped-def]
    handle.seek(start)
    remaining = length
    try:
        while remaining > 0:
            data = handle.read(min(CHUNK, remaining))
            if not data:
                break
            remaining -= len(data)
            yield data
    finally:
        handle.close()


def file_response(request: HttpRequest, field_file: Any, *, inline_name: str) -> HttpResponse | FileResponse:
    """The whole file, or the requested byte range (206); inline so the browser shows it."""
    content_type = content_type_for(field_file.name)
    size = field_file.size
    match = RANGE_RE.match(request.headers.get("Range", "").strip())
    response: Any
    if match and (match.group(1) or match.group(2)):
        first, last = match.group(1), match.group(2)
        if first:
            start = int(first)
            end = min(int(last), size - 1) if last else size - 1
        else:  # the last N bytes
            start = max(0, size - int(last))
            end = size - 1
        if start >= size or start > end:
            response = HttpResponse(status=416)
            response["Content-Range"] = f"bytes */{size}"
            return response
        length = end - start + 1
        response = StreamingHttpResponse(
            _chunks(field_file.open("rb"), start, length), status=206, content_type=content_type
        )
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
        response["Content-Length"] = str(length)
    else:
        response = FileResponse(field_file.open("rb"), content_type=content_type)
        response["Content-Length"] = str(size)
    response["Accept-Ranges"] = "bytes"
    response["Content-Disposition"] = f'inline; filename="{inline_name}"'
    response["Cache-Control"] = "private, max-age=3600"
    # Shown inside our own lesson page (an <iframe> for PDFs): allow framing by this site only.
    response["X-Frame-Options"] = "SAMEORIGIN"
    response["Content-Security-Policy"] = "frame-ancestors 'self'"
    return response
