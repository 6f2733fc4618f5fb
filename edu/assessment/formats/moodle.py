"""Moodle XML: <quiz><question type="multichoice|truefalse">…</question></quiz>."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterable
from xml.etree.ElementTree import Element, SubElement, tostring

from defusedxml import ElementTree as SafeET
from defusedxml.common import DefusedXmlException
from django.utils.translation import gettext as _

from edu.assessment.formats import ParsedChoice, ParsedQuestion, ParseResult, RowError, parse_points
from edu.assessment.models import Question, QuestionKind
from edu.assessment.richtext import clean, to_plain


def _text(node: Element | None, path: str = "text") -> str:
    if node is None:
        return ""
    found = node.find(path)
    return (found.text or "") if found is not None else ""


def _image(node: Element | None) -> tuple[str, bytes] | None:
    if node is None:
        return None
    for file in node.findall("file"):
        if file.get("encoding") == "base64" and file.text:
            try:
                return file.get("name") or "image.png", base64.b64decode(file.text)
            except (binascii.Error, ValueError):
                return None
    return None


def read(data: bytes) -> ParseResult:
    result = ParseResult()
    try:
        root = SafeET.fromstring(data)
    except (SafeET.ParseError, DefusedXmlException):
        result.errors.append(RowError("", _("This is not a well-formed XML file.")))
        return result
    if root.tag != "quiz":
        result.errors.append(RowError("", _("A Moodle XML file starts with <quiz>.")))
        return result
    for number, node in enumerate(root.findall("question"), start=1):
        qtype = node.get("type", "")
        where = _("question %(n)d") % {"n": number}
        if qtype == "category":
            continue
        if qtype not in {"multichoice", "truefalse"}:
            result.errors.append(
                RowError(
                    where,
                    _("Question type “%(kind)s” is not supported; use multiple choice or true/false.")
                    % {"kind": qtype},
                )
            )
            continue
        question_text = node.find("questiontext")
        choices = []
        for answer in node.findall("answer"):
            try:
                fraction = float(answer.get("fraction", "0"))
            except ValueError:
                fraction = 0.0
            choices.append(ParsedChoice(clean(_text(answer)), fraction > 0))
        if qtype == "truefalse":
            kind = QuestionKind.TRUE_FALSE
        else:
            single = _text(node, "single").strip().lower() in {"true", "1", ""}
            kind = QuestionKind.SINGLE if single else QuestionKind.MULTIPLE
        tags = ",".join(t.findtext("text", "") for t in node.findall("tags/tag"))
        result.add(
            ParsedQuestion(
                text=clean(_text(question_text)),
                choices=choices,
                kind=kind,
                tags=tags,
                points=parse_points(_text(node, "defaultgrade") or "1"),
                explanation=clean(_text(node.find("generalfeedback"))),
                external_id=_text(node.find("name")).strip()[:128],
                where=where,
                image=_image(question_text),
            )
        )
    if not result.questions and not result.errors:
        result.errors.append(RowError("", _("The file has no questions.")))
    return result


def write(questions: Iterable[Question]) -> bytes:
    quiz = Element("quiz")
    for q in questions:
        kind = q.kind
        node = SubElement(quiz, "question", type="truefalse" if kind == QuestionKind.TRUE_FALSE else "multichoice")
        SubElement(SubElement(node, "name"), "text").text = q.external_id or to_plain(q.text)[:60]
        qt = SubElement(node, "questiontext", format="html")
        SubElement(qt, "text").text = q.text
        if q.explanation:
            SubElement(SubElement(node, "generalfeedback", format="html"), "text").text = q.explanation
        SubElement(node, "defaultgrade").text = f"{q.points:g}"
        choices = list(q.choices.all())
        right = max(1, sum(c.is_correct for c in choices))
        if kind != QuestionKind.TRUE_FALSE:
            SubElement(node, "single").text = "true" if kind == QuestionKind.SINGLE else "false"
            SubElement(node, "shuffleanswers").text = "true"
        for c in choices:
            fraction = (100 / right if kind == QuestionKind.MULTIPLE else 100) if c.is_correct else 0
            answer = SubElement(node, "answer", fraction=f"{fraction:g}", format="html")
            SubElement(answer, "text").text = c.text
        if q.tags:
            tags = SubElement(node, "tags")
            for tag in q.tags.split(","):
                SubElement(SubElement(tags, "tag"), "text").text = tag.strip()
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + tostring(quiz, encoding="utf-8")
