"""The insights in the member's words: one section per figure, each a chart and a
table of text, which the insights screen, the text report and the PDF for the
annual meeting all show; and the same figures as JSON. `REPORT_FORMATS` is the
report's one table of file formats, which `ladder report --format` reads."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from ladder import Reason, Rulebook, Rung, format_date
from ladder.insights import Insights
from present.formats.pdf import Bars, ReportPage, report_pdf
from present.i18n import kind_label, number, t

MOVES = (Reason.PROMOTED, Reason.RECOVERED, Reason.DEMOTED, Reason.LAPSED, Reason.BROKEN)


@dataclass(frozen=True)
class Section:
    """One figure: its title and a line on how to read it, a chart, and a table."""

    key: str
    title: str
    note: str
    chart: Bars | None
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def sections(insights: Insights, rules: Rulebook, lang: str) -> list[Section]:
    return [
        _ladder(insights, lang),
        _flow(insights, lang),
        _funnel(insights, lang),
        _kinds(insights, rules, lang),
        _habits(insights, lang),
    ]


def _month(day: date) -> str:
    return f"{day.month}/{day.year % 100:02d}"


def _share(part: int, whole: int, lang: str) -> str:
    return f"{number(100 * part / whole, lang, 0)} %" if whole else "–"


def _ladder(insights: Insights, lang: str) -> Section:
    rungs = tuple(Rung)
    months = insights.ladder
    return Section(
        "ladder",
        t("insights.ladder", lang),
        t("insights.ladder_note", lang),
        Bars(
            [_month(end) for end, _ in months],
            [(rung.label(lang), [counts[rung] for _, counts in months]) for rung in rungs],
        ),
        (t("col.month", lang), *(rung.label(lang) for rung in rungs), t("col.total", lang)),
        tuple(
            (format_date(end), *(str(n) for n in counts), str(sum(counts)))
            for end, counts in months
        ),
    )


def _flow(insights: Insights, lang: str) -> Section:
    totals = {reason: 0 for reason in MOVES}
    for cell in insights.flow:
        totals[cell.reason] = totals.get(cell.reason, 0) + cell.moves
    return Section(
        "flow",
        t("insights.flow", lang),
        t("insights.flow_note", lang),
        Bars(
            [t(f"move.{reason.value}", lang) for reason in MOVES],
            [(t("col.moves", lang), [totals[reason] for reason in MOVES])],
        ),
        (
            t("col.from", lang),
            t("col.to", lang),
            t("col.why", lang),
            t("col.moves", lang),
            t("col.customers_n", lang),
        ),
        tuple(
            (
                cell.from_rung.label(lang),
                cell.to_rung.label(lang),
                t(f"move.{cell.reason.value}", lang),
                str(cell.moves),
                str(cell.customers),
            )
            for cell in insights.flow
        ),
    )


def _funnel(insights: Insights, lang: str) -> Section:
    funnel = insights.funnel
    steps = funnel.steps
    return Section(
        "funnel",
        t("insights.funnel", lang),
        t("insights.funnel_note", lang, rung=Rung.KOKEILIJA.label(lang).lower()),
        Bars(
            [Rung.KOKEILIJA.label(lang), *(step.rung.label(lang) for step in steps)],
            [(t("col.reached", lang), [funnel.started, *(step.reached for step in steps)])],
        ),
        (
            t("col.step", lang),
            t("col.reached", lang),
            t("col.share", lang),
            t("col.median_days", lang),
        ),
        (
            (
                Rung.KOKEILIJA.label(lang),
                str(funnel.started),
                _share(funnel.started, funnel.started, lang),
                "–",
            ),
            *(
                (
                    step.rung.label(lang),
                    str(step.reached),
                    _share(step.reached, funnel.started, lang),
                    "–" if step.median_days is None else number(step.median_days, lang, 0),
                )
                for step in steps
            ),
        ),
    )


def _kinds(insights: Insights, rules: Rulebook, lang: str) -> Section:
    kinds = insights.kinds
    return Section(
        "kinds",
        t("insights.kinds", lang),
        t("insights.kinds_note", lang),
        Bars(
            [kind_label(k.kind, rules, lang) for k in kinds],
            [
                (t("col.lifted", lang), [k.lifted for k in kinds]),
                (t("col.broke", lang), [k.broke for k in kinds]),
            ],
        ),
        (
            t("col.event_kind", lang),
            t("col.events", lang),
            t("col.lifted", lang),
            t("col.broke", lang),
            t("col.absorbed", lang),
            t("col.recovered", lang),
        ),
        tuple(
            (
                kind_label(k.kind, rules, lang),
                str(k.events),
                f"{k.lifted} ({_share(k.lifted, k.events, lang)})",
                str(k.broke),
                f"{k.absorbed} ({_share(k.absorbed, k.negatives, lang)})" if k.negatives else "–",
                f"{k.recovered} ({_share(k.recovered, k.broke, lang)})" if k.broke else "–",
            )
            for k in kinds
        ),
    )


def _habits(insights: Insights, lang: str) -> Section:
    habits = insights.habits
    columns = ("on_time", "late", "snoozed", "dismissed", "still_open")
    words = ("col.on_time", "col.late", "col.snoozed", "col.dismissed", "col.open")
    names = [h.member or t("report.nobody", lang) for h in habits]
    return Section(
        "habits",
        t("insights.habits", lang),
        t("insights.habits_note", lang),
        Bars(
            names,
            [
                (t(word, lang), [getattr(h, column) for h in habits])
                for column, word in zip(columns, words, strict=True)
            ],
        ),
        (t("col.member", lang), *(t(word, lang) for word in words), t("col.lifted", lang)),
        tuple(
            (name, *(str(getattr(h, column)) for column in columns), str(h.lifted))
            for name, h in zip(names, habits, strict=True)
        ),
    )


# -- the report's forms -------------------------------------------------------------


def title(insights: Insights, lang: str) -> str:
    period = insights.period
    return t("report.title", lang, start=format_date(period.start), end=format_date(period.end))


def report_text(insights: Insights, rules: Rulebook, lang: str) -> str:
    """Every section as an aligned plain-text table, for the terminal or a file."""
    lines = [title(insights, lang), t("insights.as_of", lang, day=format_date(insights.as_of)), ""]
    for section in sections(insights, rules, lang):
        lines += [section.title, "=" * len(section.title), section.note, ""]
        lines += (
            _aligned(section.header, section.rows)
            if section.rows
            else [t("insights.nothing", lang)]
        )
        lines.append("")
    return "\n".join(lines)


def _aligned(header: tuple[str, ...], rows: tuple[tuple[str, ...], ...]) -> list[str]:
    """Columns as wide as their widest cell: numbers to the right, words to the left."""
    widths = [max(len(row[i]) for row in (header, *rows)) for i in range(len(header))]
    numeric = [
        all(row[i][:1].isdigit() or row[i] == "–" for row in rows) for i in range(len(header))
    ]

    def line(cells: tuple[str, ...]) -> str:
        return "  ".join(
            cell.rjust(width) if right else cell.ljust(width)
            for cell, width, right in zip(cells, widths, numeric, strict=True)
        ).rstrip()

    return [line(header), "  ".join("-" * w for w in widths), *(line(row) for row in rows)]


def report_pdf_bytes(insights: Insights, rules: Rulebook, lang: str) -> bytes:
    """One A4 page a section, its chart drawn as vector graphics: for the annual meeting."""
    subtitle = t("insights.as_of", lang, day=format_date(insights.as_of))
    pages = [
        ReportPage(
            s.title,
            s.note,
            s.chart,
            (s.header, *s.rows) if s.rows else ((t("insights.nothing", lang),),),
        )
        for s in sections(insights, rules, lang)
    ]
    return report_pdf(title(insights, lang), subtitle, pages)


def report_json(insights: Insights) -> dict[str, Any]:
    """The figures as data (keys may be added, never renamed)."""
    return {
        "period": {
            "from": insights.period.start.isoformat(),
            "to": insights.period.end.isoformat(),
        },
        "as_of": insights.as_of.isoformat(),
        "ladder": [
            {"month_end": end.isoformat(), "rungs": {rung.id: counts[rung] for rung in Rung}}
            for end, counts in insights.ladder
        ],
        "flow": [
            {
                "from": cell.from_rung.id,
                "to": cell.to_rung.id,
                "reason": cell.reason.value,
                "moves": cell.moves,
                "customers": cell.customers,
            }
            for cell in insights.flow
        ],
        "funnel": {
            "started": insights.funnel.started,
            "steps": [
                {"rung": step.rung.id, "reached": step.reached, "median_days": step.median_days}
                for step in insights.funnel.steps
            ],
        },
        "kinds": [
            {
                "kind": k.kind,
                "events": k.events,
                "lifted": k.lifted,
                "broke": k.broke,
                "absorbed": k.absorbed,
                "demoted": k.demoted,
                "recovered": k.recovered,
            }
            for k in insights.kinds
        ],
        "habits": [
            {
                "member": h.member,
                "on_time": h.on_time,
                "late": h.late,
                "snoozed": h.snoozed,
                "dismissed": h.dismissed,
                "open": h.still_open,
                "lifted": h.lifted,
            }
            for h in insights.habits
        ],
    }


def _text_file(insights: Insights, rules: Rulebook, lang: str) -> bytes:
    return (report_text(insights, rules, lang) + "\n").encode("utf-8")


def _json_file(insights: Insights, _rules: Rulebook, _lang: str) -> bytes:
    """The figures as data, the same in either language."""
    return (json.dumps(report_json(insights), ensure_ascii=False, indent=2) + "\n").encode()


# In the order `--format` lists them; a new format is one entry.
REPORT_FORMATS: dict[str, Callable[[Insights, Rulebook, str], bytes]] = {
    "text": _text_file,
    "json": _json_file,
    "pdf": report_pdf_bytes,
}
