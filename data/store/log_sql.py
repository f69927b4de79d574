"""One customer's derived rows brought up to date in plain SQL, and a logged event
with them: the same statements whether they run through the store's session
(`data.store.derive.one_customer`) or straight through the driver, before the
ORM is loaded (`data.store.plain_log`, what `ladder log` takes when it may).

A log is few statements (issue 26): one read of everything the rules look at
(the customer, the cached state, the newest rulebook's number, the events,
the transitions and the follow-ups), the event's INSERT, the state's UPDATE,
one statement for the transitions and one for the follow-ups (each an INSERT
... ON CONFLICT (id) DO UPDATE: rows rewritten in place and rows added
together), and a DELETE only for rows left over. On PostgreSQL the event's
INSERT and the audit entry go with the state's UPDATE (`Driver.hold`). What
to write is decided by `data.store.derive.plan`, which both paths share;
nothing here imports SQLAlchemy.

SQL is written with `:named` parameters; `Driver` gives it to sqlite3 as it
is and to psycopg as `%(name)s`, and converts what SQLite keeps as text
(dates, and timestamps in SQLAlchemy's format) on the way in.
"""

from __future__ import annotations

from bisect import insort
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import lru_cache
from typing import Any, NamedTuple

import ladder
from data import records
from data.records import FollowupState
from data.sql.plain import NAMED, spread
from data.store.codec import decode_state
from data.store.derive.plan import (
    CustomerFacts,
    Derivation,
    StoredFollowup,
    derive_customer,
    transition_values,
)
from ladder.contact import check_text
from ladder.dates import check_event_date

Execute = Callable[[str, Any], Sequence[Sequence[Any]]]  # (driver's SQL, params) -> rows
ExecuteMany = Callable[[str, list[dict[str, Any]]], None]


