"""Paper exams from a blueprint: K variants (booklets), their PDFs and answer keys (T3, T6).

The same blueprint that drives an online attempt prints booklets: every variant is its own draw and order of
questions and choices; its answer key lists the letter of the correct choice for each printed position.
"""

from __future__ import annotations

import html
import io
import re
import secrets
from typing import Any

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Image,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from edu.assessment.models import Blueprint, Choice, PaperVariant, Question
from edu.assessment.services.attempts import blueprint_plan, blueprint_plan_problems
from edu.core.errors import ApplicationError
from edu.core.pdf import pdf_fonts
from edu.journal.services import journal_record

LETTERS = "ABCDE"
MAX_VARIANTS = 200


@transaction.atomic
def paper_variants_generate(
    *, actor: object, blueprint: Blueprint, count: int, first_number: int = 1
) -> list[PaperVariant]:
    """Replace the blueprint's variants with `count` new ones, numbered from `first_number`."""
    if not 1 <= count <= MAX_VARIANTS:
        raise ApplicationError(_("Make from 1 to %(n)d variants.") % {"n": MAX_VARIANTS}, field="count")
    problems = blueprint_plan_problems(blueprint)
    if problems:
        raise ApplicationError(" ".join(problems))
    plan = blueprint_plan(blueprint)
    question_ids = {q for s in plan.sections for q in s.candidates}
    if plan.multiple & question_ids:
        raise ApplicationError(_("Paper tests take single-choice questions only (one bubble per question)."))
    too_many = [q for q in question_ids if len(plan.choices.get(q, ())) > len(LETTERS)]
    if too_many:
        raise ApplicationError(
            _("A paper question may have at most 5 answers (A–E); %(n)d questions have more.") % {"n": len(too_many)}
        )
    rng = secrets.SystemRandom()
    blueprint.paper_variants.all().delete()
    variants = []
    for offset in range(count):
        items = []
        for index, section in enumerate(plan.sections):
            ids = list(section.candidates) if section.fixed else rng.sample(section.candidates, k=section.draw)
            if blueprint.shuffle_questions:
                rng.shuffle(ids)
            for qid in ids:
                order = list(plan.choices[qid])
                if blueprint.shuffle_choices:
                    rng.shuffle(order)
                items.append({"question": qid, "choices": order, "section": index})
        variants.append(
            PaperVariant(
                blueprint=blueprint,
                number=first_number + offset,
                items=items,
                sections=[s.title for s in plan.sections],
            )
        )
    created = PaperVariant.objects.bulk_create(variants)
    journal_record(
        action="create",
        instance=blueprint,
        before=None,
        after={"paper_variants": count, "first_number": first_number},
        actor=actor,
        institution_id=blueprint.institution_id,
    )
    return created


def variant_key(variant: PaperVariant) -> dict[int, str]:
    """{printed position (1-based): letter of the correct answer}."""
    correct = dict(
        Choice.objects.filter(question_id__in=[i["question"] for i in variant.items], is_correct=True).values_list(
            "question_id", "id"
        )
    )
    return {
        position: LETTERS[item["choices"].index(correct[item["question"]])]
        for position, item in enumerate(variant.items, start=1)
    }


def variant_sections(variant: PaperVariant) -> dict[int, str]:
    """{printed position: section title}, for scores per section."""
    return {position: variant.sections[item["section"]] for position, item in enumerate(variant.items, start=1)}


# --- PDFs -----------------------------------------------------------------------------------------

_ALLOWED = {"b", "i", "u", "sub", "sup", "br"}


def _para_markup(text: str) -> str:
    """Cleaned question HTML → reportlab's paragraph markup (formulas stay as written in $…$)."""
    text = re.sub(r"</p>\s*<p>", "<br/>", text or "")
    text = re.sub(r"<(strong)>", "<b>", text).replace("</strong>", "</b>")
    text = re.sub(r"<(em)>", "<i>", text).replace("</em>", "</i>")
    text = re.sub(r"<br\s*/?>", "<br/>", text)
    text = re.sub(r"</?(\w+)[^>]*>", lambda m: m.group(0) if m.group(1) in _ALLOWED else "", text)
    return text.replace("\n", "<br/>")


