"""A shop's orders become purchases (`ladder import orders`), each order once.

An order is matched to a customer by e-mail, then phone (in its one form), then
the exact name; one that matches no one makes a new customer (unless told not
to), one that matches two is listed and not guessed. The order's reference is
kept with its purchase, so a second import of the same or an overlapping export
adds nothing twice, and a purchase a member deleted does not come back unless
asked (`again`). All of an import is one transaction and one entry on record.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import delete, insert, select
from sqlmodel import Session, col

import ladder
from data.errors import StoreError
from data.formats.contact_file import BadRow
from data.formats.orders import Order, OrdersFile
from data.records import CustomerInfo, Left
from data.service.undo import Reverse
from data.store import Store, audit, rows
from data.store.derive import one_customer
from data.store.derive.everyone import derive_many, lock_customers
from data.store.details import blank_details, checked_details
from data.store.tables import CustomerRow, EventRow, ImportedOrderRow, StateRow
from ladder import Rung

PURCHASE = "purchase"


@dataclass
class OrderPlan:
    """What importing the orders would do."""

    source: str
    purchases: list[tuple[Order, int | None]] = field(default_factory=list)  # None: new
    new: dict[str, Order] = field(default_factory=dict)  # a new customer's first order
    skipped: list[tuple[Order, str]] = field(default_factory=list)  # the order, and why
    bad: list[BadRow] = field(default_factory=list)
    ambiguous: dict[str, list[CustomerInfo]] = field(default_factory=dict)  # by reference

    read: int = 0  # orders in the file

    def customers(self) -> int:
        return len({customer for _, customer in self.purchases if customer is not None})

    def counts(self) -> dict[str, int]:
        """What it would do, in numbers (`orders.summary` says them)."""
        already = sum(1 for _, why in self.skipped if why == "already")
        return {
            "orders": self.read,
            "purchases": len(self.purchases),
            "customers": self.customers(),
            "new": len(self.new),
            "already": already,
            "skipped": len(self.skipped) - already,
            "bad": len(self.bad),
        }


@dataclass(frozen=True)
class OrdersImported:
    purchases: int
    new_customers: int
    climbed: Counter[Rung]  # how many customers the purchases took up, by the rung reached
    events: tuple[int, ...] = ()  # what the import wrote, for an undo
    created: tuple[int, ...] = ()
    affected: tuple[int, ...] = ()


def plan_order_import(
    store: Store, found: OrdersFile, *, create: bool = True, again: bool = False
) -> OrderPlan:
    """Match each order to a customer, and say what would be skipped and why."""
    plan = OrderPlan(found.source, bad=list(found.bad), read=len(found.orders))
    known = _Known(store.contact_index())
    with store.read() as session:
        done = session.execute(
            select(col(ImportedOrderRow.reference), col(ImportedOrderRow.event_id)).where(
                col(ImportedOrderRow.source) == found.source
            )
        ).all()
    already = {reference for reference, event in done if event is not None or not again}
    for order in found.orders:
        if order.skipped:
            plan.skipped.append((order, order.skipped))
        elif order.reference in already:
            plan.skipped.append((order, "already"))
        else:
            _match(plan, known, order, create)
    return plan


def _match(plan: OrderPlan, known: _Known, order: Order, create: bool) -> None:
    for key, value in (
        ("email", order.email.casefold()),
        ("phone", order.phone),
        ("name", order.name.casefold()),
    ):
        if not value:
            continue
        matches = known.by[key].get(value, [])
        if len(matches) > 1:
            plan.ambiguous[order.reference] = matches
            plan.skipped.append((order, "ambiguous"))
            return
        if matches:
            plan.purchases.append((order, matches[0].id))
            return
    if not create:
        plan.skipped.append((order, "no_customer"))
        return
    plan.new.setdefault(_person(order), order)
    plan.purchases.append((order, None))


class _Known:
    """The customers there are, by e-mail, phone and name (lists: two may share one)."""

    def __init__(self, customers: list[CustomerInfo]) -> None:
        self.by: dict[str, dict[str, list[CustomerInfo]]] = {"email": {}, "phone": {}, "name": {}}
        for customer in customers:
            for key, value in (
                ("email", customer.email.casefold()),
                ("phone", customer.phone),
                ("name", customer.name.casefold()),
            ):
                if value:
                    self.by[key].setdefault(value, []).append(customer)


def import_orders(store: Store, plan: OrderPlan, today: date, *, member: str) -> OrdersImported:
    """Log the plan's purchases (and add its new customers), in one transaction."""
    if plan.bad:
        raise ValueError("the file has bad rows; nothing was imported")
    now = rows.now()
    with store.write() as session:
        member = rows.ensure_member(session, member)
        created = _add_new(session, store, plan, today, member, now)
        owners = [c if c is not None else created[_person(o)] for o, c in plan.purchases]
        affected = sorted(set(owners))
        before = _rungs(session, affected)
        events = EventRow.__table__
        ids = (
            session.execute(
                insert(events).returning(events.c.id, sort_by_parameter_order=True),
                [
                    {
                        "customer_id": customer_id,
                        "kind": PURCHASE,
                        "occurred_on": order.day,
                        "note": order.note,
                        "logged_by": member,
                        "created_at": now,
                        "changed_by": member,
                        "changed_at": now,
                    }
                    for (order, _), customer_id in zip(plan.purchases, owners, strict=True)
                ],
            )
            .scalars()
            .all()
            if plan.purchases
            else []
        )
        _remember(session, plan, owners, ids, now)
        _derive(session, store, affected, today, member)
        after = _rungs(session, affected)
        what = (
            f"orders ({plan.source}): {len(plan.purchases)} purchases, {len(created)} new customers"
        )
        audit.record(session, member, "import", None, what)
    climbed = Counter(after[c] for c in affected if after[c] > before.get(c, Rung.KULUTTAJA))
    return OrdersImported(
        len(plan.purchases),
        len(created),
        climbed,
        tuple(ids),
        tuple(created.values()),
        tuple(affected),
    )


