"""The morning view's queries in plain SQL, and the records made from their rows.

One definition of each: the store runs them through SQLAlchemy (`text`), and
the app's first read (`data.sql.first_read`) runs them straight through the
driver, before SQLAlchemy is loaded, as cosmicpython's `views.py` reads
without the ORM. Parameters are `:named`; dates go in as ISO text on SQLite
(which stores them so) and as dates on PostgreSQL. Nothing here imports
SQLAlchemy.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, timedelta
from functools import cache
from typing import Any

from data import records
from data.records import WEEK
from ladder import Reason, Rung, Transition
from ladder.text import member_key

Run = Callable[[str, dict[str, Any]], Sequence[Sequence[Any]]]  # (sql, params) -> rows

# A customer's rung on :today: the standing rung for the span of days it was
# derived for (each morning's settle moves it on), else the settled rung less
# the lapses that have come by then.
RUNG_NOW = """(CASE
    WHEN customer_state.standing_rung IS NOT NULL
     AND (customer_state.standing_from IS NULL OR customer_state.standing_from <= :today)
     AND (customer_state.standing_until IS NULL OR customer_state.standing_until > :today)
    THEN customer_state.standing_rung
    ELSE customer_state.rung - (
        SELECT count(*) FROM transition
        WHERE transition.customer_id = customer_state.customer_id
          AND transition.projected AND transition."on" <= :today)
END)"""

# The day a follow-up is listed under: a snoozed one on the day it wakes up.
SHOWN_DUE = """(CASE WHEN followup.state = 'snoozed' AND followup.snoozed_until IS NOT NULL
    THEN followup.snoozed_until ELSE followup.due END)"""

# Made by :today, open and due (or snoozed until) by :horizon.
DUE = """followup.made_on <= :today
    AND ((followup.state = 'open' AND followup.due <= :horizon)
      OR (followup.state = 'snoozed' AND followup.snoozed_until <= :horizon))"""
# Whose follow-ups: the member's name as first written, however it is typed now.
MINE = """ AND followup.member = COALESCE(
    (SELECT member.name FROM member WHERE member.key = :member_key), :member)"""

RUNG_COUNTS = f"SELECT {RUNG_NOW} AS rung_now, count(*) FROM customer_state GROUP BY rung_now"
WEEK_MOVES = """SELECT from_rung, to_rung, count(*) FROM transition
    WHERE "on" > :since AND "on" <= :today GROUP BY from_rung, to_rung"""
RECENT_MOVES = """SELECT transition.customer_id, customer.name, transition."on",
    transition.from_rung, transition.to_rung, transition.reason, transition.event_id,
    transition.score_before, transition.score_after, transition.positives
    FROM transition JOIN customer ON customer.id = transition.customer_id
    WHERE transition."on" > :since AND transition."on" <= :today
      AND transition.from_rung != transition.to_rung
    ORDER BY transition."on" DESC, transition.id DESC"""
# One follow-up as every list shows it: `records.FollowupInfo`'s fields in order,
# read by position (`followup_record`), since a list can hold tens of thousands.
FOLLOWUP_COLUMNS = f"""followup.id, followup.customer_id, customer.name, {RUNG_NOW},
    followup.rule, followup.trigger, followup.made_on, followup.due, followup.state,
    followup.member, followup.note, followup.snoozed_until, followup.closed_on,
    customer.phone, customer.email, followup.version"""
FOLLOWUPS = f"""SELECT {FOLLOWUP_COLUMNS} FROM followup
    JOIN customer ON customer.id = followup.customer_id
    JOIN customer_state ON customer_state.customer_id = followup.customer_id"""
DUE_COUNT = f"SELECT count(*) FROM followup WHERE {DUE}"
# The day the list's `:offset`-th row is due on: a list of thousands is read only so far.
DUE_CUTOFF = f"SELECT {SHOWN_DUE} FROM followup WHERE {DUE} ORDER BY 1 LIMIT 1 OFFSET :offset"
DUE_ROWS = f"{FOLLOWUPS} WHERE {DUE}"
# Made by :today, open or snoozed, but due after :horizon: what a list to :horizon leaves out.
LATER = f"""SELECT count(*), max({SHOWN_DUE}) FROM followup
    WHERE followup.made_on <= :today AND followup.state IN ('open', 'snoozed')
    AND NOT ((followup.state = 'open' AND followup.due <= :horizon)
      OR (followup.state = 'snoozed' AND followup.snoozed_until <= :horizon))"""


def due_rows(*, mine: bool, cutoff: bool) -> str:
    """The due follow-ups' query, for one member or all, to a cut-off day or not."""
    sql = DUE_ROWS + (MINE if mine else "")
    return sql + (f" AND {SHOWN_DUE} <= :cutoff" if cutoff else "")


def due_in_order(*, mine: bool, dialect: str) -> str:
    """Every due follow-up in the order `followups` sorts them (the day listed under,
    the name, the number), names compared by code point as Python compares them, so
    that a long list can be written as it is read."""
    name = 'customer.name COLLATE "C"' if dialect == "postgresql" else "customer.name"
    return f"{due_rows(mine=mine, cutoff=False)} ORDER BY {SHOWN_DUE}, {name}, followup.id"


def due_count(*, mine: bool) -> str:
    return DUE_COUNT + (MINE if mine else "")


def later(*, mine: bool) -> str:
    return LATER + (MINE if mine else "")


