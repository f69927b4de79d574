"""The follow-up list and the Christmas cards in every format, in the member's words."""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import UTC, date, datetime

from data import service
from data.formats.ics import CalendarItem, calendar_ics
from data.formats.pdf import Section, labels_pdf, list_pdf
from data.formats.safe_csv import csv_text
from data.records import CustomerInfo, FollowupInfo
from ladder import format_date
from ladder.phones import shown
from present import shapes
from present.i18n import followup_reason, rule_label, t
from present.printing import followups_text, reach
from present.settings import Settings

FORMATS = ("text", "pdf", "csv", "ics", "json")


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
    """The list as the bytes of a file in `fmt` (one of FORMATS)."""
    lang, rules, today = settings.lang, settings.rules, settings.today
    if fmt == "text":
        return followups_text(rows, today, rules, lang).encode("utf-8")
    if fmt == "json":
        document = [shapes.followup_json(f, settings) for f in rows]
        return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")
    if fmt == "csv":
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
            for f in rows
        ]
        return csv_text(header, body).encode("utf-8")
    if fmt == "ics":
        items = [
            CalendarItem(
                uid=f"followup-{f.id}@{database_id or 'ladder'}",
                summary=f"{rule_label(f.rule, rules, lang)}: {f.customer}",
                description=f"{followup_reason(f, rules, lang)} · {reach(f, lang)} · "
                f"{f.rung.label(lang)} · {f.member}",
                due=f.shown_due,
                done=f.state in ("done", "dismissed"),
            )
            for f in rows
        ]
        return calendar_ics(items, datetime.now(UTC), todos=todos)
    if fmt == "pdf":
        return list_pdf(
            t("print.heading", lang, day=format_date(today)),
            format_date(today),
            _sections(rows, settings),
        )
    raise ValueError(f"unknown format {fmt!r} (one of: {', '.join(FORMATS)})")


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
    """Christmas card addresses as labels (PDF, 3 x 8 on A4) or CSV for a mail merge.

    The CSV is split by `;` by default, which Finnish Excel opens as columns.
    """
    if fmt == "pdf":
        return labels_pdf(card_addresses(people))
    if fmt == "csv":
        lang = settings.lang
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
        body = [[p.id, p.name, p.organisation, p.address, p.email, shown(p.phone)] for p in people]
        return csv_text(header, body, delimiter=delimiter).encode("utf-8")
    raise ValueError(f"unknown format {fmt!r} for cards (pdf or csv)")
