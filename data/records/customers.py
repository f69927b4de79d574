"""Records of customers (`data.records`): their details, a line of the list, an
event, the card, and a customer to add with a history."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from ladder import Rung, Transition

if TYPE_CHECKING:
    from data.records.followups import FollowupInfo


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


CUSTOMER_FIELDS = tuple(f.name for f in fields(CustomerDetails))


@dataclass(frozen=True, kw_only=True)
class CustomerInfo(CustomerDetails):
    """A stored customer: the details, the number the customer is known by, and
    the version of the row (counted up by every change; see `Left`)."""

    id: int
    since: date  # a stored customer has one: the day they were added, unless given
    version: int = 1


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
