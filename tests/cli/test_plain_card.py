"""The customer card drawn without Rich is byte for byte what Rich draws, whenever it
is drawn without Rich at all (`cli.plain_card`); anything else is left to Rich."""

from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from cli.output import draw_with_rich
from cli.plain_card import Block, Heading, Lead, Rows, drawn

# Letters of every width: ASCII, Finnish, wide CJK, an emoji and spaces; now and
# then a tab, a newline or a control character (which Rich strips or expands).
PRINTABLE = st.text(st.sampled_from([*"aZ09 .-–#()", "ä", "Ö", "漢", "字", "😀"]), max_size=12)
ANY = st.text(
    st.sampled_from(["a", " ", "ä", "漢", "\t", "\n", "\x1b", "\x07", "\u200f"]), max_size=6
)
TEXT = st.one_of(PRINTABLE, PRINTABLE, PRINTABLE, PRINTABLE, ANY)
COLUMNS = 5


def _rows(text: st.SearchStrategy[str]) -> st.SearchStrategy[Rows]:
    row = st.lists(text, min_size=COLUMNS, max_size=COLUMNS)
    return st.builds(Rows, row, st.lists(row, min_size=1, max_size=4))


BLOCK = st.one_of(
    st.builds(Lead, TEXT, TEXT), st.builds(Heading, TEXT), TEXT.map(lambda s: f"  {s}"), _rows(TEXT)
)


def _by_rich(blocks: list[Block], width: int) -> str:
    out = io.StringIO()
    console = Console(
        file=out,
        highlight=False,
        soft_wrap=True,
        markup=False,
        emoji=False,
        _environ={"COLUMNS": str(width)},
    )
    draw_with_rich(blocks, console)
    return out.getvalue()


@settings(max_examples=400, deadline=None)
@given(st.lists(BLOCK, max_size=6), st.integers(min_value=20, max_value=120))
def test_drawn_without_rich_is_what_rich_draws(blocks: list[Block], width: int) -> None:
    plain = drawn(blocks, io.StringIO(), {"COLUMNS": str(width)})
    if plain is not None:
        assert plain == _by_rich(blocks, width)


@settings(max_examples=300, deadline=None)
@given(_rows(PRINTABLE), st.integers(min_value=20, max_value=120))
def test_a_table_drawn_without_rich_is_what_rich_draws(table: Rows, width: int) -> None:
    plain = drawn([table], io.StringIO(), {"COLUMNS": str(width)})
    if plain is not None:
        assert plain == _by_rich([table], width)


def test_plain_text_that_fits_is_drawn_without_rich() -> None:
    blocks: list[Block] = [
        Lead("Anna Äijälä", " (#3): Asiakas, pisteet 4,5"),
        "  Puhelin: 040 123 4567",
        Heading("Tapahtumat"),
        Rows(
            ["Nro", "Pvm", "Tapahtuma", "Muistiinpano", "Kuka"],
            [["12", "1.2.2025", "Osto", "", "a"]],
        ),
    ]
    assert drawn(blocks, io.StringIO(), {"COLUMNS": "80"}) == _by_rich(blocks, 80)


def test_a_terminal_a_forced_colour_or_a_wide_table_is_left_to_rich() -> None:
    wide: list[Block] = [Rows(["a"] * COLUMNS, [["x" * 30] * COLUMNS])]
    assert drawn(wide, io.StringIO(), {"COLUMNS": "80"}) is None
    assert drawn(["line"], io.StringIO(), {"FORCE_COLOR": "1"}) is None
    assert drawn(["line"], io.StringIO(), {"TTY_COMPATIBLE": "1"}) is None
    assert drawn(["line"], io.StringIO(), {"TTY_COMPATIBLE": "0", "FORCE_COLOR": "1"}) == "line\n"
