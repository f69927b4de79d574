"""The rows every part of the store reads and locks, inside its transaction.

Each function takes the open session, so a use case composes them in one
transaction (see `core.StoreCore._write`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any, Protocol
from weakref import WeakKeyDictionary

from sqlalchemy import BindParameter, Pool, bindparam, func, select, text
from sqlmodel import Session

import ladder
from data import records
from data.errors import ChangedMeanwhile, NotFound, StoreError, checked_id, no_customer
from data.records import OPEN_STATES
from data.sql import morning_sql
from data.store import log_sql, queries
from data.store.codec import encode_state
from data.store.derive.plan import domain_event
from data.store.details import customer_info
from data.store.tables import CustomerRow, EventRow, FollowupRow, StateRow, TableModel
from ladder.contact import check_email, check_name, check_phone
from ladder.text import member_key, search_words


def runner(session: Session) -> tuple[morning_sql.Run, str]:
    """`run(sql, params) -> rows` in this session, and the database's dialect: how the
    store runs the plain-SQL reads (`data.sql.morning_sql`, `data.sql.insight_sql`). A list or
    tuple given for a parameter is spread over an `IN :name`."""

    def run(sql: str, values: dict[str, Any]) -> Sequence[Any]:
        statement = text(sql)
        spread: list[BindParameter[Any]] = [
            bindparam(k, expanding=True) for k, v in values.items() if _is_list(v)
        ]
        return session.execute(statement.bindparams(*spread) if spread else statement, values).all()

    return run, session.get_bind().dialect.name


def _is_list(value: Any) -> bool:
    return isinstance(value, list | tuple)


def now() -> datetime:
    return datetime.now(UTC)


def ensure_member(session: Session, name: str) -> str:
    """The member's name as first written (`aino` is Aino once Aino has written),
    recording a new member on first use; two first uses at once are both fine.

    A name found stored is kept for the process (a member row is never deleted
    or renamed), so a member's next write asks no more."""
    if not name:
        return ""
    key = member_key(name)
    known = _MEMBERS_KNOWN.setdefault(session.get_bind().engine.pool, {})
    if key in known:
        return known[key]
    asked: dict[str, str] = session.info.setdefault("members", {})  # once a transaction
    if key not in asked:
        db = driver(session)
        found = log_sql.member_known(db, key)
        if found is not None:
            known[key] = found
        asked[key] = found or log_sql.member_added(db, name, key, now())
    return asked[key]


# The members' names each database has stored, by its connections' pool (one an engine).
_MEMBERS_KNOWN: WeakKeyDictionary[Pool, dict[str, str]] = WeakKeyDictionary()


def driver(session: Session) -> log_sql.Driver:
    """The plain-SQL statements' way into this session's transaction (after what the
    session holds unwritten is flushed, so that they see it)."""
    session.flush()
    found: log_sql.Driver | None = session.info.get("driver")
    if found is None:
        connection = session.connection()

        def execute(sql: str, values: Any) -> Sequence[Sequence[Any]]:
            result = connection.exec_driver_sql(sql, values)
            return result.fetchall() if result.returns_rows else []

        def execute_many(sql: str, values: list[dict[str, Any]]) -> None:
            connection.exec_driver_sql(sql, values)

        found = session.info["driver"] = log_sql.Driver(
            connection.dialect.name, execute, execute_many
        )
    return found


_STAMPED: dict[str, type[TableModel]] = {
    "customer": CustomerRow,
    "event": EventRow,
    "followup": FollowupRow,
}


def left_of(session: Session, table: str, ids: Sequence[int]) -> list[records.Left]:
    """The rows `ids` of `table` as they are now, for an undo to find them so."""
    if not ids:
        return []
    columns = _STAMPED[table].__table__.c
    found = session.execute(select(columns.id, columns.version).where(columns.id.in_(ids)))
    return [records.Left(table, row_id, version) for row_id, version in found]


def check_left(session: Session, left: Sequence[records.Left]) -> None:
    """Refuse an undo when any row it would take back has changed since it was left
    (a colleague's edit, done or dismiss), naming who changed it and when."""
    for table, row_id, version in left:
        row = session.get(_STAMPED[table], row_id)
        if row is None:
            raise StoreError(
                "gone_meanwhile",
                table=table,
                id=row_id,
            )
        check_unchanged(row, version)


def check_fields(
    row: Any, current: dict[str, Any], before: dict[str, Any] | None, changes: dict[str, Any]
) -> None:
    """Refuse a form's change to a field a colleague changed to something else since
    the form showed it as `before` (the same change twice is no conflict)."""
    for field, mine in changes.items():
        if before is None or field not in before:
            continue
        theirs = current[field]
        if theirs != before[field] and theirs != mine:
            raise changed_meanwhile(row, field=field, theirs=theirs, mine=mine)


def stamp(row: Any, member: str) -> None:
    """Mark a customer, event or follow-up row as changed now by `member`."""
    row.version += 1
    row.changed_by = member
    if isinstance(row, CustomerRow):
        row.updated_at = now()
    else:
        row.changed_at = now()


