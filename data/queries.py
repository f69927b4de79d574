"""The SQL the store's use cases share: today's rung, what is due, and the
statements every logged event runs.

Kept apart from the use cases so that each reads as what it does, not as
how a rung or a due date is worked out in SQL.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import and_, bindparam, case, func, or_, select

from data.records import FollowupState
from data.tables import CustomerRow, EventRow, FollowupRow, StateRow, TransitionRow

_customer = CustomerRow.__table__
_event = EventRow.__table__
_followup = FollowupRow.__table__
_state = StateRow.__table__
_transition = TransitionRow.__table__
_of_customer = bindparam("customer_id")

# The statements every logged event runs, built once: building them anew each
# time was a third of SQLAlchemy's share of a log.
CUSTOMER_LOCKED = (
    select(_customer.c.id, _customer.c.owner, _customer.c.birthday)
    .where(_customer.c.id == _of_customer)
    .with_for_update()
)
CACHED_STATE = select(_state.c.state, _state.c.derived_under).where(
    _state.c.customer_id == _of_customer
)
EVENTS_OF = (
    select(_event)
    .where(_event.c.customer_id == _of_customer)
    .order_by(_event.c.occurred_on, _event.c.id)
)
SETTLED_TRANSITIONS = (
    select(_transition)
    .where(_transition.c.customer_id == _of_customer, _transition.c.projected.is_(False))
    .order_by(_transition.c.on, _transition.c.id)
)
FOLLOWUPS_OF = select(_followup).where(_followup.c.customer_id == _of_customer)
TRANSITIONS_DELETED = _transition.delete().where(_transition.c.customer_id == _of_customer)
LAPSES_DELETED = TRANSITIONS_DELETED.where(_transition.c.projected.is_(True))
# Its SET clause takes the column names, so the customer is bound by another name.
STATE_UPDATED = _state.update().where(_state.c.customer_id == bindparam("state_of"))


def due(today: date, days: int, member: str | None):
    """Follow-ups made by `today`, open and due (or snoozed until) by `today + days`."""
    horizon = today + timedelta(days=days)
    condition = and_(
        FollowupRow.made_on <= today,
        or_(
            and_(FollowupRow.state == FollowupState.OPEN, FollowupRow.due <= horizon),
            and_(FollowupRow.state == FollowupState.SNOOZED, FollowupRow.snoozed_until <= horizon),
        ),
    )
    return and_(condition, FollowupRow.member == member) if member else condition


def shown_due():
    """The day a follow-up is listed under: a snoozed one on the day it wakes up."""
    snoozed = and_(
        FollowupRow.state == FollowupState.SNOOZED, FollowupRow.snoozed_until.is_not(None)
    )
    return case((snoozed, FollowupRow.snoozed_until), else_=FollowupRow.due)


def rung_now(today: date):
    """A customer's rung on `today`: the settled rung less the lapses time has brought.

    The standing rung holds the answer for the span of days it was derived
    for (each morning's settle moves it on); outside that span the lapses are
    counted.
    """
    lapsed = (
        select(func.count())
        .where(
            TransitionRow.customer_id == StateRow.customer_id,
            TransitionRow.projected.is_(True),
            TransitionRow.on <= today,
        )
        .correlate(StateRow)
        .scalar_subquery()
    )
    standing = and_(
        StateRow.standing_rung.is_not(None),
        or_(StateRow.standing_from.is_(None), StateRow.standing_from <= today),
        or_(StateRow.standing_until.is_(None), StateRow.standing_until > today),
    )
    return case((standing, StateRow.standing_rung), else_=StateRow.rung - lapsed).label("rung_now")


def at_risk_now(today: date):
    """Whether a customer is at risk on `today`: inside the window the derivation stored."""
    return and_(
        StateRow.at_risk_from.is_not(None),
        StateRow.at_risk_from <= today,
        or_(StateRow.at_risk_until.is_(None), StateRow.at_risk_until > today),
    )
