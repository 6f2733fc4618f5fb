"""Question files: every format reads, writes and round-trips; bad files explain themselves per row."""

from __future__ import annotations

import io
import zipfile

import pytest
from openpyxl import Workbook

from edu.assessment import formats
from edu.assessment.formats import excel, gift, moodle, qti
from edu.assessment.models import QuestionKind
from edu.assessment.services import banks
from edu.assessment.tests.factories import PoolFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """Row labels and messages are translated; these tests read them in English."""
    from django.utils import translation

    with translation.override("en"):
        yield


def test_excel_template_is_a_valid_import():
    result = excel.read(excel.template())
    assert result.ok, result.errors
    kinds = [q.kind for q in result.questions]
    assert kinds == [QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.TRUE_FALSE]
    assert [c.correct for c in result.questions[1].choices] == [True, False, True, False]
    assert "$S = \\pi r^2$" in result.questions[2].text


def _xlsx(rows):
    wb = Workbook()
    ws = wb.active
    ws.append(excel.COLUMNS)
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_excel_reports_every_bad_row():
    data = _xlsx(
        [
            ["single", "Good?", "Yes", "No", "", "", "", "", "A", 1, "", "uz", 1, ""],
            ["single", "", "Yes", "No", "", "", "", "", "A", 1, "", "uz", 1, ""],  # no text
            ["single", "Two right?", "Yes", "No", "", "", "", "", "A,B", 1, "", "uz", 1, ""],  # 2 correct
            ["essay", "What?", "a", "b", "", "", "", "", "A", 1, "", "uz", 1, ""],  # bad type
            ["single", "C empty?", "a", "b", "", "", "", "", "C", 1, "", "uz", 1, ""],  # correct is empty
            ["single", "Hard?", "a", "b", "", "", "", "", "A", 9, "", "xx", 0, ""],  # difficulty, lang, points
        ]
    )
    result = excel.read(data)
    rows = sorted({e.where for e in result.errors})
    assert rows == ["row 3", "row 4", "row 5", "row 6", "row 7"]
    assert len([e for e in result.errors if e.where == "row 7"]) == 3
    assert not result.ok


def test_not_an_excel_file():
    result = excel.read(b"PK\x03\x04 garbage")
    assert result.errors and not result.questions


GIFT = """// a comment
$CATEGORY: Geografiya

::Poytaxt:: O‘zbekistonning poytaxti? {=Toshkent ~Samarqand ~Buxoro#yo'q}

Yer Quyosh atrofida aylanadi. {T}

::Tub:: Qaysilari tub son? {~%50%2 ~%50%3 ~%-100%4}

Escaped \\{braces\\} and \\= sign {=a\\:b ~c}
"""


def test_gift_reads_choices_true_false_weights_and_escapes():
    result = gift.read(GIFT.encode())
    assert result.ok, result.errors
    q1, q2, q3, q4 = result.questions
    assert q1.external_id == "Poytaxt" and [c.correct for c in q1.choices] == [True, False, False]
    assert q2.kind == QuestionKind.TRUE_FALSE and q2.choices[0].correct
    assert q3.kind == QuestionKind.MULTIPLE and [c.correct for c in q3.choices] == [True, True, False]
    assert q4.text.startswith("Escaped {braces} and = sign")
    assert q4.choices[0].text == "a:b"


def test_gift_without_answers_is_an_error_with_its_line():
    result = gift.read(b"First {=a ~b}\n\nNo braces here\n")
    assert [(e.where, bool(e.message)) for e in result.errors] == [("line 3", True)]


