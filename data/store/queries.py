"""The SQL the store's use cases share as Core statements: today's rung and risk
as columns, a customer locked, their events (the morning view's own queries
are plain SQL, in `data.sql.morning_sql`; a log's, in `data.store.log_sql`).

Kept apart from the use cases so that each reads as what it does, not as
how a rung is worked out in SQL.
"""

from __future__ import annotations

from sqlalchemy import (
    BindParameter,
    bindparam,
    select,
)

from data.store.tables import CustomerRow, EventRow

_customer = CustomerRow.__table__
_event = EventRow.__table__
_of_customer: BindParameter[int] = bindparam("customer_id")

# Statements several use cases run, built once: building them anew each time
# was a third of SQLAlchemy's share of a log (whose own are in `log_sql`).
CUSTOMER_LOCKED = (
    select(_customer.c.id, _customer.c.owner, _customer.c.birthday, _customer.c.since)
    .where(_customer.c.id == _of_customer)
    .with_for_update()
)
EVENTS_OF = (
    select(_event)
    .where(_event.c.customer_id == _of_customer)
    .order_by(_event.c.occurred_on, _event.c.id)
)
