"""One re-deriver per database: the others see it and go on.

A re-derive runs in many short transactions, so the usual transaction locks
cannot say that one is under way. On SQLite an exclusive `flock` on a file
beside the database says it (the operating system lets go when the process
dies, however it dies); on PostgreSQL a session advisory lock held on its own
connection for the whole run.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, text

from data.db import LOCKS
from data.files import REDERIVE_LOCK


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
    fd = os.open(lock_file(Path(database)), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        yield True
    finally:
        os.close(fd)  # closing lets go of the lock


def lock_file(database: Path) -> Path:
    return database.with_name(database.name + REDERIVE_LOCK)
