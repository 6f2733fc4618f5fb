"""Paper variants from a blueprint: distinct draws, booklets in every language, correct answer keys (issue 7)."""

from __future__ import annotations

import io

import pypdfium2
import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from edu.assessment.models import Choice, PaperVariant, Question
from edu.assessment.services import paper
from edu.assessment.tests.factories import make_blueprint
from edu.assessment.tests.test_pages import act_as
from edu.core.errors import ApplicationError
from edu.org.roles import Role
from edu.org.tests.factories import RoleAssignmentFactory

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> str:
    document = pypdfium2.PdfDocument(data)
    return "\n".join(document[i].get_textpage().get_text_range() for i in range(len(document)))


@pytest.fixture
def staff():
    return RoleAssignmentFactory(role=Role.EXAM_CENTRE, faculty=None)


def test_variants_booklets_and_keys_through_the_pages(client, staff):
    blueprint = make_blueprint(staff.institution, sections=((12, 5), (12, 5)), title="Kirish testi")
    for question in Question.objects.filter(pool__sections__blueprint=blueprint):
        question.text = f"Ўзбекча савол {question.pk}? $x^2$"
        question.save()
    act_as(client, staff)
    response = client.post(reverse("assessment:paper_generate", args=[blueprint.pk]), {"count": 3, "first_number": 101})
    assert response.status_code == 302
    variants = list(PaperVariant.objects.filter(blueprint=blueprint))
    assert [v.number for v in variants] == [101, 102, 103]
    orders = {tuple(i["question"] for i in v.items) for v in variants}
    assert len(orders) > 1  # different draws or orders
    pdf = client.get(reverse("assessment:paper_booklet", args=[blueprint.pk, 102]), {"lang": "uz-cyrl"})
    assert pdf["Content-Type"] == "application/pdf"
    text = pdf_text(pdf.content)
    assert "Kirish testi" in text and "102" in text
    variant = variants[1]
    first = variant.items[0]["question"]
    assert f"1. Ўзбекча савол {first}? $x^2$" in text  # Cyrillic text and the formula as written
    with translation.override("uz-cyrl"):
        label = translation.gettext("Booklet number")
    assert label != "Booklet number" and label in text  # the booklet's own words in the chosen language
    # The key: the letter of the correct answer in the printed order
    keys = load_workbook(
        io.BytesIO(b"".join(client.get(reverse("assessment:paper_keys", args=[blueprint.pk])).streaming_content))
    )
    rows = list(keys.active.iter_rows(values_only=True))
    assert rows[0][:3] == ("Booklet", 1, 2) or rows[0][1:3] == (1, 2)
    for row, v in zip(rows[1:], variants, strict=True):
        assert row[0] == v.number
        for position, item in enumerate(v.items, start=1):
            correct = Choice.objects.get(question_id=item["question"], is_correct=True).pk
            assert row[position] == "ABCDE"[item["choices"].index(correct)]
    assert paper.variant_sections(variant)[1] == "Bo‘lim 1"


def test_multiple_choice_questions_cannot_go_on_paper(staff):
    blueprint = make_blueprint(staff.institution, sections=((5, 3),))
    Question.objects.filter(pool__sections__blueprint=blueprint).update(kind="multiple")
    with pytest.raises(ApplicationError):
        paper.paper_variants_generate(actor=None, blueprint=blueprint, count=2)


def test_other_institutions_booklets_are_404(client, staff):
    blueprint = make_blueprint(staff.institution)
    paper.paper_variants_generate(actor=None, blueprint=blueprint, count=1)
    stranger = RoleAssignmentFactory(role=Role.EXAM_CENTRE, faculty=None)
    act_as(client, stranger)
    assert client.get(reverse("assessment:paper_booklet", args=[blueprint.pk, 1])).status_code == 404
