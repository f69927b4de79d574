"""How the command prints: readable tables for people, JSON documents for programs."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from data.records import (
    CustomerCard,
    CustomerSummary,
    FollowupChange,
    FollowupInfo,
    LogResult,
    RungCount,
)
from ladder import Rulebook, Rung, explain, format_date
from present.i18n import (
    describe_error,
    followup_reason,
    kind_label,
    number,
    rule_label,
    t,
)
from present.settings import Settings
from present.words import contact_lines, done_lines, field_word, log_lines, mapping_lines

# What it prints is data (names, notes, the co-op's own rulebook labels): no markup or
# emoji code (":smile:") is read from any string; style comes only from Text.
console = Console(highlight=False, soft_wrap=True, markup=False, emoji=False)


def text(key: str, lang: str, **values: object) -> str:
    return t(key, lang, **values)


# -- tables for people --------------------------------------------------------------


def _table(*columns: str) -> Table:
    table = Table(show_edge=False, pad_edge=False, header_style="bold")
    for column in columns:
        table.add_column(column)
    return table


def print_customers(customers: list[CustomerSummary], settings: Settings) -> None:
    lang = settings.lang
    table = _table(
        t("col.id", lang),
        t("col.customer", lang),
        t("col.rung", lang),
        t("col.score", lang),
        t("col.last", lang),
    )
    for c in customers:
        rung = c.rung.label(lang) + (f" ({t('at_risk', lang)})" if c.at_risk else "")
        last = format_date(c.last_event_on) if c.last_event_on else "–"
        table.add_row(str(c.id), c.name, rung, number(c.score, lang), last)
    console.print(table)


def print_card(card: CustomerCard, settings: Settings) -> None:
    lang, rules = settings.lang, settings.rules
    info = card.info
    risk = f" – {t('at_risk', lang)}" if card.at_risk else ""
    console.print(
        Text.assemble(
            (info.name, "bold"),
            f" (#{info.id}): {card.rung.label(lang)}, "
            f"{t('col.score', lang).lower()} {number(card.score, lang)}{risk}",
        )
    )
    for line in contact_lines(info, lang, notes=False):
        console.print(f"  {line}")
    if card.transitions:
        _heading(t("card.why", lang))
        for transition in card.transitions:
            console.print(f"  {explain(transition, lang)}")
    _heading(t("card.events", lang))
    if not card.events:
        console.print(f"  {t('card.no_events', lang)}")
    table = _table(
        t("col.id", lang),
        t("col.on", lang),
        t("col.event", lang),
        t("col.note", lang),
        t("col.by", lang),
    )
    for e in card.events:
        label = kind_label(e.kind, rules, lang) + (
            f" ({t('emotional', lang)})" if e.emotional else ""
        )
        table.add_row(str(e.id), format_date(e.on), label, e.note, e.logged_by)
    if card.events:
        console.print(table)
    if card.followups:
        _heading(t("card.followups", lang))
        for f in card.followups:
            console.print(
                f"  #{f.id} {format_date(f.shown_due)} {rule_label(f.rule, rules, lang)}"
                f" – {followup_reason(f, rules, lang)} ({f.member})"
            )


def _heading(title: str) -> None:
    console.print(Text(f"\n{title}", style="bold"))


def print_log(customer: str, kind: str, result: LogResult, settings: Settings) -> None:
    first, *rest = log_lines(customer, kind, result, settings.rules, settings.lang, numbers=True)
    _print_indented(first, rest)


def print_done(change: FollowupChange, kind: str | None, settings: Settings) -> None:
    first, *rest = done_lines(change, kind, settings.rules, settings.lang, numbers=True)
    _print_indented(first, rest)


def _print_indented(first: str, rest: list[str]) -> None:
    console.print(first)
    for line in rest:
        console.print("  " + line)


def print_followups(rows: list[FollowupInfo], settings: Settings) -> None:
    lang, rules = settings.lang, settings.rules
    if not rows:
        console.print(t("morning.nothing_due", lang))
        return
    table = _table(
        t("col.id", lang),
        t("col.due", lang),
        t("col.customer", lang),
        t("col.phone", lang),
        t("col.rung", lang),
        t("col.kind", lang),
        t("col.reason", lang),
        t("col.owner", lang),
    )
    for f in rows:
        due = format_date(f.shown_due)
        if f.overdue(settings.today):
            due = Text(f"{due} ({t('overdue', lang)})", style="bold red")
        table.add_row(
            str(f.id),
            due,
            f.customer,
            f.reach or "–",
            f.rung.label(lang),
            rule_label(f.rule, rules, lang),
            followup_reason(f, rules, lang),
            f.member,
        )
    console.print(table)


def print_pipeline(counts: list[RungCount], settings: Settings) -> None:
    lang = settings.lang
    table = _table(
        t("col.rung", lang), t("col.count", lang), t("col.up", lang), t("col.down", lang)
    )
    for c in reversed(counts):
        table.add_row(c.rung.label(lang), str(c.count), f"↑{c.up_7d}", f"↓{c.down_7d}")
    console.print(table)


def print_whatif(moves: Counter[tuple[Rung, Rung]], settings: Settings) -> None:
    lang = settings.lang
    changed = {pair: n for pair, n in moves.items() if pair[0] != pair[1]}
    if not changed:
        console.print("No customer would move." if lang == "en" else "Kukaan ei siirtyisi.")
        return
    for (before, after), count in sorted(changed.items()):
        arrow = "↑" if after > before else "↓"
        console.print(f"{before.label(lang)} {arrow} {after.label(lang)}: {count}")


def print_rules(rules: Rulebook, settings: Settings) -> None:
    lang = settings.lang
    table = _table("id", t("col.event", lang), "±", t("emotional", lang))
    for kind in rules.kinds.values():
        table.add_row(kind.id, kind.label(lang), f"{kind.weight:+g}", "×" if kind.emotional else "")
    console.print(table)
    gates = _table(t("col.rung", lang), "score ≥", "positives ≥", "emotional ≥", "referrals ≥")
    for rung, gate in rules.gates.items():
        gates.add_row(
            rung.label(lang),
            f"{gate.score:g}",
            str(gate.positives),
            str(gate.emotional_positives),
            str(gate.referrals),
        )
    console.print(gates)
    console.print(
        f"half-life {rules.half_life_days:g} d · emotional ×{rules.emotional_multiplier:g} · "
        f"hysteresis {rules.hysteresis:g} · break at ≤ {rules.break_at:g} · "
        f"recovery {rules.recovery_window_days} d · grace {rules.grace_days} d "
        f"(×{rules.repeat_factor:g}) · at risk after {rules.at_risk_after_days} d"
    )


def print_import_plan(plan, duplicates: str, settings: Settings, found=None) -> None:
    """What an import would do: how columns were read, new, duplicates, and every bad row."""
    lang = settings.lang
    if found is not None:
        for line in mapping_lines(found, lang):
            console.print(line)
    for bad in plan.bad:
        reason = describe_error(bad.error, lang) if bad.error is not None else bad.reason
        console.print(Text.assemble((f"{t('import.line', lang)} {bad.line}:", "red"), f" {reason}"))
    for dup in plan.duplicates:
        merging = duplicates == "merge" and dup.customer_id
        action = t("import.merge" if merging else "import.skip", lang)
        if merging:
            fills = ", ".join(field_word(f, lang) for f in dup.fills) or "–"
            action += f" ({t('import.fills', lang, fields=fills)})"
        console.print(
            f"{t('import.line', lang)} {dup.contact.line}: {dup.contact.name} = "
            f"{dup.of} ({t('import.by_' + dup.by, lang)}) → {action}"
        )
    console.print(
        t(
            "import.summary",
            lang,
            new=len(plan.new),
            duplicates=len(plan.duplicates),
            bad=len(plan.bad),
        )
    )
    if plan.bad:
        console.print(t("import.nothing", lang))


@contextmanager
def progress(total: int, label: str) -> Iterator[None]:
    """A spinner with the count on anything big enough to take a moment."""
    if total < 500 or not sys.stderr.isatty():
        yield
        return
    with Progress(
        SpinnerColumn(),
        TextColumn(label),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        bar.add_task(label, total=None)
        yield
