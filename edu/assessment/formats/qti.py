"""IMS QTI 2.1: assessmentItem with a choiceInteraction, as one XML file or a ZIP of items (with a manifest)."""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections.abc import Iterable
from xml.etree.ElementTree import Element, SubElement, tostring

from defusedxml import ElementTree as SafeET
from defusedxml.common import DefusedXmlException
from django.utils.translation import gettext as _

from edu.assessment.formats import ParsedChoice, ParsedQuestion, ParseResult, RowError
from edu.assessment.models import Question, QuestionKind
from edu.assessment.richtext import clean

NS = "http://www.imsglobal.org/xsd/imsqti_v2p1"
MAX_ZIP_MEMBERS = 5000
MAX_UNZIPPED = 200 * 1024 * 1024


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _find_all(node: Element, name: str) -> list[Element]:
    return [e for e in node.iter() if _local(e.tag) == name]


def _inner_html(node: Element) -> str:
    """The node's mixed content as HTML without namespaces (cleaned later)."""
    raw = (node.text or "") + "".join(
        re.sub(r"\s?xmlns(:\w+)?=\"[^\"]*\"", "", tostring(child, encoding="unicode")) for child in node
    )
    return re.sub(r"<(/?)\w+:", r"<\1", raw)


def _item(root: Element, where: str, files: dict[str, bytes], base: str) -> ParsedQuestion | RowError:
    interactions = _find_all(root, "choiceInteraction")
    if len(interactions) != 1:
        return RowError(where, _("Only items with one choiceInteraction are supported."))
    interaction = interactions[0]
    correct = {v.text.strip() for v in _find_all(root, "value") if v.text and _in_correct_response(root, v)}
    choices = [
        ParsedChoice(clean(_inner_html(choice)), choice.get("identifier") in correct)
        for choice in _find_all(interaction, "simpleChoice")
    ]
    max_choices = interaction.get("maxChoices", "1")
    kind = QuestionKind.SINGLE if max_choices == "1" else QuestionKind.MULTIPLE
    body = next(iter(_find_all(root, "itemBody")), None)
    prompt = "".join(_inner_html(p) for p in _find_all(interaction, "prompt"))
    text = prompt
    image = None
    if body is not None:
        parts = []
        for child in body:
            if _local(child.tag) == "choiceInteraction":
                continue
            parts.append(re.sub(r"<(/?)\w+:", r"<\1", tostring(child, encoding="unicode")))
            for img in _find_all(child, "img"):
                path = posixpath.normpath(posixpath.join(base, img.get("src", "")))
                if path in files and image is None:
                    image = (posixpath.basename(path), files[path])
        text = "".join(parts) + prompt
    return ParsedQuestion(
        text=clean(re.sub(r"\s?xmlns(:\w+)?=\"[^\"]*\"", "", text)),
        choices=choices,
        kind=kind,
        language=(root.get("{http://www.w3.org/XML/1998/namespace}lang") or "uz").lower()[:8],
        external_id=(root.get("identifier") or "")[:128],
        where=where,
        image=image,
    )


def _in_correct_response(root: Element, value: Element) -> bool:
    return any(value in list(declaration.iter()) for declaration in _find_all(root, "correctResponse"))


def read(data: bytes) -> ParseResult:
    result = ParseResult()
    documents: list[tuple[str, bytes]] = []
    files: dict[str, bytes] = {}
    if data[:2] == b"PK":
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
            members = archive.infolist()
            if len(members) > MAX_ZIP_MEMBERS or sum(m.file_size for m in members) > MAX_UNZIPPED:
                result.errors.append(RowError("", _("The archive is too large.")))
                return result
            for member in members:
                if member.is_dir():
                    continue
                content = archive.read(member)
                files[member.filename] = content
                if member.filename.lower().endswith(".xml") and b"assessmentItem" in content[:4000]:
                    documents.append((member.filename, content))
        except (zipfile.BadZipFile, OSError):
            result.errors.append(RowError("", _("The ZIP archive is damaged.")))
            return result
    else:
        documents.append(("", data))
    for name, content in documents:
        try:
            root = SafeET.fromstring(content)
        except (SafeET.ParseError, DefusedXmlException):
            result.errors.append(RowError(name, _("This is not a well-formed XML file.")))
            continue
        items = [root] if _local(root.tag) == "assessmentItem" else _find_all(root, "assessmentItem")
        for number, item in enumerate(items, start=1):
            where = f"{name} #{number}" if name else _("item %(n)d") % {"n": number}
            parsed = _item(item, where, files, posixpath.dirname(name))
            if isinstance(parsed, RowError):
                result.errors.append(parsed)
            else:
                result.add(parsed)
    if not result.questions and not result.errors:
        result.errors.append(RowError("", _("The file has no questions.")))
    return result


def _item_xml(q: Question) -> bytes:
    identifier = f"q{q.pk}"
    root = Element(
        "assessmentItem",
        {
            "xmlns": NS,
            "identifier": identifier,
            "title": identifier,
            "adaptive": "false",
            "timeDependent": "false",
            "xml:lang": q.language,
        },
    )
    choices = list(q.choices.all())
    multiple = q.kind == QuestionKind.MULTIPLE
    declaration = SubElement(
        root,
        "responseDeclaration",
        identifier="RESPONSE",
        cardinality="multiple" if multiple else "single",
        baseType="identifier",
    )
    correct = SubElement(declaration, "correctResponse")
    for i, c in enumerate(choices):
        if c.is_correct:
            SubElement(correct, "value").text = f"C{i + 1}"
    outcome = SubElement(root, "outcomeDeclaration", identifier="SCORE", cardinality="single", baseType="float")
    SubElement(SubElement(outcome, "defaultValue"), "value").text = "0"
    body = SubElement(root, "itemBody")
    SubElement(body, "div").text = "\x00TEXT\x00"
    interaction = SubElement(
        body, "choiceInteraction", responseIdentifier="RESPONSE", shuffle="true", maxChoices="0" if multiple else "1"
    )
    for i in range(len(choices)):
        SubElement(interaction, "simpleChoice", identifier=f"C{i + 1}").text = f"\x00C{i}\x00"
    SubElement(
        root, "responseProcessing", template="http://www.imsglobal.org/question/qti_v2p1/rptemplates/match_correct"
    )
    xml = tostring(root, encoding="unicode")
    xml = xml.replace("\x00TEXT\x00", _xhtml(q.text))
    for i, c in enumerate(choices):
        xml = xml.replace(f"\x00C{i}\x00", _xhtml(c.text))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + xml).encode()


def _xhtml(text: str) -> str:
    """Cleaned HTML is already well-formed except for <br>."""
    return re.sub(r"<br\s*>", "<br/>", text)


def write(questions: Iterable[Question]) -> bytes:
    """A ZIP: one assessmentItem per question and an imsmanifest.xml listing them."""
    out = io.BytesIO()
    manifest_items = []
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for q in questions:
            name = f"items/q{q.pk}.xml"
            archive.writestr(name, _item_xml(q))
            manifest_items.append(name)
        resources = "".join(
            f'<resource identifier="r{i}" type="imsqti_item_xmlv2p1" href="{n}"><file href="{n}"/></resource>'
            for i, n in enumerate(manifest_items)
        )
        archive.writestr(
            "imsmanifest.xml",
            (
                '<?xml version="1.0" encoding="UTF-8"?>'
                '<manifest xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" identifier="bilim-export">'
                f"<organizations/><resources>{resources}</resources></manifest>"
            ),
        )
    return out.getvalue()
