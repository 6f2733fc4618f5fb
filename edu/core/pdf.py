"""The PDF font: DejaVu Sans from Debian's fonts-dejavu-core (Uzbek Latin o‘ g‘, Cyrillic and Russian in one face).

Registered once with reportlab as "DejaVu" / "DejaVu-Bold" (with <b> mapped to the bold face). Without the Debian
package the documents fall back to Helvetica, which has no Cyrillic; `make install` notes it.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from django.conf import settings
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_DIRS = ["/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/local/share/fonts"]


def font_file(bold: bool = False) -> Path | None:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    folders = [getattr(settings, "PDF_FONT_DIR", ""), *FONT_DIRS]
    for folder in filter(None, folders):
        path = Path(folder) / name
        if path.exists():
            return path
    return None


@lru_cache(maxsize=1)
def pdf_fonts() -> tuple[str, str]:
    """(regular, bold) font names to use in reportlab styles."""
    regular, bold = font_file(), font_file(bold=True)
    if regular is None or bold is None:
        return "Helvetica", "Helvetica-Bold"
    pdfmetrics.registerFont(TTFont("DejaVu", str(regular)))
    pdfmetrics.registerFont(TTFont("DejaVu-Bold", str(bold)))
    pdfmetrics.registerFontFamily(
        "DejaVu", normal="DejaVu", bold="DejaVu-Bold", italic="DejaVu", boldItalic="DejaVu-Bold"
    )
    return "DejaVu", "DejaVu-Bold"
