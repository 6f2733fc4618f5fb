"""Question files in and out: Excel, GIFT, Moodle XML and QTI 2.1.

Every reader returns a `ParseResult` (questions + per-row errors) and never touches the database;
`edu.assessment.services.banks.question_import_commit` saves a clean result in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.utils.translation import gettext as _

from edu.assessment.models import QuestionKind


@dataclass
class ParsedChoice:
    text: str
    correct: bool


@dataclass
class ParsedQuestion:
    text: str
    choices: list[ParsedChoice]
    kind: str = QuestionKind.SINGLE
    difficulty: int = 2
    tags: str = ""
    language: str = "uz"
    points: Decimal = Decimal(1)
    explanation: str = ""
    external_id: str = ""
    where: str = ""
    image: tuple[str, bytes] | None = None  # (file name, content)


@dataclass
class RowError:
    where: str
    message: str


@dataclass
class ParseResult:
    questions: list[ParsedQuestion] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    def add(self, question: ParsedQuestion) -> None:
        problems = validate(question)
        if problems:
            self.errors.extend(RowError(question.where, p) for p in problems)
        self.questions.append(question)

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.questions)


def parse_points(value: object) -> Decimal:
    try:
        points = Decimal(str(value).replace(",", ".")) if value not in (None, "") else Decimal(1)
    except InvalidOperation:
        return Decimal(-1)
    return points


def validate(q: ParsedQuestion) -> list[str]:
    """The rules a question must meet to be imported; each broken rule is one message."""
    problems: list[str] = []
    if not q.text.strip():
        problems.append(_("The question text is empty."))
    choices = [c for c in q.choices if c.text.strip()]
    correct = sum(1 for c in choices if c.correct)
    if q.kind not in QuestionKind.values:
        problems.append(_("Unknown question type “%(kind)s”.") % {"kind": q.kind})
    elif q.kind == QuestionKind.TRUE_FALSE:
        if len(choices) != 2 or correct != 1:
            problems.append(_("A true/false question needs two answers, one of them correct."))
    else:
        if len(choices) < 2:
            problems.append(_("A question needs at least two answers."))
        if q.kind == QuestionKind.SINGLE and correct != 1:
            problems.append(
                _("A single-choice question needs exactly one correct answer (found %(n)d).") % {"n": correct}
            )
        if q.kind == QuestionKind.MULTIPLE and correct < 1:
            problems.append(_("Mark at least one correct answer."))
    if len(choices) > 10:
        problems.append(_("At most 10 answers per question."))
    if not 1 <= q.difficulty <= 5:
        problems.append(_("Difficulty must be from 1 to 5."))
    if q.language not in {code for code, _name in settings.LANGUAGES}:
        problems.append(_("Unknown language “%(language)s”; use uz, uz-cyrl, ru or en.") % {"language": q.language})
    if q.points <= 0:
        problems.append(_("Points must be a positive number."))
    return problems


FORMATS = {
    "xlsx": _("Excel (.xlsx)"),
    "gift": _("GIFT (.txt, .gift)"),
    "moodle": _("Moodle XML (.xml)"),
    "qti": _("QTI 2.1 (.xml or .zip)"),
}


def guess_format(filename: str, head: bytes) -> str | None:
    name = filename.lower()
    if name.endswith(".xlsx"):
        return "xlsx"
    if name.endswith((".gift", ".txt")):
        return "gift"
    if name.endswith(".zip"):
        return "qti"
    if name.endswith(".xml"):
        return "qti" if b"assessmentItem" in head or b"imsqti" in head else "moodle"
    return None


def parse(fmt: str, data: bytes) -> ParseResult:
    from edu.assessment.formats import excel, gift, moodle, qti

    readers = {"xlsx": excel.read, "gift": gift.read, "moodle": moodle.read, "qti": qti.read}
    return readers[fmt](data)