MOODLE = """<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="category"><category><text>$course$/Test</text></category></question>
  <question type="multichoice">
    <name><text>Q1</text></name>
    <questiontext format="html"><text><![CDATA[<p>2 + 2 = <b>?</b><script>alert(1)</script></p>]]></text></questiontext>
    <defaultgrade>2</defaultgrade>
    <single>true</single>
    <answer fraction="100"><text>4</text></answer>
    <answer fraction="0"><text>5</text></answer>
  </question>
  <question type="truefalse">
    <name><text>Q2</text></name>
    <questiontext format="html"><text>The sky is green.</text></questiontext>
    <answer fraction="0"><text>true</text></answer>
    <answer fraction="100"><text>false</text></answer>
  </question>
  <question type="essay"><name><text>Q3</text></name><questiontext><text>Write</text></questiontext></question>
</quiz>"""


def test_moodle_xml_reads_supported_types_strips_scripts_and_reports_the_rest():
    result = moodle.read(MOODLE.encode())
    assert len(result.questions) == 2
    q1 = result.questions[0]
    assert "<script>" not in q1.text and "<b>?</b>" in q1.text
    assert str(q1.points) == "2"
    assert result.questions[1].kind == QuestionKind.TRUE_FALSE
    assert [e.where for e in result.errors] == ["question 4"]  # the essay


def test_xml_bombs_and_garbage_are_refused():
    bomb = b"""<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>
    <quiz>&lol2;</quiz>"""
    assert moodle.read(bomb).errors
    assert moodle.read(b"<quiz><question").errors
    assert qti.read(b"not xml at all").errors


QTI_ITEM = """<?xml version="1.0" encoding="UTF-8"?>
<assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p1" identifier="item1" title="Capital"
  adaptive="false" timeDependent="false" xml:lang="en">
  <responseDeclaration identifier="RESPONSE" cardinality="single" baseType="identifier">
    <correctResponse><value>B</value></correctResponse>
  </responseDeclaration>
  <itemBody>
    <p>Which city is the capital of Uzbekistan?</p>
    <choiceInteraction responseIdentifier="RESPONSE" shuffle="true" maxChoices="1">
      <simpleChoice identifier="A">Samarkand</simpleChoice>
      <simpleChoice identifier="B">Tashkent</simpleChoice>
      <simpleChoice identifier="C">Bukhara</simpleChoice>
    </choiceInteraction>
  </itemBody>
</assessmentItem>"""


def test_qti_item_and_zip_package():
    single = qti.read(QTI_ITEM.encode())
    assert single.ok, single.errors
    q = single.questions[0]
    assert "capital of Uzbekistan" in q.text and [c.correct for c in q.choices] == [False, True, False]
    assert q.language == "en"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("imsmanifest.xml", "<manifest/>")
        archive.writestr("items/a.xml", QTI_ITEM)
        archive.writestr("items/b.xml", QTI_ITEM.replace("item1", "item2"))
    packaged = qti.read(out.getvalue())
    assert packaged.ok and len(packaged.questions) == 2


@pytest.mark.parametrize("fmt", ["xlsx", "gift", "moodle", "qti"])
def test_export_then_import_gives_the_same_questions(fmt):
    pool = PoolFactory()
    from edu.accounts.tests.factories import UserFactory
    from edu.org.actor import Actor

    actor = Actor(user=UserFactory())
    source = excel.read(excel.template()).questions
    for parsed in source:
        banks._create_parsed(pool, parsed)
    content, _name, _type = banks.question_export(pool=pool, fmt=fmt)
    back = formats.parse(fmt, content)
    assert back.ok, back.errors
    assert len(back.questions) == 3
    for original, copy in zip(source, back.questions, strict=True):
        assert copy.text == original.text
        assert [c.correct for c in copy.choices] == [c.correct for c in original.choices]
        if original.kind == QuestionKind.TRUE_FALSE and fmt == "qti":
            assert copy.kind == QuestionKind.SINGLE  # QTI has no true/false type: a two-answer choice
        else:
            assert copy.kind == original.kind
        if not (original.kind == QuestionKind.TRUE_FALSE and fmt == "gift"):  # GIFT writes {T}/{F} only
            assert [c.text for c in copy.choices] == [c.text for c in original.choices]
    del actor
