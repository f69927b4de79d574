"""The insights and `ladder report` at co-op scale, and what keeping their totals costs.

Targets (issue 26, target 4): the figures for a year, and the report made of
them, within 0.5 s at 100,000 customers, growing no more than 10x from 10,000
to 100,000. They are read from running totals the database keeps (migration
0012); the floor is bare sqlite3 counting the month-end ladder alone from the
stored customers, events and transitions, as every figure was read before it,
in the same run. A second row compares the same statements through bare
sqlite3 (what Ladder adds to its own SQL).

The totals are kept by triggers on every write: a log and a full re-derive
are timed on the database and on a copy without the triggers, in turn.
"""

from __future__ import annotations

import sqlite3
import time
from datetime import date
from pathlib import Path

from bench.results import Row, in_turn, row
from bench.synthetic import TODAY
from data import service
from data.sql import insight_sql
from data.sql.morning_sql import params
from data.store import Store
from ladder import Rulebook, default_rulebook
from ladder.insights import Period
from present.report import report_text

# The month-end ladder counted from the stored rows (the statements before 0012): the
# day each customer came, and every move up to the day the figures are as of.
COUNTED_FROM_ROWS = (
    """SELECT came, count(*) FROM (
        SELECT CASE WHEN first_event IS NOT NULL AND first_event < since
                    THEN first_event ELSE since END AS came
        FROM (SELECT customer.since AS since,
                     (SELECT min(event.occurred_on) FROM event
                      WHERE event.customer_id = customer.id) AS first_event
              FROM customer) AS days) AS ladder_days
    WHERE came <= :as_of GROUP BY came""",
    """SELECT "on", from_rung, to_rung, count(*) FROM transition
    WHERE "on" <= :as_of AND from_rung != to_rung GROUP BY "on", from_rung, to_rung""",
)
REDERIVE_UP_TO = 10_000  # a re-derive twice more at 100k would add minutes to the run


def run(path: Path, customers: int, rules: Rulebook, repeats: int = 3) -> list[Row]:
    period = Period(date(TODAY.year - 1, TODAY.month, TODAY.day), TODAY)
    store = Store.open(str(path), rules, TODAY)
    raw = sqlite3.connect(path)
    bare, counted, figures, report = [], [], [], []
    try:
        for _ in range(repeats):
            bare.append(_bare(raw, period, rules))
            counted.append(_counted(raw, period))
            started = time.perf_counter()
            found = service.insights(store, period, TODAY)
            figures.append(time.perf_counter() - started)
            started = time.perf_counter()
            report_text(service.insights(store, period, TODAY), rules, "fi")
            report.append(time.perf_counter() - started)
            bare.append(_bare(raw, period, rules))  # before and after: neither side warms the other
            counted.append(_counted(raw, period))
    finally:
        raw.close()
        store.close()
    label = f"{customers:,} customers, a year, {sum(found.ladder[-1][1]):,} on the ladder"
    target = "<= 0.5 s at 100k, <= 10x from 10k to 100k (floor: bare sqlite3, the ladder alone)"
    return [
        row(f"insights: every figure ({label})", figures, counted, "s", target),
        row(f"insights: ladder report as text ({label})", report, counted, "s", target),
        row(
            f"insights: every figure, against its own SQL ({label})",
            figures,
            bare,
            "s",
            "(reference: x the same statements through bare sqlite3)",
        ),
        *trigger_costs(path, customers, rules),
    ]


def _bare(raw: sqlite3.Connection, period: Period, rules: Rulebook) -> float:
    """The same aggregations through bare sqlite3, rows fetched and nothing else."""
    calls = insight_sql.contact_kinds(rules)
    values = params("sqlite", start=period.start, as_of=period.as_of(TODAY))
    extra: dict[str, dict[str, object]] = {
        "recovered": {"window": rules.recovery_window_days},
        "lifts": {f"kind{i}": kind for i, kind in enumerate(calls)},
    }
    started = time.perf_counter()
    for name, sql in insight_sql.statements("sqlite", calls).items():
        raw.execute(sql, {**values, **extra.get(name, {})}).fetchall()
    return time.perf_counter() - started


def _counted(raw: sqlite3.Connection, period: Period) -> float:
    """The month-end ladder's rows counted from the stored rows with bare sqlite3."""
    values = params("sqlite", start=period.start, as_of=period.as_of(TODAY))
    started = time.perf_counter()
    for sql in COUNTED_FROM_ROWS:
        raw.execute(sql, values).fetchall()
    return time.perf_counter() - started


def trigger_costs(path: Path, customers: int, rules: Rulebook, logs: int = 200) -> list[Row]:
    """A log, and a full re-derive, on two copies of the database, one without the
    triggers (the database itself is left as it was, for the benchmarks after these)."""
    kept_path = path.with_name(f"{path.stem}-triggers.db")
    bare_path = path.with_name(f"{path.stem}-no-triggers.db")
    _copy(path, kept_path, triggers=True)
    _copy(path, bare_path, triggers=False)
    label = f"{customers:,} customers, SQLite"
    kept = Store.open(str(kept_path), rules, TODAY)
    plain = Store.open(str(bare_path), rules, TODAY)
    try:
        picked = [1 + (i * 7919) % customers for i in range(logs)]
        with_triggers, without = in_turn(
            logs,
            lambda i: service.log(kept, picked[i], "purchase", TODAY, today=TODAY, member="b"),
            lambda i: service.log(plain, picked[i], "purchase", TODAY, today=TODAY, member="b"),
        )
        rows = [
            row(
                f"insights' totals: log one event, with the triggers ({label})",
                with_triggers,
                without,
                "ms",
                "(reference: x the same log without the triggers)",
            )
        ]
        if customers <= REDERIVE_UP_TO:
            from bench.store import changed_rulebook  # bench.store imports this module

            other = default_rulebook() if rules != default_rulebook() else changed_rulebook()
            derived, derived_plain = in_turn(
                1,
                lambda _: service.apply_rules(kept, other, TODAY, member="bench"),
                lambda _: service.apply_rules(plain, other, TODAY, member="bench"),
            )
            rows.append(
                row(
                    f"insights' totals: full re-derive, with the triggers ({label})",
                    derived,
                    derived_plain,
                    "s",
                    "(reference: x the same re-derive without the triggers)",
                )
            )
    finally:
        kept.close()
        plain.close()
        for copy in (kept_path, bare_path):
            for leftover in copy.parent.glob(f"{copy.name}*"):
                leftover.unlink()
    return rows


def _copy(path: Path, copy: Path, *, triggers: bool) -> None:
    source, target = sqlite3.connect(path), sqlite3.connect(copy)
    try:
        source.backup(target)
        names = [
            name
            for (name,) in target.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'insight%'"
            )
        ]
        for name in names if not triggers else []:
            target.execute(f"DROP TRIGGER {name}")
        target.commit()
    finally:
        source.close()
        target.close()
