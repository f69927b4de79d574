"""What a member sees first: the ladder, the week's moves, and what is due.

Time does its work before anything due is read (`Store.settle`: lapses,
birthdays, Christmas cards), here and only here, so the list on the screen,
on paper and in a file is the same list.
"""

from __future__ import annotations

from datetime import date

from data import records
from data.errors import StoreError
from data.records import WEEK
from data.sql import morning_sql
from data.store import Store, rows


def morning(
    store: Store, today: date, *, member: str | None, moves: int, rows: int
) -> records.MorningView:
    """The ladder, the newest `moves` moves, and the first `rows` follow-ups due this week."""
    store.settle(today)
    return store.morning_view(today, member=member, moves=moves, rows_shown=rows)


def due(
    store: Store, today: date, *, days: int = WEEK, member: str | None = None
) -> list[records.FollowupInfo]:
    """Every follow-up due within `days` (the week, as the morning view shows it)."""
    store.settle(today)
    return store.due_followups(today, days=days, member=member)


def due_later(
    store: Store, today: date, *, days: int = WEEK, member: str | None = None
) -> tuple[int, date | None]:
    """How many open follow-ups fall after the `days` a list shows, and the day the
    last of them is due: what the list leaves out, and how far it must reach to
    show it (read after `due`, which has let time do its work)."""
    with store.read() as session:
        run, dialect = rows.runner(session)
        values = morning_sql.day_params(dialect, today, days, member)
        count, last = run(morning_sql.later(mine=bool(member)), values)[0]
    return int(count), morning_sql.day_or_none(last)


def pipeline(store: Store, today: date) -> list[records.RungCount]:
    store.settle(today)
    return store.pipeline(today)


def christmas_cards(
    store: Store, year: int, today: date, *, for_labels: bool = False
) -> list[records.CustomerInfo]:
    """Whose card of `year` is still to send; labels are refused when there are none
    (a blank sheet of labels helps nobody)."""
    store.settle(today)
    people = [person for person, _ in store.christmas_cards(year, today)]
    if for_labels and not people:
        raise StoreError(
            "cards_none",
            year=year,
        )
    return people
