"""GIFT (Moodle's plain-text format): multiple choice, true/false; categories and comments.

::Title:: Question text {=right ~wrong ~wrong#feedback}
Is the sky blue? {T}
Pick the primes {~%50%2 ~%50%3 ~%-100%4}
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.utils.translation import gettext as _

from edu.assessment.formats import ParsedChoice, ParsedQuestion, ParseResult, RowError
from edu.assessment.models import Question, QuestionKind
from edu.assessment.richtext import from_plain, to_plain

_ESCAPES = {"\\:": ":", "\\=": "=", "\\~": "~", "\\{": "{", "\\}": "}", "\\#": "#", "\\n": "\n"}
_PLACEHOLDER = "\x00{}\x00"


def _protect(text: str) -> tuple[str, list[str]]:
    kept: list[str] = []

    def keep(match: re.Match[str]) -> str:
        kept.append(_ESCAPES[match.group(0)])
        return _PLACEHOLDER.format(len(kept) - 1)

    return re.sub(r"\\[:=~{}#n]", keep, text), kept


def _restore(text: str, kept: list[str]) -> str:
    return re.sub(r"\x00(\d+)\x00", lambda m: kept[int(m.group(1))], text)


def _blocks(source: str) -> Iterable[tuple[int, str]]:
    """Questions are separated by blank lines; comment lines (//) are dropped."""
    block: list[str] = []
    start = 1
    for number, line in enumerate(source.splitlines(), start=1):
        if line.strip().startswith("//"):
            continue
        if not line.strip():
            if block:
                yield start, "\n".join(block)
                block = []
            continue
        if not block:
            start = number
        block.append(line)
    if block:
        yield start, "\n".join(block)


def read(data: bytes) -> ParseResult:
    result = ParseResult()
    try:
        source = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        result.errors.append(RowError("", _("The file must be UTF-8 text.")))
        return result
    protected, kept = _protect(source)
    for line, block in _blocks(protected):
        where = _("line %(n)d") % {"n": line}
        if block.strip().startswith("$CATEGORY"):
            continue
        match = re.fullmatch(r"\s*(?:::(.*?)::)?(.*?)\{(.*)\}(.*)", block, flags=re.S)
        if not match:
            result.errors.append(RowError(where, _("No answers in braces {…} found.")))
            continue
        title, before, answers, after = (part or "" for part in match.groups())
        text = _restore((before + " " + after).strip(), kept)
        body = answers.strip()
        format_tag = re.match(r"^\[(html|plain|markdown|moodle)\]", text)
        if format_tag:
            text = text[format_tag.end() :].strip()
        if body.upper() in {"T", "TRUE", "F", "FALSE"}:
            is_true = body.upper() in {"T", "TRUE"}
            result.add(
                ParsedQuestion(
                    text=from_plain(text),
                    kind=QuestionKind.TRUE_FALSE,
                    choices=[
                        ParsedChoice(from_plain(_("True")), is_true),
                        ParsedChoice(from_plain(_("False")), not is_true),
                    ],
                    external_id=_restore(title, kept).strip(),
                    where=where,
                )
            )
            continue
        parts = re.findall(r"([=~])\s*(%-?\d+(?:\.\d+)?%)?([^=~]*)", body)
        if not parts:
            result.errors.append(RowError(where, _("No answers in braces {…} found.")))
            continue
        choices: list[ParsedChoice] = []
        weighted = False
        for sign, weight, answer in parts:
            answer = answer.split("#", 1)[0]
            value = _restore(answer, kept).strip()
            if weight:
                weighted = True
                correct = float(weight.strip("%")) > 0
            else:
                correct = sign == "="
            choices.append(ParsedChoice(from_plain(value), correct))
        kind = QuestionKind.MULTIPLE if weighted or sum(c.correct for c in choices) > 1 else QuestionKind.SINGLE
        result.add(
            ParsedQuestion(
                text=from_plain(text),
                choices=choices,
                kind=kind,
                external_id=_restore(title, kept).strip(),
                where=where,
            )
        )
    if not result.questions and not result.errors:
        result.errors.append(RowError("", _("The file has no questions.")))
    return result


def _escape(text: str) -> str:
    return re.sub(r"([:=~{}#])", r"\\\1", to_plain(text)).replace("\n", "\\n")


def write(questions: Iterable[Question]) -> bytes:
    out: list[str] = []
    for q in questions:
        choices = list(q.choices.all())
        title = f"::{_escape(q.external_id or str(q.pk))}:: "
        text = _escape(q.text)
        if q.kind == QuestionKind.TRUE_FALSE:
            truth = next((i for i, c in enumerate(choices) if c.is_correct), 0) == 0
            out.append(f"{title}{text} {{{'T' if truth else 'F'}}}")
        elif q.kind == QuestionKind.MULTIPLE:
            right = max(1, sum(c.is_correct for c in choices))
            share = round(100 / right, 5)
            wrong = round(100 / max(1, len(choices) - right), 5)
            answers = " ".join(
                f"~%{share:g}%{_escape(c.text)}" if c.is_correct else f"~%-{wrong:g}%{_escape(c.text)}" for c in choices
            )
            out.append(f"{title}{text} {{{answers}}}")
        else:
            answers = " ".join(f"{'=' if c.is_correct else '~'}{_escape(c.text)}" for c in choices)
            out.append(f"{title}{text} {{{answers}}}")
    return ("\n\n".join(out) + "\n").encode()
