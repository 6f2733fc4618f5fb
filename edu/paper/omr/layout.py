"""One description of the answer sheet, shared by the printer (sheet.py) and the reader (reader.py).

All coordinates are millimetres from the top-left corner of an A4 page held upright. Four solid squares at the corners
register the page; a smaller square beside the top-left one tells upright from upside down.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

PAGE_W = 210.0
PAGE_H = 297.0
MARK_SIZE = 7.0  # side of a corner registration square
CORNERS = ((10.0, 10.0), (200.0, 10.0), (200.0, 287.0), (10.0, 287.0))  # TL, TR, BR, BL centres
ORIENTATION = (23.0, 10.0)  # centre of the orientation square (upright page only)
ORIENTATION_SIZE = 5.0
BUBBLE_R = 2.4  # bubble radius
PITCH = 6.0  # distance between neighbouring bubble centres
LETTERS = "ABCDE"
ID_DIGITS = 7
BOOKLET_DIGITS = 4
MAX_QUESTIONS = 100
ROWS_PER_BLOCK = 25


@dataclass(frozen=True)
class Layout:
    id: str
    choices: int  # 4 or 5 bubbles per question
    questions: int = MAX_QUESTIONS
    id_origin: tuple[float, float] = (20.0, 66.0)  # centre of the "0" bubble of the first ID digit
    booklet_origin: tuple[float, float] = (74.0, 66.0)
    answers_origin: tuple[float, float] = (24.0, 134.0)  # centre of question 1, choice A
    block_step: float = 46.0  # horizontal distance between the four answer blocks

    # --- bubble centres ---------------------------------------------------------------------------------------
    def id_bubble(self, digit_index: int, value: int) -> tuple[float, float]:
        x0, y0 = self.id_origin
        return (x0 + digit_index * PITCH, y0 + value * PITCH)

    def booklet_bubble(self, digit_index: int, value: int) -> tuple[float, float]:
        x0, y0 = self.booklet_origin
        return (x0 + digit_index * PITCH, y0 + value * PITCH)

    def answer_bubble(self, question: int, choice: int) -> tuple[float, float]:
        """Centre of `choice` (0 = A) of question `question` (1-based)."""
        block, row = divmod(question - 1, ROWS_PER_BLOCK)
        x0, y0 = self.answers_origin
        return (x0 + block * self.block_step + choice * PITCH, y0 + row * PITCH)

    @cached_property
    def bubbles(self) -> list[tuple[str, int, int, float, float]]:
        """Every bubble: (group, index, value, x, y) — group "id", "booklet" or "q"; for "q" index is the question
        number and value the choice; for the grids index is the digit position and value the digit."""
        out: list[tuple[str, int, int, float, float]] = []
        for d in range(ID_DIGITS):
            for v in range(10):
                out.append(("id", d, v, *self.id_bubble(d, v)))
        for d in range(BOOKLET_DIGITS):
            for v in range(10):
                out.append(("booklet", d, v, *self.booklet_bubble(d, v)))
        for q in range(1, self.questions + 1):
            for c in range(self.choices):
                out.append(("q", q, c, *self.answer_bubble(q, c)))
        return out

    def question_box(self, question: int) -> tuple[float, float, float, float]:
        """(x0, y0, x1, y1) around a question's row of bubbles, with its number — the review crop."""
        x, y = self.answer_bubble(question, 0)
        return (x - 10.0, y - PITCH / 2, x + (self.choices - 1) * PITCH + PITCH / 2, y + PITCH / 2)

    def grid_box(self, group: str) -> tuple[float, float, float, float]:
        if group == "id":
            (x, y), digits = self.id_origin, ID_DIGITS
        else:
            (x, y), digits = self.booklet_origin, BOOKLET_DIGITS
        return (x - PITCH / 2 - 1, y - 13.0, x + (digits - 0.5) * PITCH + 1, y + 9.5 * PITCH)


LAYOUTS: dict[str, Layout] = {
    "a4-5": Layout(id="a4-5", choices=5),
    "a4-4": Layout(id="a4-4", choices=4),
}
DEFAULT_LAYOUT = "a4-5"


def get_layout(layout_id: str) -> Layout:
    try:
        return LAYOUTS[layout_id]
    except KeyError:
        raise ValueError(f"Unknown layout {layout_id!r}; known: {', '.join(LAYOUTS)}") from None
