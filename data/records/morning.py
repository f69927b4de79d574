"""Records of the morning view (`data.records`): the ladder, the week's moves and
what is due."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ladder import Rung, Transition

if TYPE_CHECKING:
    from data.records.followups import FollowupInfo


@dataclass(frozen=True)
class RungCount:
    """One rung of the morning ladder: how many stand on it, and the week's moves."""

    rung: Rung
    count: int
    up_7d: int
    down_7d: int


@dataclass(frozen=True)
class Move:
    """A customer who changed rung recently, for the morning view."""

    customer_id: int
    customer: str
    transition: Transition


@dataclass(frozen=True)
class MorningView:
    """The morning screen's data, read after settling."""

    ladder: list[RungCount]
    moves: list[Move]
    due: list[FollowupInfo]
    due_total: int
