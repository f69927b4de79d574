"""Where a database is, said without opening it: light enough for start-up, so
that the app can draw its first frame before the database code is loaded."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from platformdirs import user_data_dir

if TYPE_CHECKING:
    from sqlalchemy.engine import URL


def default_location() -> Path:
    """`ladder.db` in the user's data directory."""
    return Path(user_data_dir("ladder", appauthor=False)) / "ladder.db"


def is_postgres(location: str) -> bool:
    return location.startswith(("postgresql:", "postgresql+psycopg:", "postgres:"))


def application_name(member: str) -> str:
    """How a PostgreSQL connection names itself to the server's administrator
    (`pg_stat_activity`): whose Ladder it is. The server keeps 63 bytes of it."""
    return f"ladder {member}".strip().encode()[:63].decode(errors="ignore")


def database_url(location: str) -> URL:
    """A PostgreSQL address read once, the one way: `postgres://` is `postgresql://`.
    A mangled one is a DatabaseError whose words never repeat it (it may hold a
    password). SQLAlchemy loads here, when an address is read, not at start-up."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    from data.errors import DatabaseError

    try:
        return make_url(location.replace("postgres://", "postgresql://", 1))
    except (ArgumentError, ValueError):  # a port that is no number, an unclosed [
        raise DatabaseError("not_a_url") from None


def _readable(location: str) -> URL | None:
    from data.errors import DatabaseError

    try:
        return database_url(location)
    except DatabaseError:
        return None


def short_location(location: str) -> str:
    """Which database this is, in a few words for a title bar: the file's name, or
    the server and database."""
    if not is_postgres(location):
        return Path(location).name
    url = _readable(location)
    if url is None:
        return "postgresql"
    return f"{url.host or 'localhost'}/{url.database or ''}"


def shown_location(location: str) -> str:
    """Where the database is, as it may be shown: a URL's password masked."""
    if not is_postgres(location):
        return location
    url = _readable(location)
    if url is None:
        return "postgresql://…"
    if "password" in url.query:  # libpq takes one there too
        url = url.update_query_dict({"password": "***"})
    return url.render_as_string(hide_password=True)
