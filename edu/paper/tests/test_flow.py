"""Paper exams through the pages: sheets, a batch of scans, the review queue, T7 scores, results (issue 7)."""

from __future__ import annotations

import io
import json
import zipfile

import cv2
import numpy as np
import pypdfium2
import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from edu.assessment.services.paper import paper_variants_generate, variant_key
from edu.assessment.tests.factories import make_blueprint
from edu.assessment.tests.test_pages import act_as
from edu.journal.models import JournalEntry
from edu.org.roles import Role
from edu.org.tests.factories import RoleAssignmentFactory
from edu.paper import pipeline
from edu.paper.models import Batch, PaperExam, ReviewItem, SheetResult
from edu.paper.omr import reader
from edu.paper.omr.layout import LETTERS, get_layout
from edu.paper.omr.sheet import sheet_pdf
from edu.paper.tests.sheets import jpeg, make_sheet

pytestmark = pytest.mark.django_db
LAYOUT = get_layout("a4-5")


@pytest.fixture
def staff():
    return RoleAssignmentFactory(role=Role.EXAM_CENTRE, faculty=None)


@pytest.fixture
def exam(staff):
    blueprint = make_blueprint(staff.institution, sections=((6, 6), (4, 4)), title="Kirish testi")
    paper_variants_generate(actor=None, blueprint=blueprint, count=2, first_number=1)
    return PaperExam.objects.create(institution=staff.institution, blueprint=blueprint, title="Kirish 2026")


def key_marks(key: dict[int, str]) -> dict[int, list[tuple[int, str]]]:
    return {q: [(LETTERS.index(letter), "fill")] for q, letter in key.items()}


