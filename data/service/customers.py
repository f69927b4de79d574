"""Customers: adding, changing, finding, listing, everything about one, and erasing
one (right to erasure). Each use case is one transaction of the store."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from typing import Any

from sqlalchemy import select, text
from sqlmodel import col

from data import records
from data.errors import Duplicate, StoreError, no_customer
from data.records import CUSTOMER_FIELDS
from data.sql import card_sql, customer_sql
from data.store import Store, audit, erasure, rows
from data.store.codec import decode_state
from data.store.db import sqlite_file
from data.store.derive.one_customer import rederive
from data.store.details import checked_details, customer_info, unknown_fields
from data.store.tables import CustomerRow, EventRow, FollowupRow, StateRow
from ladder import Rung


def add_customer(
    store: Store,
    name: str,
    *,
    today: date,
    member: str = "",
    allow_duplicate: bool = False,
    **details: Any,
) -> records.CustomerInfo:
    """A new customer, on the bottom rung until something happens, on the ladder
    from `since` (today unless given).

    `details` are the other fields of `records.CustomerDetails`; the member
    adding the customer becomes the owner. Someone with the same e-mail,
    phone or name already there is not added twice (`errors.Duplicate`)
    unless `allow_duplicate`.
    """
    unknown_fields(set(details), besides=("name", "owner"))
    given = {field: details.get(field) for field in CUSTOMER_FIELDS}
    values = checked_details({**given, "name": name, "owner": member}, today, store.country)
    now = rows.now()
    with store.write() as session:
        alike = rows.duplicates_of(session, values, store.country, None)
        if alike and not allow_duplicate:
            raise Duplicate(alike)
        member = rows.ensure_member(session, member)
        customer = CustomerRow(
            **{**values, "owner": member}, created_at=now, updated_at=now, changed_by=member
        )
        session.add(customer)
        session.flush()
        rows.add_state(session, rows.stored_id(customer), store.rules)
        session.flush()
        info = customer_info(customer)
        rederive(session, store.rules, info, today, now=now, refold=False)  # e.g. a birthday
        audit.record(session, member, "customer_add", customer.id, f"customer #{customer.id}")
        return info


def edit_customer(
    store: Store,
    customer_id: int,
    today: date,
    *,
    member: str = "",
    before: dict[str, Any] | None = None,
    expect_version: int | None = None,
    allow_duplicate: bool = False,
    **changes: Any,
) -> records.CustomerInfo:
    """Change contact details; a new birthday re-plans the birthday greeting.

    Only the fields in `changes` are written, and a colleague's change since
    the member looked is never overwritten (`before`, `expect_version`: as
    `service.edit_event` takes them). A name, e-mail or phone that another
    customer has is refused as `add_customer` refuses it.
    """
    unknown_fields(set(changes))
    with store.write() as session:
        rows.lock_customer(session, customer_id)
        customer = rows.customer_row(session, customer_id)
        session.refresh(customer)
        rows.check_unchanged(customer, expect_version)
        current = {f: getattr(customer, f) for f in (*CUSTOMER_FIELDS, "name_key")}
        checked = checked_details({**current, **changes}, today, store.country)
        wanted = {field: checked[field] for field in changes}
        if "name" in wanted:
            wanted["name_key"] = checked["name_key"]
        rows.check_fields(customer, current, before, wanted)
        changed = {field: value for field, value in wanted.items() if current[field] != value}
        identity: dict[str, Any] = {
            f: changed[f] for f in ("name", "email", "phone") if f in changed
        }
        alike = rows.duplicates_of(session, identity, store.country, customer_id)
        if alike and not allow_duplicate:
            raise Duplicate(alike)
        if changed:
            for field, value in changed.items():
                setattr(customer, field, value)
            rows.stamp(customer, rows.ensure_member(session, member))
            session.flush()
            what = f"customer #{customer_id}: {', '.join(sorted(changed))}"
            audit.record(session, customer.changed_by, "customer_edit", customer_id, what)
            if "birthday" in changed:
                info = customer_info(customer)
                rederive(session, store.rules, info, today, who=customer.changed_by)
        return customer_info(customer)


def customer(store: Store, customer_id: int) -> records.CustomerInfo:
    with store.read() as session:
        customer = session.get(CustomerRow, customer_id)
        if customer is None:
            raise no_customer(customer_id)
        return customer_info(customer)


def find_customer(store: Store, text: str) -> records.CustomerInfo:
    """A customer as a member names one: a number (`12`, `#12`), a phone however
    typed (`040 903 3298`), an e-mail, or (part of) a name, words in any order,
    case and diacritics aside. A name or number that fits more than one customer
    in any way is never guessed: Ambiguous lists them all (`card_sql.find`)."""
    with store.read() as session:
        run, _dialect = rows.runner(session)
        return card_sql.find(run, text, store.country)


def list_customers(
    store: Store,
    today: date,
    *,
    rung: Rung | None = None,
    search: str = "",
    at_risk: bool | None = None,
) -> list[records.CustomerSummary]:
    """Customers with their rung as of `today`, by name (`customer_sql.read_list`)."""
    with store.read() as session:
        run, dialect = rows.runner(session)
        return customer_sql.read_list(run, dialect, today, store.rules, rung, search, at_risk)


def customer_card(store: Store, customer_id: int, today: date) -> records.CustomerCard:
    """Everything about one customer as of `today`, with the reasons for the rung
    (`card_sql.read_card`, from the stored fold state)."""
    with store.read() as session:
        state_row = session.get(StateRow, customer_id)
        state = decode_state(state_row.state) if state_row is not None else None
        run, dialect = rows.runner(session)
        return card_sql.read_card(run, dialect, customer_id, today, store.rules, state)


def export_customer(store: Store, customer_id: int, today: date) -> dict[str, Any]:
    """Everything held about one person, for a right-of-access request.

    Every follow-up, done and dismissed ones with their notes included, and
    when each row was written: the person has a right to all of it.
    """
    card = customer_card(store, customer_id, today)
    with store.read() as session:
        followups = rows.followup_infos(
            session, "followup.customer_id = :customer", {"customer": customer_id}, today
        )
        written = session.execute(
            select(col(CustomerRow.created_at), col(CustomerRow.updated_at)).where(
                col(CustomerRow.id) == customer_id
            )
        ).one()
        events: dict[int, datetime] = {
            event_id: created_at
            for event_id, created_at in session.execute(
                select(col(EventRow.id), col(EventRow.created_at)).where(
                    col(EventRow.customer_id) == customer_id
                )
            )
        }
        history = audit.entries(session, customer_id=customer_id, limit=None)
        made: dict[int, datetime] = {
            followup_id: created_at
            for followup_id, created_at in session.execute(
                select(col(FollowupRow.id), col(FollowupRow.created_at)).where(
                    col(FollowupRow.customer_id) == customer_id
                )
            )
        }
    return {
        "customer": card.info,
        "rung": card.rung,
        "events": card.events,
        "transitions": card.transitions,
        "followups": followups,
        "history": history,
        "written": {"customer": tuple(written), "events": events, "followups": made},
    }


def erase_customer(store: Store, customer_id: int, *, member: str = "") -> records.Erased:
    """Remove a person and everything about them (right to erasure).

    The rows go in one transaction; then the bytes (see `data.store.erasure`): on
    SQLite the log is emptied (or erasure says why not) and the copies an
    upgrade set aside are cleaned too (how many, said; one that cannot be
    is an error); on PostgreSQL the tables are vacuumed.
    """
    with store.write() as session:
        rows.lock_customer(session, customer_id)
        info = customer_info(session.get(CustomerRow, customer_id))
        created_at = session.execute(  # as stored: a copy holds the same text
            text("SELECT created_at FROM customer WHERE id = :id"), {"id": customer_id}
        ).scalar_one()
        session.execute(
            CustomerRow.__table__.delete().where(CustomerRow.__table__.c.id == customer_id)
        )
        who = rows.ensure_member(session, member)
        audit.record(session, who, "customer_erase", customer_id, f"customer #{customer_id}")
    if store.engine.dialect.name == "postgresql":
        erasure.vacuum_postgres(store.engine)
        return records.Erased(info, 0)
    cleaned = 0
    for copy in erasure.migration_copies(sqlite_file(store.engine)):
        try:
            cleaned += erasure.erase_from_copy(copy, customer_id, str(created_at))
        except sqlite3.Error as exc:
            raise StoreError(
                "erase_copy_failed",
                name=info.name,
                path=copy,
                why=str(exc),
            ) from None
    try:
        erasure.truncate_log(store.engine)
    except erasure.LogNotEmptied:
        raise StoreError(
            "erase_log_busy",
            name=info.name,
        ) from None
    return records.Erased(info, cleaned)