def booklet_pdf(variant: PaperVariant, *, language: str = "uz") -> bytes:
    """The printed booklet of one variant: a cover with the rules, then the numbered questions."""
    regular, bold = pdf_fonts()
    base = ParagraphStyle("q", fontName=regular, fontSize=10.5, leading=14)
    title = ParagraphStyle("t", parent=base, fontName=bold, fontSize=16, leading=20, alignment=TA_CENTER)
    big = ParagraphStyle("b", parent=base, fontName=bold, fontSize=30, leading=36, alignment=TA_CENTER)
    questions = Question.objects.in_bulk([i["question"] for i in variant.items])
    choices = Choice.objects.in_bulk([c for i in variant.items for c in i["choices"]])
    blueprint = variant.blueprint
    with translation.override(language):
        rules = [
            _("Check the booklet: every page must be printed, none missing or torn. Ask for a new one if not."),
            _("Copy the booklet number onto the answer sheet, with your full name, and fill in its bubbles."),
            _("Each question has one correct answer. Fill in exactly one bubble for it on the answer sheet."),
            _("Two or more bubbles, a partly filled bubble or none gives no point. Marks cannot be changed."),
            _("You may use this booklet as a draft. Only the answer sheet is scored."),
        ]
        story: list = [
            Spacer(1, 20 * mm),
            Paragraph(html.escape(blueprint.title), title),
            Spacer(1, 8 * mm),
            Paragraph(_("Booklet number"), ParagraphStyle("c", parent=base, alignment=TA_CENTER)),
            Paragraph(str(variant.number), big),
            Spacer(1, 6 * mm),
            Paragraph(
                _("%(n)d questions · %(m)d minutes") % {"n": len(variant.items), "m": blueprint.effective_time_limit()},
                ParagraphStyle("c2", parent=base, alignment=TA_CENTER),
            ),
            Spacer(1, 12 * mm),
        ]
        story += [Paragraph(f"{n}. {html.escape(rule)}", base) for n, rule in enumerate(rules, start=1)]
        story.append(PageBreak())
        current_section = None
        for position, item in enumerate(variant.items, start=1):
            if item["section"] != current_section and len(variant.sections) > 1:
                current_section = item["section"]
                story.append(
                    Paragraph(
                        html.escape(variant.sections[current_section]),
                        ParagraphStyle("h", parent=base, fontName=bold, fontSize=12, spaceBefore=8, spaceAfter=4),
                    )
                )
            question = questions[item["question"]]
            block: list = [Paragraph(f"<b>{position}.</b> {_para_markup(question.text)}", base)]
            if question.image:
                try:
                    image = Image(question.image.path)
                    scale = min(1.0, (110 * mm) / image.drawWidth, (60 * mm) / image.drawHeight)
                    image.drawWidth *= scale
                    image.drawHeight *= scale
                    block.append(image)
                except (OSError, ValueError, NotImplementedError):
                    pass
            rows = [
                [Paragraph(f"<b>{LETTERS[i]})</b>", base), Paragraph(_para_markup(choices[cid].text), base)]
                for i, cid in enumerate(item["choices"])
            ]
            table = Table(rows, colWidths=[9 * mm, 160 * mm])
            table.setStyle(
                TableStyle(
                    [
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                        ("LEFTPADDING", (0, 0), (-1, -1), 2),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                        ("TOPPADDING", (0, 0), (-1, -1), 1),
                    ]
                )
            )
            block += [table, Spacer(1, 4 * mm)]
            story.append(KeepTogether(block))
        footer_text = _("Booklet %(number)s · page %(page)s")

    def footer(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(regular, 8)
        canvas.drawCentredString(A4[0] / 2, 10 * mm, footer_text % {"number": variant.number, "page": doc.page})
        canvas.restoreState()

    out = io.BytesIO()
    document = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=16 * mm,
        bottomMargin=18 * mm,
        title=f"{blueprint.title} — {variant.number}",
    )
    document.build(story, onFirstPage=footer, onLaterPages=footer)
    return out.getvalue()


def answer_keys_table(blueprint: Blueprint) -> tuple[list[Any], list[list[Any]]]:
    """A row per booklet, a column per question, the correct letter in each cell (for edu/core/xlsx.py)."""
    variants = list(blueprint.paper_variants.all())
    width = max((len(v.items) for v in variants), default=0)
    rows = []
    for variant in variants:
        key = variant_key(variant)
        rows.append([variant.number, *(key[p] for p in range(1, len(variant.items) + 1))])
    return [_("Booklet"), *range(1, width + 1)], rows