def zip_of(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, data in files.items():
            z.writestr(name, data)
    return out.getvalue()


def test_blueprint_to_pdf_to_scan_to_the_same_answers(client, staff, exam):
    """Round trip: the printed PDF sheet, filled with the key, rasterised → OMR reads back the key."""
    variant = exam.blueprint.paper_variants.get(number=2)
    key = variant_key(variant)
    centres = [LAYOUT.answer_bubble(q, LETTERS.index(letter)) for q, letter in key.items()]
    centres += [LAYOUT.id_bubble(d, int(ch)) for d, ch in enumerate("7654321")]
    centres += [LAYOUT.booklet_bubble(d, int(ch)) for d, ch in enumerate("0002")]
    pdf = sheet_pdf(LAYOUT, title="Kirish", questions=len(key), filled=centres)
    page = pypdfium2.PdfDocument(pdf)[0].render(scale=150 / 72, grayscale=True).to_pil()
    buffer = io.BytesIO()
    page.save(buffer, format="PNG")
    result = reader.read_sheet(buffer.getvalue(), LAYOUT)
    assert (result.candidate_id, result.booklet) == ("7654321", "0002")
    assert {q: result.answers[q] for q in key} == key and not result.flags
    # The page serves the same sheet, blank or pre-printed per candidate
    act_as(client, staff)
    client.post(reverse("paper:candidates", args=[exam.pk]), {"text": "7654321; Aliyev Vali\n1111111; Karimova Nodira"})
    response = client.get(reverse("paper:answer_sheets", args=[exam.pk]), {"prefill": 1})
    assert response["Content-Type"] == "application/pdf"
    document = pypdfium2.PdfDocument(response.content)
    texts = [document[i].get_textpage().get_text_range() for i in range(len(document))]
    assert len(texts) == 2 and "Karimova Nodira" in texts[0] and "Aliyev Vali" in texts[1]


def test_batch_through_the_pages_review_scores_and_publish(client, staff, exam):
    variant = exam.blueprint.paper_variants.get(number=1)
    key = variant_key(variant)
    act_as(client, staff)
    client.post(
        reverse("paper:candidates", args=[exam.pk]),
        {"text": "1000001; Aliyev Vali\n1000002; Karimova Nodira\n1000003; Tursunov Bek"},
    )
    perfect = key_marks(key)
    # Candidate 2: q1 two clear marks, q2 half-filled (→ review), the rest right
    other = (LETTERS.index(key[1]) + 1) % 4
    second = dict(perfect)
    second[1] = [(LETTERS.index(key[1]), "fill"), (other, "fill")]
    second[2] = [(LETTERS.index(key[2]), "partial")]
    upload = zip_of(
        {
            "a.jpg": jpeg(make_sheet(LAYOUT, candidate="1000001", booklet="0001", marks=perfect, seed=11)),
            "b.jpg": jpeg(make_sheet(LAYOUT, candidate="1000002", booklet="0001", marks=second, seed=12)),
            "c.jpg": jpeg(make_sheet(LAYOUT, candidate="100000", booklet="0001", marks=perfect, seed=13)),
            "d.jpg": jpeg(make_sheet(LAYOUT, candidate="1000001", booklet="0001", marks={}, seed=14)),
            "broken.png": b"\x89PNG\r\n\x1a\nnot really",
        }
    )
    response = client.post(reverse("paper:upload", args=[exam.pk]), {"file": SimpleUploadedFile("scans.zip", upload)})
    assert response.status_code == 302
    batch = Batch.objects.get(exam=exam)
    assert (batch.status, batch.total, batch.processed, batch.failed) == ("done", 5, 5, 1)
    progress = client.get(reverse("paper:batch_progress", args=[batch.pk])).json()
    assert progress["done"] == progress["total"] == 5
    sheets = {s.source: s for s in SheetResult.objects.filter(exam=exam)}
    assert sheets["a.jpg"].score == 10 and sheets["a.jpg"].section_scores == {"Bo‘lim 1": 6, "Bo‘lim 2": 4}
    assert sheets["broken.png"].status == "error"  # reported; the rest were read
    assert sheets["b.jpg"].score is None and sheets["b.jpg"].flags == {"1": "multiple", "2": "partial"}
    assert sheets["c.jpg"].candidate_id == "" and sheets["c.jpg"].status == "review"

    page = client.get(reverse("paper:review", args=[exam.pk]))
    items = list(page.context["items"])
    assert {(i.sheet.source, i.kind, i.question) for i in items} == {
        ("b.jpg", "question", 2),
        ("c.jpg", "candidate_id", None),
    }
    question_item = next(i for i in items if i.kind == "question")
    crop = client.get(reverse("paper:review_crop", args=[question_item.pk]))
    assert crop["Content-Type"] == "image/png" and crop.content[:4] == b"\x89PNG"
    # It shows question 2's row, the marks in it: the row's size on the stored page, enlarged three times.
    shown = cv2.imdecode(np.frombuffer(crop.content, np.uint8), cv2.IMREAD_GRAYSCALE)
    x0, y0, x1, y1 = get_layout(exam.layout).question_box(2)
    stored = question_item.sheet.image
    with stored.open("rb") as fh:
        width = cv2.imdecode(np.frombuffer(fh.read(), np.uint8), cv2.IMREAD_GRAYSCALE).shape[1]
    scale = width / 210
    assert shown.shape == (3 * (round(y1 * scale) - round(y0 * scale)), 3 * (round(x1 * scale) - round(x0 * scale)))
    assert shown.min() < 100 < shown.max()  # ink and paper, not an empty strip
    # Publishing waits for the queue
    client.post(reverse("paper:publish", args=[exam.pk]))
    exam.refresh_from_db()
    assert exam.status == "open"
    # T7: a partly filled bubble gives no point even when its letter is right
    client.post(reverse("paper:review_decide", args=[question_item.pk]), {"decision": "-"})
    id_item = next(i for i in items if i.kind == "candidate_id")
    bad = client.post(reverse("paper:review_decide", args=[id_item.pk]), {"decision": "12"}, follow=True)
    assert ReviewItem.objects.get(pk=id_item.pk).decided_at is None and bad.status_code == 200
    # The refusal stands next to that item's field, with what was typed kept.
    field = bad.content.decode().split(f'id="d{id_item.pk}"', 1)[1].split("</div>", 1)[0]
    assert 'value="12"' in field and f'id="d{id_item.pk}_errors"' in field
    client.post(reverse("paper:review_decide", args=[id_item.pk]), {"decision": "1000003"})
    b = SheetResult.objects.get(pk=sheets["b.jpg"].pk)
    assert b.score == 8  # q1 double and q2 partial: no points
    review_type = ContentType.objects.get_for_model(ReviewItem)
    entry = JournalEntry.objects.get(content_type=review_type, object_id=str(question_item.pk))
    assert entry.after["decision"] == "-" and entry.actor == staff.user

    # Results: duplicates and missing flagged; a violation act withholds
    candidate = exam.candidates.get(candidate_id="1000003")
    client.post(reverse("paper:violation", args=[candidate.pk]), {"text": "Telefon bilan ushlangan"})
    results = client.get(reverse("paper:results", args=[exam.pk]))
    rows = {r["candidate_id"]: r for r in results.context["rows"]}
    assert rows["1000001"]["duplicate"] and rows["1000003"]["withheld"]
    assert [c.candidate_id for c in results.context["missing"]] == []
    workbook = load_workbook(
        io.BytesIO(b"".join(client.get(reverse("paper:results_export", args=[exam.pk])).streaming_content))
    )
    cells = {row[0]: row for row in workbook.active.iter_rows(min_row=2, values_only=True)}
    assert cells["1000002"][3] == 8 and cells["1000003"][3] is None
    client.post(reverse("paper:publish", args=[exam.pk]))
    exam.refresh_from_db()
    assert exam.status == "published"
    # Published results are final: the candidate list and the violation acts no longer change (said in Uzbek).
    refused = client.post(reverse("paper:candidates", args=[exam.pk]), {"text": "1000009; Yangi Nomzod"})
    assert refused.status_code == 400 and "nomzodlar ro‘yxatini endi o‘zgartirib bo‘lmaydi" in refused.content.decode()
    assert not exam.candidates.filter(candidate_id="1000009").exists()
    page = client.post(reverse("paper:violation", args=[candidate.pk]), {"text": ""}, follow=True)
    assert "dalolatnomalarini endi o‘zgartirib bo‘lmaydi" in page.content.decode()  # in the user's language
    candidate.refresh_from_db()
    assert candidate.violation_act == "Telefon bilan ushlangan"


def test_bad_uploads_are_refused_and_nothing_is_saved(client, staff, exam):
    act_as(client, staff)
    for name, data in (("scans.zip", b"PK\x03\x04 broken zip"), ("notes.txt", b"hello"), ("scan.png", b"garbage")):
        response = client.post(reverse("paper:upload", args=[exam.pk]), {"file": SimpleUploadedFile(name, data)})
        assert response.status_code == 400
        assert "ZIP, PDF, TIFF, PNG" in response.content.decode()
    assert not Batch.objects.exists()


def test_other_institution_sees_nothing(client, exam):
    stranger = RoleAssignmentFactory(role=Role.EXAM_CENTRE, faculty=None)
    act_as(client, stranger)
    for name in ("paper:exam", "paper:results", "paper:review", "paper:results_export", "paper:answer_sheets"):
        assert client.get(reverse(name, args=[exam.pk])).status_code == 404
    teacher = RoleAssignmentFactory(role=Role.TEACHER, institution=exam.institution)
    act_as(client, teacher)
    assert client.get(reverse("paper:exam", args=[exam.pk])).status_code == 404


def test_cli_prints_one_json_line_per_sheet(tmp_path, capsys):
    marks = {1: [(1, "fill")], 2: [(0, "fill"), (2, "fill")], 3: [(3, "partial")]}
    (tmp_path / "one.jpg").write_bytes(jpeg(make_sheet(LAYOUT, candidate="1234567", booklet="0012", marks=marks)))
    (tmp_path / "two.png").write_bytes(b"not an image")
    call_command("omr_read", str(tmp_path / "one.jpg"), str(tmp_path / "two.png"), layout="a4-5")
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    first = lines[0]
    assert list(first) == ["file", "candidate_id", "booklet", "answers", "flags"]
    assert first["candidate_id"] == "1234567" and first["booklet"] == "0012"
    assert first["answers"]["1"] == "B" and first["answers"]["2"] is None and len(first["answers"]) == 100
    assert first["flags"] == {"2": "multiple", "3": "partial"}
    assert "error" in lines[1]


def test_multipage_pdf_batch_reads_each_page(tmp_path):
    pdf = sheet_pdf(LAYOUT, questions=10, filled=[LAYOUT.answer_bubble(1, 2)])
    path = tmp_path / "two.pdf"
    document = pypdfium2.PdfDocument(pdf)
    document.import_pages(pypdfium2.PdfDocument(pdf))
    document.save(str(path))
    jobs = pipeline.plan(str(path), "two.pdf")
    assert [j.source for j in jobs] == ["two.pdf p. 1", "two.pdf p. 2"]
    rows = [pipeline.read_job(j, "a4-5") for j in jobs]
    assert [r["answers"][1] for r in rows] == ["C", "C"]
    assert rows[0]["id_problem"] == "blank"


def test_a_damaged_member_of_a_zip_is_one_error_row_and_the_rest_are_read(tmp_path):
    """A scan whose bytes were damaged in the archive (its checksum fails) is reported; the others are read, and a
    PDF inside the ZIP still counts as one job per page."""
    good = jpeg(make_sheet(LAYOUT, candidate="1000001", booklet="0001", marks={1: [(2, "fill")]}, seed=3))
    pdf = sheet_pdf(LAYOUT, questions=10, filled=[LAYOUT.answer_bubble(1, 1)])
    path = tmp_path / "scans.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as z:
        z.writestr("a.jpg", good)
        z.writestr("b.jpg", good)
        z.writestr("c.pdf", pdf)
    raw = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as z:
        damaged = z.getinfo("b.jpg")
    at = damaged.header_offset + 30 + len("b.jpg") + len(good) // 2  # the middle of b.jpg's stored bytes
    raw[at] ^= 0xFF
    path.write_bytes(bytes(raw))

    jobs = pipeline.plan(str(path), "scans.zip")
    assert [j.source for j in jobs] == ["a.jpg", "b.jpg", "c.pdf p. 1"]
    rows = {r["source"]: r for chunk in _collect(jobs) for r in chunk}
    assert rows["a.jpg"]["error"] == "" and rows["a.jpg"]["answers"][1] == "C"
    assert rows["b.jpg"]["error"].startswith("unreadable")
    assert rows["c.pdf p. 1"]["answers"][1] == "B"


def _collect(jobs: list[pipeline.Job]) -> list[list[dict]]:
    chunks: list[list[dict]] = []
    pipeline.run(jobs, "a4-5", on_chunk=chunks.append, workers=1)
    return chunks


def test_demo_exam_and_the_way_in_from_the_blueprint(client, staff):
    from edu.assessment.demo import PLACEMENT_TITLE
    from edu.paper import demo

    blueprint = make_blueprint(staff.institution, sections=((8, 5),), title=PLACEMENT_TITLE)
    exam = demo.seed(institution=staff.institution)
    assert exam is not None and exam.candidates.count() == 3 and blueprint.paper_variants.count() == 4
    assert demo.seed(institution=staff.institution) == exam  # idempotent
    act_as(client, staff)
    page = client.get(reverse("assessment:blueprint", args=[blueprint.pk])).content.decode()
    assert reverse("paper:exam_create", args=[blueprint.pk]) in page
    response = client.post(reverse("paper:exam_create", args=[blueprint.pk]), {"title": "Qayta", "layout": "a4-4"})
    created = PaperExam.objects.get(title="Qayta")
    assert response.url == reverse("paper:exam", args=[created.pk]) and created.layout == "a4-4"
    listing = client.get(reverse("paper:exams"))
    assert "Qayta" in listing.content.decode()
