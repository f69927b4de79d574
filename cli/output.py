"""How the command prints: readable tables for people, JSON documents for programs."""

from __future__ import annotations

import os
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import cache
from typing import TYPE_CHECKING, Any

from rich.cells import cell_len

from cli.plain_card import Block, Heading, Lead, Rows, drawn
from cli.streamed_table import cell, styled, write_heading
from ladder import Rulebook, Rung, explain, format_date
from ladder.phones import shown
from present.i18n import (
    followup_reason,
    kind_label,
    moment,
    number,
    rule_label,
    t,
    tn,
)
from present.settings import Settings
from present.words import (
    action_line,
    bad_row_reason,
    contact_lines,
    done_lines,
    field_word,
    log_lines,
    mapping_lines,
    merged_lines,
)

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

    from data.records import CustomerCard, Entry, FollowupChange, LogResult, Merged, RungCount


@cache
def _console() -> Console:
    """The console, made when something is first printed through it: Rich takes a
    good part of a small command's start, and the lists that stream need none of it.
    What it prints is data (names, notes, the co-op's own rulebook labels): no markup
    or emoji code (":smile:") is read from any string; style comes only from Text."""
    from rich.console import Console

    return Console(highlight=False, soft_wrap=True, markup=False, emoji=False)


def __getattr__(name: str) -> Any:
    if name == "console":  # `output.console`, as the other command groups print
        return _console()
    raise AttributeError(f"module 'cli.output' has no attribute {name!r}")


def text(key: str, lang: str, **values: object) -> str:
    return t(key, lang, **values)


# -- tables for people --------------------------------------------------------------


def _table(*columns: str) -> Table:
    from rich.table import Table

    table = Table(show_edge=False, pad_edge=False, header_style="bold")
    for column in columns:
        table.add_column(column)
    return table


def print_card(card: CustomerCard, settings: Settings) -> None:
    """The card for people: without Rich where it would draw nothing of its own."""
    blocks = card_blocks(card, settings)
    plain = drawn(blocks, sys.stdout, os.environ)
    if plain is None:
        draw_with_rich(blocks, _console())
    else:
        sys.stdout.write(plain)


def draw_with_rich(blocks: Iterable[Block], console: Console) -> None:
    """The card's blocks through Rich: styled on a terminal, a wide table shrunk and
    wrapped to the width."""
    from rich.text import Text

    for block in blocks:
        if isinstance(block, Lead):
            console.print(Text.assemble((block.name, "bold"), block.rest))
        elif isinstance(block, Heading):
            console.print(Text(f"\n{block.title}", style="bold"))
        elif isinstance(block, Rows):
            table = _table(*block.columns)
            for row in block.rows:
                table.add_row(*row)
            console.print(table)
        else:
            console.print(block)


def card_blocks(card: CustomerCard, settings: Settings) -> list[Block]:
    """What the card says, in the order it says it."""
    lang, rules = settings.lang, settings.rules
    info = card.info
    risk = f" – {t('at_risk', lang)}" if card.at_risk else ""
    rest = (
        f" (#{info.id}): {card.rung.label(lang)}, "
        f"{t('col.score', lang).lower()} {number(card.score, lang)}{risk}"
    )
    blocks: list[Block] = [Lead(info.name, rest)]
    blocks += [f"  {line}" for line in contact_lines(info, lang, notes=False)]
    if card.transitions:
        blocks.append(Heading(t("card.why", lang)))
        blocks += [f"  {explain(transition, lang)}" for transition in card.transitions]
    blocks.append(Heading(t("card.events", lang)))
    if not card.events:
        blocks.append(f"  {t('card.no_events', lang)}")
    else:
        columns = ("col.id", "col.on", "col.event", "col.note", "col.by")
        rows = [
            (
                str(e.id),
                format_date(e.on),
                kind_label(e.kind, rules, lang)
                + (f" ({t('emotional', lang)})" if e.emotional else ""),
                e.note,
                e.logged_by,
            )
            for e in card.events
        ]
        blocks.append(Rows([t(column, lang) for column in columns], rows))
    if card.followups:
        blocks.append(Heading(t("card.followups", lang)))
        blocks += [
            f"  #{f.id} {format_date(f.shown_due)} {rule_label(f.rule, rules, lang)}"
            f" – {followup_reason(f, rules, lang)} ({f.member})"
            for f in card.followups
        ]
    return blocks


def customer_line(label: str, card: CustomerCard, settings: Settings) -> str:
    """`A: #3 Anna Laine · 040 123 4567 · anna@example.fi · Asiakas · 4 tapahtumaa`."""
    info = card.info
    reach = [shown(info.phone) if info.phone else "", info.email]
    events = tn("merge.events", len(card.events), settings.lang)
    parts = [f"#{info.id} {info.name}", *filter(None, reach), card.rung.label(settings.lang)]
    return f"{label}: {' · '.join([*parts, events])}"


def print_merged(merged: Merged, settings: Settings) -> None:
    for line in merged_lines(merged, settings.lang):
        _console().print(line)


def _heading(title: str) -> None:
    from rich.text import Text

    _console().print(Text(f"\n{title}", style="bold"))


