"""Backups of the whole database, and restoring one onto an empty database.

SQLite uses its online backup API (a consistent copy while others may write);
PostgreSQL uses pg_dump and pg_restore.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy.engine import make_url

from data.db import DatabaseError, create_sqlite_file, is_postgres


def backup(location: str, target: Path) -> None:
    """Write a backup of the database at `location` to a new file `target`."""
    if target.exists():
        raise DatabaseError(
            f"{target} already exists; choose a new file name", "file_exists", path=target
        )
    if is_postgres(location):
        _run("pg_dump", "--format=custom", f"--file={target}", _libpq(location))
        return
    source = _sqlite(location)
    copy = sqlite3.connect(target)
    try:
        with copy:
            source.backup(copy)
    except sqlite3.Error as exc:
        copy.close()
        target.unlink(missing_ok=True)
        raise DatabaseError(f"backup failed: {exc}") from None
    finally:
        source.close()
    copy.close()
    os.chmod(target, 0o600)


def restore(location: str, source: Path, *, empty: bool) -> None:
    """Restore `source` onto the database at `location`, which must hold no customers."""
    if not source.is_file():
        raise DatabaseError(f"no backup file {source}", "no_backup", path=source)
    if not empty:
        raise DatabaseError(
            "the database already has customers: restore onto a new one (try --db restored.db)"
        )
    if is_postgres(location):
        _run(
            "pg_restore",
            "--no-owner",
            "--clean",
            "--if-exists",
            "--exit-on-error",
            f"--dbname={_libpq(location)}",
            str(source),
        )
        return
    backup_file = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        check = backup_file.execute("PRAGMA integrity_check").fetchone()
        tables = {r[0] for r in backup_file.execute("SELECT name FROM sqlite_master")}
        if check != ("ok",) or not {"customer", "event", "alembic_version"} <= tables:
            raise DatabaseError(f"{source} is not a Ladder backup")
        target = _sqlite(location)
        with target:
            backup_file.backup(target)
        target.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(f"{source} is not a Ladder backup ({exc})") from None
    finally:
        backup_file.close()


def _sqlite(location: str) -> sqlite3.Connection:
    path = Path(location).expanduser()
    create_sqlite_file(path)
    return sqlite3.connect(path)


def _libpq(location: str) -> str:
    url = make_url(location.replace("postgres://", "postgresql://", 1))
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


def _run(tool: str, *args: str) -> None:
    if shutil.which(tool) is None:
        raise DatabaseError(f"{tool} is not installed (it comes with the PostgreSQL client)")
    result = subprocess.run([tool, *args], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        message = (result.stderr or result.stdout).strip().splitlines()
        raise DatabaseError(f"{tool} failed: {message[0] if message else result.returncode}")
