"""The follow-up list and the Christmas cards in every format, in the member's words.

Each document has one table of its formats, `{name: writer}`: `FOLLOWUP_FORMATS`
and `CARD_FORMATS`, which the command's `--format`, the app's file dialog and the
browser seat's download read (`present.formats`).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime

from data import service
from data.formats.safe_csv import csv_text
from data.records import CustomerInfo, FollowupInfo
from ladder import format_date
from ladder.phones import shown
from present import shapes
from present.formats.ics import CalendarItem, calendar_ics
from present.formats.pdf import Section, labels_pdf, list_pdf
from present.i18n import followup_reason, rule_label, t
from present.printing import followups_text, reach
from present.settings import Settings


@dataclass(frozen=True)
class FollowupList:
    """The follow-ups to write, and what a calendar adds: the database's id, which
    keeps each entry's UID its own, and whether the entries are to-dos."""

    rows: list[FollowupInfo]
    settings: Settings
    database_id: str = ""
    todos: bool = False


@dataclass(frozen=True)
class CardList:
    """The Christmas cards to write, and the CSV's delimiter for a mail merge."""

    people: list[CustomerInfo]
    settings: Settings
    delimiter: str = ";"


def followups_file(
    store: service.Store,
    settings: Settings,
    fmt: str,
    *,
    days: int,
    member: str | None,
    todos: bool = False,
) -> bytes:
    """What is due within `days`, as the morning view lists it, as a file in `fmt`
    (a calendar as all-day events, or with `todos` as to-dos)."""
    rows = service.due(store, settings.today, days=days, member=member)
    database_id = service.calendar_id(store) if fmt == "ics" else ""
    return followups_document(rows, settings, fmt, database_id, todos=todos)


def followups_document(
    rows: list[FollowupInfo],
    settings: Settings,
    fmt: str,
    database_id: str = "",
    *,
    todos: bool = False,
) -> bytes:
    """The list as the bytes of a file in `fmt` (a name in FOLLOWUP_FORMATS)."""
    return FOLLOWUP_FORMATS[fmt](FollowupList(rows, settings, database_id, todos))


def _followups_text(document: FollowupList) -> bytes:
    settings = document.settings
    text = followups_text(document.rows, settings.today, settings.rules, settings.lang)
    return text.encode("utf-8")


def _followups_json(document: FollowupList) -> bytes:
    shaped = [shapes.followup_json(f, document.settings) for f in document.rows]
    return json.dumps(shaped, ensure_ascii=False, indent=2).encode("utf-8")


def _followups_csv(document: FollowupList) -> bytes:
    lang, rules = document.settings.lang, document.settings.rules
    header = [
        t(k, lang)
        for k in (
            "col.id",
            "col.due",
            "col.customer",
            "col.phone",
            "field.email",
            "col.rung",
            "col.kind",
            "col.reason",
            "col.owner",
        )
    ]
    body = [
        [
            f.id,
            format_date(f.shown_due),
            f.customer,
            shown(f.phone),
            f.email,
            f.rung.label(lang),
            rule_label(f.rule, rules, lang),
            followup_reason(f, rules, lang),
            f.member,
        ]
        for f in document.rows
    ]
    return csv_text(header, body).encode("utf-8")


def _followups_ics(document: FollowupList) -> bytes:
    lang, rules = document.settings.lang, document.settings.rules
    items = [
        CalendarItem(
            uid=f"followup-{f.id}@{document.database_id or 'ladder'}",
            summary=f"{rule_label(f.rule, rules, lang)}: {f.customer}",
            description=f"{followup_reason(f, rules, lang)} · {reach(f, lang)} · "
            f"{f.rung.label(lang)} · {f.member}",
            due=f.shown_due,
            done=f.state in ("done", "dismissed"),
        )
        for f in document.rows
    ]
    return calendar_ics(items, datetime.now(UTC), todos=document.todos)


def _followups_pdf(document: FollowupList) -> bytes:
    lang, today = document.settings.lang, document.settings.today
    return list_pdf(
        t("print.heading", lang, day=format_date(today)),
        format_date(today),
        _sections(document.rows, document.settings),
    )


def _sections(rows: list[FollowupInfo], settings: Settings) -> list[Section]:
    lang, rules, today = settings.lang, settings.rules, settings.today
    grouped: dict[tuple[str, date], list[FollowupInfo]] = defaultdict(list)
    for row in rows:
        grouped[(row.member or "–", row.shown_due)].append(row)
    sections = []
    for (member, day), items in sorted(grouped.items()):
        late = f" ({t('overdue', lang)})" if day < today else ""
        sections.append(
            Section(
                f"{member} · {format_date(day)}{late}",
                [
                    f"{f.customer} · {reach(f, lang)} · {f.rung.label(lang)} · "
                    f"{rule_label(f.rule, rules, lang)}: {followup_reason(f, rules, lang)}"
                    for f in items
                ],
            )
        )
    return sections


def card_addresses(people: list[CustomerInfo]) -> list[list[str]]:
    """Each person's name and address lines, as a label shows them."""
    return [
        [
            p.name,
            *([p.organisation] if p.organisation and p.organisation != p.name else []),
            *(part.strip() for part in p.address.split(",") if part.strip()),
        ]
        for p in people
    ]


def cards_document(
    people: list[CustomerInfo], fmt: str, settings: Settings, *, delimiter: str = ";"
) -> bytes:
    """Christmas card addresses as the bytes of a file in `fmt` (a name in CARD_FORMATS)."""
    return CARD_FORMATS[fmt](CardList(people, settings, delimiter))


def _labels(document: CardList) -> bytes:
    """Labels, 3 x 8 on A4."""
    return labels_pdf(card_addresses(document.people))


def _cards_csv(document: CardList) -> bytes:
    """For a mail merge, split by `;` by default, which Finnish Excel opens as columns."""
    lang = document.settings.lang
    header = [
        t(k, lang)
        for k in (
            "col.id",
            "field.name",
            "field.organisation",
            "field.address",
            "field.email",
            "field.phone",
        )
    ]
    body = [
        [p.id, p.name, p.organisation, p.address, p.email, shown(p.phone)] for p in document.people
    ]
    return csv_text(header, body, delimiter=document.delimiter).encode("utf-8")


# One table a document, in the order `--format` lists them; a new format is one entry.
FOLLOWUP_FORMATS: dict[str, Callable[[FollowupList], bytes]] = {
    "text": _followups_text,
    "pdf": _followups_pdf,
    "csv": _followups_csv,
    "ics": _followups_ics,
    "json": _followups_json,
}
CARD_FORMATS: dict[str, Callable[[CardList], bytes]] = {"pdf": _labels, "csv": _cards_csv}
