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
from urllib.parse import quote

from data.errors import DatabaseError
from data.locations import database_url, is_postgres
from data.member_files import create_sqlite_file, database_files


def backup(location: str, target: Path) -> None:
    """Write a backup of the database at `location` to a new file `target`.

    The file is created private (0600) before a byte is copied, checked
    (SQLite's integrity check) before it is called saved, and removed if
    anything fails: a backup that restore would refuse is no backup.
    """
    if target.resolve() in {p.resolve() for p in database_files(location)}:
        raise DatabaseError("output_is_database", path=target)
    try:
        os.close(os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        raise DatabaseError("file_exists", path=target) from None
    try:
        if is_postgres(location):
            _run("pg_dump", "--format=custom", f"--file={target}", location=location)
        else:
            _sqlite_backup(location, target)
    except BaseException:
        target.unlink(missing_ok=True)
        raise


def _sqlite_backup(location: str, target: Path) -> None:
    source = _sqlite(location)
    copy = sqlite3.connect(target)
    try:
        with copy:
            source.backup(copy)
        check = copy.execute("PRAGMA integrity_check").fetchone()
    except sqlite3.Error as exc:
        raise DatabaseError("backup_failed", why=exc) from None
    finally:
        copy.close()
        source.close()
    if check != ("ok",):
        raise DatabaseError(
            "backup_damaged",
            why=check[0],
        )


def restore(location: str, source: Path, *, empty: bool) -> None:
    """Restore `source` onto the database at `location`, which must hold no customers."""
    if not source.is_file():
        raise DatabaseError("no_backup", path=source)
    if not empty:
        raise DatabaseError("restore_not_empty")
    if is_postgres(location):
        _run(
            "pg_restore",
            "--no-owner",
            "--clean",
            "--if-exists",
            "--exit-on-error",
            f"--dbname={_libpq(location, password=False)}",
            str(source),
            location=location,
        )
        return
    backup_file = sqlite3.connect(f"file:{quote(str(source))}?mode=ro", uri=True)
    try:
        check = backup_file.execute("PRAGMA integrity_check").fetchone()
        tables = {r[0] for r in backup_file.execute("SELECT name FROM sqlite_master")}
        if check != ("ok",) or not {"customer", "event", "alembic_version"} <= tables:
            raise DatabaseError("not_a_backup", path=source)
        target = _sqlite(location)
        with target:
            backup_file.backup(target)
        target.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseError("not_a_backup_because", path=source, why=exc) from None
    finally:
        backup_file.close()


def _sqlite(location: str) -> sqlite3.Connection:
    path = Path(location).expanduser()
    create_sqlite_file(path)
    return sqlite3.connect(path)


def _libpq(location: str, *, password: bool) -> str:
    """The URL as libpq reads it; without the password, which goes by environment."""
    url = database_url(location).set(drivername="postgresql")
    if not password:
        url = url._replace(password=None)  # URL.set(password=None) would keep it
        url = url.difference_update_query(["password"])  # nor `?password=` on argv
    return url.render_as_string(hide_password=False)


def _run(tool: str, *args: str, location: str) -> None:
    """Run a PostgreSQL client tool; the password is in its environment, never on argv.

    (`ps` shows every user a process's arguments, not its environment.)
    """
    if shutil.which(tool) is None:
        raise DatabaseError("tool_missing", tool=tool)
    url = database_url(location)
    environment = dict(os.environ)
    secret = url.password or url.query.get("password")
    if secret:
        environment["PGPASSWORD"] = str(secret)
    if tool == "pg_dump":
        args = (*args, _libpq(location, password=False))
    result = subprocess.run(
        [tool, *args], capture_output=True, text=True, check=False, env=environment
    )
    if result.returncode != 0:
        message = (result.stderr or result.stdout).strip().splitlines()
        raise DatabaseError(
            "tool_failed", tool=tool, why=message[0] if message else result.returncode
        )
