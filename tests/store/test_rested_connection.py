"""On PostgreSQL a pooled connection is asked whether it still works only after it
has rested a while (`data.store.db.IDLE_BEFORE_PING_S`), not before every use case:
one that the server dropped meanwhile is replaced, and the member never sees it."""

from __future__ import annotations

import psycopg
import pytest
from sqlalchemy import text

from data import service
from data.store import db
from tests.conftest import TODAY


def test_a_connection_the_server_dropped_while_it_rested_is_replaced(location, store, monkeypatch):
    if not location.startswith("postgresql"):
        pytest.skip("SQLite has no server to drop a connection")
    anna = service.add_customer(store, "Anna Laine", today=TODAY).id
    with store.read() as session:
        pid = session.execute(text("SELECT pg_backend_pid()")).scalar_one()
    with psycopg.connect(location.replace("postgresql+psycopg://", "postgresql://")) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
    monkeypatch.setattr(db, "IDLE_BEFORE_PING_S", 0.0)  # it has rested long enough
    logged = service.log(store, anna, "purchase", TODAY, today=TODAY, member="Liisa")
    assert logged.event_id
    with store.read() as session:
        assert session.execute(text("SELECT pg_backend_pid()")).scalar_one() != pid