class Driver:
    """`run(sql, params) -> rows` and `many(sql, rows)` on one connection in one
    transaction, in the driver's own parameter style, with the values SQLite
    keeps as text converted as SQLAlchemy converts them."""

    def __init__(self, dialect: str, execute: Execute, execute_many: ExecuteMany) -> None:
        self.dialect = dialect
        self._execute = execute
        self._execute_many = execute_many
        self._sqlite = dialect == "sqlite"
        self._held: list[tuple[str, dict[str, Any]]] = []

    def run(self, sql: str, values: dict[str, Any]) -> Sequence[Sequence[Any]]:
        if self._held:
            sql, values = self._with_held(sql, values)
        text, flat = spread(sql, values)
        return self._execute(self._styled(text), self._bound(flat))

    def hold(self, sql: str, values: dict[str, Any]) -> None:
        """A write that needs no answer and fires no trigger a later write's would
        see twice: on PostgreSQL it goes with the next `run`, as a data-modifying
        CTE of its statement (one statement fewer, issue 26); SQLite has none, and
        runs it now."""
        if self._sqlite:
            self.run(sql, values)
        else:
            self._held.append((sql, values))

    def _with_held(self, sql: str, values: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        held, self._held = self._held, []
        parts, merged = [], dict(values)
        for n, (text, own) in enumerate(held):
            renamed = NAMED.sub(f":held_{n}_" + r"\1", text)
            parts.append(f"held_{n} AS ({renamed})")
            merged.update({f"held_{n}_{k}": v for k, v in own.items()})
        return f"WITH {', '.join(parts)} {sql}", merged

    def many(self, sql: str, rows: Sequence[dict[str, Any]]) -> None:
        if rows:
            self._execute_many(self._styled(sql), [self._bound(row) for row in rows])

    def day(self, value: Any) -> Any:
        """A date column's value as a date, or None (SQLite hands back its ISO text)."""
        return date.fromisoformat(value) if isinstance(value, str) else value

    def _styled(self, sql: str) -> str:
        return sql if self._sqlite else _pyformat(sql)

    def _bound(self, values: dict[str, Any]) -> dict[str, Any]:
        if not self._sqlite:
            return values
        return {k: _as_sqlite(v) for k, v in values.items()}


@lru_cache(maxsize=64)
def _pyformat(sql: str) -> str:
    return NAMED.sub(r"%(\1)s", sql)


def _as_sqlite(value: Any) -> Any:
    """A value as SQLAlchemy writes it to SQLite: a timestamp without its zone, to the
    microsecond, and a day as ISO text."""
    if isinstance(value, datetime):
        return f"{value:%Y-%m-%d %H:%M:%S.%f}"
    if isinstance(value, date):
        return value.isoformat()
    return value


# Everything deriving one customer reads, in one statement: one row for the
# customer (with their cached state and the newest rulebook's number), then
# their events, transitions and follow-ups, each kind by the first column and
# in the order the fold and the follow-up rules read them. The columns are
# shared by kind of value (numbers, days, texts, scores, a flag); the first
# row's empty ones are typed, as PostgreSQL matches a union's types in turn.
CUSTOMER, EVENT, TRANSITION, FOLLOWUP = range(4)
_EVERYTHING = """
SELECT 0, customer.id, (SELECT max(id) FROM rulebook), {reserved},
    CAST(NULL AS INTEGER), CAST(NULL AS INTEGER), customer.birthday, customer.since,
    CAST(NULL AS DATE), customer.owner, customer_state.state, customer_state.derived_under,
    customer.name, customer.phone, customer.email, CAST(NULL AS FLOAT), CAST(NULL AS FLOAT),
    CAST(NULL AS BOOLEAN)
FROM customer JOIN customer_state ON customer_state.customer_id = customer.id
WHERE customer.id = :customer_id
UNION ALL
SELECT 1, id, NULL, NULL, NULL, NULL, occurred_on, NULL, NULL,
    kind, note, logged_by, NULL, NULL, NULL, NULL, NULL, emotional
FROM event WHERE customer_id = :customer_id
UNION ALL
SELECT 2, id, from_rung, to_rung, event_id, positives, "on", NULL, NULL,
    reason, NULL, NULL, NULL, NULL, NULL, score_before, score_after, projected
FROM transition WHERE customer_id = :customer_id
UNION ALL
SELECT 3, id, closed_by_event_id, version, NULL, NULL, closed_on, due, made_on,
    "key", rule, state, NULL, NULL, NULL, NULL, NULL, NULL
FROM followup WHERE customer_id = :customer_id
ORDER BY 1, 7, 2"""
EVERYTHING = _EVERYTHING.format(reserved="CAST(NULL AS INTEGER)")
# PostgreSQL: the new event's number taken with the read, after the customer's lock,
# so that its INSERT needs no answer and goes with the derived rows' writes
# (`data.store.pipelined`); a number taken by a log that then fails is skipped, as
# a rolled-back INSERT's is.
EVERYTHING_RESERVING = _EVERYTHING.format(reserved="nextval(pg_get_serial_sequence('event', 'id'))")
# PostgreSQL: the customer's row locked first, on its own, so that the read
# after it sees what a colleague logging for them at the same moment committed;
# the write's NOTIFY goes with it (it is delivered on commit, whenever it is sent).
LOCKED = "SELECT pg_notify(:channel, '') FROM customer WHERE id = :customer_id FOR UPDATE"

EVENT_COLUMNS = (
    "customer_id, kind, occurred_on, emotional, note, logged_by, created_at, changed_by, changed_at"
)
EVENT_VALUES = (
    ":customer_id, :kind, :occurred_on, :emotional, :note, :logged_by, :created_at,"
    " :changed_by, :changed_at"
)
EVENT_ADDED = f"INSERT INTO event ({EVENT_COLUMNS}) VALUES ({EVENT_VALUES}) RETURNING id"
EVENT_ADDED_AGAIN = f"INSERT INTO event (id, {EVENT_COLUMNS}) VALUES (:id, {EVENT_VALUES})"

TRANSITION_COLUMNS = (
    "customer_id",
    "on",
    "from_rung",
    "to_rung",
    "reason",
    "event_id",
    "score_before",
    "score_after",
    "positives",
    "projected",
)
TRANSITIONS_DELETED = "DELETE FROM transition WHERE customer_id = :customer_id"
NEXT_FOLLOWUP = "nextval(pg_get_serial_sequence('followup', 'id'))"
TRANSITIONS_GONE = "DELETE FROM transition WHERE id IN :ids"
STATE_COLUMNS = (
    "rung",
    "score",
    "last_event_on",
    "at_risk_from",
    "at_risk_until",
    "recheck_on",
    "state",
    "standing_rung",
    "standing_from",
    "standing_until",
    "derived_under",
)
STATE_UPDATED = (
    "UPDATE customer_state SET "
    + ", ".join(f"{c} = :{c}" for c in STATE_COLUMNS)
    + " WHERE customer_id = :customer_id"
)
FOLLOWUP_COLUMNS = (
    "customer_id",
    "key",
    "rule",
    "trigger",
    "made_on",
    "due",
    "member",
    "note",
    "state",
    "snoozed_until",
    "source_event_id",
    "closed_by_event_id",
    "closed_on",
    "created_at",
    "changed_by",
    "changed_at",
)
FOLLOWUPS_DELETED = "DELETE FROM followup WHERE id IN :ids"
FOLLOWUP_CHANGED = (  # what a follow-up's update writes (and its version, one up)
    "due",
    "made_on",
    "state",
    "closed_by_event_id",
    "closed_on",
    "changed_by",
    "changed_at",
)
AUDITED = """INSERT INTO audit (at, member, action, customer_id, record)
VALUES (:at, :member, :action, :customer_id, :record)"""
MEMBER_NAMED = "SELECT name FROM member WHERE key = :key"
MEMBER_ADDED = """INSERT INTO member (name, key, created_at) VALUES (:name, :key, :created_at)
ON CONFLICT DO NOTHING"""


@lru_cache(maxsize=64)
def followups_written(updates: int, inserts: int) -> str:
    """One statement for a log's follow-up writes (issue 26): `updates` rewritten in
    place (`:row_id_uN` and the `FOLLOWUP_CHANGED` columns as `:due_uN`…, the
    others their own, as an update leaves them) and `inserts` added (`:key_iN`…),
    giving back each written row's number and key (the order of RETURNING's rows
    is not promised, so the key says which is which)."""
    names = ", ".join(f'"{c}"' for c in FOLLOWUP_COLUMNS)
    kept = "(SELECT {c} FROM followup WHERE id = :row_id_u{n})"
    rows = [
        f"(:row_id_u{n}, "
        + ", ".join(
            f":{c}_u{n}" if c in FOLLOWUP_CHANGED else kept.format(c=f'"{c}"', n=n)
            for c in FOLLOWUP_COLUMNS
        )
        + ")"
        for n in range(updates)
    ] + [f"(NULL, {', '.join(f':{c}_i{n}' for c in FOLLOWUP_COLUMNS)})" for n in range(inserts)]
    changed = ", ".join(f'"{c}" = excluded."{c}"' for c in FOLLOWUP_CHANGED)
    return (
        f"INSERT INTO followup (id, {names}) VALUES {', '.join(rows)}"
        f" ON CONFLICT (id) DO UPDATE SET {changed}, version = followup.version + 1"
        ' RETURNING id, "key"'
    )


@lru_cache(maxsize=64)
def transitions_written(numbered: tuple[bool, ...], dialect: str) -> str:
    """One statement writing a transition a row: a row numbered (`:row_id_n`) is
    rewritten in place, the others are added (issue 26: a log's transition writes
    were a statement a row). The triggers that keep the insights' totals see
    each rewritten row as an update and each added one as an insert."""
    new = "DEFAULT" if dialect == "postgresql" else "NULL"  # SQLite numbers a NULL
    names = ", ".join(f'"{c}"' for c in TRANSITION_COLUMNS)
    rows = ", ".join(
        "("
        + (f":row_id_{n}" if has_id else new)
        + ", "
        + ", ".join(f":{c}_{n}" for c in TRANSITION_COLUMNS)
        + ")"
        for n, has_id in enumerate(numbered)
    )
    changed = ", ".join(f'"{c}" = excluded."{c}"' for c in TRANSITION_COLUMNS)
    return (
        f"INSERT INTO transition (id, {names}) VALUES {rows}"
        f" ON CONFLICT (id) DO UPDATE SET {changed}"
    )


def new_event(
    rules: ladder.Rulebook,
    kind: str,
    on: date,
    today: date,
    *,
    emotional: bool | None,
    note: str,
    force: bool,
) -> ladder.Event:
    """An event checked against the rules, before any transaction starts."""
    event_kind = rules.kind(kind)
    check_event_date(on, today, long_ago_ok=force)
    note = check_text("note", note)
    chosen = event_kind.emotional if emotional is None else emotional
    return ladder.Event(0, kind, on, chosen, note, "")


class Person(NamedTuple):
    """A customer's facts as deriving and a log's answer read them."""

    id: int
    owner: str
    birthday: date | None
    since: date
    name: str
    phone: str
    email: str


@dataclass
class Everything:
    """What `EVERYTHING` read of one customer."""

    person: Person
    newest_rulebook: int | None
    state: str
    derived_under: str | None
    events: list[ladder.Event] = field(default_factory=list)
    settled: list[ladder.Transition] = field(default_factory=list)
    projected: list[tuple[int, dict[str, Any]]] = field(default_factory=list)  # (id, values)
    followups: list[StoredFollowup] = field(default_factory=list)
    versions: dict[int, int] = field(default_factory=dict)  # a follow-up's, by its id
    reserved: int | None = None  # the new event's number, when the read took one


def read_everything(db: Driver, customer_id: int, *, reserve: bool = False) -> Everything | None:
    """The customer and all deriving reads of them, or None if there is no such customer.

    With `reserve`, on PostgreSQL, it also takes the number of an event about to be
    logged (`Everything.reserved`, see `EVERYTHING_RESERVING`)."""
    reserving = reserve and db.dialect == "postgresql"
    found = db.run(EVERYTHING_RESERVING if reserving else EVERYTHING, {"customer_id": customer_id})
    if not found or found[0][0] != CUSTOMER:
        return None
    day = db.day
    head = found[0]
    person = Person(head[1], head[9], day(head[6]), day(head[7]) or date.min, *head[12:15])
    read = Everything(person, head[2], head[10], head[11], reserved=head[3])
    for row in found[1:]:
        kind = row[0]
        if kind == EVENT:
            read.events.append(
                ladder.Event(row[1], row[9], day(row[6]), bool(row[17]), row[10], row[11])
            )
        elif kind == TRANSITION:
            transition = ladder.Transition(
                on=day(row[6]),
                from_rung=ladder.Rung(row[2]),
                to_rung=ladder.Rung(row[3]),
                reason=ladder.Reason(row[9]),
                event_id=row[4],
                score_before=row[15],
                score_after=row[16],
                positives=row[5],
            )
            if row[17]:
                (values,) = transition_values(customer_id, [transition], projected=True)
                read.projected.append((row[1], values))
            else:
                read.settled.append(transition)
        elif kind == FOLLOWUP:
            key, rule, state = row[9], row[10], row[11]
            closed_by, closed_on, due, made_on = row[2], day(row[6]), day(row[7]), day(row[8])
            read.followups.append(
                StoredFollowup(
                    row[1], customer_id, key, rule, state, closed_by, closed_on, due, made_on
                )
            )
            read.versions[row[1]] = row[3]
    return read


def lock(db: Driver, customer_id: int, channel: str) -> None:
    """Hold the customer's row to the end of the transaction and tell every open app
    on `channel` when it commits (PostgreSQL; a SQLite writer holds the whole
    database already, and apps look at its `data_version`)."""
    if db.dialect == "postgresql":
        db.run(LOCKED, {"customer_id": customer_id, "channel": channel})


class Derived(NamedTuple):
    state: ladder.CustomerState
    derivation: Derivation
    created: dict[str, int]  # the new follow-ups' numbers, by key


def derive(
    db: Driver,
    rules: ladder.Rulebook,
    customer: CustomerFacts,
    read: Everything,
    today: date,
    now: datetime,
    *,
    new_event: ladder.Event | None = None,
    refold: bool = True,
    who: str = "",
) -> Derived:
    """Bring the customer's derived rows up to date, stepping when `new_event` (already
    inserted, not in `read`) is their newest; see `one_customer.rederive`."""
    events = read.events
    if new_event is not None:
        insort(events, new_event, key=lambda e: e.order)
    cached = decode_state(read.state)
    if read.derived_under != rules.fingerprint:
        refold, new_event = True, None
    steps = new_event is not None and (
        cached.last_event is None or new_event.order > cached.last_event
    )
    if not refold or steps:
        stepped = (
            ladder.step(cached, new_event, rules) if refold and new_event is not None else cached
        )
        fresh = stepped.transitions if refold else []
        state = replace(stepped, transitions=read.settled + fresh)
    else:
        state = ladder.fold(events, rules, in_order=True)
        fresh = state.transitions
    derived = derive_customer(
        customer, state, state.transitions, events, read.followups, rules, today, now, who
    )
    db.run(STATE_UPDATED, derived.state)  # first: what was held goes with it, not with
    _write_transitions(  # the transitions (their triggers read the event's row)
        db, customer.id, read, transition_values(customer.id, fresh, projected=False),
        derived.projected, keep_settled=not refold or steps,
    )  # fmt: skip
    return Derived(state, derived, _apply_plan(db, derived))


def _write_transitions(
    db: Driver,
    customer_id: int,
    read: Everything,
    fresh: list[dict[str, Any]],
    projected: list[dict[str, Any]],
    *,
    keep_settled: bool,
) -> None:
    """The fresh transitions in, and the projected lapses made what they now are, in
    one statement (`transitions_written`, none if nothing changed): the lapses'
    rows are reused in the order of their numbers, the fresh transitions first, so
    that numbers still grow in the order rows are written; rows left over are
    deleted. With `keep_settled` False the settled history goes too and all is
    written anew."""
    rows = fresh + projected
    if not keep_settled:
        db.run(TRANSITIONS_DELETED, {"customer_id": customer_id})
        _upsert(db, [(None, row) for row in rows])
        return
    was = dict(read.projected)
    ids = sorted(was)
    kept = [(row_id, row) for row_id, row in zip(ids, rows, strict=False) if was[row_id] != row]
    _upsert(db, kept + [(None, row) for row in rows[len(ids) :]])
    if len(ids) > len(rows):
        db.run(TRANSITIONS_GONE, {"ids": ids[len(rows) :]})


def _upsert(db: Driver, rows: list[tuple[int | None, dict[str, Any]]]) -> None:
    if not rows:
        return
    numbered = [row_id is not None for row_id, _ in rows]
    values: dict[str, Any] = {}
    for n, (row_id, row) in enumerate(rows):
        if row_id is not None:
            values[f"row_id_{n}"] = row_id
        values.update({f"{c}_{n}": row[c] for c in TRANSITION_COLUMNS})
    db.run(transitions_written(tuple(numbered), db.dialect), values)


def _apply_plan(db: Driver, derived: Derivation) -> dict[str, int]:
    """The follow-ups' plan written; the new follow-ups' numbers, by key."""
    plan = derived.plan
    if plan.deletes:
        db.run(FOLLOWUPS_DELETED, {"ids": plan.deletes})
    if not plan.updates and not plan.inserts:
        return {}
    values: dict[str, Any] = {}
    for n, row in enumerate(plan.updates):
        values.update({f"{c}_u{n}": row[c] for c in ("row_id", *FOLLOWUP_CHANGED)})
    for n, row in enumerate(plan.inserts):
        values.update({f"{c}_i{n}": row[c] for c in FOLLOWUP_COLUMNS})
    sql = followups_written(len(plan.updates), len(plan.inserts))
    if db.dialect == "postgresql":
        sql = sql.replace("(NULL, ", f"({NEXT_FOLLOWUP}, ")
    written = db.run(sql, values)
    if not plan.inserts:  # no answer needed: on PostgreSQL, not waited for (`pipelined`)
        return {}
    updated = {row["row_id"] for row in plan.updates}
    return {key: row_id for row_id, key in written if row_id not in updated}


def add_event(
    db: Driver,
    rules: ladder.Rulebook,
    read: Everything,
    new: ladder.Event,
    today: date,
    now: datetime,
    member: str,
    writer: str,
    *,
    event_id: int | None = None,
) -> records.LogResult:
    """Insert `new` for the customer `read` (logged by `member`, written by `writer`,
    under `event_id` when an undo puts it back) and derive; what it did."""
    person = read.person
    values = {
        "customer_id": person.id,
        "kind": new.kind,
        "occurred_on": new.on,
        "emotional": new.emotional,
        "note": new.note,
        "logged_by": member,
        "created_at": now,
        "changed_by": writer,
        "changed_at": now,
    }
    if event_id is None:
        event_id = db.run(EVENT_ADDED, values)[0][0]
    else:
        db.hold(EVENT_ADDED_AGAIN, {"id": event_id, **values})  # goes with the state's
    event = ladder.Event(event_id, new.kind, new.on, new.emotional, new.note, member)
    versions = read.versions
    state, derived, created_ids = derive(
        db, rules, person, read, today, now, new_event=event, who=writer
    )
    rung = ladder.evaluate(state, today, rules).rung
    created = sorted(
        (
            _created(person, rung, created_ids[row["key"]], row)
            for row in derived.plan.inserts
            if row["state"] == FollowupState.OPEN
        ),
        key=lambda f: (f.due, f.id),
    )
    caused = [t for t in state.transitions if t.event_id == event.id]
    closed = sorted(derived.plan.closed)
    return records.LogResult(
        event_id=event.id,
        rung=rung,
        transition=caused[-1] if caused else None,
        created=created,
        closed=closed,
        left=(
            records.Left("event", event.id, 1),
            *(records.Left("followup", f.id, f.version) for f in created),
            *(records.Left("followup", i, versions[i] + 1) for i in closed),
        ),
    )


def _created(person: Person, rung: ladder.Rung, row_id: int, row: dict[str, Any]) -> Any:
    """A follow-up the log made, as the lists show it (`morning_sql.FOLLOWUPS`)."""
    return records.FollowupInfo(
        id=row_id,
        customer_id=person.id,
        customer=person.name,
        rung=rung,
        rule=row["rule"],
        trigger=row["trigger"],
        made_on=row["made_on"],
        due=row["due"],
        state=FollowupState(row["state"]),
        member=row["member"],
        note=row["note"],
        snoozed_until=row["snoozed_until"],
        closed_on=row["closed_on"],
        phone=person.phone,
        email=person.email,
    )


def audit(
    db: Driver,
    member: str,
    action: str,
    customer_id: int,
    what: str,
    at: datetime,
    *,
    held: bool = False,
) -> None:
    """One entry of the record of who did what (`data.store.audit`); `held`, to go with
    the next statement (`Driver.hold`: there must be one)."""
    values = {"at": at, "member": member, "action": action, "customer_id": customer_id}
    (db.hold if held else db.run)(AUDITED, {**values, "record": what})


def member_known(db: Driver, key: str) -> str | None:
    """The name of the member whose `ladder.text.member_key` is `key`, as first written."""
    found = db.run(MEMBER_NAMED, {"key": key})
    return str(found[0][0]) if found else None


def member_added(db: Driver, name: str, key: str, now: datetime) -> str:
    """Record a new member (`data.store.rows.ensure_member`); a colleague's first use at
    the same moment is fine: the name first stored is the answer."""
    db.run(MEMBER_ADDED, {"name": " ".join(name.split()), "key": key, "created_at": now})
    return str(db.run(MEMBER_NAMED, {"key": key})[0][0])