def undo_orders(done: OrdersImported) -> Reverse:
    """An orders import taken back as one step: its purchases, the customers it added
    and the orders' references go (so the same export can be imported again), if no
    colleague has changed a purchase or logged on a new customer since."""

    def reverse(store: Store, today: date, member: str) -> object:
        with store.write() as session:
            member = rows.ensure_member(session, member)
            rows.check_left(session, [Left("event", event, 1) for event in done.events])
            events = EventRow.__table__
            session.execute(
                delete(ImportedOrderRow).where(col(ImportedOrderRow.event_id).in_(done.events))
            )
            session.execute(delete(events).where(events.c.id.in_(done.events)))
            others = session.execute(
                select(events.c.customer_id).where(events.c.customer_id.in_(done.created)).limit(1)
            ).first()
            if others is not None:
                raise StoreError(
                    "orders_undo_later_events",
                    id=others[0],
                )
            session.execute(delete(CustomerRow).where(col(CustomerRow.id).in_(done.created)))
            kept = [c for c in done.affected if c not in set(done.created)]
            _derive(session, store, kept, today, member)
            what = f"orders: {len(done.events)} purchases, {len(done.created)} customers"
            audit.record(session, member, "undo", None, what)
        return done

    return reverse


ONE_BY_ONE = 200  # customers: more than this are replayed together, in one pass
LISTED = 20_000  # customers: up to this many are named to the replay; more, their id range


def _derive(session: Session, store: Store, affected: list[int], today: date, member: str) -> None:
    """Each affected customer derived afresh: a few one by one; many (a year's export)
    in one batched replay, which costs far less than replaying each (bench/orders.py)."""
    if len(affected) <= ONE_BY_ONE:
        for customer_id in affected:
            customer = rows.lock_customer(session, customer_id)
            one_customer.rederive(session, store.rules, customer, today, who=member)
        return
    first, last = affected[0] - 1, affected[-1]
    lock_customers(session, first, last)
    only = affected if len(affected) <= LISTED else ()
    derive_many(session, store.rules, today, after_id=first, up_to=last, only=only)


def _person(order: Order) -> str:
    return order.email.casefold() or order.phone or order.name.casefold()


def _add_new(
    session: Session, store: Store, plan: OrderPlan, today: date, member: str, now: datetime
) -> dict[str, int]:
    created: dict[str, int] = {}
    for person, order in plan.new.items():
        values = checked_details(
            {
                **blank_details(),
                "name": order.name,
                "email": order.email,
                "phone": order.phone,
                "owner": member,
                "since": order.day,
            },
            today,
            store.country,
        )
        customer = CustomerRow(**values, created_at=now, updated_at=now, changed_by=member)
        session.add(customer)
        session.flush()
        customer_id = rows.stored_id(customer)
        rows.add_state(session, customer_id, store.rules)
        created[person] = customer_id
    session.flush()
    return created


def _remember(
    session: Session, plan: OrderPlan, owners: list[int], ids: Sequence[int], now: datetime
) -> None:
    """Each order's reference, with its purchase (again: a deleted one's, refilled)."""
    kept = {
        row.reference: row
        for row in session.execute(
            select(ImportedOrderRow).where(col(ImportedOrderRow.source) == plan.source)
        ).scalars()
    }
    fresh = []
    for (order, _), customer_id, event_id in zip(plan.purchases, owners, ids, strict=True):
        row = kept.get(order.reference)
        if row is None:
            fresh.append(
                {
                    "source": plan.source,
                    "reference": order.reference,
                    "customer_id": customer_id,
                    "event_id": event_id,
                    "imported_at": now,
                }
            )
        else:
            row.customer_id, row.event_id, row.imported_at = customer_id, event_id, now
    if fresh:
        session.execute(insert(ImportedOrderRow.__table__), fresh)


def _rungs(session: Session, customers: list[int]) -> dict[int, Rung]:
    found = session.execute(
        select(col(StateRow.customer_id), col(StateRow.rung)).where(
            col(StateRow.customer_id).in_(customers)
        )
    ).all()
    return {customer: ladder.Rung(rung) for customer, rung in found}
