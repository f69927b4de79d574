"""PDF documents: the follow-up list for A4 paper, Christmas card address labels,
and the insights report with its charts drawn as vector graphics.

DejaVu Sans (shipped in `fonts/` beside this module) renders å, ä, ö and €
correctly. fpdf2 is imported when a document is made, not at start-up, which
it would slow by a sixth of a second.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fpdf import FPDF

FONTS = Path(__file__).resolve().parent / "fonts"
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


@dataclass(frozen=True)
class Bars:
    """A bar chart: one bar per label, stacked from `series` (name, one value a label)."""

    labels: Sequence[str]
    series: Sequence[tuple[str, Sequence[float]]]


@dataclass(frozen=True)
class ReportPage:
    """One page of a report: a heading, a line on how to read it, a chart, a table."""

    heading: str
    note: str
    chart: Bars | None
    table: Sequence[Sequence[str]]  # the first row is the header


GREYS = (40, 90, 140, 185, 225)  # fills told apart on a black-and-white printer too


def report_pdf(title: str, subtitle: str, pages: Sequence[ReportPage]) -> bytes:
    """A report of one A4 page a section, its chart drawn as vector graphics."""
    pdf = _document(title, subtitle)
    pdf.set_auto_page_break(auto=True, margin=18)
    for page in pages:
        pdf.add_page()
        pdf.set_font("DejaVu", size=9)
        pdf.cell(0, 5, f"{title} · {subtitle}", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("DejaVu", "B", 16)
        pdf.cell(0, 10, page.heading, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("DejaVu", size=10)
        pdf.multi_cell(0, 5, page.note, new_x="LMARGIN", new_y="NEXT")
        if page.chart is not None and page.chart.labels:
            _bars(pdf, page.chart, top=pdf.get_y() + 4, height=85)
        pdf.ln(4)
        _table(pdf, page.table)
    return bytes(pdf.output())


CHART_LEFT, CHART_RIGHT = 25.0, 185.0  # mm across the page


def _bars(pdf: FPDF, chart: Bars, *, top: float, height: float) -> None:
    """Stacked bars with a value axis and a legend: standing, each name under its
    bar, or lying, each name whole beside its bar when a name would not fit under."""
    pdf.set_draw_color(0)
    pdf.set_line_width(0.2)
    pdf.set_font("DejaVu", size=7)
    totals = [sum(values[i] for _, values in chart.series) for i in range(len(chart.labels))]
    highest = max(totals, default=0) or 1
    slot = (CHART_RIGHT - CHART_LEFT) / len(chart.labels)
    if all(pdf.get_string_width(label) <= slot - 1 for label in chart.labels):
        _standing(pdf, chart, highest, top=top, height=height)
    else:
        height = min(height, 8.0 * len(chart.labels))
        _lying(pdf, chart, highest, top=top, height=height)
    if len(chart.series) > 1:
        legend_y = top + height + 7
        for number, (name, _) in enumerate(chart.series):
            x = CHART_LEFT + number * 32
            pdf.set_fill_color(GREYS[number % len(GREYS)])
            pdf.rect(x, legend_y, 4, 3, style="DF")
            pdf.set_xy(x + 5, legend_y - 0.5)
            pdf.cell(26, 4, name[:18])
    pdf.set_y(top + height + 12)


def _standing(pdf: FPDF, chart: Bars, highest: float, *, top: float, height: float) -> None:
    left, width = CHART_LEFT, CHART_RIGHT - CHART_LEFT
    pdf.line(left, top, left, top + height)
    pdf.line(left, top + height, left + width, top + height)
    for step in range(5):  # the value axis, in five steps
        value = highest * step / 4
        y = top + height - height * step / 4
        pdf.set_xy(left - 14, y - 2)
        pdf.cell(12, 4, f"{value:,.0f}".replace(",", " "), align="R")
    slot = width / len(chart.labels)
    bar = min(slot * 0.7, 18)
    for index, label in enumerate(chart.labels):
        x = left + slot * index + (slot - bar) / 2
        y = top + height
        for number, (_, values) in enumerate(chart.series):
            part = height * values[index] / highest
            if part > 0:
                pdf.set_fill_color(GREYS[number % len(GREYS)])
                pdf.rect(x, y - part, bar, part, style="DF")
            y -= part
        pdf.set_xy(left + slot * index, top + height + 1)
        pdf.cell(slot, 4, label, align="C")


def _lying(pdf: FPDF, chart: Bars, highest: float, *, top: float, height: float) -> None:
    names = min(60.0, max(pdf.get_string_width(label) for label in chart.labels) + 2)
    left = 10 + names
    width = CHART_RIGHT - left
    row = height / len(chart.labels)
    pdf.line(left, top, left, top + height)
    pdf.line(left, top + height, left + width, top + height)
    for step in range(5):  # the value axis, in five steps, under the bars
        value = highest * step / 4
        pdf.set_xy(left + width * step / 4 - 10, top + height + 0.5)
        pdf.cell(20, 4, f"{value:,.0f}".replace(",", " "), align="C")
    bar = min(row * 0.7, 6)
    for index, label in enumerate(chart.labels):
        y = top + row * index
        pdf.set_xy(10, y)
        pdf.cell(names - 1, row, _fitted(pdf, label, names - 1), align="R")
        x = left
        for number, (_, values) in enumerate(chart.series):
            part = width * values[index] / highest
            if part > 0:
                pdf.set_fill_color(GREYS[number % len(GREYS)])
                pdf.rect(x, y + (row - bar) / 2, part, bar, style="DF")
            x += part


def _fitted(pdf: FPDF, label: str, width: float) -> str:
    """`label` as it fits in `width` mm at the current font, ending in … if cut: two
    names cut alike must not pass for one, nor run into the next."""
    if pdf.get_string_width(label) <= width:
        return label
    while len(label) > 1 and pdf.get_string_width(label + "…") > width:
        label = label[:-1]
    return label + "…"


def _table(pdf: FPDF, rows: Sequence[Sequence[str]]) -> None:
    from fpdf.fonts import FontFace

    pdf.set_font("DejaVu", size=8)
    pdf.set_fill_color(255)  # the chart's last grey is not the table's
    heading = FontFace(emphasis="BOLD", fill_color=(225, 225, 225))
    # Each column as wide as its longest cell, in proportion: a long name is not
    # broken mid-word in a column as narrow as one holding "0 (0 %)".
    widths = tuple(
        max(pdf.get_string_width(cell) for cell in column) + 3 for column in zip(*rows, strict=True)
    )
    with pdf.table(
        text_align="LEFT",
        first_row_as_headings=len(rows) > 1,
        headings_style=heading,
        col_widths=widths,
    ) as table:
        for row in rows:
            cells = table.row()
            for cell in row:
                cells.cell(cell)
