"""The OMR reader on generated sheets: each mark kind, rotation, upside down, spoiled IDs, garbage (issue 7)."""

from __future__ import annotations

import pytest

from edu.paper.omr import reader
from edu.paper.omr.corpus import Degrade
from edu.paper.omr.layout import get_layout
from edu.paper.tests.sheets import jpeg, make_sheet

LAYOUT = get_layout("a4-5")
# One question per mark kind; what T7 makes of it.
MARKS = {
    1: [(0, "fill")],  # clean → A
    2: [(1, "light")],  # pale pencil, still full → B
    3: [(2, "partial")],  # 30–70 % → no point, review
    4: [(0, "fill"), (3, "fill")],  # two clear marks → no point
    5: [(3, "cross")],  # crossed out → no point, review
    6: [(4, "dot")],  # a stray dot alone → blank
    7: [(2, "fill"), (0, "dot")],  # a mark and a stray dot → C
    9: [(4, "fill")],  # E
}
EXPECTED_ANSWERS = {1: "A", 2: "B", 3: None, 4: None, 5: None, 6: None, 7: "C", 8: None, 9: "E"}
EXPECTED_FLAGS = {3: "partial", 4: "multiple", 5: "partial"}


def check(result: reader.SheetRead) -> None:
    assert result.candidate_id == "1234567"
    assert result.booklet == "0042"
    assert {q: result.answers[q] for q in EXPECTED_ANSWERS} == EXPECTED_ANSWERS
    assert result.flags == EXPECTED_FLAGS
    assert all(result.answers[q] is None for q in range(10, 101))


@pytest.mark.parametrize(
    ("dpi", "how"),
    [
        (150, Degrade(noise=3.0)),
        (200, Degrade(rotation=9.0, blur=0.08, noise=10.0, jpeg=60)),
        (150, Degrade(rotation=-7.0, upside_down=True, perspective=0.012, noise=6.0, colour=True)),
    ],
    ids=["clean-150dpi", "rotated-blurred-200dpi", "upside-down-perspective-colour"],
)
def test_each_mark_kind_is_classified_under_degradation(dpi, how):
    img = make_sheet(LAYOUT, booklet="0042", marks=MARKS, dpi=dpi, how=how, seed=dpi)
    result = reader.read_sheet(jpeg(img), LAYOUT)
    check(result)
    assert result.upside_down is how.upside_down


def test_unreadable_ids_are_reported_not_guessed():
    spoiled = make_sheet(LAYOUT, candidate="12345", marks={}, seed=3)  # two digits missing
    result = reader.read_sheet(jpeg(spoiled), LAYOUT)
    assert result.candidate_id is None and result.id_problem == "unclear"
    blank = reader.read_sheet(jpeg(make_sheet(LAYOUT, candidate=None, booklet=None, seed=4)), LAYOUT)
    assert (blank.candidate_id, blank.id_problem) == (None, "blank")
    assert (blank.booklet, blank.booklet_problem) == (None, "blank")


def test_garbage_is_refused_with_a_reason():
    with pytest.raises(reader.SheetError, match="not an image"):
        reader.read_sheet(b"%PDF? no, just text", LAYOUT)
    import numpy as np

    white = np.full((1200, 850), 250, np.uint8)
    with pytest.raises(reader.SheetError, match="registration"):
        reader.read_grey(white, LAYOUT)
