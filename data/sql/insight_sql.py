"""The insights read from the running totals the database keeps as customers,
events, transitions and follow-ups are written (migration 0012): rows of days,
not of customers, so a year's figures read about as much at 100,000 customers
as at 1,000; no history is folded again.
`ladder.insights` turns the aggregates into figures, and defines them.

`read` takes `run(sql, params) -> rows`, so the store runs it through its
session and the benchmark through bare sqlite3, on the same statements.
Parameters are `:named`; dates go in as ISO text on SQLite.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import Any

from data.sql.morning_sql import day, params
from ladder import Reason, Rulebook, Rung
from ladder.insights import (
    FlowCell,
    Habit,
    Insights,
    KindEffect,
    Period,
    funnel_of,
    ladder_by_month,
)

Run = Callable[[str, dict[str, Any]], Sequence[Sequence[Any]]]

WINDOW_AFTER_BREAK = {  # the last day of the recovery window after a break
    "sqlite": "date(b.day, '+' || :window || ' days')",
    "postgresql": "b.day + CAST(:window AS INTEGER)",
}

# Customers onto (+) and off (-) each rung: before the period as one change, then by day
# (a customer comes onto the bottom rung on the day they were added or their first
# event, if earlier; a move leaves one rung for another).
LADDER_BEFORE = """SELECT rung, sum(n) FROM insight_ladder WHERE day < :start
    GROUP BY rung HAVING sum(n) <> 0"""
LADDER_BY_DAY = """SELECT day, rung, sum(n) FROM insight_ladder
    WHERE day >= :start AND day <= :as_of GROUP BY day, rung HAVING sum(n) <> 0"""
FLOW = """SELECT from_rung, to_rung, reason, sum(n) FROM insight_flow
    WHERE day >= :start AND day <= :as_of
    GROUP BY from_rung, to_rung, reason HAVING sum(n) <> 0"""
# Each customer once: the days in the period they made a kind of move, whose day they
# last made it before falls before the period.
REACH = """SELECT from_rung, to_rung, reason, sum(n) FROM insight_reach
    WHERE day >= :start AND day <= :as_of AND prior < :start
    GROUP BY from_rung, to_rung, reason"""
MOVED = """SELECT DISTINCT customer.id, customer.name FROM transition
    JOIN customer ON customer.id = transition.customer_id
    WHERE transition."on" >= :start AND transition."on" <= :as_of
      AND transition.from_rung = :from_rung AND transition.to_rung = :to_rung
      AND transition.from_rung <> transition.to_rung
    ORDER BY customer.name, customer.id"""
# The cohort: whoever first climbed (to kokeilija or past it) in the period, and the
# first day they reached each rung above, if by the end of it.
FIRST_REACHED = """SELECT kokeilija,
    CASE WHEN asiakas <= :as_of THEN asiakas END,
    CASE WHEN lojalisti <= :as_of THEN lojalisti END,
    CASE WHEN sanansaattaja <= :as_of THEN sanansaattaja END
    FROM insight_customer WHERE kokeilija >= :start AND kokeilija <= :as_of"""
EVENTS_BY_KIND = """SELECT kind, sum(n) FROM insight_kind
    WHERE day >= :start AND day <= :as_of GROUP BY kind HAVING sum(n) <> 0"""
EFFECTS_BY_KIND = """SELECT kind, reason, sum(n) FROM insight_effect
    WHERE day >= :start AND day <= :as_of
      AND (up = 1 OR reason IN ('broken', 'absorbed', 'demoted'))
    GROUP BY kind, reason HAVING sum(n) <> 0"""
# A break counts as recovered when its customer's first recovery after it came within
# the recovery window and by the end of the period.
RECOVERED_BY_KIND = """SELECT kind, count(*) FROM insight_break b
    WHERE reason = 'broken' AND day >= :start AND day <= :as_of AND kind IS NOT NULL
      AND recovered_on <= :as_of AND recovered_on <= {window_end}
    GROUP BY kind"""
FOLLOWUPS_BY_MEMBER = """SELECT member,
    sum(CASE WHEN outcome = 'on_time' THEN n ELSE 0 END),
    sum(CASE WHEN outcome = 'late' THEN n ELSE 0 END),
    sum(CASE WHEN outcome = 'snoozed' THEN n ELSE 0 END),
    sum(CASE WHEN outcome = 'dismissed' THEN n ELSE 0 END),
    sum(CASE WHEN outcome = 'open' THEN n ELSE 0 END)
    FROM insight_followup WHERE due >= :start AND due <= :as_of
    GROUP BY member HAVING sum(n) <> 0"""
LIFTS_BY_MEMBER = """SELECT logged_by, sum(n) FROM insight_effect
    WHERE up = 1 AND day >= :start AND day <= :as_of AND kind IN ({kinds})
    GROUP BY logged_by HAVING sum(n) <> 0"""


def statements(dialect: str, contact_kinds: Sequence[str]) -> dict[str, str]:
    """Every statement `read` runs, as the database's dialect writes it."""
    kinds = ", ".join(f":kind{i}" for i in range(len(contact_kinds))) or "NULL"
    return {
        "before": LADDER_BEFORE,
        "ladder": LADDER_BY_DAY,
        "flow": FLOW,
        "reach": REACH,
        "firsts": FIRST_REACHED,
        "events": EVENTS_BY_KIND,
        "effects": EFFECTS_BY_KIND,
        "recovered": RECOVERED_BY_KIND.format(window_end=WINDOW_AFTER_BREAK[dialect]),
        "followups": FOLLOWUPS_BY_MEMBER,
        "lifts": LIFTS_BY_MEMBER.format(kinds=kinds),
    }


