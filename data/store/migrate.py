"""Bringing a database to the current schema when it is opened.

An older SQLite file is copied aside first. SQLite's batch mode recreates
tables, so foreign keys are switched off for the migration: with them on,
dropping the old `customer` table would cascade and delete every event.

Alembic itself is imported only when a migration runs: it costs a fifth of a
second of start-up, and a database that is up to date does not need it.
"""

from __future__ import annotations

import os
import sqlite3
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text
from sqlalchemy.exc import DBAPIError

from data.schema import SCHEMA_REVISION
from data.store.db import WRITE, DatabaseError, serialize, sqlite_file
from data.store.erasure import migration_copies

if TYPE_CHECKING:
    from alembic.config import Config


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config(stdout=sys.stdout)  # the default is whatever stdout was at import time
    config.set_main_option("script_location", str(Path(__file__).parents[1] / "migrations"))
    return config


def head_revision() -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    """The schema revision stored in the database; None for a new database.

    Every open asks this: one statement, where asking first whether the table
    is there took a second round trip (on PostgreSQL twice as long or more)."""
    with engine.connect() as connection:
        try:
            return connection.execute(_REVISION).scalar()
        except DBAPIError:
            connection.rollback()
            return None


def _revision_in(connection: Connection) -> str | None:
    """The revision as this connection's transaction sees it, asked without a failing
    statement, which would end a PostgreSQL transaction (only an upgrade asks)."""
    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(_REVISION).scalar()


_REVISION = text("SELECT version_num FROM alembic_version")


def upgrade(engine: Engine) -> Path | None:
    """Migrate to head; returns the backup made of an older SQLite file, if any.

    All of it is one writer's transaction (BEGIN IMMEDIATE on SQLite), begun
    before Alembic sees the connection: on SQLite Alembic would otherwise commit
    each step on its own, and a colleague opening at the same moment would run
    the next step again ("duplicate column name"). The revision is read again
    inside it, so of colleagues opening an old file at once one sets a copy
    aside and upgrades, and the others find it done.
    """
    if current_revision(engine) == SCHEMA_REVISION:
        return None
    from alembic import command

    config = alembic_config()
    sqlite = engine.dialect.name == "sqlite"
    with engine.connect().execution_options(**{WRITE: True}) as connection:
        if sqlite:
            _foreign_keys(connection, on=False)
        try:
            connection.begin()
            serialize(connection, "schema")
            current = _revision_in(connection)
            if current == SCHEMA_REVISION:
                return None
            _refuse_unknown(config, current)
            backup = None
            if sqlite and current is not None:
                backup = _set_aside(sqlite_file(engine), current)
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
            connection.commit()
        finally:
            if sqlite:
                connection.rollback()
                _foreign_keys(connection, on=True)
    return backup


def known_revision(revision: str) -> bool:
    """Whether this Ladder knows the schema revision (a newer one's it does not)."""
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    try:
        return ScriptDirectory.from_config(alembic_config()).get_revision(revision) is not None
    except CommandError:
        return False


def _refuse_unknown(config: Config, revision: str | None) -> None:
    """Refuse a database a newer Ladder has upgraded, before anything is copied or
    touched: this program cannot know what that schema holds."""
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    if revision is None:
        return
    try:
        ScriptDirectory.from_config(config).get_revision(revision)
    except CommandError:
        raise DatabaseError(
            "schema_newer",
            revision=revision,
        ) from None


def _set_aside(database: Path, revision: str) -> Path:
    """A copy of the file before upgrading it, replacing those of earlier upgrades:
    one full copy is a safety net; six are a liability."""
    backup = _backup_sqlite(database, revision)
    for older in migration_copies(database):
        if older != backup:
            older.unlink(missing_ok=True)
    return backup


def _foreign_keys(connection: Connection, *, on: bool) -> None:
    """Switch SQLite's foreign keys; only outside a transaction does the pragma work."""
    raw = connection.connection.driver_connection
    assert raw is not None  # an open connection's
    raw.execute(f"PRAGMA foreign_keys={'ON' if on else 'OFF'}")


def _backup_sqlite(path: Path, revision: str) -> Path:
    """A consistent copy of a live SQLite file (the online backup API)."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.before-{revision}-{stamp}")
    try:
        os.close(os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        source = sqlite3.connect(path)
        try:
            copy = sqlite3.connect(target)
            try:
                with copy:
                    source.backup(copy)
            finally:
                copy.close()
        finally:
            source.close()
    except (sqlite3.Error, OSError) as exc:  # a full disk, most often: upgrade nothing
        target.unlink(missing_ok=True)
        raise DatabaseError(
            "cannot_set_aside",
            why=exc,
        ) from None
    return target
