"""The whole database at once: many customers with their histories (the demo,
imports), every fact out and back in, a stable name, and erasing a person."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import func, insert, select, text
from sqlmodel import Session, col

import ladder
from data import records
from data.errors import StoreError, no_customer
from data.records import CUSTOMER_FIELDS
from data.schema import RULES_KEY
from data.store import audit, rows
from data.store.core import StoreCore
from data.store.derive.everyone import derive_many
from data.store.derive.one_customer import rederive
from data.store.derive.plan import domain_event
from data.store.details import blank_details, checked_details, customer_info
from data.store.tables import CustomerRow, EventRow, FollowupRow, MemberRow, MetaRow, TableModel
from ladder.contact import ContactError, check_text
from ladder.dates import check_event_date
from ladder.text import member_key

DATABASE_KEY = "database_id"
# What an export holds; the derived tables are rebuilt on import.
FACT_TABLES: dict[str, type[TableModel]] = {
    "members": MemberRow,
    "customers": CustomerRow,
    "events": EventRow,
    "followups": FollowupRow,
}
Facts = dict[str, list[dict[str, Any]]]
# The member named in each part: shown in every colleague's list, so checked as text is.
WHO_WROTE = {"events": "logged_by", "followups": "member", "members": "name"}


def with_stamps(facts: Facts) -> Facts:
    """An export as this schema holds it: an older one has no member keys and no row
    stamps, and may spell a member two ways (`aino`, `Aino`), which become one, as
    first written (see migration 0007)."""
    spelled: dict[str, str] = {}
    members = []
    for member in facts.get("members", []):
        key = member_key(member["name"])
        if spelled.setdefault(key, member["name"]) == member["name"]:
            members.append({**member, "key": key})
    same = {name: spelled.get(member_key(name), name) for name in _names(facts)}
    stamped: Facts = {**facts, "members": members}
    for part, writer in WRITTEN_BY.items():
        stamped[part] = [
            {
                **item,
                writer: same[item.get(writer) or ""],  # null, as "": nobody named
                "version": item.get("version", 1),
                "changed_by": same[_changed_by(item, writer)],
                **({} if part == "customers" else {"changed_at": _changed_at(item)}),
            }
            for item in facts.get(part, [])
        ]
    return stamped


WRITTEN_BY = {"customers": "owner", "events": "logged_by", "followups": "member"}


def _names(facts: Facts) -> set[str]:
    return {
        item.get(column) or ""
        for part, writer in WRITTEN_BY.items()
        for item in facts.get(part, [])
        for column in (writer, "changed_by")
    }


def _changed_by(item: dict[str, Any], writer: str) -> str:
    """Who last changed a row: "" is time (a follow-up it expired); an older export
    has no such column, and a null names nobody, so its writer is taken."""
    if item.get("changed_by") is not None:
        return str(item["changed_by"])
    return str(item.get(writer) or "")


def _changed_at(item: dict[str, Any]) -> Any:
    return item.get("changed_at") or item["created_at"]


class WholeStore(StoreCore):
    """The whole-database part of `Store`."""

    def add_histories(
        self,
        customers: list[records.NewCustomer],
        today: date,
        *,
        member: str = "",
        merges: Sequence[tuple[int, dict[str, Any]]] = (),
    ) -> list[int]:
        """Add many customers with their past events at once: all or nothing.

        For the demo co-op and for imports; `merges` fills in details of
        customers already there. Returns the new customers' ids.
        """
        now = rows.now()
        checked = [(self._details_of(c, member, today), c) for c in customers]
        for _, customer in checked:
            for entry in customer.events:
                self.rules.kind(entry.kind)
                check_event_date(entry.on, today, long_ago_ok=True)
                check_text("note", entry.note)
        with self.write() as session:
            spelled: dict[str, str] = {}  # each name as its member first wrote it

            def named(name: str) -> str:
                if name not in spelled:
                    spelled[name] = rows.ensure_member(session, name)
                return spelled[name]

            member = named(member)
            for customer_id, changes in merges:
                self._merge_details(session, customer_id, changes, today, member)
            after_id = session.execute(select(func.max(col(CustomerRow.id)))).scalar() or 0
            ids = []
            for values, customer in checked:
                owner = named(values["owner"])
                row = CustomerRow(
                    **{**values, "owner": owner},
                    created_at=now,
                    updated_at=now,
                    changed_by=member,
                )
                session.add(row)
                session.flush()
                ids.append(rows.stored_id(row))
                events = [
                    {
                        "customer_id": row.id,
                        "kind": e.kind,
                        "occurred_on": e.on,
                        "emotional": e.emotional,
                        "note": e.note,
                        "logged_by": named(e.logged_by or member),
                        "created_at": now,
                        "changed_by": member,
                        "changed_at": now,
                    }
                    for e in customer.events
                ]
                if events:
                    session.execute(insert(EventRow.__table__), events)
            derive_many(session, self.rules, today, after_id=after_id)
            what = f"{len(ids)} customers added, {len(merges)} filled in"
            audit.record(session, member, "import", None, what)
            return ids

    def _details_of(
        self, customer: records.NewCustomer, member: str, today: date
    ) -> dict[str, Any]:
        owner = customer.owner or member
        given = {**blank_details(), **customer.details, "owner": owner}
        return checked_details(given, today, self.country)

    def _merge_details(
        self,
        session: Session,
        customer_id: int,
        changes: dict[str, Any],
        today: date,
        member: str,
    ) -> None:
        """Fill in the fields a customer has empty; what is there already is kept as it is."""
        customer = session.get(CustomerRow, customer_id)
        if customer is None:
            raise no_customer(customer_id)
        filled = {k: v for k, v in changes.items() if v and not getattr(customer, k)}
        current = {f: getattr(customer, f) for f in CUSTOMER_FIELDS}
        for key, value in checked_details({**current, **filled}, today, self.country).items():
            setattr(customer, key, value)
        if filled:
            rows.stamp(customer, member)
        session.flush()
        if "birthday" in filled:
            rederive(session, self.rules, customer_info(customer), today, refold=False, who=member)

    def histories(self) -> list[list[ladder.Event]]:
        """Every customer's events in the fold's order, customers by id, for what-if
        comparisons (PostgreSQL hands rows out in no order unless asked)."""
        event = EventRow.__table__.c
        with self.read() as session:
            events: dict[int, list[ladder.Event]] = defaultdict(list)
            for row in session.execute(
                select(EventRow.__table__).order_by(event.customer_id, event.occurred_on, event.id)
            ):
                events[row.customer_id].append(domain_event(row))
            ids = session.execute(select(col(CustomerRow.id)).order_by(col(CustomerRow.id)))
            return [events.get(i, []) for i in ids.scalars()]

    def dump(self) -> Facts:
        """Every fact in the database (derived rows are left out: they are rebuilt)."""
        with self.read() as session:
            return {
                name: [
                    dict(row._mapping)
                    for row in session.execute(
                        select(table.__table__).order_by(*table.__table__.primary_key.columns)
                    )
                ]
                for name, table in FACT_TABLES.items()
            }

    def load(self, facts: Facts, today: date) -> None:
        """Put a dump into an empty database, ids and all, and derive the rest."""
        self._check_facts(facts, today)
        facts = with_stamps(facts)
        with self.write() as session:
            if session.execute(select(func.count()).select_from(CustomerRow)).scalar():
                raise StoreError(
                    "import_not_empty",
                )
            for name, table in FACT_TABLES.items():
                if facts.get(name):
                    session.execute(insert(table.__table__), facts[name])
            if session.get_bind().dialect.name == "postgresql":
                for table in FACT_TABLES.values():
                    name = table.__table__.name
                    session.execute(
                        text(
                            f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                            f'coalesce((SELECT max(id) FROM "{name}"), 0) + 1, false)'
                        )
                    )
            derive_many(session, self.rules, today)
            session.merge(MetaRow(key=RULES_KEY, value=self.rules.fingerprint))

    def _check_facts(self, facts: Facts, today: date) -> None:
        """The same checks as every other way in (CLI, app, CSV, vCard), naming the row."""
        for row, customer in enumerate(facts.get("customers", [])):
            if "created_at" in customer:  # an older export: on the ladder since it was added
                customer.setdefault("since", customer["created_at"].date())
            try:
                checked = checked_details({**blank_details(), **customer}, today, self.country)
            except (ContactError, ladder.DateError) as exc:
                raise StoreError(
                    "import_row",
                    part="customers",
                    row=row,
                    why=exc,
                ) from None
            customer.update({k: checked[k] for k in CUSTOMER_FIELDS if k in customer})
            customer["name_key"] = checked["name_key"]
        for part, who in WHO_WROTE.items():
            for row, item in enumerate(facts.get(part, [])):
                try:
                    if part != "members":
                        item["note"] = check_text("note", item.get("note") or "")
                    check_text(who, item.get(who) or "")
                except ContactError as exc:
                    raise StoreError(
                        "import_row",
                        part=part,
                        row=row,
                        why=exc,
                    ) from None
        for row, event in enumerate(facts.get("events", [])):
            try:
                check_event_date(event["occurred_on"], today, long_ago_ok=True)
            except ladder.DateError:
                raise StoreError(
                    "import_event_day",
                    row=row,
                    day=ladder.format_date(event["occurred_on"]),
                ) from None
        unknown = sorted({row["kind"] for row in facts.get("events", [])} - set(self.rules.kinds))
        if unknown:
            kinds = ", ".join(unknown)
            raise StoreError("import_kinds", kinds=kinds)