def contact_kinds(rules: Rulebook) -> list[str]:
    """The kinds a follow-up is done by (its `done_as`): a member's calls and cards."""
    return sorted({kind for rule in rules.followups for kind in rules.done_kinds(rule)})


def read(run: Run, dialect: str, period: Period, today: date, rules: Rulebook) -> Insights:
    """Every figure for `period`, as of `today`."""
    as_of = period.as_of(today)
    calls = contact_kinds(rules)
    sql = statements(dialect, calls)
    values = params(dialect, start=period.start, as_of=as_of)
    before = period.start - timedelta(days=1)
    ladder = ladder_by_month(
        period.month_ends(today),
        [
            *((before, rung, n) for rung, n in run(sql["before"], values)),
            *((day(on), rung, n) for on, rung, n in run(sql["ladder"], values)),
        ],
    )
    reached = {(f, t, reason): n for f, t, reason, n in run(sql["reach"], values)}
    flow = sorted(
        (
            FlowCell(Rung(f), Rung(t), Reason(reason), n, int(reached.get((f, t, reason), 0)))
            for f, t, reason, n in run(sql["flow"], values)
        ),
        key=lambda cell: (cell.from_rung, cell.to_rung, cell.reason),
    )
    firsts = [tuple(day(d) for d in row) for row in run(sql["firsts"], values)]
    return Insights(
        period=period,
        as_of=as_of,
        ladder=ladder,
        flow=tuple(flow),
        funnel=funnel_of(firsts, Period(period.start, as_of)),
        kinds=_kinds(run, sql, values, rules),
        habits=_habits(run, sql, values, calls),
    )


def _kinds(
    run: Run, sql: dict[str, str], values: dict[str, Any], rules: Rulebook
) -> tuple[KindEffect, ...]:
    events: dict[str, int] = {kind: n for kind, n in run(sql["events"], values)}
    effects: dict[tuple[str, str], int] = {
        (kind, reason): n for kind, reason, n in run(sql["effects"], values)
    }
    window = {**values, "window": rules.recovery_window_days}
    recovered: dict[str, int | None] = {kind: n for kind, n in run(sql["recovered"], window)}
    used = set(events) | {kind for kind, _ in effects}
    return tuple(
        KindEffect(
            kind=kind,
            events=events.get(kind, 0),
            lifted=effects.get((kind, Reason.PROMOTED), 0)
            + effects.get((kind, Reason.RECOVERED), 0),
            broke=effects.get((kind, Reason.BROKEN), 0),
            absorbed=effects.get((kind, Reason.ABSORBED), 0),
            demoted=effects.get((kind, Reason.DEMOTED), 0),
            recovered=int(recovered.get(kind) or 0),
        )
        for kind in rules.kinds
        if kind in used
    )


def _habits(
    run: Run, sql: dict[str, str], values: dict[str, Any], calls: Sequence[str]
) -> tuple[Habit, ...]:
    kinds = {f"kind{i}": kind for i, kind in enumerate(calls)}
    lifted: dict[str, int] = {member: n for member, n in run(sql["lifts"], {**values, **kinds})}
    rows = {
        member: [int(n or 0) for n in counts] for member, *counts in run(sql["followups"], values)
    }
    habits = []
    for member in sorted(set(rows) | set(lifted)):
        on_time, late, snoozed, dismissed, still_open = rows.get(member, [0] * 5)
        habits.append(
            Habit(member, on_time, late, snoozed, dismissed, still_open, int(lifted.get(member, 0)))
        )
    return tuple(habits)


def moved(
    run: Run, dialect: str, period: Period, today: date, from_rung: Rung, to_rung: Rung
) -> list[tuple[int, str]]:
    """The customers who moved from `from_rung` to `to_rung` in the period: (id, name)."""
    values = params(dialect, start=period.start, as_of=period.as_of(today))
    return [
        (customer_id, name)
        for customer_id, name in run(
            MOVED, {**values, "from_rung": int(from_rung), "to_rung": int(to_rung)}
        )
    ]
