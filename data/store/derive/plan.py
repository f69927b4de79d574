"""Turning the domain's verdicts into rows of the derived tables, without a session.

Shared by the single-customer path (logging one event) and the bulk path
(re-deriving everyone after a rulebook change), so both write the same rows;
`writes` puts them in the database.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, NamedTuple, Protocol

import ladder
from data.records import CLOSED_STATES, OPEN_STATES, FollowupState
from data.store.codec import encode_state

MANUAL = "manual"


class StoredFollowup(NamedTuple):
    """The columns of a stored follow-up that reconciling reads (for bulk reads)."""

    id: int
    customer_id: int
    key: str
    rule: str
    state: str
    closed_by_event_id: int | None
    closed_on: date | None
    due: date
    made_on: date


class CustomerFacts(Protocol):
    """What deriving needs to know of a customer besides their events: a stored
    customer (its row, or its record `CustomerInfo`), a locked row or a bulk read's
    `Customer` all have it."""

    @property
    def id(self) -> int: ...

    @property
    def owner(self) -> str: ...

    @property
    def birthday(self) -> date | None: ...

    @property
    def since(self) -> date: ...


class Customer(NamedTuple):
    """A customer's facts as the bulk path reads them."""

    id: int
    owner: str
    birthday: date | None
    since: date


def domain_event(row: Any) -> ladder.Event:
    """A stored event as the fold reads it."""
    return ladder.Event(row.id, row.kind, row.occurred_on, row.emotional, row.note, row.logged_by)


def transition_values(
    customer_id: int, transitions: Iterable[ladder.Transition], *, projected: bool
) -> list[dict[str, Any]]:
    return [
        {
            "customer_id": customer_id,
            "on": t.on,
            "from_rung": int(t.from_rung),
            "to_rung": int(t.to_rung),
            "reason": t.reason.value,
            "event_id": t.event_id,
            "score_before": t.score_before,
            "score_after": t.score_after,
            "positives": t.positives,
            "projected": projected,
        }
        for t in transitions
    ]


def state_values(
    customer_id: int,
    state: ladder.CustomerState,
    outlook: ladder.Outlook,
    recheck_on: date | None,
    today: date,
    derived_under: str,
) -> dict[str, Any]:
    come = [lapse for lapse in outlook.lapses if lapse.on <= today]
    coming = outlook.lapses[len(come) :]
    return {
        "customer_id": customer_id,
        "rung": int(state.rung),
        "score": state.score,
        "last_event_on": state.last_event_on,
        "at_risk_from": outlook.at_risk_from,
        "at_risk_until": outlook.at_risk_until,
        "recheck_on": recheck_on,
        "state": encode_state(state),
        "standing_rung": int(come[-1].to_rung if come else state.rung),
        "standing_from": come[-1].on if come else state.last_event_on,
        "standing_until": coming[0].on if coming else None,
        "derived_under": derived_under,
    }


@dataclass
class FollowupPlan:
    """The writes that bring one customer's follow-ups in line with the rules."""

    inserts: list[dict[str, Any]] = field(default_factory=list)
    updates: list[dict[str, Any]] = field(default_factory=list)
    deletes: list[int] = field(default_factory=list)
    closed: list[int] = field(default_factory=list)

    def extend(self, other: FollowupPlan) -> None:
        self.inserts += other.inserts
        self.updates += other.updates
        self.deletes += other.deletes
        self.closed += other.closed


def hand_closed(existing: Iterable[Any]) -> dict[str, date]:
    """Follow-ups a member marked done or dismissed, with the day they did it."""
    return {
        row.key: row.closed_on
        for row in existing
        if row.state in CLOSED_STATES and row.closed_by_event_id is None and row.closed_on
    }


