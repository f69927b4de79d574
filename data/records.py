"""What the store hands out: plain, frozen records, never live database rows."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date, datetime
from enum import StrEnum
from typing import NamedTuple

from ladder import Rung, Transition
from ladder.phones import shown


@dataclass(frozen=True, kw_only=True)
class CustomerDetails:
    """A customer's details: the one list of them that forms, imports, exports,
    checks and the customer table follow (a test keeps the table in step)."""

    name: str
    organisation: str = ""
    email: str = ""
    phone: str = ""
    address: str = ""
    birthday: date | None = None
    tags: str = ""
    notes: str = ""
    owner: str = ""
    since: date | None = None  # the day they came onto the ladder (None: today)


WEEK = 7  # the morning view's window: what is due, and the moves it counts

CUSTOMER_FIELDS = tuple(f.name for f in fields(CustomerDetails))


@dataclass(frozen=True, kw_only=True)
class CustomerInfo(CustomerDetails):
    """A stored customer: the details, the number the customer is known by, and
    the version of the row (counted up by every change; see `Left`)."""

    id: int
    since: date  # a stored customer has one: the day they were added, unless given
    version: int = 1


class FollowupState(StrEnum):
    """Where a follow-up stands; stored as its value, so a row reads as the word."""

    OPEN = "open"
    SNOOZED = "snoozed"
    DONE = "done"
    DISMISSED = "dismissed"
    EXPIRED = "expired"  # left undone past its rule's expiry: off every list, on record


OPEN_STATES = (FollowupState.OPEN, FollowupState.SNOOZED)  # still on someone's list
CLOSED_STATES = (FollowupState.DONE, FollowupState.DISMISSED)


class Alike(NamedTuple):
    """A customer already there whom new details would duplicate, and by what:
    "email", "phone" or "name"."""

    customer: CustomerInfo
    by: str


@dataclass(frozen=True)
class CustomerSummary:
    """One line of the customer list."""

    id: int
    name: str
    rung: Rung
    score: float
    at_risk: bool
    last_event_on: date | None
    email: str = ""
    phone: str = ""
    tags: str = ""
    organisation: str = ""


@dataclass(frozen=True)
class EventInfo:
    id: int
    customer_id: int
    kind: str
    on: date
    emotional: bool
    note: str
    logged_by: str
    version: int = 1


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
class FollowupInfo:
    """A follow-up as a member sees it in the list."""

    id: int
    customer_id: int
    customer: str
    rung: Rung
    rule: str
    trigger: str
    made_on: date
    due: date
    state: FollowupState
    member: str
    note: str = ""
    snoozed_until: date | None = None
    closed_on: date | None = None
    phone: str = ""
    email: str = ""
    version: int = 1

    @property
    def reach(self) -> str:
        """How to reach the customer: the phone as people write it, else the e-mail,
        else nothing."""
        return shown(self.phone) if self.phone else self.email

    @property
    def shown_due(self) -> date:
        """When it is due as the list shows it: a snoozed one when it wakes up."""
        if self.state == FollowupState.SNOOZED and self.snoozed_until:
            return self.snoozed_until
        return self.due

    def overdue(self, today: date) -> bool:
        return self.state in OPEN_STATES and self.shown_due < today


@dataclass(frozen=True)
class CustomerCard:
    """Everything a member sees about one customer."""

    info: CustomerInfo
    rung: Rung
    score: float
    at_risk: bool
    events: list[EventInfo]
    transitions: list[Transition]
    followups: list[FollowupInfo]
    score_series: list[float] = field(default_factory=list)
    next_lapse: Transition | None = None  # the rung time alone takes them to next, and when


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
class NewEvent:
    """An event of a customer being added with their history (demo, import)."""

    kind: str
    on: date
    emotional: bool = False
    note: str = ""
    logged_by: str = ""


@dataclass(frozen=True)
class NewCustomer:
    """A customer to add together with past events; `details` are contact fields."""

    details: dict[str, object]
    events: list[NewEvent] = field(default_factory=list)
    owner: str = ""


@dataclass(frozen=True)
class MorningView:
    """The morning screen's data, read after settling."""

    ladder: list[RungCount]
    moves: list[Move]
    due: list[FollowupInfo]
    due_total: int
