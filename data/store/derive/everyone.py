"""Replaying many customers at once: after a rulebook change, an upgrade or an import.

One statement reads every event of the customers in hand, one every stored
follow-up; each customer is folded and their follow-ups derived; the state
and transition rows are then written again in bulk. `derive_many` runs inside
the caller's transaction: an import replays its new customers in its own.
A rulebook change replays everyone in batches (`derive_in_batches`), each read
and replayed outside the write lock and written in a short transaction of its
own, which marks each customer with the rulebook it now follows (`next_batch`
finds where to go on); a customer a colleague changed in between is replayed
again under the lock, so colleagues log meanwhile and wait for a write only.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, nullcontext
from datetime import UTC, date, datetime
from typing import Any, NamedTuple, Protocol

from sqlalchemy import ColumnElement, Select, SQLColumnExpression, delete, func, or_, select
from sqlmodel import Session, col

import ladder
from data.collector import paused as collector_paused
from data.store.derive.plan import (
    Customer,
    FollowupPlan,
    StoredFollowup,
    derive_customer,
    transition_values,
)
from data.store.derive.raw_rows import indexes_rebuilt, insert_many, select_many
from data.store.derive.totals import rewrite_transitions
from data.store.derive.writes import apply_plan
from data.store.tables import (
    AuditRow,
    CustomerRow,
    EventRow,
    FollowupRow,
    StateRow,
    TransitionRow,
)

Progress = Callable[[int, int], None]  # (customers done, customers in all)
STEPS = 50  # progress reports per replay: often enough for a bar, rare enough to be free
# A re-derive after a rulebook change reads BATCH customers at a time (which bounds
# memory) and writes them in transactions that, while colleagues write, hold the
# lock about HOLD seconds, so a colleague's log waits about that long at most: they
# start at FIRST customers and are sized from the last one's write, from LEAST (each
# write has a cost of its own, ~60 ms at 10,000 customers) up to a whole batch.
HOLD = 0.1
FIRST = 50
LEAST = 50
BATCH = 1_000
QUIET = 2.0  # s without a colleague's write: the writes grow to whole batches
GAP = 0.005  # s between writes while colleagues write; they ask every 2 ms (data.store.db)


class Told:
    """A re-derive's progress, told at 0 and then about STEPS times in all, however
    many batches it takes; (total, total) is the caller's to tell, once committed."""

    def __init__(self, progress: Progress | None, total: int) -> None:
        self.progress, self.total = progress, total
        self.every = max(1, total // STEPS)
        self.last = -self.every
        self(0)

    def __call__(self, done: int) -> None:
        if self.progress is not None and done < self.total and done - self.last >= self.every:
            self.last = done
            self.progress(done, self.total)

    def batch(self, start: int) -> Progress:
        """`derive_many`'s progress in a batch that starts `start` customers in, told as
        the whole re-derive's."""
        return lambda within, _: self(start + within)


@collector_paused()
def derive_many(
    session: Session,
    rules: ladder.Rulebook,
    today: date,
    *,
    after_id: int = 0,
    up_to: int | None = None,
    progress: Progress | None = None,
    only: Sequence[int] = (),
) -> int:
    """Replay every customer whose id is above `after_id` (and at most `up_to`; of
    those, only the ids in `only` when given) and store what follows.

    `progress` hears how far the replay is; the writes after it are not counted.
    Returns how many customers were replayed.
    """
    states: list[dict[str, Any]] = []
    transitions: list[dict[str, Any]] = []
    plan = FollowupPlan()
    for state, replayed, followups in _replayed(
        session, rules, today, after_id, up_to, only, progress
    ):
        states.append(state)
        transitions += replayed
        plan.extend(followups)
    everyone = after_id == 0 and up_to is None and not only
    _write(session, states, transitions, plan, after_id, up_to, only, everyone=everyone)
    return len(states)


class UnitOfWork(Protocol):
    """What a batched re-derive needs of the store: its transactions and its rulebook
    (which a write transaction brings up to the co-op's newest)."""

    rules: ladder.Rulebook

    def read(self) -> AbstractContextManager[Session]: ...

    def write(self) -> AbstractContextManager[Session]: ...


@collector_paused()
def derive_in_batches(
    store: UnitOfWork, today: date, told: Told, *, stale_under: str | None, most: int = BATCH
) -> None:
    """Replay everyone (with `stale_under`, everyone not yet derived under it), a
    batch at a time. Each batch is read and replayed in a read transaction, which
    nobody waits for, then written in write transactions that hold the write lock
    only for the writes (see `Prepared`). While colleagues write, each of those
    writes is sized to take about `HOLD`, the longest a colleague's log then waits;
    while nobody does, they grow to the whole batch, which costs least in all.

    The next batch is not read meanwhile in a thread: the replay is pure Python,
    and a thread replaying beside the writes holds the interpreter's lock half the
    time, so each write held the database twice as long (p99 of a colleague's log
    at 10,000 customers 350 ms with it, 120 ms without, on 2 cores) and the
    re-derive took longer in all."""
    done, after, size = 0, 0, min(FIRST, most)
    with store.read() as session:  # nobody known to write yet: the parts grow at once
        seen, last_seen = _last_audit(session), float("-inf")
    while True:
        with store.read() as session:
            since = _commits_seen(session)  # before the batch's first read: see `Prepared`
            ids = next_batch(session, after, most, stale_under=stale_under)
            if not ids:
                return
            progress = told.batch(done)
            prepared = _prepared(session, store.rules, today, ids[0] - 1, ids[-1], progress)
            prepared = prepared._replace(since=since)
        done, after = done + len(ids), ids[-1]
        customers = sorted(prepared.inputs)
        while customers:
            part, customers = customers[:size], customers[size:]
            with store.write() as session:
                started = time.perf_counter()
                newest = _last_audit(session)
                quiet = prepared.since is not None and _commits_seen(session) == prepared.since
                written = _write_prepared(
                    session, store.rules, today, prepared, part[0] - 1, part[-1], quiet=quiet
                )
                # with our own writes counted; once anybody else wrote, every later part
                # of the batch compares its rows
                prepared = prepared._replace(since=_commits_seen(session) if quiet else None)
            held = time.perf_counter() - started
            if newest != seen:
                seen, last_seen = newest, time.monotonic()
            if time.monotonic() - last_seen > QUIET:
                size = min(most, 2 * size)
            else:
                fits = int(written * HOLD / held) if held else most
                size = max(LEAST, min(most, 2 * size, fits))
                time.sleep(GAP)  # a colleague waiting to write gets in here


def _last_audit(session: Session) -> int | None:
    """The newest entry of the record: every use case a member runs adds one, so a
    new one since the last batch means a colleague is writing (the re-derive adds none)."""
    newest: int | None = session.execute(select(func.max(AuditRow.__table__.c.id))).scalar()
    return newest


class Prepared(NamedTuple):
    """A batch replayed outside the write lock, with what the replay read: every row
    of each customer's, by id and version (`_inputs`). Under the lock a customer
    whose rows differ now (a colleague logged, marked a follow-up done, edited the
    card meanwhile) is replayed again, so nothing a colleague wrote is lost and no
    customer is written half old; the rest is written as it was replayed.

    On SQLite `since` is the connection the batch was read on, its count of other
    connections' commits (`PRAGMA data_version`) and of the rows it changed itself
    (`total_changes`), taken before the batch's first read and again at the end of
    each part that found them unchanged: if a part's write transaction runs on that
    connection and both counts are the same, nobody has written since (not another
    process, not another thread of this one on the same connection), and the rows
    are not read again (a tenth of a re-derive's time with nobody else writing).
    Once somebody has, every later part of the batch compares its rows."""

    fingerprint: str
    inputs: dict[int, frozenset[tuple[int, int, int]]]
    replayed: dict[int, tuple[dict[str, Any], list[dict[str, Any]], FollowupPlan]]
    since: tuple[object, int, int] | None = None


def _prepared(
    session: Session,
    rules: ladder.Rulebook,
    today: date,
    after_id: int,
    up_to: int,
    progress: Progress,
) -> Prepared:
    # The inputs first: on PostgreSQL each statement sees the newest commit, so a
    # change landing between them and the replay's reads is seen as a change.
    inputs = _inputs(session, after_id, up_to)
    replayed = {
        state["customer_id"]: (state, transitions, plan)
        for state, transitions, plan in _replayed(
            session, rules, today, after_id, up_to, (), progress
        )
    }
    return Prepared(rules.fingerprint, inputs, replayed)


def _write_prepared(
    session: Session,
    rules: ladder.Rulebook,
    today: date,
    prepared: Prepared,
    after_id: int,
    up_to: int,
    *,
    quiet: bool = False,
) -> int:
    """Write the customers of a prepared batch whose ids are above `after_id` and at
    most `up_to`, inside the write transaction, replaying again whoever changed since
    it was read (everyone, if the co-op's rulebook did; nobody, if `quiet`: nobody
    else has written since, see `Prepared`). Returns how many customers were written."""
    lock_customers(session, after_id, up_to)
    replayed = {i: rows for i, rows in prepared.replayed.items() if after_id < i <= up_to}
    if rules.fingerprint != prepared.fingerprint:
        changed = sorted(set(replayed) | set(_inputs(session, after_id, up_to)))
    elif quiet:
        changed = []  # nobody else has written since the batch was read
    else:
        now = _inputs(session, after_id, up_to)
        was = {i: rows for i, rows in prepared.inputs.items() if after_id < i <= up_to}
        changed = sorted(i for i in set(now) | set(was) if now.get(i) != was.get(i))
    for customer_id in changed:
        replayed.pop(customer_id, None)
    if changed:
        for state, transitions, plan in _replayed(
            session, rules, today, after_id, up_to, changed, None
        ):
            replayed[state["customer_id"]] = (state, transitions, plan)
    states, transitions, plan = [], [], FollowupPlan()
    for state, replayed_transitions, followups in replayed.values():
        states.append(state)
        transitions += replayed_transitions
        plan.extend(followups)
    _write(session, states, transitions, plan, after_id, up_to, (), everyone=False)
    return len(states)


def _replayed(
    session: Session,
    rules: ladder.Rulebook,
    today: date,
    after_id: int,
    up_to: int | None,
    only: Sequence[int],
    progress: Progress | None,
) -> Iterator[tuple[dict[str, Any], list[dict[str, Any]], FollowupPlan]]:
    """Each customer in range replayed: their state row, transition rows and
    follow-up plan, computed from one read of everyone's events and follow-ups."""
    now = datetime.now(UTC)
    c = CustomerRow.__table__.c
    customers = [
        Customer._make(row)
        for row in select_many(
            session,
            select(c.id, c.owner, c.birthday, c.since).where(*_ids(c.id, after_id, up_to, only)),
        )
    ]
    total = len(customers)
    if progress is not None:
        progress(0, total)
    events = _histories(session, after_id, up_to, only)
    existing = _stored_followups(session, after_id, up_to, only)
    every = max(1, total // STEPS)
    for done, customer in enumerate(customers):
        if progress is not None and done % every == 0 and done:
            progress(done, total)
        history = events.get(customer.id, [])
        state = ladder.fold(history, rules, in_order=True)  # read ORDER BY day, id
        derived = derive_customer(
            customer,
            state,
            state.transitions,
            history,
            existing.get(customer.id, []),
            rules,
            today,
            now,
        )
        transitions = transition_values(customer.id, state.transitions, projected=False)
        yield derived.state, transitions + derived.projected, derived.plan


def _write(
    session: Session,
    states: list[dict[str, Any]],
    transitions: list[dict[str, Any]],
    plan: FollowupPlan,
    after_id: int,
    up_to: int | None,
    only: Sequence[int],
    *,
    everyone: bool,
) -> None:
    """Swap the range's state rows for these, write the transitions that changed
    (`totals.rewrite_transitions`) and apply the plan."""
    rewritten = (TransitionRow.__table__, StateRow.__table__)
    within = _ids(TransitionRow.__table__.c.customer_id, after_id, up_to, only)
    with indexes_rebuilt(session, rewritten) if everyone else nullcontext():
        rewrite_transitions(session, within, transitions)
        session.execute(
            delete(StateRow).where(*_ids(col(StateRow.customer_id), after_id, up_to, only))
        )
        insert_many(session, StateRow.__table__, states)
    apply_plan(session, plan)


def _commits_seen(session: Session) -> tuple[object, int, int] | None:
    """SQLite: this session's connection, how many commits of other connections it
    has seen (`PRAGMA data_version`, which any other connection's commit changes)
    and how many rows it has changed itself; None on PostgreSQL, where the rows are
    always compared."""
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        return None
    raw = connection.connection.driver_connection
    assert raw is not None
    seen: int = raw.execute("PRAGMA data_version").fetchone()[0]
    return raw, seen, raw.total_changes


def _inputs(
    session: Session, after_id: int, up_to: int
) -> dict[int, frozenset[tuple[int, int, int]]]:
    """Every row a replay of the range reads, as (table, id, version) by customer:
    every change a member makes to a customer, an event or a follow-up stamps a new
    version (`rows.stamp`), adds a row or takes one away."""
    customer, event, followup = (
        table.__table__.c for table in (CustomerRow, EventRow, FollowupRow)
    )
    found: dict[int, set[tuple[int, int, int]]] = defaultdict(set)
    for customer_id, version in select_many(
        session, select(customer.id, customer.version).where(*_ids(customer.id, after_id, up_to))
    ):
        found[customer_id].add((0, customer_id, version))
    for number, rows in enumerate((event, followup), start=1):
        for customer_id, ident, version in select_many(
            session,
            select(rows.customer_id, rows.id, rows.version).where(
                *_ids(rows.customer_id, after_id, up_to)
            ),
        ):
            found[customer_id].add((number, ident, version))
    return {customer: frozenset(rows) for customer, rows in found.items()}


def next_batch(session: Session, after_id: int, size: int, *, stale_under: str | None) -> list[int]:
    """The next `size` customers after `after_id`; with `stale_under`, only those
    not yet derived under that rulebook fingerprint (or never derived)."""
    customer = CustomerRow.__table__.c
    query = _customers(stale_under).where(customer.id > after_id)
    return list(session.execute(query.order_by(customer.id).limit(size)).scalars())


def lock_customers(session: Session, after_id: int, up_to: int) -> None:
    """Lock a batch's customers, in id order, before touching their rows: a
    colleague logging locks their customer first too, so neither waits on the
    other in a circle (PostgreSQL; SQLite's writers take turns already)."""
    customer = CustomerRow.__table__.c
    session.execute(
        select(customer.id)
        .where(*_ids(customer.id, after_id, up_to))
        .order_by(customer.id)
        .with_for_update()
    ).all()


def count_customers(session: Session, *, stale_under: str | None) -> int:
    """How many customers `next_batch` will hand out in all."""
    ids = _customers(stale_under).subquery()
    count: int = session.execute(select(func.count()).select_from(ids)).scalar_one()
    return count


def _customers(stale_under: str | None) -> Select[int]:
    customer = CustomerRow.__table__.c
    if stale_under is None:
        return select(customer.id)
    state = StateRow.__table__.c
    return (
        select(customer.id)
        .outerjoin(StateRow, state.customer_id == customer.id)
        .where(or_(state.derived_under.is_(None), state.derived_under != stale_under))
    )


def _ids(
    column: SQLColumnExpression[int], after_id: int, up_to: int | None, only: Sequence[int] = ()
) -> list[ColumnElement[bool]]:
    """The conditions that keep `column` (a customer id) inside the replayed range."""
    within = [column > after_id] + ([column <= up_to] if up_to is not None else [])
    return within + ([column.in_(only)] if only else [])


def _histories(
    session: Session, after_id: int, up_to: int | None, only: Sequence[int] = ()
) -> dict[int, list[ladder.Event]]:
    event = EventRow.__table__.c
    events: dict[int, list[ladder.Event]] = defaultdict(list)
    for customer_id, *fields in select_many(  # a million rows: positional, no lookups
        session,
        select(
            event.customer_id,
            event.id,
            event.kind,
            event.occurred_on,
            event.emotional,
            event.note,
            event.logged_by,
        )
        .where(*_ids(event.customer_id, after_id, up_to, only))
        .order_by(event.customer_id, event.occurred_on, event.id),
    ):
        events[customer_id].append(ladder.Event(*fields))
    return events


def _stored_followups(
    session: Session, after_id: int, up_to: int | None, only: Sequence[int] = ()
) -> dict[int, list[StoredFollowup]]:
    followup = FollowupRow.__table__.c
    existing: dict[int, list[StoredFollowup]] = defaultdict(list)
    for row in select_many(
        session,
        select(
            followup.id,
            followup.customer_id,
            followup.key,
            followup.rule,
            followup.state,
            followup.closed_by_event_id,
            followup.closed_on,
            followup.due,
            followup.made_on,
        ).where(*_ids(followup.customer_id, after_id, up_to, only)),
    ):
        existing[row[1]].append(StoredFollowup._make(row))
    return existing
