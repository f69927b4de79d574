"""A PostgreSQL password kept where libpq keeps it: the password file.

Ladder never stores a password in its settings or in a URL: `keep` writes
`host:port:database:user:password` to `~/.pgpass` (`PGPASSFILE` when set;
`%APPDATA%\\postgresql\\pgpass.conf` on Windows), private (0600), replacing the
line for the same server, database and user; psycopg (libpq) reads it when it
connects. The format is PostgreSQL's: `:` and `\\` in a field are escaped.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from data.locations import database_url
from data.member_files import write_private

if TYPE_CHECKING:
    from sqlalchemy.engine import URL

DEFAULT_PORT = 5432


def pgpass_path() -> Path:
    given = os.environ.get("PGPASSFILE")
    if given:
        return Path(given).expanduser()
    if sys.platform == "win32":
        return Path(os.environ.get("APPDATA", "~")).expanduser() / "postgresql" / "pgpass.conf"
    return Path.home() / ".pgpass"


def split_password(location: str) -> tuple[str, str | None]:
    """The URL without its password, and the password (None if it had none)."""
    url = database_url(location)
    secret = url.password if url.password is not None else url.query.get("password")
    if secret is None:
        return location, None
    bare = url._replace(password=None)  # URL.set() takes None for "unchanged"
    bare = bare.difference_update_query(["password"])  # `?password=` is one too
    return bare.render_as_string(hide_password=False), str(secret)


def keep(location: str, password: str) -> Path:
    """Keep `password` for the server, database and user of `location`."""
    fields = _fields(database_url(location))
    path = pgpass_path()
    lines = []
    if path.exists():
        lines = [
            line
            for line in path.read_text("utf-8").splitlines()
            if _key(line) != ":".join(_escape(f) for f in fields)
        ]
    lines.append(":".join(_escape(field) for field in (*fields, password)))
    if not path.parent.exists():
        path.parent.mkdir(mode=0o700, parents=True)
    return write_private(path, ("\n".join(lines) + "\n").encode("utf-8"), force=True)


def _fields(url: URL) -> tuple[str, str, str, str]:
    host = url.host or url.query.get("host") or "localhost"
    if isinstance(host, tuple):
        host = host[0]
    return (host, str(url.port or DEFAULT_PORT), url.database or "*", url.username or "*")


def _escape(field: str) -> str:
    return field.replace("\\", "\\\\").replace(":", "\\:")


def _key(line: str) -> str:
    """The first four fields of a pgpass line, as written (escapes kept)."""
    parts: list[str] = []
    current, escaped = "", False
    for char in line:
        if escaped:
            current += "\\" + char
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == ":" and len(parts) < 4:
            parts.append(current)
            current = ""
        else:
            current += char
    return ":".join(parts[:4])
