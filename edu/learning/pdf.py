"""PDFs drawn with reportlab in DejaVu (Latin, Uzbek ‘ ’ and Cyrillic): the certificate and course handbooks."""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

import segno
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer

from edu.core.pdf import pdf_fonts
from edu.learning.models import Certificate

PRIMARY = colors.HexColor("#0b6e69")


def fonts() -> tuple[str, str]:
    """(regular, bold): DejaVu when installed, else reportlab's Helvetica (Latin only)."""
    return pdf_fonts()


def _qr(c: canvas.Canvas, text: str, x: float, y: float, size: float) -> None:
    """The QR code as vector squares (sharp at any zoom, no image library)."""
    qr = segno.make(text, error="m")
    rows = list(qr.matrix)
    border = 2
    n = len(rows) + 2 * border
    cell = size / n
    c.setFillColor(colors.white)
    c.rect(x, y, size, size, stroke=0, fill=1)
    c.setFillColor(colors.black)
    for r, row in enumerate(rows):
        for col, dark in enumerate(row):
            if dark:
                c.rect(x + (col + border) * cell, y + size - (r + border + 1) * cell, cell, cell, stroke=0, fill=1)


def certificate_pdf(certificate: Certificate, verify_url: str) -> bytes:
    regular, bold = fonts()
    buffer = io.BytesIO()
    width, height = landscape(A4)
    c = canvas.Canvas(buffer, pagesize=(width, height))
    c.setTitle(f"{_('Certificate')} {certificate.number}")
    c.setAuthor(settings.PLATFORM_NAME)
    c.setStrokeColor(PRIMARY)
    c.setLineWidth(3)
    c.rect(12 * mm, 12 * mm, width - 24 * mm, height - 24 * mm)
    c.setLineWidth(0.8)
    c.rect(16 * mm, 16 * mm, width - 32 * mm, height - 32 * mm)
    c.setFillColor(PRIMARY)
    c.setFont(bold, 14)
    c.drawCentredString(width / 2, height - 36 * mm, settings.PLATFORM_NAME.upper())
    c.setFont(bold, 30)
    c.drawCentredString(width / 2, height - 55 * mm, _("CERTIFICATE"))
    c.setFillColor(colors.black)
    c.setFont(regular, 13)
    c.drawCentredString(width / 2, height - 68 * mm, _("of completion of the training programme"))
    c.setFont(bold, 24)
    c.drawCentredString(width / 2, height - 88 * mm, certificate.full_name)
    c.setFont(regular, 13)
    c.drawCentredString(width / 2, height - 100 * mm, _("has completed the programme"))
    style = ParagraphStyle("p", fontName=bold, fontSize=15, leading=19, alignment=TA_CENTER)
    paragraph = Paragraph(escape(certificate.programme_title), style)
    _w, h = paragraph.wrap(width - 110 * mm, 40 * mm)
    paragraph.drawOn(c, 55 * mm, height - 108 * mm - h)
    c.setFont(regular, 13)
    issued = timezone.localtime(certificate.issued_at).strftime("%d.%m.%Y")
    lines = [
        f"{_('Final exam score')}: {certificate.percent:.2f}%",
        f"{_('Date of issue')}: {issued}",
        f"{_('Certificate number')}: {certificate.number}",
    ]
    y = 52 * mm
    for line in lines:
        c.drawString(30 * mm, y, line)
        y -= 8 * mm
    size = 42 * mm
    _qr(c, verify_url, width - 30 * mm - size, 26 * mm, size)
    c.setFont(regular, 8)
    c.drawRightString(width - 30 * mm, 22 * mm, _("Check this certificate: %(url)s") % {"url": verify_url})
    c.showPage()
    c.save()
    return buffer.getvalue()


def handbook_pdf(*, title: str, description: str, chapters: list[tuple[str, str]]) -> bytes:
    """A course handbook: the title page, then one chapter per lesson text (the demo's document lessons)."""
    regular, bold = fonts()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer, pagesize=A4, title=title, author=settings.PLATFORM_NAME, leftMargin=22 * mm, rightMargin=22 * mm
    )
    h1 = ParagraphStyle("h1", fontName=bold, fontSize=20, leading=25, textColor=PRIMARY, spaceAfter=12)
    h2 = ParagraphStyle("h2", fontName=bold, fontSize=14, leading=18, textColor=PRIMARY, spaceAfter=8)
    body = ParagraphStyle("body", fontName=regular, fontSize=11, leading=16, spaceAfter=8)
    story = [Paragraph(escape(title), h1), Paragraph(escape(description), body), PageBreak()]
    for heading, text in chapters:
        story.append(Paragraph(escape(heading), h2))
        for para in text.split("\n\n"):
            story.append(Paragraph(escape(para.replace("\n", " ")), body))
        story.append(Spacer(1, 6 * mm))
    doc.build(story)
    return buffer.getvalue()
