"""Opening a database for a member: created, upgraded and derived under the rulebook."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session

from data import pgpass, records
from data.errors import DatabaseError, first_line
from data.locations import database_url, is_postgres
from data.schema import SCHEMA_REVISION
from data.store import Store, rows
from data.store.db import make_engine
from data.store.derive.everyone import Progress, count_customers
from data.store.migrate import current_revision, known_revision
from data.store.rulebook_rows import newest
from data.watch import ChangeWatch
from ladder import Rulebook
from ladder.phones import HOME


def open_store(
    location: str,
    rules: Rulebook,
    today: date,
    *,
    member: str = "",
    country: str = HOME,
    on_rederive: Progress | None = None,
    chosen: bool = True,
) -> Store:
    """The store at `location` for `member`, who types phone numbers as they are
    written in `country`; `on_rederive` hears a re-derive's progress, if one is due.
    It follows the co-op's rulebook; `rules` are for a new database, or must be the
    co-op's when the member `chosen` them (see `Store.open`)."""
    return Store.open(
        location,
        rules,
        today,
        member=member,
        country=country,
        on_rederive=on_rederive,
        chosen=chosen,
    )


def watch_changes(store: Store) -> ChangeWatch:
    """A watch that tells an open app when anyone has written (see `data.watch`);
    the caller closes it."""
    return ChangeWatch(store.engine)


def rederive_under_way(store: Store) -> int | None:
    """Per cent of customers a colleague's re-derive has done while what is read is
    part old rulebook, part new (said before such figures); None when every
    customer follows this one."""
    with store.read() as session:
        if store.follows_rulebook(session):
            return None
        total = count_customers(session, stale_under=None)
        stale = count_customers(session, stale_under=store.rules.fingerprint)
    return 100 * (total - stale) // total if total else None


def database_health(location: str) -> records.DatabaseHealth:
    """Whether the database at `location` is there and opens, its schema revision and
    the rulebook in force, found without creating, upgrading or re-deriving anything."""
    if not is_postgres(location) and not Path(location).exists():
        return records.DatabaseHealth(False, None, SCHEMA_REVISION, None, "")
    try:
        engine = make_engine(location)
        try:
            revision = current_revision(engine)
            with engine.connect() as connection:
                connection.exec_driver_sql("SELECT 1")
            in_force = None
            if revision == SCHEMA_REVISION:
                with Session(engine) as session:
                    row = newest(session)
                if row is not None:
                    in_force = records.RulebookInForce(
                        rows.stored_id(row), row.applied_by, row.applied_at, row.fingerprint
                    )
        finally:
            engine.dispose()
    except (DatabaseError, DBAPIError) as exc:
        why = first_line(getattr(exc, "orig", None) or exc)
        return records.DatabaseHealth(True, None, SCHEMA_REVISION, None, why, exc)
    if revision is not None and not known_revision(revision):
        newer = DatabaseError(
            "schema_newer",
            revision=revision,
        )
        return records.DatabaseHealth(True, revision, SCHEMA_REVISION, None, str(newer), newer)
    return records.DatabaseHealth(True, revision, SCHEMA_REVISION, in_force, "")


def join_database(server: str, database: str, user: str, password: str) -> str:
    """The co-op's shared database at `server` (a host, host:port, or a postgresql://
    address), tried with the member's password before anything is kept; returns its
    address without the password, which is kept only in libpq's password file."""
    if "://" in server:
        if not is_postgres(server):  # a web address (https://…) is not the database's
            raise DatabaseError("not_a_url")
        url = database_url(server)
    else:
        host, _, port = server.partition(":")
        url = URL.create("postgresql", host=host, port=int(port) if port.isdigit() else None)
    url = url.set(
        username=url.username or user, database=url.database or database or DEFAULT_DATABASE
    )
    bare = url._replace(password=None).render_as_string(hide_password=False)
    secret = password or (str(url.password) if url.password else "")
    tried = url._replace(password=secret or None).render_as_string(hide_password=False)
    health = database_health(tried)
    if health.problem:
        said = _said_plainly(health.problem)
        if said:
            raise DatabaseError(f"join_{said}")
        why = " ".join(health.problem.split())
        raise DatabaseError("cannot_join", why=why)
    if secret:
        pgpass.keep(bare, secret)
    return bare


DEFAULT_DATABASE = "ladder"  # the database a co-op's server holds Ladder in, unless told
PLAINLY = (  # what libpq says, and what a member is told instead (keys of `error.join_*`)
    ("password authentication failed", "password"),
    ("no password supplied", "password"),
    ("could not translate host name", "no_host"),
    ("failed to resolve host", "no_host"),
    ("name or service not known", "no_host"),
    ("connection refused", "refused"),
    ("timeout expired", "timeout"),
    ("does not exist", "no_database"),
    ("ssl negotiation", "not_postgres"),
)


def _said_plainly(problem: str) -> str:
    """The key of a member's words for a connection's failure, or "" when unknown."""
    lowered = problem.lower()
    return next((key for found, key in PLAINLY if found in lowered), "")
