"""PDF rendering of issued documents (reportlab), with the verification QR code (segno)."""

from __future__ import annotations

import io

import segno
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Image, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from edu.core.pdf import pdf_fonts
from edu.university.models import DocumentKind, IssuedDocument


def _qr(url: str) -> Image:
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=4, border=1)
    buffer.seek(0)
    return Image(buffer, width=32 * mm, height=32 * mm)


def document_pdf(document: IssuedDocument, *, verify_url: str) -> bytes:
    regular, bold = pdf_fonts()
    base = ParagraphStyle("base", fontName=regular, fontSize=10.5, leading=14)
    title = ParagraphStyle("title", parent=base, fontName=bold, fontSize=15, leading=19, alignment=1)
    small = ParagraphStyle("small", parent=base, fontSize=8.5, leading=11, textColor=colors.HexColor("#5b6775"))
    data = document.data
    out = io.BytesIO()
    pdf = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=16 * mm,
        bottomMargin=16 * mm,
        title=document.get_kind_display(),
    )
    story: list = [
        Paragraph(data["institution"], ParagraphStyle("inst", parent=base, alignment=1, fontName=bold)),
        Spacer(1, 6 * mm),
        Paragraph(str(document.get_kind_display()).upper(), title),
        Paragraph(
            _("No. %(number)s of %(date)s") % {"number": document.number, "date": data["issued"]},
            ParagraphStyle("num", parent=base, alignment=1),
        ),
        Spacer(1, 6 * mm),
    ]
    facts = [
        (_("Full name"), data["full_name"]),
        (_("Date of birth"), data["birth_date"]),
        (_("Student ID"), data["student_id_number"]),
        (_("Faculty"), data["faculty"]),
        (_("Specialty"), data["specialty"]),
        (_("Course"), data["level"]),
        (_("Group"), data["group"]),
        (_("Form of study"), data["education_form"]),
        (_("Education type"), data["education_type"]),
        (_("Payment form"), data["payment_form"]),
        (_("Year of entry"), str(data["year_of_enter"])),
        (_("Status"), data["status"]),
    ]
    table = Table([[Paragraph(k, small), Paragraph(str(v), base)] for k, v in facts], colWidths=[48 * mm, 126 * mm])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]))
    story.append(table)
    if document.kind == DocumentKind.REFERENCE:
        story += [
            Spacer(1, 6 * mm),
            Paragraph(
                _("This reference certifies that the person named above studies at %(institution)s.")
                % {"institution": data["institution"]},
                base,
            ),
        ]
    else:
        header = [_("Semester"), _("Subject"), _("Credits"), _("Points"), _("Grade")]
        rows = [[Paragraph(h, small) for h in header]] + [
            [str(r["semester"]), Paragraph(r["subject"], base), r["credit"], r["total"], str(r["grade"])]
            for r in data.get("records", [])
        ]
        grid = Table(rows, colWidths=[20 * mm, 94 * mm, 20 * mm, 20 * mm, 20 * mm], repeatRows=1)
        grid.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), regular),
                    ("FONTSIZE", (0, 0), (-1, -1), 9.5),
                    ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#b8c2cc")),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#f0f3f7")),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ]
            )
        )
        summary = data.get("summary", {})
        story += [
            Spacer(1, 6 * mm),
            grid,
            Spacer(1, 4 * mm),
            Paragraph(
                _("GPA: %(gpa)s · credits: %(credits)s · academic debts: %(debts)s")
                % {
                    "gpa": summary.get("gpa", ""),
                    "credits": summary.get("credits", ""),
                    "debts": summary.get("debts", 0),
                },
                ParagraphStyle("sum", parent=base, fontName=bold),
            ),
        ]
    verify = Table(
        [
            [
                _qr(verify_url),
                Paragraph(_("Scan the code or open %(url)s to check this document.") % {"url": verify_url}, small),
            ]
        ],
        colWidths=[36 * mm, 138 * mm],
    )
    verify.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    story += [Spacer(1, 10 * mm), verify]
    pdf.build(story)
    return out.getvalue()
