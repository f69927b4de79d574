"""The customer list written a customer at a time, as the rows are read, in the
columns the follow-up list is drawn with (`cli.streamed_table`): a co-op of ten
thousand shows its first names at once, and no row is laid out against another.
A name is never cut: one too long for its column pushes the rest of its row
on, so each customer is one whole line (for the eye and for grep alike)."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING

from cli.streamed_table import cell, give_way, screen_width, styled, whole, write_heading
from ladder import Rung, format_date
from present.i18n import number, t
from present.settings import Settings

if TYPE_CHECKING:
    from data.records import CustomerSummary

GIVE_WAY = ("col.customer",)


def widths(lang: str, width: int) -> dict[str, int]:
    """Each column's width, known before any row; a name gives way on a narrow screen."""
    risk = f" ({t('at_risk', lang)})"
    wanted = {
        "col.id": 6,
        "col.customer": 30,
        "col.rung": max(len(rung.label(lang)) for rung in Rung) + len(risk),
        "col.score": 6,
        "col.last": len("31.12.2026"),
    }
    wanted = {key: max(w, len(t(key, lang))) for key, w in wanted.items()}
    return give_way(wanted, GIVE_WAY, width)


def write_customers(customers: Iterable[CustomerSummary], settings: Settings) -> None:
    """The list on stdout, under its heading, each customer as it is read."""
    lang, out = settings.lang, sys.stdout
    columns = widths(lang, screen_width(out))
    write_heading(out, columns, lang, styled(out))
    for c in customers:
        rung = c.rung.label(lang) + (f" ({t('at_risk', lang)})" if c.at_risk else "")
        texts = {
            "col.id": str(c.id).ljust(columns["col.id"]),
            "col.customer": whole(c.name, columns["col.customer"]),  # never cut
            "col.rung": cell(rung, columns["col.rung"]),
            "col.score": cell(number(c.score, lang), columns["col.score"]),
            "col.last": format_date(c.last_event_on) if c.last_event_on else "–",
        }
        out.write(" │ ".join(texts[key] for key in columns).rstrip() + "\n")