def check_unchanged(row: Any, version: int | None) -> None:
    """Refuse to go on when a colleague has changed `row` since it was at `version`
    (a version it never had is a mistake of the caller's, not a colleague's)."""
    if version is not None and version > row.version:
        raise StoreError(
            "no_such_version",
            table=row.__tablename__,
            id=row.id,
            version=row.version,
            expected=version,
        )
    if version is not None and row.version != version:
        raise changed_meanwhile(row)


def changed_meanwhile(
    row: Any, *, field: str = "", theirs: object = None, mine: object = None
) -> ChangedMeanwhile:
    """What a colleague last did to `row` (`field`, `theirs`, `mine` for one field)."""
    when = row.updated_at if isinstance(row, CustomerRow) else row.changed_at
    return ChangedMeanwhile(
        row.__tablename__, row.id, row.changed_by, when, field=field, theirs=theirs, mine=mine
    )


def add_state(session: Session, customer_id: int, rules: ladder.Rulebook) -> None:
    """A new customer's derived state: on the bottom rung, nothing happened yet."""
    session.add(
        StateRow(
            customer_id=customer_id,
            rung=0,
            score=0.0,
            state=encode_state(ladder.CustomerState()),
            derived_under=rules.fingerprint,
        )
    )


def lock_customer(session: Session, customer_id: int) -> Any:
    """The customer's row (id, owner, birthday), locked until the transaction ends."""
    customer = session.execute(
        queries.CUSTOMER_LOCKED, {"customer_id": checked_id(customer_id)}
    ).first()
    if customer is None:
        raise no_customer(customer_id)
    return customer


class Numbered(Protocol):
    """A row of a table numbered by the database (`id`, None until it is inserted)."""

    id: int | None


def stored_id(row: Numbered) -> int:
    """The number of a row read from the database or flushed to it."""
    assert row.id is not None, f"{type(row).__name__} is not in the database yet"
    return row.id


def customer_row(session: Session, customer_id: int) -> CustomerRow:
    row = session.get(CustomerRow, checked_id(customer_id))
    if row is None:
        raise no_customer(customer_id)
    return row


def event_row(session: Session, event_id: int) -> EventRow:
    row = session.get(EventRow, checked_id(event_id))
    if row is None:
        raise NotFound("no_event", id=event_id)
    return row


def followup_row(session: Session, followup_id: int) -> FollowupRow:
    row = session.get(FollowupRow, checked_id(followup_id))
    if row is None:
        raise NotFound("no_followup", id=followup_id)
    return row


def open_followup_row(session: Session, followup_id: int) -> FollowupRow:
    """The follow-up, locked, if it is still to do; otherwise say what became of it."""
    row = followup_row(session, followup_id)
    lock_customer(session, row.customer_id)
    session.refresh(row)
    if row.state not in OPEN_STATES:
        raise StoreError(
            f"followup_{row.state}",
            id=followup_id,
            who=row.changed_by,
            when=row.changed_at,
        )
    return row


def events_of(session: Session, customer_id: int) -> list[ladder.Event]:
    rows = session.execute(queries.EVENTS_OF, {"customer_id": customer_id})
    return [domain_event(row) for row in rows]


def followup_infos(
    session: Session, where: str, values: dict[str, Any], today: date
) -> list[records.FollowupInfo]:
    """Follow-ups meeting `where` (plain SQL over `followup`, with `values`), with
    their customer's name, rung and reach, by due date."""
    run, dialect = runner(session)
    sql = f"{morning_sql.FOLLOWUPS} WHERE {where} ORDER BY followup.due, followup.id"
    found = run(sql, morning_sql.params(dialect, today=today, **values))
    return [morning_sql.followup_record(row) for row in found]


def followup_info(session: Session, followup_id: int, today: date) -> records.FollowupInfo:
    return followup_infos(session, "followup.id = :id", {"id": followup_id}, today)[0]


def duplicates_of(
    session: Session, details: dict[str, Any], country: str, besides: int | None
) -> list[records.Alike]:
    """Customers with the same e-mail, phone or name (without case and diacritics)."""
    c = CustomerRow.__table__.c
    wanted = []
    if details.get("email"):
        wanted.append(("email", func.lower(c.email) == check_email(details["email"]).casefold()))
    if details.get("phone"):
        wanted.append(("phone", c.phone == check_phone(details["phone"], country)))
    if details.get("name"):
        wanted.append(("name", c.name_key == search_words(check_name(details["name"]))))
    found: dict[int, records.Alike] = {}
    for by, condition in wanted:
        for row in session.execute(select(CustomerRow).where(condition, c.id != (besides or 0))):
            found.setdefault(row[0].id, records.Alike(customer_info(row[0]), by))
    return list(found.values())


def event_info(customer_id: int, event: ladder.Event, version: int = 1) -> records.EventInfo:
    return records.EventInfo(
        id=event.id,
        customer_id=customer_id,
        kind=event.kind,
        on=event.on,
        emotional=event.emotional,
        note=event.note,
        logged_by=event.logged_by,
        version=version,
    )
