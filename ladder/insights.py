"""How the ladder moves over a period: the figures a co-op board asks for.

Each figure is defined on transitions, the fold's own output (docs/rules.md,
"Insights"): who stood where at each month's end, the moves from rung to
rung, how far the customers who first became kokeilija went, what each kind
of event did, and how members kept up with their follow-ups. The data layer
reads them from the stored transitions in a few aggregations
(`data.sql.insight_sql`); the functions here turn those aggregates into the figures.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from ladder.events import Reason
from ladder.rungs import Rung

STEPS = (Rung.ASIAKAS, Rung.LOJALISTI, Rung.SANANSAATTAJA)  # the funnel after kokeilija


@dataclass(frozen=True)
class Period:
    """The days a report covers, both ends included."""

    start: date
    end: date

    @classmethod
    def last_calendar_year(cls, today: date) -> Period:
        return cls(date(today.year - 1, 1, 1), date(today.year - 1, 12, 31))

    def as_of(self, today: date) -> date:
        """The last day with facts: the period's end, or today if that is earlier."""
        return min(self.end, today)

    def month_ends(self, today: date) -> list[date]:
        """Each month's last day in the period, the last one cut at `as_of`."""
        last = self.as_of(today)
        ends = []
        year, month = self.start.year, self.start.month
        while date(year, month, 1) <= last:
            following = date(year + month // 12, month % 12 + 1, 1)
            ends.append(min(following - timedelta(days=1), last))
            year, month = following.year, following.month
        return ends


@dataclass(frozen=True)
class FlowCell:
    """Moves from one rung to another for one reason in the period."""

    from_rung: Rung
    to_rung: Rung
    reason: Reason
    moves: int
    customers: int


@dataclass(frozen=True)
class FunnelStep:
    """How many of the cohort reached `rung`, and the median days from the rung below."""

    rung: Rung
    reached: int
    median_days: float | None


@dataclass(frozen=True)
class Funnel:
    """The customers who first became kokeilija in the period, and how far they went."""

    started: int
    steps: tuple[FunnelStep, ...]


@dataclass(frozen=True)
class KindEffect:
    """What one kind of event did in the period."""

    kind: str
    events: int
    lifted: int  # the event that lifted a customer a rung (or more)
    broke: int  # a negative that broke the relationship
    absorbed: int  # a negative the top rungs took without a move
    demoted: int  # a negative that moved a customer down a rung
    recovered: int  # of its breaks, those recovered within the recovery window

    @property
    def negatives(self) -> int:
        return self.broke + self.absorbed + self.demoted


@dataclass(frozen=True)
class Habit:
    """One member's follow-ups due in the period, and their logs that lifted a customer."""

    member: str
    on_time: int
    late: int
    snoozed: int
    dismissed: int
    still_open: int
    lifted: int


@dataclass(frozen=True)
class Insights:
    period: Period
    as_of: date
    ladder: tuple[tuple[date, tuple[int, ...]], ...]  # each month's end: customers per rung
    flow: tuple[FlowCell, ...]
    funnel: Funnel
    kinds: tuple[KindEffect, ...]
    habits: tuple[Habit, ...]


def ladder_by_month(
    month_ends: Sequence[date], changes: Iterable[tuple[date, int, int]]
) -> tuple[tuple[date, tuple[int, ...]], ...]:
    """Customers per rung at each month's end, from the changes (day, rung, how many
    came onto it less how many left it): a customer comes onto the bottom rung on
    the day they come onto the ladder, and each move leaves one rung for another;
    a count is what came in less what went out, up to that day."""
    ordered = sorted(changes, key=lambda change: change[0])
    counts = [0] * len(Rung)
    found = []
    taken = 0
    for end in month_ends:
        while taken < len(ordered) and ordered[taken][0] <= end:
            _, rung, n = ordered[taken]
            counts[rung] += n
            taken += 1
        found.append((end, tuple(counts)))
    return tuple(found)


def funnel_of(firsts: Iterable[Sequence[date | None]], period: Period) -> Funnel:
    """The funnel from each customer's first day on kokeilija, asiakas, lojalisti and
    sanansaattaja (None if never): the cohort is whoever's first kokeilija day is
    in the period."""
    cohort = [row for row in firsts if row[0] is not None and period.start <= row[0] <= period.end]
    steps = []
    for step, rung in enumerate(STEPS, start=1):
        reached = [row for row in cohort if row[step] is not None]
        days = [
            (later - earlier).days
            for earlier, later in ((row[step - 1], row[step]) for row in reached)
            if earlier is not None and later is not None
        ]
        steps.append(FunnelStep(rung, len(reached), statistics.median(days) if days else None))
    return Funnel(len(cohort), tuple(steps))
