"""PDF documents: the follow-up list for A4 paper and Christmas card address labels.

DejaVu Sans (shipped in data/fonts) renders å, ä, ö and € correctly. fpdf2 is
imported when a document is made, not at start-up, which it would slow by a
sixth of a second.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fpdf import FPDF

FONTS = Path(__file__).resolve().parent.parent / "fonts"
LABEL_COLUMNS, LABEL_ROWS = 3, 8
LABEL_WIDTH, LABEL_HEIGHT = 70.0, 37.0  # mm: a common A4 sheet of 24 labels


@dataclass(frozen=True)
class Section:
    """A heading and its lines, e.g. a member and their follow-ups of one day."""

    heading: str
    lines: Sequence[str]


def _document(title: str, footer: str) -> FPDF:
    from fpdf import FPDF

    class Document(FPDF):
        def footer(self) -> None:
            self.set_y(-12)
            self.set_font("DejaVu", size=8)
            self.cell(0, 6, f"{footer} · {self.page_no()}/{{nb}}", align="C")

    pdf = Document(format="A4")
    pdf.add_font("DejaVu", "", FONTS / "DejaVuSans.ttf")
    pdf.add_font("DejaVu", "B", FONTS / "DejaVuSans-Bold.ttf")
    pdf.set_title(title)
    pdf.alias_nb_pages()
    return pdf


def list_pdf(title: str, printed_on: str, sections: Sequence[Section]) -> bytes:
    """A titled list in sections, with the date printed and page numbers."""
    pdf = _document(title, printed_on)
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 16)
    pdf.cell(0, 10, title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", size=9)
    pdf.cell(0, 6, printed_on, new_x="LMARGIN", new_y="NEXT")
    for section in sections:
        pdf.ln(3)
        pdf.set_font("DejaVu", "B", 11)
        pdf.cell(0, 7, section.heading, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("DejaVu", size=10)
        for line in section.lines:
            pdf.multi_cell(0, 5.5, f"☐ {line}", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def labels_pdf(addresses: Sequence[Sequence[str]], footer: str = "") -> bytes:
    """Address labels, 3 x 8 to an A4 sheet; each address is a list of lines."""
    pdf = _document("labels", footer)
    pdf.set_auto_page_break(auto=False)
    pdf.set_margins(0, 0, 0)
    left = (210 - LABEL_COLUMNS * LABEL_WIDTH) / 2
    top = (297 - LABEL_ROWS * LABEL_HEIGHT) / 2
    per_page = LABEL_COLUMNS * LABEL_ROWS
    for index, lines in enumerate(addresses):
        if index % per_page == 0:
            pdf.add_page()
        slot = index % per_page
        x = left + (slot % LABEL_COLUMNS) * LABEL_WIDTH + 6
        y = top + (slot // LABEL_COLUMNS) * LABEL_HEIGHT + 7
        for number, line in enumerate(lines[:5]):
            pdf.set_font("DejaVu", "B" if number == 0 else "", 10)
            pdf.set_xy(x, y + number * 5)
            pdf.cell(LABEL_WIDTH - 12, 5, line[:40])
    if not addresses:
        pdf.add_page()
    return bytes(pdf.output())
