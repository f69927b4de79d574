"""Records of what a write left and did (`data.records`): the rows left for an undo,
a log's result, a follow-up's change, a merge; the rulebook in force, a database's
health, an erasure and a line of the record of who did what."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, NamedTuple

from ladder import Rung, Transition

if TYPE_CHECKING:
    from data.records.customers import CustomerInfo
    from data.records.followups import FollowupInfo, FollowupState


class Left(NamedTuple):
    """A row as a member's write left it: an undo goes ahead only if it is still so,
    and a colleague's change since is named instead (`errors.ChangedMeanwhile`)."""

    table: str  # "customer", "event" or "followup"
    id: int
    version: int


class RulebookInForce(NamedTuple):
    """The co-op's rulebook: its number, who applied it and when."""

    id: int
    applied_by: str
    applied_at: datetime
    fingerprint: str


class DatabaseHealth(NamedTuple):
    """What `ladder doctor` finds of a database, without changing anything in it."""

    exists: bool
    revision: str | None  # None: no Ladder schema yet
    program_revision: str
    rulebook: RulebookInForce | None
    problem: str  # "" when it opens; else the error, said as for a person
    error: Exception | None = None  # that error, for a front end to say in its language


class Erased(NamedTuple):
    """A customer erased, and how many set-aside copies of the database held them."""

    customer: CustomerInfo
    copies: int


class Entry(NamedTuple):
    """One line of the record of who did what (`ladder history`)."""

    id: int
    at: datetime
    member: str
    action: str
    customer_id: int | None
    customer: str  # the name now; "" when the customer was erased
    record: str


@dataclass(frozen=True)
class LogResult:
    """What logging one event did: the move, and follow-ups made or closed."""

    event_id: int
    rung: Rung
    transition: Transition | None
    created: list[FollowupInfo]
    closed: list[int]
    left: tuple[Left, ...] = ()  # the event and the follow-ups as the log left them


class FollowupSnapshot(NamedTuple):
    """What a member did with a follow-up, as it was before a change (for an undo)."""

    state: FollowupState
    snoozed_until: date | None
    closed_on: date | None


@dataclass(frozen=True)
class FollowupChange:
    """A follow-up after a member acted on it, what it was before, and any event logged."""

    followup: FollowupInfo
    before: FollowupSnapshot
    logged: LogResult | None = None
    # A colleague had closed it a moment before (their name): only `logged` was written.
    closed_before_by: str | None = None

    @property
    def left(self) -> tuple[Left, ...]:
        """The follow-up, and what its logged event did, as this change left them."""
        mine = Left("followup", self.followup.id, self.followup.version)
        return (mine, *(self.logged.left if self.logged else ()))


@dataclass(frozen=True)
class Merged:
    """Two records of one person made one: what moved from `gone` onto `kept`, and
    what an undo needs to part them again as they were."""

    kept: CustomerInfo
    gone: CustomerInfo
    events: tuple[int, ...]  # the events moved over
    followups: tuple[tuple[int, str], ...]  # the follow-ups moved over, each with its own key
    filled: tuple[str, ...]  # the fields of `kept` filled in from `gone`
    before: CustomerInfo  # `kept` as it was before
    left: tuple[Left, ...] = ()
