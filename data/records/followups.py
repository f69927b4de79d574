"""Records of follow-ups (`data.records`): where one stands, and one as a member
sees it in the list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from ladder import Rung
from ladder.phones import shown


class FollowupState(StrEnum):
    """Where a follow-up stands; stored as its value, so a row reads as the word."""

    OPEN = "open"
    SNOOZED = "snoozed"
    DONE = "done"
    DISMISSED = "dismissed"
    EXPIRED = "expired"  # left undone past its rule's expiry: off every list, on record


OPEN_STATES = (FollowupState.OPEN, FollowupState.SNOOZED)  # still on someone's list


CLOSED_STATES = (FollowupState.DONE, FollowupState.DISMISSED)


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
