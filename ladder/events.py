"""Events (facts about a customer) and transitions (what they did to the rung)."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import NamedTuple

from ladder.rungs import Rung


class Event(NamedTuple):
    """One thing that happened between a customer and the co-op.

    `id` is the entry order: events of the same day are taken in id order.
    `emotional` is already resolved against the kind's default when logged.
    A named tuple: a re-derive builds a million of them, each three times
    faster than a frozen dataclass.
    """

    id: int
    kind: str
    on: date
    emotional: bool = False
    note: str = ""
    logged_by: str = ""

    @property
    def order(self) -> tuple[date, int]:
        return (self.on, self.id)


class Reason(StrEnum):
    """Why a customer's rung changed, or why a negative left it alone."""

    PROMOTED = "promoted"
    DEMOTED = "demoted"
    BROKEN = "broken"
    RECOVERED = "recovered"
    LAPSED = "lapsed"
    ABSORBED = "absorbed"


class Transition(NamedTuple):
    """A rung change (or an absorbed negative) with the numbers that explain it.

    A named tuple, not a frozen dataclass: as immutable, and a replay makes
    hundreds of thousands of them, each three times faster to build.
    """

    on: date
    from_rung: Rung
    to_rung: Rung
    reason: Reason
    event_id: int | None
    score_before: float
    score_after: float
    positives: int = 0

    @property
    def is_up(self) -> bool:
        return self.to_rung > self.from_rung
