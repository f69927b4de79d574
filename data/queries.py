"""The SQL the store's use cases share: today's rung, what is due, and the
statements every logged event runs.

Kept apart from the use cases so that each reads as what it does, not as
how a rung or a due date is worked out in SQL.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import and_, bindparam, case, func, or_, select

from data.tables import CustomerRow, EventRow, FollowupRow, StateRow, TransitionRow

# The statements every logged event runs, built once: building them anew each
# time was a third of SQLAlchemy's share of a log.
CACHED_STATE = select(StateRow.__table__.c.state).where(
    StateRow.__table__.c.customer_id == bindparam("customer_id")
)
EVENTS_OF = (
    select(EventRow.__table__)
    .where(EventRow.__table__.c.customer_id == bindparam("customer_id"))
    .order_by(EventRow.__table__.c.occurred_on, EventRow.__table__.c.id)
)
SETTLED_TRANSITIONS = (
    select(TransitionRow.__table__)
    .where(
        TransitionRow.__table__.c.customer_id == bindparam("customer_id"),
        TransitionRow.__table__.c.projected.is_(False),
    )
    .order_by(TransitionRow.__table__.c.on, TransitionRow.__table__.c.id)
)
FOLLOWUPS_OF = select(FollowupRow.__table__).where(
    FollowupRow.__table__.c.customer_id == bindparam("customer_id")
)
CUSTOMER_LOCKED = (
    select(
        CustomerRow.__table__.c.id, CustomerRow.__table__.c.owner, CustomerRow.__table__.c.birthday
    )
    .where(CustomerRow.__table__.c.id == bindparam("customer_id"))
    .with_for_update()
)


def due(today: date, days: int, member: str | None):
    """Follow-ups made by `today`, open and due (or snoozed until) by `today + days`."""
    horizon = today + timedelta(days=days)
    condition = and_(
        FollowupRow.made_on <= today,
        or_(
            and_(FollowupRow.state == "open", FollowupRow.due <= horizon),
            and_(FollowupRow.state == "snoozed", FollowupRow.snoozed_until <= horizon),
        ),
    )
    return and_(condition, FollowupRow.member == member) if member else condition


def shown_due():
    """The day a follow-up is listed under: a snoozed one on the day it wakes up."""
    return case(
        (
            and_(FollowupRow.state == "snoozed", FollowupRow.snoozed_until.is_not(None)),
            FollowupRow.snoozed_until,
        ),
        else_=FollowupRow.due,
    )


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