def plan_followups(
    customer_id: int,
    owner: str,
    existing: Sequence[Any],
    derived: Iterable[ladder.Followup],
    now: datetime,
    who: str = "",
    event_ids: Iterable[int] = (),
) -> FollowupPlan:
    """Insert what is new, close what an event closed, expire what was left undone
    too long, and drop what the rules no longer call for.

    What members did is never dropped (docs/rules.md, "Follow-ups"): a
    follow-up marked done, dismissed or snoozed, one closed by logging what it
    waited for (while that event is there, `event_ids`), and one that expired
    are all kept; manual follow-ups are the member's own and never touched
    here. One that would be made already expired is not made. What changes is
    stamped as changed by `who`, the member whose write set it off ("" for
    time and the rules).
    """
    plan = FollowupPlan()
    by_key = {row.key: row for row in existing}
    seen: set[str] = set()
    for followup in derived:
        seen.add(followup.key)
        row = by_key.get(followup.key)
        if row is None:
            if not followup.expired:
                plan.inserts.append(_new_row(customer_id, owner, followup, now, who))
            continue
        state, closed_by, closed_on = _reconciled(row, followup)
        if state == FollowupState.DONE and row.state in OPEN_STATES:
            plan.closed.append(row.id)
        if (row.due, row.made_on, row.state, row.closed_by_event_id, row.closed_on) != (
            followup.due,
            followup.made_on,
            state,
            closed_by,
            closed_on,
        ):
            plan.updates.append(
                {
                    "row_id": row.id,
                    "due": followup.due,
                    "made_on": followup.made_on,
                    "state": state,
                    "closed_by_event_id": closed_by,
                    "closed_on": closed_on,
                    "changed_by": who,
                    "changed_at": now,
                }
            )
    events = set(event_ids)
    for row in existing:
        if row.key not in seen and _droppable(row, events):
            plan.deletes.append(row.id)
    return plan


def _reconciled(row: Any, followup: ladder.Followup) -> tuple[str, int | None, date | None]:
    """A stored follow-up's state, closing event and day, given what the rules now say.

    A member's own close (done or dismissed by hand) and snooze stand; the rules
    decide between open, done by an event, and expired."""
    by_hand = row.state in CLOSED_STATES and row.closed_by_event_id is None
    if by_hand:
        return row.state, None, row.closed_on
    if followup.closed_on is not None:
        return FollowupState.DONE, followup.closed_by_event_id, followup.closed_on
    if row.state == FollowupState.SNOOZED:
        return row.state, None, None
    return (FollowupState.EXPIRED if followup.expired else FollowupState.OPEN), None, None


def _droppable(row: Any, events: set[int]) -> bool:
    """Whether a stored follow-up the rules no longer call for may go: only one that
    nobody acted on (left open, or closed by an event since deleted)."""
    if row.rule == MANUAL:
        return False
    if row.state == FollowupState.OPEN:
        return True
    return row.state == FollowupState.DONE and row.closed_by_event_id not in (None, *events)


def _new_row(
    customer_id: int, owner: str, followup: ladder.Followup, now: datetime, who: str
) -> dict[str, Any]:
    """A derived follow-up as a new row: done already if its closing event came too."""
    closed = followup.closed_on is not None
    return {
        "customer_id": customer_id,
        "key": followup.key,
        "rule": followup.rule,
        "trigger": followup.trigger,
        "made_on": followup.made_on,
        "due": followup.due,
        "member": followup.member or owner,
        "note": "",
        "state": FollowupState.DONE if closed else FollowupState.OPEN,
        "snoozed_until": None,
        "source_event_id": followup.source_event_id,
        "closed_by_event_id": followup.closed_by_event_id,
        "closed_on": followup.closed_on,
        "created_at": now,
        "changed_by": who,
        "changed_at": now,
    }


@dataclass
class Derivation:
    """One customer's derived rows, computed from their state and history."""

    state: dict[str, Any]
    projected: list[dict[str, Any]]
    plan: FollowupPlan


def derive_customer(
    customer: CustomerFacts,
    state: ladder.CustomerState,
    settled: Sequence[ladder.Transition],
    events: Sequence[ladder.Event],
    existing: Sequence[Any],
    rules: ladder.Rulebook,
    today: date,
    now: datetime,
    who: str = "",
) -> Derivation:
    """What the rules say about a customer as of `today`, as rows to write.

    `settled` is every transition up to the last event, which the follow-up
    rules read (breaks, rungs); `who` set it off (see `plan_followups`).
    """
    outlook = ladder.project(state, rules)
    standing = [*settled, *(lapse for lapse in outlook.lapses if lapse.on <= today)]
    followups = ladder.derive_followups(
        events,
        standing,
        rules,
        today,
        owner=customer.owner,
        birthday=customer.birthday,
        since=customer.since,
        closed_by_hand=hand_closed(existing),
    )
    recheck = ladder.next_recheck(outlook, rules, today, customer.birthday, followups)
    ids = [event.id for event in events]
    return Derivation(
        state=state_values(customer.id, state, outlook, recheck, today, rules.fingerprint),
        projected=transition_values(customer.id, outlook.lapses, projected=True),
        plan=plan_followups(customer.id, customer.owner, existing, followups, now, who, ids),
    )
