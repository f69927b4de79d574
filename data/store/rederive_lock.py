"""One re-deriver per database: the others see it and go on.

A re-derive runs in many short transactions, so the usual transaction locks
cannot say that one is under way. On SQLite an exclusive lock on a file
beside the database says it (`filelock`: flock on Linux and macOS, msvcrt on
Windows; the operating system lets go when the process dies, however it
dies, so a stale holder cannot exist); on PostgreSQL a session advisory lock
held on its own connection for the whole run.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout
from sqlalchemy import Engine, text

from data.member_files import REDERIVE_LOCK
from data.store.db import LOCKS, DatabaseError


@contextmanager
def sole_rederiver(engine: Engine) -> Iterator[bool]:
    """True while this process holds the right to re-derive; False if another does."""
    if engine.dialect.name == "postgresql":
        with engine.connect() as connection:
            key = {"key": LOCKS["rederive"]}
            held = connection.execute(text("SELECT pg_try_advisory_lock(:key)"), key).scalar()
            try:
                yield bool(held)
            finally:
                if held:
                    connection.execute(text("SELECT pg_advisory_unlock(:key)"), key)
                connection.commit()
        return
    database = engine.url.database
    if not database or database == ":memory:":
        yield True
        return
    path = lock_file(Path(database))
    if path.is_symlink():  # the lock would truncate, or make, whatever it points at
        raise DatabaseError(
            "lock_is_link",
            path=path,
        )
    lock = FileLock(path, mode=0o600, is_singleton=False)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        yield False
        return
    try:
        yield True
    finally:
        lock.release()


def lock_file(database: Path) -> Path:
    return database.with_name(database.name + REDERIVE_LOCK)
