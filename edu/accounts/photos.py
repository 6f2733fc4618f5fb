"""Profile photos: only real JPEG/PNG/WebP images up to 5 MB, re-encoded without metadata."""

from __future__ import annotations

import io
import warnings
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from edu.core.errors import ApplicationError

ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP"}
MAX_PIXELS = 40_000_000


def photo_process(upload: Any) -> bytes:
    """Return the photo as a fresh JPEG, at most PHOTO_MAX_SIDE pixels a side.

    Re-encoding drops EXIF (location, camera) and anything smuggled in the file.
    """
    size = getattr(upload, "size", None)
    if size is not None and size > settings.PHOTO_MAX_BYTES:
        raise ApplicationError(_("The photo is larger than 5 MB."), field="photo")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            upload.seek(0)
            probe = Image.open(upload)
            if probe.format not in ALLOWED_FORMATS:
                raise ApplicationError(_("Upload a JPEG, PNG or WebP image."), field="photo")
            if probe.width * probe.height > MAX_PIXELS:
                raise ApplicationError(_("The image is too large."), field="photo")
            probe.verify()
            upload.seek(0)
            image: Image.Image = Image.open(upload)
            image.load()
    except ApplicationError:
        raise
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
    ):
        raise ApplicationError(_("This file is not an image we can read."), field="photo") from None

    image = ImageOps.exif_transpose(image)
    if image.mode in ("RGBA", "LA", "P"):
        image = image.convert("RGBA")
        background = Image.new("RGB", image.size, (255, 255, 255))
        background.paste(image, mask=image.getchannel("A"))
        image = background
    else:
        image = image.convert("RGB")
    side = settings.PHOTO_MAX_SIDE
    image.thumbnail((side, side), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85, optimize=True)
    return out.getvalue()
