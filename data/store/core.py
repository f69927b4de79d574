"""The store's core: one database, the rulebook it is derived under, and the
read and write transactions every use case runs in (its unit of work)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Self

from sqlalchemy import Engine, select, text
from sqlalchemy.exc import DBAPIError, IntegrityError, SQLAlchemyError
from sqlalchemy.orm.exc import ObjectDeletedError, StaleDataError
from sqlmodel import Session, col

import ladder
from data.errors import AheadOfClock, StoreError, first_line
from data.locations import is_postgres
from data.schema import RULES_KEY, SCHEMA_REVISION
from data.store import rulebook_rows
from data.store.checkpoint import Checkpointer
from data.store.db import BUSY_TIMEOUT_MS, WRITE, DatabaseError, make_engine, sqlite_file
from data.store.derive.everyone import (
    BATCH,
    Progress,
    Told,
    count_customers,
    derive_in_batches,
)
from data.store.migrate import current_revision, upgrade
from data.store.rederive_lock import sole_rederiver
from data.store.tables import CustomerRow, EventRow, MetaRow, RulebookRow
from data.watch import CHANNEL
from ladder.phones import HOME

if TYPE_CHECKING:
    from data.store.pipelined import Pipe

NOTIFY = text(f"NOTIFY {CHANNEL}")


class StoreCore:
    """One open database and its rulebook; the parts of `Store` build on this."""

    def __init__(self, engine: Engine, rules: ladder.Rulebook, country: str = HOME) -> None:
        self.engine = engine
        self.rules = rules
        self.country = country  # where a phone number typed without a country code is
        self.set_aside: Path | None = None  # the copy an upgrade made on opening, if any
        self.ahead_of_clock: date | None = None  # the program's today, when after the real date
        self.rulebook_id: int | None = None  # the co-op's rulebook this store follows
        self._writer = engine.execution_options(**{WRITE: True})
        self._postgres = engine.dialect.name == "postgresql"
        self._checkpointer = (
            Checkpointer(sqlite_file(engine), BUSY_TIMEOUT_MS)
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
        member: str = "",
        country: str = HOME,
        on_rederive: Progress | None = None,
        chosen: bool = True,
    ) -> Self:
        """Open (creating or migrating) a database for `member` (whose name a
        PostgreSQL server shows on the connections), following the co-op's rulebook:
        the one the database holds, or `rules` for a database that holds none yet.
        `rules` a member `chosen` (a file) that differs from the database's is
        refused (`errors.RulesDiffer`): `service.apply_rules` changes it.

        When that means re-deriving customers, which takes a while on a large
        database, `on_rederive` hears how far it is (see `rederive_all`), so a
        person can be told. It is not called for a database without customers.
        """
        ahead = today > date.today()  # may look, never write: not even make or upgrade a file
        if ahead and not is_postgres(location) and not Path(location).expanduser().exists():
            raise AheadOfClock(today, date.today())
        try:
            engine = make_engine(location, member=member)
            if ahead and current_revision(engine) != SCHEMA_REVISION:
                engine.dispose()
                raise AheadOfClock(today, date.today())
            set_aside = upgrade(engine)
        except DBAPIError as exc:
            why = first_line(exc.orig)
            raise DatabaseError("cannot_open", why=why) from None
        store = cls(engine, rules, country)
        store.set_aside = set_aside
        store.ahead_of_clock = today if today > date.today() else None
        store.rules, store.rulebook_id = store._co_op_rulebook(rules, chosen=chosen, member=member)
        store.follow_rulebook(today, on_rederive)
        return store

    def close(self) -> None:
        if self._checkpointer is not None:
            self._checkpointer.stop()
        self.engine.dispose()

    @contextmanager
    def write(self, *, lean: bool = False, pipelined: bool = False) -> Iterator[Session]:
        """One write transaction (SQLite: BEGIN IMMEDIATE); all of it or none.

        It first follows the rulebook in force (a colleague may have applied
        another), and on PostgreSQL tells every open app as it commits, unless
        the use case is `lean`: it reads the newest rulebook's number with its
        own first read (then calls `follow_rulebook_numbered`) and sends the
        NOTIFY with its own lock (a log, `log_sql.lock`). A `pipelined` write
        on PostgreSQL sends its plain statements (`rows.driver`) without waiting
        for each, and its COMMIT with the last of them (`data.store.pipelined`).
        A store opened for a day after the real date writes nothing (docs/rules.md,
        "The program's today"): it may look ahead, not make the future for everyone."""
        if self.ahead_of_clock is not None:
            raise AheadOfClock(self.ahead_of_clock, date.today())
        with (
            self._guard(),
            Session(self._writer, expire_on_commit=False) as session,
            session.begin(),
            self._pipelined(session, pipelined) as pipe,
        ):
            if not lean:
                self._follow_newest_rulebook(session)
            yield session
            if self._postgres and not lean:  # every open app hears it on commit (`data.watch`)
                self._settled(session)
                session.execute(NOTIFY)
            if pipe is not None:
                pipe.commit()  # the session's own commit then has nothing to send
        if self._checkpointer is not None:
            self._checkpointer.wrote()

    def _pipelined(self, session: Session, wanted: bool) -> AbstractContextManager[Pipe | None]:
        if not (wanted and self._postgres):
            return nullcontext()
        from data.store import pipelined  # psycopg's own API: loaded where it runs

        return pipelined.pipelined(session)

    def _settled(self, session: Session) -> None:
        """Before the session runs a statement of its own (a pipelined write's plain
        statements answered first)."""
        if self._postgres:
            from data.store import pipelined

            pipelined.settle(session)

    @contextmanager
    def read(self) -> Iterator[Session]:
        """One read transaction: what it reads is one moment's picture."""
        with (
            self._guard(),
            Session(self.engine, expire_on_commit=False) as session,
            session.begin(),
        ):
            yield session

    @contextmanager
    def _guard(self) -> Iterator[None]:
        """A driver's failure as an error a person can read, never a traceback."""
        try:
            yield
        except IntegrityError as exc:
            raise StoreError("conflicts_with_stored", why=first_line(exc.orig)) from None
        except (StaleDataError, ObjectDeletedError):
            raise StoreError(
                "changed_meanwhile",
            ) from None
        except DBAPIError as exc:
            why = first_line(exc.orig)
            raise DatabaseError("db_failed", why=why) from None
        except SQLAlchemyError as exc:
            why = first_line(exc)
            raise DatabaseError("db_failed", why=why) from None

    # -- the rulebook the derived rows follow ------------------------------------

    def _follow_newest_rulebook(self, session: Session) -> None:
        """A colleague may have applied another rulebook since this store opened (an
        app stays open all day): every write follows the one in force now."""
        if self.rulebook_id is not None:
            self.follow_rulebook_numbered(session, rulebook_rows.newest_id(session))

    def follow_rulebook_numbered(self, session: Session, newest: int | None) -> None:
        """Follow the rulebook numbered `newest`, the newest in this transaction, if it
        is not the one followed now."""
        if self.rulebook_id is not None and newest is not None and newest != self.rulebook_id:
            self._settled(session)
            row = session.get(RulebookRow, newest)
            assert row is not None  # read as the newest in this transaction
            self.rules, self.rulebook_id = rulebook_rows.in_force(row), newest

    def _co_op_rulebook(
        self, offered: ladder.Rulebook, *, chosen: bool, member: str
    ) -> tuple[ladder.Rulebook, int]:
        with self.read() as session:
            followed = rulebook_rows.followed(session, offered, chosen=chosen)
        if followed is not None:
            return followed
        with self.write() as session:
            return rulebook_rows.store_first(session, offered, member)

    def follow_rulebook(self, today: date, on_rederive: Progress | None = None) -> bool:
        """Re-derive everyone not yet under the rulebook, if it changed since the last
        derivation and no colleague is at it already (see `rederive_all`)."""
        with self.read() as session:
            if self.follows_rulebook(session):
                return False
            anyone = session.execute(select(col(CustomerRow.id)).limit(1)).first() is not None
        return self.rederive_all(today, on_rederive if anyone else None, only_if_stale=True)

    def rederive_all(
        self,
        today: date,
        progress: Progress | None = None,
        *,
        only_if_stale: bool = False,
        batch: int = BATCH,
    ) -> bool:
        """Replay every customer's history under the current rulebook, at most `batch`
        customers per transaction (`derive_in_batches`), so that colleagues go on
        logging meanwhile and each customer is always wholly derived under the old
        rulebook or the new.

        `progress` hears (customers done, customers to do): first (0, n), last
        (n, n) once all is committed. With `only_if_stale`, only the customers
        not yet derived under this rulebook are replayed (a re-derive stopped
        half-way goes on where it stopped), and nothing is done if another
        process is re-deriving now or has just finished. Returns whether it ran.
        """
        fingerprint = self.rules.fingerprint
        with sole_rederiver(self.engine) as mine:
            if not mine:
                if only_if_stale:
                    return False
                raise StoreError(
                    "rederive_busy",
                )
            with self.read() as session:
                if only_if_stale and self.follows_rulebook(session):
                    return False
                self._check_kinds(session)
                only = fingerprint if only_if_stale else None
                total = count_customers(session, stale_under=only)
            derive_in_batches(self, today, Told(progress, total), stale_under=only, most=batch)
            with self.write() as session:
                newest = rulebook_rows.newest(session)
                if newest is None or newest.fingerprint == fingerprint:  # else a colleague
                    session.merge(MetaRow(key=RULES_KEY, value=fingerprint))  # applied anew
        if progress is not None:
            progress(total, total)
        return True

    def follows_rulebook(self, session: Session) -> bool:
        """Whether the whole database was last derived under this rulebook."""
        row = session.get(MetaRow, RULES_KEY)
        return row is not None and row.value == self.rules.fingerprint

    def _check_kinds(self, session: Session) -> None:
        used = set(session.execute(select(col(EventRow.kind)).distinct()).scalars())
        missing = sorted(used - set(self.rules.kinds))
        if missing:
            raise StoreError("rulebook_lacks_kinds", kinds=", ".join(missing))
