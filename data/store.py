"""The store: every use case of Ladder as one database transaction.

Events are the truth. Logging one steps that customer's cached state
incrementally and touches only that customer's rows; a correction or a
back-dated event replays that customer; a changed rulebook replays everyone.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, and_, func, insert, or_, select, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DBAPIError, IntegrityError, SQLAlchemyError
from sqlalchemy.orm.exc import ObjectDeletedError, StaleDataError
from sqlmodel import Session

import ladder
from data import erasure, queries, records
from data.checkpoint import Checkpointer
from data.codec import decode_state, encode_state
from data.db import BUSY_TIMEOUT_MS, WRITE, DatabaseError, make_engine, serialize
from data.migrate import upgrade
from data.rederive import Progress, derive_many
from data.sync import (
    OPEN_STATES,
    FollowupPlan,
    apply_plan,
    derive_customer,
    domain_event,
    domain_transition,
    replace_transitions,
    transition_values,
    write_state,
)
from data.tables import (
    CustomerRow,
    EventRow,
    FollowupRow,
    MemberRow,
    MetaRow,
    StateRow,
    TransitionRow,
)
from ladder import Rung
from ladder.contact import (
    ContactError,
    check_birthday,
    check_email,
    check_name,
    check_phone,
    check_text,
)
from ladder.dates import check_due_date, check_event_date
from ladder.text import search_key

RULES_KEY = "rules_fingerprint"
DATABASE_KEY = "database_id"
FACT_TABLES = {  # what an export holds; the derived tables are rebuilt on import
    "members": MemberRow,
    "customers": CustomerRow,
    "events": EventRow,
    "followups": FollowupRow,
}
CUSTOMER_FIELDS = (
    "name",
    "organisation",
    "email",
    "phone",
    "address",
    "birthday",
    "tags",
    "notes",
    "owner",
)


class StoreError(Exception):
    """An operation that could not be done; the message is for a person.

    `key` and `values` let a front end say it in the member's language (the
    English message is the fallback, and what logs and tests read).
    """

    def __init__(self, message: str, key: str = "", **values: object) -> None:
        super().__init__(message)
        self.key = key
        self.values = values


class NotFound(StoreError):
    pass


class Ambiguous(StoreError):
    """A name that matches several customers; `matches` lists them."""

    def __init__(self, text: str, matches: list[records.CustomerInfo], total: int) -> None:
        self.matches = matches
        shown = ", ".join(f"{m.name} (#{m.id})" for m in matches[:8])
        more = f" (+{total - 8})" if total > 8 else ""
        super().__init__(
            f"{text!r} matches several customers: {shown}{more}",
            "ambiguous",
            text=text,
            shown=shown + more,
        )


def _now() -> datetime:
    return datetime.now(UTC)


class Store:
    """Ladder's use cases over one database, with the rulebook they run on."""

    def __init__(self, engine: Engine, rules: ladder.Rulebook) -> None:
        self.engine = engine
        self.rules = rules
        self.set_aside: Path | None = None  # the copy an upgrade made on opening, if any
        self._writer = engine.execution_options(**{WRITE: True})
        self._checkpointer = (
            Checkpointer(Path(engine.url.database), BUSY_TIMEOUT_MS)
            if engine.dialect.name == "sqlite"
            else None
        )

    @classmethod
    def open(
        cls,
        location: str,
        rules: ladder.Rulebook,
        today: date,
        *,
        on_rederive: Progress | None = None,
    ) -> Store:
        """Open (creating or migrating) a database and bring it in line with `rules`.

        When that means re-deriving customers, which takes a while on a large
        database, `on_rederive` hears how far it is (see `rederive_all`), so a
        person can be told. It is not called for a database without customers.
        """
        try:
            engine = make_engine(location)
            set_aside = upgrade(engine)
        except DBAPIError as exc:
            why = _first_line(exc.orig)
            raise DatabaseError(
                f"cannot open the database: {why}", "cannot_open", why=why
            ) from None
        store = cls(engine, rules)
        store.set_aside = set_aside
        store.follow_rulebook(today, on_rederive)
        return store

    def close(self) -> None:
        if self._checkpointer is not None:
            self._checkpointer.stop()
        self.engine.dispose()

    @contextmanager
    def _write(self) -> Iterator[Session]:
        with (
            self._guard(),
            Session(self._writer, expire_on_commit=False) as session,
            session.begin(),
        ):
            yield session
        if self._checkpointer is not None:
            self._checkpointer.wrote()

    @contextmanager
    def _read(self) -> Iterator[Session]:
        with (
            self._guard(),
            Session(self.engine, expire_on_commit=False) as session,
            session.begin(),
        ):
            yield session

    @contextmanager
    def _guard(self) -> Iterator[None]:
        try:
            yield
        except IntegrityError as exc:
            message = f"the change conflicts with stored data: {_first_line(exc.orig)}"
            raise StoreError(message) from None
        except (StaleDataError, ObjectDeletedError):
            raise StoreError(
                "someone changed this at the same moment; look again and retry",
                "changed_meanwhile",
            ) from None
        except DBAPIError as exc:
            why = _first_line(exc.orig)
            raise DatabaseError(f"database error: {why}", "db_failed", why=why) from None
        except SQLAlchemyError as exc:
            why = _first_line(exc)
            raise DatabaseError(f"database error: {why}", "db_failed", why=why) from None

    # -- the rulebook ---------------------------------------------------------

    def follow_rulebook(self, today: date, on_rederive: Progress | None = None) -> bool:
        """Re-derive everything if the rulebook changed since the last derivation."""
        with self._read() as session:
            row = session.get(MetaRow, RULES_KEY)
            if row is not None and row.value == self.rules.fingerprint:
                return False
            anyone = session.execute(select(CustomerRow.id).limit(1)).first() is not None
        return self.rederive_all(today, on_rederive if anyone else None, only_if_stale=True)

    def rederive_all(
        self, today: date, progress: Progress | None = None, *, only_if_stale: bool = False
    ) -> bool:
        """Replay every customer's history under the current rulebook (one transaction).

        `progress` hears (customers done, customers in all): first (0, n) before
        the replay starts, last (n, n) once it is committed. With
        `only_if_stale`, the fingerprint is checked again once this process
        holds the write lock: a colleague who opened at the same moment may
        have done it already, and it is not done twice. Returns whether it ran.
        """
        with self._write() as session:
            serialize(session, "rederive")
            if only_if_stale:
                row = session.get(MetaRow, RULES_KEY)
                if row is not None and row.value == self.rules.fingerprint:
                    return False
            self._check_kinds(session)
            total = derive_many(session, self.rules, today, progress=progress)
            session.merge(MetaRow(key=RULES_KEY, value=self.rules.fingerprint))
        if progress is not None:
            progress(total, total)
        return True

    def add_histories(
        self,
        customers: list[records.NewCustomer],
        today: date,
        *,
        member: str = "",
        merges: list[tuple[int, dict[str, Any]]] = (),
    ) -> list[int]:
        """Add many customers with their past events at once: all or nothing.

        For the demo co-op and for imports; `merges` fills in details of
        customers already there. Returns the new customers' ids.
        """
        now = _now()
        checked = [
            (_checked({**_blank_details(), **c.details, "owner": c.owner or member}, today), c)
            for c in customers
        ]
        for _, customer in checked:
            for entry in customer.events:
                self.rules.kind(entry.kind)
                check_event_date(entry.on, today, long_ago_ok=True)
                check_text("note", entry.note)
        with self._write() as session:
            self._ensure_member(session, member)
            for name in {c.owner for _, c in checked if c.owner}:
                self._ensure_member(session, name)
            for customer_id, changes in merges:
                self._merge_details(session, customer_id, changes, today)
            after_id = session.execute(select(func.max(CustomerRow.id))).scalar() or 0
            ids = []
            for values, customer in checked:
                row = CustomerRow(**values, created_at=now, updated_at=now)
                session.add(row)
                session.flush()
                ids.append(row.id)
                for name in {e.logged_by for e in customer.events if e.logged_by}:
                    self._ensure_member(session, name)
                rows = [
                    {
                        "customer_id": row.id,
                        "kind": e.kind,
                        "occurred_on": e.on,
                        "emotional": e.emotional,
                        "note": e.note,
                        "logged_by": e.logged_by or member,
                        "created_at": now,
                    }
                    for e in customer.events
                ]
                if rows:
                    session.execute(insert(EventRow.__table__), rows)
            derive_many(session, self.rules, today, after_id=after_id)
            return ids

    def _merge_details(
        self, session: Session, customer_id: int, changes: dict[str, Any], today: date
    ) -> None:
        """Fill in the fields a customer has empty; what is there already is kept as it is."""
        customer = session.get(CustomerRow, customer_id)
        if customer is None:
            raise NotFound(f"no customer #{customer_id}")
        filled = {k: v for k, v in changes.items() if v and not getattr(customer, k)}
        for key, value in _checked(
            {**_blank_details(), **{f: getattr(customer, f) for f in CUSTOMER_FIELDS}, **filled},
            today,
        ).items():
            setattr(customer, key, value)
        customer.updated_at = _now()
        session.flush()
        if "birthday" in filled:
            self._rederive(session, _info(customer), today, refold=False)

    def contact_index(self) -> list[records.CustomerInfo]:
        """Every customer's contact details, for finding duplicates before an import."""
        with self._read() as session:
            return [_info(row) for row in session.execute(select(CustomerRow)).scalars()]

    def _check_kinds(self, session: Session) -> None:
        used = set(session.execute(select(EventRow.kind).distinct()).scalars())
        missing = sorted(used - set(self.rules.kinds))
        if missing:
            raise StoreError(
                "the rulebook lacks event kinds the database uses: " + ", ".join(missing)
            )

    def histories(self) -> list[list[ladder.Event]]:
        """Every customer's events, for what-if comparisons."""
        with self._read() as session:
            events: dict[int, list[ladder.Event]] = defaultdict(list)
            for row in session.execute(select(EventRow.__table__)):
                events[row.customer_id].append(domain_event(row))
            ids = session.execute(select(CustomerRow.id)).scalars()
            return [events.get(i, []) for i in ids]

    # -- members and customers -------------------------------------------------

    def _ensure_member(self, session: Session, name: str) -> None:
        """Record a member on first use; two first uses at once are both fine."""
        if not name:
            return
        dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
        session.execute(
            dialect.insert(MemberRow.__table__)
            .values(name=name, created_at=_now())
            .on_conflict_do_nothing(index_elements=["name"])
        )

    def add_customer(
        self,
        name: str,
        *,
        today: date,
        member: str = "",
        organisation: str = "",
        email: str = "",
        phone: str = "",
        address: str = "",
        birthday: date | None = None,
        tags: str = "",
        notes: str = "",
    ) -> records.CustomerInfo:
        """A new customer, on the bottom rung until something happens."""
        values = _checked(
            {
                "name": name,
                "organisation": organisation,
                "email": email,
                "phone": phone,
                "address": address,
                "birthday": birthday,
                "tags": tags,
                "notes": notes,
                "owner": member,
            },
            today,
        )
        now = _now()
        with self._write() as session:
            self._ensure_member(session, member)
            customer = CustomerRow(**values, created_at=now, updated_at=now)
            session.add(customer)
            session.flush()
            empty = ladder.CustomerState()
            session.add(
                StateRow(customer_id=customer.id, rung=0, score=0.0, state=encode_state(empty))
            )
            session.flush()
            info = _info(customer)
            self._rederive(session, info, today, now=now, refold=False)  # e.g. a birthday
            return info

    def edit_customer(self, customer_id: int, today: date, **changes: Any) -> records.CustomerInfo:
        """Change contact details; a new birthday re-plans the birthday greeting."""
        unknown = set(changes) - set(CUSTOMER_FIELDS)
        if unknown:
            raise ValueError(f"unknown customer field(s): {', '.join(sorted(unknown))}")
        with self._write() as session:
            self._lock_customer(session, customer_id)
            customer = session.get(CustomerRow, customer_id)
            current = {f: getattr(customer, f) for f in CUSTOMER_FIELDS}
            values = _checked({**current, **changes}, today)
            for field, value in values.items():
                setattr(customer, field, value)
            customer.updated_at = _now()
            if "birthday" in changes:
                self._rederive(session, customer, today)
            return _info(customer)

    def customer(self, customer_id: int) -> records.CustomerInfo:
        with self._read() as session:
            customer = session.get(CustomerRow, customer_id)
            if customer is None:
                raise _no_customer(customer_id)
            return _info(customer)

    def find_customer(self, text: str) -> records.CustomerInfo:
        """A customer by id or by an unambiguous part of the name."""
        wanted = text.strip().lstrip("#")
        if wanted.isascii() and wanted.isdigit():
            return self.customer(_checked_id(wanted))
        typed = " ".join(wanted.split()).casefold()
        if not typed:
            raise NotFound(f"no customer matches {wanted!r}", "no_match", text=wanted)
        with self._read() as session:  # names only: every command starts here
            names = session.execute(select(CustomerRow.id, CustomerRow.name)).all()
            found = _best_matches(typed, [(r.id, r.name.casefold()) for r in names])
            if not found:
                raise NotFound(f"no customer matches {wanted!r}", "no_match", text=wanted)
            matches = session.execute(
                select(CustomerRow).where(CustomerRow.id.in_(found[:50])).order_by(CustomerRow.id)
            ).scalars()
            infos = [_info(row) for row in matches]
        if len(found) > 1:
            raise Ambiguous(wanted, infos, len(found))
        return infos[0]

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
                CustomerRow.id,
                CustomerRow.name,
                CustomerRow.email,
                CustomerRow.phone,
                CustomerRow.tags,
                CustomerRow.organisation,
                StateRow.score,
                StateRow.last_event_on,
                rung_now,
                risky.label("at_risk"),
            )
            .join(StateRow, StateRow.customer_id == CustomerRow.id)
            .order_by(CustomerRow.name, CustomerRow.id)
        )
        if rung is not None:
            query = query.where(rung_now == int(rung))
        if at_risk is not None:
            query = query.where(risky if at_risk else ~risky)
        key = search.strip().casefold()
        with self._read() as session:
            rows = session.execute(query).all()
        return [
            records.CustomerSummary(
                id=r.id,
                name=r.name,
                rung=Rung(r.rung_now),
                score=_score_on(r.score, r.last_event_on, today, self.rules),
                at_risk=bool(r.at_risk),
                last_event_on=r.last_event_on,
                email=r.email,
                phone=r.phone,
                tags=r.tags,
                organisation=r.organisation,
            )
            for r in rows
            if not key
            or key in r.name.casefold()
            or key in r.organisation.casefold()
            or key in r.email.casefold()
            or key in r.phone
            or key in r.tags.casefold()
        ]

    def customer_card(self, customer_id: int, today: date) -> records.CustomerCard:
        """Everything about one customer as of `today`, with the reasons for the rung."""
        with self._read() as session:
            customer = session.get(CustomerRow, customer_id)
            if customer is None:
                raise _no_customer(customer_id)
            state_row = session.get(StateRow, customer_id)
            events = self._events(session, customer_id)
            transitions = [
                domain_transition(t)
                for t in session.execute(
                    select(TransitionRow)
                    .where(TransitionRow.customer_id == customer_id)
                    .where(or_(TransitionRow.projected.is_(False), TransitionRow.on <= today))
                    .order_by(TransitionRow.on, TransitionRow.id)
                ).scalars()
            ]
            followups = self._followups(
                session,
                and_(FollowupRow.customer_id == customer_id, FollowupRow.state.in_(OPEN_STATES)),
                today,
            )
        state = decode_state(state_row.state)
        standing = ladder.evaluate(state, today, self.rules)
        start = events[0].on if events else today
        days = [start + (today - start) * i / 29 for i in range(30)] if events else []
        return records.CustomerCard(
            info=_info(customer),
            rung=standing.rung,
            score=standing.score,
            at_risk=standing.at_risk,
            events=[_event_info(customer_id, e) for e in events],
            transitions=transitions,
            followups=followups,
            score_series=ladder.score_history(events, self.rules, days),
        )

    def export_customer(self, customer_id: int, today: date) -> dict[str, Any]:
        """Everything held about one person, for a right-of-access request.

        Every follow-up, done and dismissed ones with their notes included, and
        when each row was written: the person has a right to all of it.
        """
        card = self.customer_card(customer_id, today)
        with self._read() as session:
            followups = self._followups(session, FollowupRow.customer_id == customer_id, today)
            written = session.execute(
                select(CustomerRow.created_at, CustomerRow.updated_at).where(
                    CustomerRow.id == customer_id
                )
            ).one()
            events = dict(
                session.execute(
                    select(EventRow.id, EventRow.created_at).where(
                        EventRow.customer_id == customer_id
                    )
                ).all()
            )
            made = dict(
                session.execute(
                    select(FollowupRow.id, FollowupRow.created_at).where(
                        FollowupRow.customer_id == customer_id
                    )
                ).all()
            )
        return {
            "customer": card.info,
            "rung": card.rung,
            "events": card.events,
            "transitions": card.transitions,
            "followups": followups,
            "written": {
                "customer": tuple(written),
                "events": events,
                "followups": made,
            },
        }

    # -- events ---------------------------------------------------------------

    def log_event(
        self,
        customer_id: int,
        kind: str,
        on: date,
        *,
        today: date,
        member: str = "",
        emotional: bool | None = None,
        note: str = "",
        force: bool = False,
    ) -> records.LogResult:
        """Record one event and everything it sets in motion, in one transaction.

        An event is something that happened: never after `today`; one more than
        five years back only with `force` (see `ladder.dates.check_event_date`).
        """
        new = self._new_event(kind, on, today, emotional=emotional, note=note, force=force)
        with self._write() as session:
            customer = self._lock_customer(session, customer_id)
            return self._log(session, customer, new, today, member)

    def _new_event(
        self,
        kind: str,
        on: date,
        today: date,
        *,
        emotional: bool | None,
        note: str,
        force: bool,
    ) -> ladder.Event:
        """An event checked against the rules, before any transaction starts."""
        event_kind = self.rules.kind(kind)
        check_event_date(on, today, long_ago_ok=force)
        note = check_text("note", note)
        chosen = event_kind.emotional if emotional is None else emotional
        return ladder.Event(0, kind, on, chosen, note, "")

    def _log(
        self,
        session: Session,
        customer: Any,
        new: ladder.Event,
        today: date,
        member: str,
        *,
        event_id: int | None = None,
    ) -> records.LogResult:
        """Insert `new` (with `event_id` when putting back one undone) and derive."""
        self._ensure_member(session, member)
        table = EventRow.__table__
        values = {
            "customer_id": customer.id,
            "kind": new.kind,
            "occurred_on": new.on,
            "emotional": new.emotional,
            "note": new.note,
            "logged_by": member,
            "created_at": _now(),
        }
        if event_id is not None:
            values["id"] = event_id
        event_id = session.execute(
            table.insert().values(**values).returning(table.c.id)
        ).scalar_one()
        event = ladder.Event(event_id, new.kind, new.on, new.emotional, new.note, member)
        state, plan = self._rederive(session, customer, today, new_event=event)
        created = []
        if plan.inserts:
            keys = [values["key"] for values in plan.inserts if values["state"] == "open"]
            condition = and_(FollowupRow.customer_id == customer.id, FollowupRow.key.in_(keys))
            created = self._followups(session, condition, today)
        caused = [t for t in state.transitions if t.event_id == event.id]
        return records.LogResult(
            event_id=event.id,
            rung=ladder.evaluate(state, today, self.rules).rung,
            transition=caused[-1] if caused else None,
            created=created,
            closed=sorted(plan.closed),
        )

    def edit_event(
        self, event_id: int, today: date, *, force: bool = False, **changes: Any
    ) -> records.EventInfo:
        """Correct an event; its customer is replayed from the start."""
        allowed = {"kind", "on", "emotional", "note"}
        if set(changes) - allowed:
            raise ValueError(f"unknown event field(s): {', '.join(sorted(set(changes) - allowed))}")
        if "kind" in changes:
            self.rules.kind(changes["kind"])
        if "on" in changes:
            check_event_date(changes["on"], today, long_ago_ok=force)
        if changes.get("note"):
            changes["note"] = check_text("note", changes["note"])
        with self._write() as session:
            row = self._event_row(session, event_id)
            customer = self._lock_customer(session, row.customer_id)
            for field, value in changes.items():
                setattr(row, "occurred_on" if field == "on" else field, value)
            session.flush()
            self._rederive(session, customer, today)
            return _event_info(row.customer_id, domain_event(row))

    def delete_event(self, event_id: int, today: date) -> records.EventInfo:
        """Remove a mistaken event; its customer is replayed without it.

        Returns what was deleted, so that an undo can put it back as it was.
        """
        with self._write() as session:
            row = self._event_row(session, event_id)
            customer = self._lock_customer(session, row.customer_id)
            gone = _event_info(row.customer_id, domain_event(row))
            session.delete(row)
            session.flush()
            self._rederive(session, customer, today)
            return gone

    def restore_event(self, event: records.EventInfo, today: date) -> records.LogResult:
        """Put back a deleted event under its old id (an undo); the customer is replayed."""
        new = ladder.Event(0, event.kind, event.on, event.emotional, event.note, "")
        self.rules.kind(event.kind)
        with self._write() as session:
            customer = self._lock_customer(session, event.customer_id)
            return self._log(session, customer, new, today, event.logged_by, event_id=event.id)

    def events_of(self, customer_id: int) -> list[ladder.Event]:
        with self._read() as session:
            return self._events(session, customer_id)

    # -- follow-ups -------------------------------------------------------------

    def due_followups(
        self, today: date, *, days: int = 0, member: str | None = None, limit: int | None = None
    ) -> list[records.FollowupInfo]:
        """Open follow-ups due by `today + days`: overdue first, then by due date.

        With `limit`, only the first so many are read, which a screen showing
        the top of a list of thousands needs.
        """
        condition = queries.due(today, days, member)
        with self._read() as session:
            if limit is not None:
                last_day = session.execute(
                    select(queries.shown_due())
                    .where(condition)
                    .order_by(queries.shown_due())
                    .offset(limit - 1)
                    .limit(1)
                ).scalar()
                if last_day is not None:
                    condition = and_(condition, queries.shown_due() <= last_day)
            found = self._followups(session, condition, today)
        return sorted(found, key=lambda f: (f.shown_due, f.customer, f.id))[:limit]

    def count_due_followups(self, today: date, *, days: int = 0, member: str | None = None) -> int:
        """How many follow-ups `due_followups` would list."""
        with self._read() as session:
            return session.execute(
                select(func.count())
                .select_from(FollowupRow)
                .where(queries.due(today, days, member))
            ).scalar_one()

    def followup(self, followup_id: int, today: date) -> records.FollowupInfo:
        """One follow-up, whatever its state."""
        with self._read() as session:
            self._followup_row(session, followup_id)
            return self._followup_info(session, followup_id, today)

    def add_followup(
        self, customer_id: int, due: date, note: str, *, today: date, member: str = ""
    ) -> records.FollowupInfo:
        """A member's own reminder about a customer."""
        note = check_text("note", note)
        if not note.strip():
            raise StoreError("a follow-up needs a note saying what to do", "followup_no_note")
        check_due_date(due, today)
        with self._write() as session:
            self._lock_customer(session, customer_id)
            self._ensure_member(session, member)
            row = FollowupRow(
                customer_id=customer_id,
                key=f"manual:{uuid.uuid4().hex}",
                rule="manual",
                trigger="manual",
                made_on=min(today, due),
                due=due,
                member=member,
                note=note.strip(),
                state="open",
                created_at=_now(),
            )
            session.add(row)
            session.flush()
            return self._followups(session, FollowupRow.id == row.id, today)[0]

    def close_followup(
        self, followup_id: int, today: date, *, dismiss: bool = False
    ) -> records.FollowupChange:
        """Mark a follow-up done (or dismissed) by hand, with no event logged."""
        with self._write() as session:
            row = self._open_followup_row(session, followup_id)
            before = _followup_state(row)
            _close_by_hand(row, today, "dismissed" if dismiss else "done")
            return records.FollowupChange(self._followup_info(session, row.id, today), before)

    def complete_followup(
        self,
        followup_id: int,
        today: date,
        *,
        kind: str | None,
        on: date | None = None,
        note: str = "",
        member: str = "",
        force: bool = False,
    ) -> records.FollowupChange:
        """Mark a follow-up done by logging what was done (`kind`), in one transaction.

        The call made, the card sent: the event moves the customer as logging
        it would, and closes the follow-up if the rules say it does; if not (a
        complaint still open after the callback), the follow-up is closed by
        hand. `kind=None` closes it with no contact logged.
        """
        new = None
        if kind is not None:
            new = self._new_event(kind, on or today, today, emotional=None, note=note, force=force)
        with self._write() as session:
            row = self._open_followup_row(session, followup_id)
            before = _followup_state(row)
            logged = None
            if new is not None:
                customer = self._lock_customer(session, row.customer_id)
                logged = self._log(session, customer, new, today, member)
                row = self._followup_row(session, followup_id)
            if row.state in OPEN_STATES:
                _close_by_hand(row, today, "done")
            info = self._followup_info(session, followup_id, today)
            return records.FollowupChange(info, before, logged)

    def reopen_followup(
        self,
        followup_id: int,
        today: date,
        *,
        previous: records.FollowupSnapshot | None = None,
        event_id: int | None = None,
    ) -> records.FollowupInfo:
        """Open a done, dismissed or snoozed follow-up again (or put back `previous`).

        An undo passes what the follow-up was before and the event its "done"
        logged: that event is deleted in the same transaction. One closed by a
        logged event reopens only by deleting that event, which says so.
        """
        with self._write() as session:
            if event_id is not None:
                row = self._event_row(session, event_id)
                customer = self._lock_customer(session, row.customer_id)
                session.delete(row)
                session.flush()
                self._rederive(session, customer, today)
            row = self._followup_row(session, followup_id)
            if row.closed_by_event_id is not None:
                raise StoreError(
                    f"follow-up #{followup_id} was done by logging event "
                    f"#{row.closed_by_event_id}: delete that event to reopen it",
                    "followup_closed_by_event",
                    id=followup_id,
                    event=row.closed_by_event_id,
                )
            if previous is None and row.state == "open":
                raise StoreError(
                    f"follow-up #{followup_id} is already open", "followup_open", id=followup_id
                )
            state = previous or records.FollowupSnapshot("open", None, None)
            row.state, row.snoozed_until, row.closed_on = state
            row.closed_by_event_id = None
            session.flush()
            return self._followup_info(session, followup_id, today)

    def snooze_followup(
        self, followup_id: int, until: date, today: date, *, earlier: bool = False
    ) -> records.FollowupChange:
        """Move a follow-up to `until` (today or later).

        Never to before it was due unless `earlier`: a snooze is for putting
        off, and a slip ("+3d" on one due next week) would bring it forward.
        """
        check_due_date(until, today)
        with self._write() as session:
            row = self._open_followup_row(session, followup_id)
            due = row.snoozed_until if row.state == "snoozed" and row.snoozed_until else row.due
            if until < due and not earlier:
                raise StoreError(
                    f"follow-up #{followup_id} is due {ladder.format_date(due)}: "
                    f"{ladder.format_date(until)} would bring it earlier",
                    "snooze_earlier",
                    id=followup_id,
                    due=ladder.format_date(due),
                    until=ladder.format_date(until),
                )
            before = _followup_state(row)
            row.state = "snoozed"
            row.snoozed_until = until
            session.flush()
            return records.FollowupChange(self._followup_info(session, row.id, today), before)

    def reassign_followup(self, followup_id: int, member: str) -> None:
        if not member.strip():
            raise ValueError("name the member to give the follow-up to")
        with self._write() as session:
            row = self._followup_row(session, followup_id)
            self._ensure_member(session, member.strip())
            row.member = member.strip()

    def settle(self, today: date) -> int:
        """Let time do its work: calendar follow-ups and at-risk flags due by `today`.

        Returns how many customers changed. Cheap when nothing is due.
        """
        now = _now()
        with self._write() as session:
            serialize(session, "settle")  # two settles at once would each store the same lapse
            due = (
                session.execute(
                    select(CustomerRow)
                    .join(StateRow, StateRow.customer_id == CustomerRow.id)
                    .where(StateRow.recheck_on <= today)
                )
                .scalars()
                .all()
            )
            for customer in due:
                self._lock_customer(session, customer.id)  # a colleague may be logging now
                self._rederive(session, customer, today, now=now, refold=False)
            return len(due)

    # -- the morning view ------------------------------------------------------

    def pipeline(self, today: date, *, days: int = 7) -> list[records.RungCount]:
        """How many stand on each rung today, and who arrived from below or above."""
        rung_now = queries.rung_now(today)
        with self._read() as session:
            counts = dict(session.execute(select(rung_now, func.count()).group_by(rung_now)).all())
            moves = session.execute(
                select(TransitionRow.from_rung, TransitionRow.to_rung, func.count())
                .where(TransitionRow.on > today - timedelta(days=days))
                .where(TransitionRow.on <= today)
                .group_by(TransitionRow.from_rung, TransitionRow.to_rung)
            ).all()
        up: dict[int, int] = defaultdict(int)
        down: dict[int, int] = defaultdict(int)
        for from_rung, to_rung, count in moves:
            if to_rung > from_rung:
                up[to_rung] += count
            elif to_rung < from_rung:
                down[to_rung] += count
        return [
            records.RungCount(rung, counts.get(int(rung), 0), up[int(rung)], down[int(rung)])
            for rung in Rung
        ]

    def recent_moves(
        self, today: date, *, days: int = 7, limit: int | None = None
    ) -> list[records.Move]:
        """Every rung change in the last `days` days (the newest `limit`), newest first."""
        with self._read() as session:
            rows = session.execute(
                select(TransitionRow, CustomerRow.name)
                .join(CustomerRow, CustomerRow.id == TransitionRow.customer_id)
                .where(TransitionRow.on > today - timedelta(days=days))
                .where(TransitionRow.on <= today)
                .where(TransitionRow.from_rung != TransitionRow.to_rung)
                .order_by(TransitionRow.on.desc(), TransitionRow.id.desc())
                .limit(limit)
            ).all()
        return [records.Move(t.customer_id, name, domain_transition(t)) for t, name in rows]

    # -- the whole database, backups and erasure -----------------------------------

    def dump(self) -> dict[str, list[dict[str, Any]]]:
        """Every fact in the database (derived rows are left out: they are rebuilt)."""
        with self._read() as session:
            return {
                name: [
                    dict(row._mapping)
                    for row in session.execute(
                        select(table.__table__).order_by(*table.__table__.primary_key.columns)
                    )
                ]
                for name, table in FACT_TABLES.items()
            }

    def load(self, facts: dict[str, list[dict[str, Any]]], today: date) -> None:
        """Put a dump into an empty database, ids and all, and derive the rest."""
        for row, customer in enumerate(facts.get("customers", [])):
            try:  # the same checks as every other way in: CLI, app, CSV, vCard
                checked = _checked({**_blank_details(), **customer}, today)
            except (ContactError, ladder.DateError) as exc:
                raise StoreError(f"customers[{row}]: {exc} – nothing was imported") from None
            customer.update({k: checked[k] for k in CUSTOMER_FIELDS if k in customer})
        for part in ("events", "followups"):
            for row, item in enumerate(facts.get(part, [])):
                try:
                    item["note"] = check_text("note", item.get("note") or "")
                except ContactError as exc:
                    raise StoreError(f"{part}[{row}]: {exc} – nothing was imported") from None
        for row, event in enumerate(facts.get("events", [])):
            try:
                check_event_date(event["occurred_on"], today, long_ago_ok=True)
            except ladder.DateError as exc:
                raise StoreError(
                    f"events[{row}]: {exc} – nothing was imported",
                    "import_event_day",
                    row=row,
                    day=ladder.format_date(event["occurred_on"]),
                ) from None
        kinds = {row["kind"] for row in facts.get("events", [])}
        unknown = sorted(kinds - set(self.rules.kinds))
        if unknown:
            raise StoreError(f"the rulebook lacks event kinds the file uses: {', '.join(unknown)}")
        with self._write() as session:
            if session.execute(select(func.count()).select_from(CustomerRow)).scalar():
                raise StoreError(
                    "the database is not empty: import a whole export only into "
                    "a new database (try --db new.db)"
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

    def erase_customer(self, customer_id: int) -> records.CustomerInfo:
        """Remove a person and everything about them (right to erasure).

        The rows go in one transaction; then the bytes (see `data.erasure`): on
        SQLite the log is emptied (or erasure says why not) and an upgrade's
        set-aside copy is cleaned too; on PostgreSQL the tables are vacuumed.
        """
        with self._write() as session:
            self._lock_customer(session, customer_id)
            info = _info(session.get(CustomerRow, customer_id))
            session.execute(
                CustomerRow.__table__.delete().where(CustomerRow.__table__.c.id == customer_id)
            )
        if self.engine.dialect.name == "postgresql":
            erasure.vacuum_postgres(self.engine)
            return info
        for copy in erasure.migration_copies(Path(self.engine.url.database)):
            erasure.erase_from_copy(copy, customer_id)
        try:
            erasure.truncate_log(self.engine)
        except erasure.LogNotEmptied:
            raise StoreError(
                f"{info.name} was erased, but another program reading the database keeps "
                "old pages in its log until it closes: close the other Ladder windows",
                "erase_log_busy",
                name=info.name,
            ) from None
        return info

    def database_id(self) -> str:
        """A name for this database that never changes, for stable calendar UIDs."""
        with self._write() as session:
            row = session.get(MetaRow, DATABASE_KEY)
            if row is None:
                row = MetaRow(key=DATABASE_KEY, value=uuid.uuid4().hex)
                session.add(row)
            return row.value

    def christmas_cards(
        self, year: int, today: date
    ) -> list[tuple[records.CustomerInfo, records.FollowupInfo]]:
        """Customers whose Christmas card of `year` is still to be sent, by name."""
        with self._read() as session:
            due = self._followups(
                session,
                and_(
                    FollowupRow.key == f"christmas_card:{year}", FollowupRow.state.in_(OPEN_STATES)
                ),
                today,
            )
            people = {
                row.id: _info(row)
                for row in session.execute(
                    select(CustomerRow).where(CustomerRow.id.in_([f.customer_id for f in due]))
                ).scalars()
            }
        return sorted(((people[f.customer_id], f) for f in due), key=lambda p: p[0].name)

    # -- helpers ----------------------------------------------------------------

    def _lock_customer(self, session: Session, customer_id: int) -> Any:
        """The customer's row (id, owner, birthday), locked until the transaction ends."""
        customer = session.execute(
            queries.CUSTOMER_LOCKED, {"customer_id": _checked_id(customer_id)}
        ).first()
        if customer is None:
            raise _no_customer(customer_id)
        return customer

    def _event_row(self, session: Session, event_id: int) -> EventRow:
        row = session.get(EventRow, _checked_id(event_id))
        if row is None:
            raise NotFound(f"no event #{event_id}", "no_event", id=event_id)
        return row

    def _followup_row(self, session: Session, followup_id: int) -> FollowupRow:
        row = session.get(FollowupRow, _checked_id(followup_id))
        if row is None:
            raise NotFound(f"no follow-up #{followup_id}", "no_followup", id=followup_id)
        return row

    def _open_followup_row(self, session: Session, followup_id: int) -> FollowupRow:
        """The follow-up, locked, if it is still to do; otherwise say what became of it."""
        row = self._followup_row(session, followup_id)
        self._lock_customer(session, row.customer_id)
        session.refresh(row)
        if row.state not in OPEN_STATES:
            raise StoreError(
                f"follow-up #{followup_id} is already {row.state}",
                f"followup_{row.state}",
                id=followup_id,
            )
        return row

    def _followup_info(self, session: Session, followup_id: int, today: date):
        return self._followups(session, FollowupRow.id == followup_id, today)[0]

    def _events(self, session: Session, customer_id: int) -> list[ladder.Event]:
        rows = session.execute(queries.EVENTS_OF, {"customer_id": customer_id})
        return [domain_event(row) for row in rows]

    def _rederive(
        self,
        session: Session,
        customer: Any,
        today: date,
        *,
        new_event: ladder.Event | None = None,
        now: datetime | None = None,
        refold: bool = True,
    ) -> tuple[ladder.CustomerState, FollowupPlan]:
        """Bring one customer's derived rows up to date, stepping when the event is newest.

        `refold=False` only lets time move on (calendar follow-ups, lapses).
        """
        customer_id = customer.id
        by_customer = {"customer_id": customer_id}
        cached = decode_state(session.execute(queries.CACHED_STATE, by_customer).scalar_one())
        events = self._events(session, customer_id)
        settled = [
            domain_transition(row)
            for row in session.execute(queries.SETTLED_TRANSITIONS, by_customer)
        ]
        steps = new_event is not None and (
            cached.last_event is None or new_event.order > cached.last_event
        )
        if not refold or steps:
            stepped = ladder.step(cached, new_event, self.rules) if refold else cached
            fresh = stepped.transitions if refold else []
            state = replace(stepped, transitions=settled + fresh)
        else:
            state = ladder.fold(events, self.rules)
            fresh = state.transitions
        existing = session.execute(queries.FOLLOWUPS_OF, by_customer).all()
        derived = derive_customer(
            customer, state, state.transitions, events, existing, self.rules, today, now or _now()
        )
        replace_transitions(
            session,
            customer_id,
            transition_values(customer_id, fresh, projected=False) + derived.projected,
            keep_settled=not refold or steps,
        )
        write_state(session, derived.state)
        apply_plan(session, derived.plan)
        session.expire_all()
        return state, derived.plan

    def _followups(self, session: Session, condition, today: date) -> list[records.FollowupInfo]:
        f = FollowupRow.__table__.c
        rows = session.execute(
            select(
                f.id,
                f.customer_id,
                CustomerRow.name.label("customer"),
                queries.rung_now(today),
                f.rule,
                f.trigger,
                f.made_on,
                f.due,
                f.state,
                f.member,
                f.note,
                f.snoozed_until,
                f.closed_on,
                CustomerRow.phone,
                CustomerRow.email,
            )
            .join(CustomerRow, CustomerRow.id == f.customer_id)
            .join(StateRow, StateRow.customer_id == f.customer_id)
            .where(condition)
            .order_by(f.due, f.id)
        )
        rungs = tuple(Rung)
        return [  # positional: a morning list can hold tens of thousands of rows
            records.FollowupInfo(id_, customer_id, customer, rungs[rung], *rest)
            for id_, customer_id, customer, rung, *rest in rows
        ]


MAX_ID = 2**63 - 1  # the largest id either database can hold


def _checked_id(value: int | str) -> int:
    """An id as typed: a number too large for the database is simply not there."""
    number = int(value)
    if not 0 < number <= MAX_ID:
        raise NotFound(f"no #{value}", "no_id", id=value)
    return number


def _best_matches(typed: str, names: list[tuple[int, str]]) -> list[int]:
    """Customers a typed name means: the whole name before a part of one, and
    the letters as typed (Åke) before the same letters without diacritics
    (`aijala` finds Äijälä when nobody is called exactly that)."""
    folded_typed = search_key(typed)
    folded = [(id_, search_key(name)) for id_, name in names]
    for candidates, key, whole in (
        (names, typed, True),
        (folded, folded_typed, True),
        (names, typed, False),
        (folded, folded_typed, False),
    ):
        found = [id_ for id_, name in candidates if (name == key if whole else key in name)]
        if found:
            return found
    return []


def _no_customer(customer_id: int) -> NotFound:
    return NotFound(f"no customer #{customer_id}", "no_customer", id=customer_id)


def _followup_state(row: FollowupRow) -> records.FollowupSnapshot:
    return records.FollowupSnapshot(row.state, row.snoozed_until, row.closed_on)


def _close_by_hand(row: FollowupRow, today: date, state: str) -> None:
    row.state = state
    row.closed_on = today
    row.closed_by_event_id = None
    row.snoozed_until = None


def _score_on(score: float, last: date | None, today: date, rules: ladder.Rulebook) -> float:
    return ladder.decayed(score, (today - last).days, rules) if last else score


def _checked(values: dict[str, Any], today: date) -> dict[str, Any]:
    return {
        **values,
        "name": check_name(values["name"]),
        "organisation": check_text(
            "organisation", " ".join((values["organisation"] or "").split())
        ),
        "email": check_email(values["email"] or ""),
        "phone": check_phone(values["phone"] or ""),
        "address": check_text("address", (values["address"] or "").strip()),
        "birthday": check_birthday(values["birthday"], today),
        "tags": check_text(
            "tags", ",".join(t.strip() for t in (values["tags"] or "").split(",") if t.strip())
        ),
        "notes": check_text("notes", values["notes"] or ""),
        "owner": values["owner"] or "",
    }


def _blank_details() -> dict[str, Any]:
    return {field: "" for field in CUSTOMER_FIELDS} | {"birthday": None}


def _info(row: CustomerRow) -> records.CustomerInfo:
    return records.CustomerInfo(
        id=row.id,
        name=row.name,
        organisation=row.organisation,
        email=row.email,
        phone=row.phone,
        address=row.address,
        birthday=row.birthday,
        tags=row.tags,
        notes=row.notes,
        owner=row.owner,
    )


def _event_info(customer_id: int, event: ladder.Event) -> records.EventInfo:
    return records.EventInfo(
        id=event.id,
        customer_id=customer_id,
        kind=event.kind,
        on=event.on,
        emotional=event.emotional,
        note=event.note,
        logged_by=event.logged_by,
    )


def _first_line(error: object) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
