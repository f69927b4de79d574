"""The insights and `ladder report` at co-op scale, against the bare SQL they are built on.

Target (issue 14): the figures for a year, and the report made of them,
within 3x of running the same aggregations through bare sqlite3 (the
statements of `data.sql.insight_sql`, fetched and nothing else), in the same run.
"""

from __future__ import annotations

import sqlite3
import time
from datetime import date
from pathlib import Path

from bench.results import Row, row
from bench.synthetic import TODAY
from data import service
from data.sql import insight_sql
from data.sql.morning_sql import params
from data.store import Store
from ladder import Rulebook
from ladder.insights import Period
from present.report import report_text


def run(path: Path, customers: int, rules: Rulebook, repeats: int = 3) -> list[Row]:
    period = Period(date(TODAY.year - 1, TODAY.month, TODAY.day), TODAY)
    store = Store.open(str(path), rules, TODAY)
    raw = sqlite3.connect(path)
    bare, figures, report = [], [], []
    try:
        for _ in range(repeats):
            bare.append(_bare(raw, period, rules))
            started = time.perf_counter()
            found = service.insights(store, period, TODAY)
            figures.append(time.perf_counter() - started)
            started = time.perf_counter()
            report_text(service.insights(store, period, TODAY), rules, "fi")
            report.append(time.perf_counter() - started)
            bare.append(_bare(raw, period, rules))  # before and after: neither side warms the other
    finally:
        raw.close()
        store.close()
    label = f"{customers:,} customers, a year, {sum(found.ladder[-1][1]):,} on the ladder"
    return [
        row(f"insights: every figure ({label})", figures, bare, "s", "<= 3x the bare SQL"),
        row(f"insights: ladder report as text ({label})", report, bare, "s", "<= 3x the bare SQL"),
    ]


def _bare(raw: sqlite3.Connection, period: Period, rules: Rulebook) -> float:
    """The same aggregations through bare sqlite3, rows fetched and nothing else."""
    calls = insight_sql.contact_kinds(rules)
    values = params("sqlite", start=period.start, as_of=period.as_of(TODAY))
    extra = {
        "recovered": {"window": rules.recovery_window_days},
        "lifts": {f"kind{i}": kind for i, kind in enumerate(calls)},
    }
    started = time.perf_counter()
    for name, sql in insight_sql.statements("sqlite", calls).items():
        raw.execute(sql, {**values, **extra.get(name, {})}).fetchall()
    return time.perf_counter() - started
