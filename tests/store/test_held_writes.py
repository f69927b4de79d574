"""A write held to go with the next statement (`log_sql.Driver.hold`, issue 26): on
PostgreSQL one statement, its data-modifying CTEs first, each with parameters of
its own; SQLite has no such CTEs and runs it at once."""

from __future__ import annotations

from typing import Any

from data.store import log_sql


def _driver(dialect: str) -> tuple[log_sql.Driver, list[tuple[str, Any]]]:
    sent: list[tuple[str, Any]] = []

    def execute(sql: str, values: Any) -> list[Any]:
        sent.append((sql, values))
        return []

    return log_sql.Driver(dialect, execute, lambda sql, rows: None), sent


def test_postgresql_sends_held_writes_with_the_next_statement() -> None:
    db, sent = _driver("postgresql")
    db.hold("INSERT INTO audit (member) VALUES (:member)", {"member": "Aino"})
    db.hold("INSERT INTO event (id) VALUES (:id)", {"id": 7})
    assert sent == []
    db.run("UPDATE customer_state SET rung = :rung WHERE customer_id = :id", {"rung": 2, "id": 1})
    db.run("SELECT :id", {"id": 3})
    assert sent == [
        (
            "WITH held_0 AS (INSERT INTO audit (member) VALUES (%(held_0_member)s)),"
            " held_1 AS (INSERT INTO event (id) VALUES (%(held_1_id)s))"
            " UPDATE customer_state SET rung = %(rung)s WHERE customer_id = %(id)s",
            {"rung": 2, "id": 1, "held_0_member": "Aino", "held_1_id": 7},
        ),
        ("SELECT %(id)s", {"id": 3}),
    ]


def test_sqlite_runs_a_held_write_at_once() -> None:
    db, sent = _driver("sqlite")
    db.hold("INSERT INTO audit (member) VALUES (:member)", {"member": "Aino"})
    assert sent == [("INSERT INTO audit (member) VALUES (:member)", {"member": "Aino"})]
