"""Customers: adding, finding, listing, changing, and everything about one."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import or_, select
from sqlmodel import col

import ladder
from data import records
from data.errors import Ambiguous, Duplicate, NotFound, no_customer
from data.records import CUSTOMER_FIELDS, OPEN_STATES
from data.store import audit, queries, rows
from data.store.codec import decode_state
from data.store.core import StoreCore
from data.store.derive.one_customer import rederive
from data.store.derive.plan import domain_transition
from data.store.details import checked_details, customer_info, unknown_fields
from data.store.tables import CustomerRow, EventRow, FollowupRow, StateRow, TransitionRow
from ladder import Rung, phones
from ladder.text import search_words


class CustomerStore(StoreCore):
    """The customer part of `Store`."""

    def add_customer(
        self,
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
        values = checked_details({**given, "name": name, "owner": member}, today, self.country)
        now = rows.now()
        with self.write() as session:
            alike = rows.duplicates_of(session, values, self.country, None)
            if alike and not allow_duplicate:
                raise Duplicate(alike)
            member = rows.ensure_member(session, member)
            customer = CustomerRow(
                **{**values, "owner": member}, created_at=now, updated_at=now, changed_by=member
            )
            session.add(customer)
            session.flush()
            rows.add_state(session, rows.stored_id(customer), self.rules)
            session.flush()
            info = customer_info(customer)
            rederive(session, self.rules, info, today, now=now, refold=False)  # e.g. a birthday
            audit.record(session, member, "customer_add", customer.id, f"customer #{customer.id}")
            return info

    def edit_customer(
        self,
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
        with self.write() as session:
            rows.lock_customer(session, customer_id)
            customer = rows.customer_row(session, customer_id)
            session.refresh(customer)
            rows.check_unchanged(customer, expect_version)
            current = {f: getattr(customer, f) for f in (*CUSTOMER_FIELDS, "name_key")}
            checked = checked_details({**current, **changes}, today, self.country)
            wanted = {field: checked[field] for field in changes}
            if "name" in wanted:
                wanted["name_key"] = checked["name_key"]
            rows.check_fields(customer, current, before, wanted)
            changed = {field: value for field, value in wanted.items() if current[field] != value}
            identity: dict[str, Any] = {
                f: changed[f] for f in ("name", "email", "phone") if f in changed
            }
            alike = rows.duplicates_of(session, identity, self.country, customer_id)
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
                    rederive(session, self.rules, info, today, who=customer.changed_by)
            return customer_info(customer)

    def customer(self, customer_id: int) -> records.CustomerInfo:
        with self.read() as session:
            customer = session.get(CustomerRow, customer_id)
            if customer is None:
                raise no_customer(customer_id)
            return customer_info(customer)

    def find_customer(self, text: str) -> records.CustomerInfo:
        """A customer as a member names one: a number (`12`, `#12`), a phone however
        typed (`040 903 3298`), an e-mail, or (part of) a name, words in any order,
        case and diacritics aside. A name or number that fits more than one customer
        in any way is never guessed: Ambiguous lists them all."""
        wanted = " ".join(text.split())
        with self.read() as session:
            found = rows.customers_named(session, wanted, self.country)
            if not found:
                raise NotFound(f"no customer matches {wanted!r}", "no_match", text=wanted)
            matches = session.execute(
                select(CustomerRow)
                .where(col(CustomerRow.id).in_(found[:50]))
                .order_by(col(CustomerRow.id))
            ).scalars()
            infos = [customer_info(row) for row in matches]
        if len(found) > 1:
            raise Ambiguous(wanted, infos, len(found))
        return infos[0]

    def duplicates(
        self, details: dict[str, Any], *, besides: int | None = None
    ) -> list[records.Alike]:
        """Customers already there that `details` (a name, an e-mail, a phone) would
        duplicate: the same e-mail, the same phone, or the same name without case
        and diacritics; `besides` is the customer being edited."""
        with self.read() as session:
            return rows.duplicates_of(session, details, self.country, besides)

    def list_customers(
        self,
        today: date,
        *,
        rung: Rung | None = None,
        search: str = "",
        at_risk: bool | None = None,
    ) -> list[records.CustomerSummary]:
        """Customers with their rung as of `today`, by name."""
        rung_now = queries.rung_now(today)
        risky = queries.at_risk_now(today)
        query = (
            select(
                col(CustomerRow.id),
                col(CustomerRow.name),
                col(CustomerRow.email),
                col(CustomerRow.phone),
                col(CustomerRow.tags),
                col(CustomerRow.organisation),
                col(StateRow.score),
                col(StateRow.last_event_on),
                rung_now,
                risky.label("at_risk"),
            )
            .join(StateRow, col(StateRow.customer_id) == col(CustomerRow.id))
            .order_by(col(CustomerRow.name), col(CustomerRow.id))
        )
        if rung is not None:
            query = query.where(rung_now == int(rung))
        if at_risk is not None:
            query = query.where(risky if at_risk else ~risky)
        wanted = Wanted(search)
        with self.read() as session:
            found = session.execute(query).all()
        return [
            records.CustomerSummary(
                id=r.id,
                name=r.name,
                rung=Rung(r.rung_now),
                score=score_on(r.score, r.last_event_on, today, self.rules),
                at_risk=bool(r.at_risk),
                last_event_on=r.last_event_on,
                email=r.email,
                phone=r.phone,
                tags=r.tags,
                organisation=r.organisation,
            )
            for r in found
            if wanted.matches(r)
        ]

    def customer_card(self, customer_id: int, today: date) -> records.CustomerCard:
        """Everything about one customer as of `today`, with the reasons for the rung."""
        with self.read() as session:
            customer = session.get(CustomerRow, customer_id)
            if customer is None:
                raise no_customer(customer_id)
            state_row = session.get(StateRow, customer_id)
            assert state_row is not None  # every customer has one (`rows.add_state`)
            infos = rows.event_infos(session, customer_id)
            transitions = [
                domain_transition(t)
                for t in session.execute(
                    select(TransitionRow)
                    .where(col(TransitionRow.customer_id) == customer_id)
                    .where(
                        or_(col(TransitionRow.projected).is_(False), col(TransitionRow.on) <= today)
                    )
                    .order_by(col(TransitionRow.on), col(TransitionRow.id))
                ).scalars()
            ]
            followups = rows.followup_infos(
                session,
                "followup.customer_id = :customer AND followup.state IN :states",
                {"customer": customer_id, "states": [str(s) for s in OPEN_STATES]},
                today,
            )
        state = decode_state(state_row.state)
        standing = ladder.evaluate(state, today, self.rules)
        coming = [t for t in ladder.project(state, self.rules).lapses if t.on > today]
        events = [ladder.Event(e.id, e.kind, e.on, e.emotional, e.note, e.logged_by) for e in infos]
        start = events[0].on if events else today
        days = [start + (today - start) * i / 29 for i in range(30)] if events else []
        return records.CustomerCard(
            info=customer_info(customer),
            rung=standing.rung,
            score=standing.score,
            at_risk=standing.at_risk,
            events=infos,
            transitions=transitions,
            followups=followups,
            score_series=ladder.score_history(events, self.rules, days),
            next_lapse=coming[0] if coming else None,
        )

    def export_customer(self, customer_id: int, today: date) -> dict[str, Any]:
        """Everything held about one person, for a right-of-access request.

        Every follow-up, done and dismissed ones with their notes included, and
        when each row was written: the person has a right to all of it.
        """
        card = self.customer_card(customer_id, today)
        with self.read() as session:
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

    def contact_index(self) -> list[records.CustomerInfo]:
        """Every customer's contact details, for finding duplicates before an import."""
        with self.read() as session:
            return [customer_info(row) for row in session.execute(select(CustomerRow)).scalars()]


class Wanted:
    """A search as the app's list searches: every word anywhere in the name,
    organisation, e-mail or tags, in any order and without accents (`hamalainen
    anna` finds Anna Hämäläinen), or a phone number's digits however typed."""

    def __init__(self, text: str) -> None:
        self.words = search_words(text).split()
        self.digits = phones.typed_digits(text)
        self.literal = text.strip().casefold()  # `[` or `#`: no word to search by

    def matches(self, row: Any) -> bool:
        if not self.words and not self.digits:
            fields = f"{row.name} {row.organisation} {row.email} {row.tags}".casefold()
            return self.literal in fields
        if self.digits and self.digits in phones.search_digits(row.phone or ""):
            return True
        found = search_words(f"{row.name} {row.organisation} {row.email} {row.tags}")
        return all(word in found for word in self.words)


def score_on(score: float, last: date | None, today: date, rules: ladder.Rulebook) -> float:
    """A stored score decayed to `today`, as the list shows it."""
    return ladder.decayed(score, (today - last).days, rules) if last else score
