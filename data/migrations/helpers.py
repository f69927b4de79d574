"""What several migrations do alike, kept as their own step (as Alembic's `op` is)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TypedDict

import sqlalchemy as sa


class BatchOptions(TypedDict):
    """Keyword arguments of `op.batch_alter_table`."""

    table_kwargs: dict[str, bool]


# Tables SQLite recreates keep AUTOINCREMENT: an id once given is never given again.
NEVER_REUSED: BatchOptions = {"table_kwargs": {"sqlite_autoincrement": True}}


@contextmanager
def high_water_marks_kept(connection: sa.Connection) -> Iterator[None]:
    """Tables SQLite recreates in the block count their ids on from the largest they
    ever gave, not from the largest they hold now: a deleted newest id stays unused
    (a recreated table's counter starts from what it copied)."""
    if connection.dialect.name != "sqlite":
        yield
        return
    marks: dict[str, int] = {
        name: seq
        for name, seq in connection.execute(sa.text("SELECT name, seq FROM sqlite_sequence"))
    }
    yield
    for name, seq in marks.items():
        connection.execute(
            sa.text("DELETE FROM sqlite_sequence WHERE name = :name"), {"name": name}
        )
        connection.execute(
            sa.text("INSERT INTO sqlite_sequence (name, seq) VALUES (:name, :seq)"),
            {"name": name, "seq": seq},
        )