def print_log(customer: str, kind: str, result: LogResult, settings: Settings) -> None:
    first, *rest = log_lines(customer, kind, result, settings.rules, settings.lang, numbers=True)
    _print_indented(first, rest)


def print_done(change: FollowupChange, kind: str | None, settings: Settings) -> None:
    first, *rest = done_lines(change, kind, settings.rules, settings.lang, numbers=True)
    _print_indented(first, rest)


def _print_indented(first: str, rest: list[str]) -> None:
    _console().print(first)
    for line in rest:
        _console().print("  " + line)


def print_pipeline(counts: list[RungCount], settings: Settings) -> None:
    """The ladder, top rung first, drawn as a table is without loading Rich: five rows
    of short cells, each column as wide as its widest."""
    lang = settings.lang
    keys = ("col.rung", "col.count", "col.up", "col.down")
    rows = [(c.rung.label(lang), str(c.count), f"↑{c.up_7d}", f"↓{c.down_7d}") for c in counts]
    widths = {
        k: max(cell_len(t(k, lang)), *(cell_len(r[i]) for r in rows)) for i, k in enumerate(keys)
    }
    out = sys.stdout
    write_heading(out, widths, lang, styled(out))
    for row in reversed(rows):
        out.write(" │ ".join(map(cell, row, widths.values())).rstrip() + "\n")


def print_whatif(moves: Counter[tuple[Rung, Rung]], settings: Settings) -> None:
    lang = settings.lang
    changed = {pair: n for pair, n in moves.items() if pair[0] != pair[1]}
    if not changed:
        _console().print("No customer would move." if lang == "en" else "Kukaan ei siirtyisi.")
        return
    for (before, after), count in sorted(changed.items()):
        arrow = "↑" if after > before else "↓"
        _console().print(f"{before.label(lang)} {arrow} {after.label(lang)}: {count}")


def print_rules(rules: Rulebook, settings: Settings) -> None:
    lang = settings.lang
    table = _table("id", t("col.event", lang), "±", t("emotional", lang))
    for kind in rules.kinds.values():
        table.add_row(kind.id, kind.label(lang), f"{kind.weight:+g}", "×" if kind.emotional else "")
    _console().print(table)
    gates = _table(t("col.rung", lang), "score ≥", "positives ≥", "emotional ≥", "referrals ≥")
    for rung, gate in rules.gates.items():
        gates.add_row(
            rung.label(lang),
            f"{gate.score:g}",
            str(gate.positives),
            str(gate.emotional_positives),
            str(gate.referrals),
        )
    _console().print(gates)
    _console().print(
        f"half-life {rules.half_life_days:g} d · emotional ×{rules.emotional_multiplier:g} · "
        f"hysteresis {rules.hysteresis:g} · break at ≤ {rules.break_at:g} · "
        f"recovery {rules.recovery_window_days} d · grace {rules.grace_days} d "
        f"(×{rules.repeat_factor:g}) · at risk after {rules.at_risk_after_days} d"
    )


def print_import_plan(
    plan, duplicates: str, settings: Settings, found=None, by_name: bool = False
) -> None:
    """What an import would do: how columns were read, new, duplicates, and every bad row."""
    from rich.text import Text

    lang = settings.lang
    if found is not None:
        for line in mapping_lines(found, lang):
            _console().print(line)
    for bad in plan.bad:
        reason = bad_row_reason(bad, lang)
        _console().print(
            Text.assemble((f"{t('import.line', lang)} {bad.line}:", "red"), f" {reason}")
        )
    for dup in plan.duplicates:
        merging = dup.merged(duplicates == "merge", by_name)
        action = t("import.merge" if merging else "import.skip", lang)
        if merging:
            fills = ", ".join(field_word(f, lang) for f in dup.fills) or "–"
            action += f" ({t('import.fills', lang, fields=fills)})"
        _console().print(
            f"{t('import.line', lang)} {dup.contact.line}: {dup.contact.name} = "
            f"{dup.of} ({t('import.by_' + dup.by, lang)}) → {action}"
        )
    _console().print(
        t(
            "import.summary",
            lang,
            new=len(plan.new),
            duplicates=len(plan.duplicates),
            bad=len(plan.bad),
        )
    )
    if plan.bad:
        _console().print(t("import.nothing", lang))


@contextmanager
def progress(total: int, label: str) -> Iterator[None]:
    """A spinner with the count on anything big enough to take a moment."""
    if total < 500 or not sys.stderr.isatty():
        yield
        return
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(
        SpinnerColumn(),
        TextColumn(label),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        bar.add_task(label, total=None)
        yield


def print_history(entries: list[Entry], settings: Settings) -> None:
    """Who did what, newest first; an erased customer is a number only."""
    lang = settings.lang
    if not entries:
        _console().print(t("history.none", lang))
        return
    table = _table(
        t("col.when", lang), t("col.who", lang), t("col.what", lang), t("col.customer", lang)
    )
    for entry in entries:
        who = entry.customer or (f"#{entry.customer_id}" if entry.customer_id else "")
        table.add_row(moment(entry.at, lang), entry.member, action_line(entry, lang), who)
    _console().print(table)
