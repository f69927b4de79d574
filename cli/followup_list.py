"""The follow-up list written a row at a time, as it is read: a list of a hundred
thousand shows its first rows at once and holds none of them.

Each column's width is known before the first row (a date, a number, the
rulebook's labels, a name cut to a width), so no row is laid out against the
others; on a narrow screen the reason, then the rung, then the owner give way
first, then names and tasks are cut with '…'. A date, a number and a phone are
never cut. What members stored is shown literally: control characters as
`\\x1b`, never obeyed (`ladder.text.visible`), and no markup is read.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING, TextIO

from rich.cells import cell_len

from cli.streamed_table import (
    PLAIN,
    RED_BOLD,
    SEPARATOR,
    cell,
    give_way,
    screen_width,
    styled,
    width_of,
    write_heading,
)
from ladder import Rung, format_date
from present.i18n import followup_reason, rule_label, t
from present.settings import Settings

if TYPE_CHECKING:
    from data.records import FollowupInfo

COLUMNS: tuple[str, ...] = ("col.id", "col.due", "col.customer", "col.phone", "col.rung")
COLUMNS += ("col.kind", "col.reason", "col.owner")
DROPPED_FIRST = ("col.reason", "col.rung", "col.owner")  # on a narrow screen, in this order
GIVE_WAY = ("col.reason", "col.customer", "col.kind")  # cut, the widest first, before anything
OVERDUE = "⚠ "


def widths(settings: Settings, width: int) -> dict[str, int]:
    """Each shown column's width on a screen `width` cells wide, known before any row."""
    lang, rules = settings.lang, settings.rules
    kinds = [rule_label(rule, rules, lang) for rule in rules.followups] + [t("manual", lang)]
    wanted = {
        "col.id": 6,  # 999,999 follow-ups; a longer number pushes its row, never cut
        "col.due": cell_len(OVERDUE + "31.12.2026"),
        "col.customer": 24,
        "col.phone": 17,  # +358 40 123 4567; a long e-mail is cut
        "col.rung": max(cell_len(rung.label(lang)) for rung in Rung),
        "col.kind": max(cell_len(kind) for kind in kinds),
        "col.reason": 32,
        "col.owner": 12,
    }
    wanted = {key: max(w, cell_len(t(key, lang))) for key, w in wanted.items()}
    shown = dict(wanted)
    for key in DROPPED_FIRST:
        if width_of(shown) <= width:
            break
        del shown[key]
    return give_way(shown, [key for key in GIVE_WAY if key in shown], width)


class FollowupWriter:
    """Writes the list's heading, then each follow-up as it comes."""

    def __init__(self, settings: Settings, width: int, out: TextIO, styled: bool) -> None:
        self.settings = settings
        self.columns = widths(settings, width)
        self.out = out
        self.styled = styled

    def heading(self) -> None:
        write_heading(self.out, self.columns, self.settings.lang, self.styled)

    def row(self, f: FollowupInfo) -> None:
        settings = self.settings
        lang, rules, today = settings.lang, settings.rules, settings.today
        overdue = f.overdue(today)
        texts = {
            "col.id": str(f.id),
            "col.due": (OVERDUE if overdue else "") + format_date(f.shown_due),
            "col.customer": f.customer,
            "col.phone": f.reach or "–",
            "col.rung": f.rung.label(lang),
            "col.kind": rule_label(f.rule, rules, lang),
            "col.reason": followup_reason(f, rules, lang),
            "col.owner": f.member,
        }
        cells = []
        for key, width in self.columns.items():
            text = texts[key]
            shown = cell(text, width) if key != "col.id" else text.ljust(width)
            if key == "col.due" and overdue and self.styled:
                shown = f"{RED_BOLD}{shown}{PLAIN}"
            cells.append(shown)
        self.out.write(SEPARATOR.join(cells).rstrip() + "\n")


def write_followups(rows: Iterable[FollowupInfo], settings: Settings) -> int:
    """The list on stdout, a row as each is read; how many there were."""
    out = sys.stdout
    writer = FollowupWriter(settings, screen_width(out), out, styled=styled(out))
    written = 0
    for f in rows:
        if not written:
            writer.heading()
        writer.row(f)
        written += 1
    if not written:
        out.write(t("morning.nothing_due", settings.lang) + "\n")
    return written
