"""`ladder log` straight through sqlite3, without loading SQLAlchemy, SQLModel or
Alembic (a few tenths of a second of a command that takes one).

Only when the store would do nothing else on opening: a SQLite file of the
current schema, everyone derived under the co-op's newest rulebook (no
re-derive under way), a member's rulebook file (if they chose one) the same,
and a today that is not ahead of the clock. Then the log is the store's own:
the customer found as the store finds one (`card_sql.find`), one write
transaction begun as the store begins one (`sqlite_connection`), the same
statements and plan (`log_sql`, `derive.plan`), the same audit entry, and the
WAL checkpointed once after it, as the store does on closing. Whenever the
store has something to do first, or the driver fails before the commit, the
answer is None and nothing was written: the command opens the store, which
does what is due and says what went wrong.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager, suppress
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, NamedTuple

import ladder
from data import records
from data.locations import is_postgres
from data.sql import card_sql
from data.sql.in_force import derived_under, rules_in_force
from data.store import log_sql
from data.store.sqlite_connection import BUSY_TIMEOUT_MS, begin_writing, prepare
from data.store.whose import check_file
from ladder.text import member_key


class Logged(NamedTuple):
    """What a plain log did, and what the command says of it."""

    result: records.LogResult
    customer: str  # the customer's name
    kind: str  # the kind's id
    rules: ladder.Rulebook  # the co-op's, which the database holds


class _Elsewhere(Exception):
    """This log is the store's to write (nothing was written here)."""


def log_plainly(
    location: str,
    offered: ladder.Rulebook,
    customer: str,
    kind: str,
    on: date | None,
    *,
    today: date,
    chosen: bool,
    country: str,
    member: str = "",
    emotional: bool | None = None,
    note: str = "",
    force: bool = False,
) -> Logged | None:
    """Log `kind` for the customer `customer` names (on `on`, else today), as
    `data.service.log` would; None when the store must do it (see above).

    The member's mistakes (an unknown kind, a day in the future, a name that
    fits no customer or several) are raised as the store raises them, nothing
    written."""
    if is_postgres(location) or today > date.today():
        return None
    path = Path(location).expanduser()
    if not path.is_file():
        return None
    try:
        with _writing(path) as db:
            return _log(db, offered, customer, kind, on or today, today, chosen, country,
                        member, emotional, note, force)  # fmt: skip
    except (_Elsewhere, sqlite3.Error):
        return None


@contextmanager
def _writing(path: Path) -> Iterator[log_sql.Driver]:
    """One write transaction on the file, begun and ended as the store's are, then
    the WAL copied back into the database once (`checkpoint.Checkpointer.stop`)."""
    check_file(path)
    with closing(sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)) as connection:
        prepare(connection, str(path))
        begin_writing(connection)

        def execute(sql: str, values: Any) -> list[Any]:
            return connection.execute(sql, values).fetchall()

        def execute_many(sql: str, values: list[dict[str, Any]]) -> None:
            connection.executemany(sql, values)

        try:
            yield log_sql.Driver("sqlite", execute, execute_many)
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")
        with suppress(sqlite3.Error):  # written: a failed copy-back must not log it twice
            connection.execute("PRAGMA wal_checkpoint(PASSIVE)")


def _log(
    db: log_sql.Driver,
    offered: ladder.Rulebook,
    customer: str,
    kind: str,
    on: date,
    today: date,
    chosen: bool,
    country: str,
    member: str,
    emotional: bool | None,
    note: str,
    force: bool,
) -> Logged:
    rules = rules_in_force(db.run, offered, chosen=chosen)
    if rules is None or not derived_under(db.run, rules):
        raise _Elsewhere  # an upgrade or a re-derive to finish, or a file the store refuses
    kind = rules.find_kind(kind).id
    found = card_sql.find(db.run, customer, country)  # as the store's find_customer
    new = log_sql.new_event(rules, kind, on, today, emotional=emotional, note=note, force=force)
    read = log_sql.read_everything(db, found.id)
    if read is None:
        raise _Elsewhere
    now = datetime.now(UTC)
    spelt = _member(db, member, now)
    result = log_sql.add_event(db, rules, read, new, today, now, spelt, spelt)
    log_sql.audit(db, spelt, "log", read.person.id, f"event #{result.event_id}", now)
    return Logged(result, read.person.name, kind, rules)


def _member(db: log_sql.Driver, name: str, now: datetime) -> str:
    """`rows.ensure_member`, in this transaction."""
    if not name:
        return ""
    key = member_key(name)
    return log_sql.member_known(db, key) or log_sql.member_added(db, name, key, now)