def due_cutoff(*, mine: bool) -> str:
    return DUE_CUTOFF.replace(" ORDER BY", (MINE if mine else "") + " ORDER BY")


def recent_moves(*, limited: bool) -> str:
    return RECENT_MOVES + (" LIMIT :limit" if limited else "")


def params(dialect: str, **values: Any) -> dict[str, Any]:
    """The parameters as the database takes them: dates as ISO text on SQLite."""
    if dialect != "sqlite":
        return values
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in values.items()}


def day_params(dialect: str, today: date, days: int, member: str | None) -> dict[str, Any]:
    """`today`, the week's first day and the horizon, and the member if only theirs."""
    values: dict[str, date | str] = {
        "today": today,
        "since": today - timedelta(days=days),
        "horizon": today + timedelta(days=days),
    }
    if member:
        values["member"], values["member_key"] = member, member_key(member)
    return params(dialect, **values)


def day(value: Any) -> date:
    """A date as either driver hands it back (SQLite: ISO text)."""
    return date.fromisoformat(value) if isinstance(value, str) else value


def day_or_none(value: Any) -> date | None:
    """A date of a column that may be empty, as `day` reads it."""
    return None if value is None else day(value)


# -- records from rows -----------------------------------------------------------


def rung_counts(
    counts: Iterable[Sequence[Any]], moves: Iterable[Sequence[Any]]
) -> list[records.RungCount]:
    """The ladder: how many stand on each rung, and the week's arrivals from below and above."""
    standing = {int(rung): count for rung, count in counts}
    up: dict[int, int] = defaultdict(int)
    down: dict[int, int] = defaultdict(int)
    for from_rung, to_rung, count in moves:
        if to_rung > from_rung:
            up[to_rung] += count
        elif to_rung < from_rung:
            down[to_rung] += count
    return [
        records.RungCount(rung, standing.get(int(rung), 0), up[int(rung)], down[int(rung)])
        for rung in Rung
    ]


def move(row: Sequence[Any]) -> records.Move:
    customer_id, name, on, from_rung, to_rung, reason, event_id, before, after, positives = row
    transition = Transition(
        on=day(on),
        from_rung=Rung(from_rung),
        to_rung=Rung(to_rung),
        reason=Reason(reason),
        event_id=event_id,
        score_before=before,
        score_after=after,
        positives=positives,
    )
    return records.Move(customer_id, name, transition)


_RUNGS = tuple(Rung)


@cache
def _states() -> dict[str, records.FollowupState]:
    """Each state by its stored word: made when a follow-up is first read, so that
    `ladder pipeline` does not load the follow-ups' records (about 1.2 ms)."""
    return {state.value: state for state in records.FollowupState}


def followup_record(row: Sequence[Any]) -> records.FollowupInfo:
    """A row of FOLLOWUP_COLUMNS as the record every list shows."""
    return records.FollowupInfo(
        row[0],
        row[1],
        row[2],
        _RUNGS[row[3]],
        row[4],
        row[5],
        day(row[6]),
        day(row[7]),
        _states()[row[8]],
        row[9],
        row[10],
        day_or_none(row[11]),
        day_or_none(row[12]),
        row[13],
        row[14],
        row[15],
    )


def followups(rows: Iterable[Sequence[Any]], limit: int | None) -> list[records.FollowupInfo]:
    """Due follow-ups as the list shows them: by the day they are listed under."""
    found = [followup_record(row) for row in rows]
    return sorted(found, key=lambda f: (f.shown_due, f.customer, f.id))[:limit]


# -- reading, through whichever `run` the caller has (a session, or the driver) -----------


def read_ladder(run: Run, values: dict[str, Any]) -> list[records.RungCount]:
    return rung_counts(run(RUNG_COUNTS, values), run(WEEK_MOVES, values))


def read_moves(run: Run, values: dict[str, Any], limit: int | None) -> list[records.Move]:
    if limit is not None:
        values = {**values, "limit": limit}
    return [move(row) for row in run(recent_moves(limited=limit is not None), values)]


def read_due(
    run: Run, values: dict[str, Any], *, mine: bool, limit: int | None
) -> list[records.FollowupInfo]:
    """What is due, and with `limit` only as far as the day its last row is due on."""
    if limit is not None:
        cutoff = run(due_cutoff(mine=mine), {**values, "offset": limit - 1})
        if cutoff:
            values = {**values, "cutoff": cutoff[0][0]}
    return followups(run(due_rows(mine=mine, cutoff="cutoff" in values), values), limit)


def stream_due(
    stream: Callable[[str, dict[str, Any]], Iterable[Sequence[Any]]],
    dialect: str,
    values: dict[str, Any],
    *,
    mine: bool,
) -> Iterator[records.FollowupInfo]:
    """What is due, one follow-up at a time in the list's order: `read_due` without a
    limit, never holding the whole list."""
    return map(followup_record, stream(due_in_order(mine=mine, dialect=dialect), values))


def read_view(
    run: Run, dialect: str, today: date, *, member: str | None, moves: int, rows: int
) -> records.MorningView:
    """The morning view: the ladder, the newest moves, the first follow-ups due this week."""
    values = day_params(dialect, today, WEEK, member)
    mine = bool(member)
    return records.MorningView(
        ladder=read_ladder(run, values),
        moves=read_moves(run, values, moves),
        due=read_due(run, values, mine=mine, limit=rows),
        due_total=run(due_count(mine=mine), values)[0][0],
    )
