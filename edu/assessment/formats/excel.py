"""Excel: one question per row. The template (`template()`) has the columns and a help sheet."""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils.exceptions import InvalidFileException

from edu.assessment.formats import ParsedChoice, ParsedQuestion, ParseResult, RowError, parse_points
from edu.assessment.models import Question, QuestionKind
from edu.assessment.richtext import from_plain, to_plain

LETTERS = "ABCDEFGHIJ"
COLUMNS = [
    "type",
    "question",
    "A",
    "B",
    "C",
    "D",
    "E",
    "F",
    "correct",
    "difficulty",
    "tags",
    "language",
    "points",
    "explanation",
]
KINDS = {
    "single": QuestionKind.SINGLE,
    "multiple": QuestionKind.MULTIPLE,
    "truefalse": QuestionKind.TRUE_FALSE,
    "": QuestionKind.SINGLE,
}
MAX_ROWS = 20_000


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def read(data: bytes) -> ParseResult:
    result = ParseResult()
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, KeyError, OSError, ValueError, Exception):
        result.errors.append(RowError("", _("This is not an Excel (.xlsx) file.")))
        return result
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = [(_text(h) or "").lower() for h in next(rows, [])]
    index = {name: header.index(name.lower()) for name in COLUMNS if name.lower() in header}
    missing = [name for name in ("question", "A", "B", "correct") if name not in index]
    if missing:
        result.errors.append(
            RowError(
                _("row 1"), _("Missing columns: %(columns)s. Download the template.") % {"columns": ", ".join(missing)}
            )
        )
        return result
    for number, row in enumerate(rows, start=2):
        if number > MAX_ROWS:
            result.errors.append(RowError("", _("At most %(n)d rows per file.") % {"n": MAX_ROWS}))
            break
        cell = {name: _text(row[i]) if i < len(row) else "" for name, i in index.items()}
        if not any(cell.values()):
            continue
        where = _("row %(n)d") % {"n": number}
        kind = KINDS.get(cell.get("type", "").lower())
        if kind is None:
            result.errors.append(RowError(where, _("Unknown question type “%(kind)s”.") % {"kind": cell.get("type")}))
            continue
        correct_letters = {c.strip().upper() for c in cell.get("correct", "").replace(";", ",").split(",") if c.strip()}
        bad = correct_letters - set(LETTERS)
        if bad:
            result.errors.append(RowError(where, _("The correct answer must be letters A–F, e.g. “B” or “A,C”.")))
            continue
        choices = [
            ParsedChoice(from_plain(cell[letter]), letter in correct_letters)
            for letter in LETTERS[:6]
            if cell.get(letter)
        ]
        missing_correct = [letter for letter in correct_letters if not cell.get(letter)]
        if missing_correct:
            result.errors.append(
                RowError(
                    where,
                    _("Answer %(letter)s is marked correct but is empty.")
                    % {"letter": ", ".join(sorted(missing_correct))},
                )
            )
            continue
        try:
            difficulty = int(cell.get("difficulty") or 2)
        except ValueError:
            difficulty = 0
        result.add(
            ParsedQuestion(
                text=from_plain(cell["question"]),
                choices=choices,
                kind=kind,
                difficulty=difficulty,
                tags=cell.get("tags", ""),
                language=(cell.get("language") or "uz").lower(),
                points=parse_points(cell.get("points")),
                explanation=from_plain(cell.get("explanation", "")),
                where=where,
            )
        )
    return result


def write(questions: Iterable[Question]) -> bytes:
    """Questions (model instances with prefetched choices) → .xlsx in the template's layout."""
    workbook = Workbook()
    sheet: Any = workbook.active
    sheet.title = _("Questions")
    sheet.append(COLUMNS)
    for q in questions:
        choices = list(q.choices.all())
        letters = [LETTERS[i] for i, c in enumerate(choices[:6]) if c.is_correct]
        texts = [to_plain(c.text) for c in choices[:6]] + [""] * (6 - min(6, len(choices)))
        sheet.append(
            [
                q.kind,
                to_plain(q.text),
                *texts,
                ",".join(letters),
                q.difficulty,
                q.tags,
                q.language,
                float(q.points),
                to_plain(q.explanation),
            ]
        )
    _style(sheet)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def template() -> bytes:
    workbook = Workbook()
    sheet: Any = workbook.active
    sheet.title = _("Questions")
    sheet.append(COLUMNS)
    sheet.append(
        [
            "single",
            "O‘zbekiston Respublikasining poytaxti qaysi shahar?",
            "Samarqand",
            "Toshkent",
            "Buxoro",
            "Xiva",
            "",
            "",
            "B",
            1,
            "geografiya",
            "uz",
            1,
            "",
        ]
    )
    sheet.append(
        [
            "multiple",
            "Which of these are prime numbers?",
            "2",
            "4",
            "5",
            "9",
            "",
            "",
            "A,C",
            2,
            "math",
            "en",
            2,
            "4 = 2·2 and 9 = 3·3",
        ]
    )
    sheet.append(
        [
            "truefalse",
            "Формула площади круга: $S = \\pi r^2$",
            "Верно",
            "Неверно",
            "",
            "",
            "",
            "",
            "A",
            2,
            "",
            "ru",
            1,
            "",
        ]
    )
    _style(sheet)
    help_sheet = workbook.create_sheet(_("Help"))
    for line in [
        _("One question per row; the first row holds the column names — keep them."),
        _("type: single, multiple or truefalse (empty = single)."),
        _("question: the text; formulas in LaTeX between $…$, e.g. $\\frac{a}{b}$."),
        _("A–F: the answers (at least two)."),
        _("correct: the letter of the correct answer; for multiple choice, letters separated by commas (A,C)."),
        _("difficulty: 1 (easy) to 5 (hard); tags: comma-separated; language: uz, uz-cyrl, ru or en."),
        _("points: the question's weight (default 1); explanation: shown when answers are reviewed."),
        _("A file with any error imports nothing: fix the rows the preview lists and upload it again."),
    ]:
        help_sheet.append([line])
    help_sheet.column_dimensions["A"].width = 110
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _style(sheet: Any) -> None:
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="E3F3F1")
    sheet.freeze_panes = "A2"
    sheet.column_dimensions["B"].width = 60
    for letter in "CDEFGH":
        sheet.column_dimensions[letter].width = 22
