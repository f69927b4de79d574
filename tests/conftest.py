"""Fixtures every test may use: a fresh database on SQLite and, when asked, PostgreSQL.

PostgreSQL runs when LADDER_TEST_PG_URL names a server (as `.ci/run` does);
if it is named but cannot be reached, the tests fail rather than skip.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from bench.store_pg import fresh_database
from data.store import Store
from ladder import default_rulebook

TODAY = date(2026, 11, 22)
PG_URL = os.environ.get("LADDER_TEST_PG_URL", "")


@pytest.fixture(autouse=True)
def _no_real_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test may touch the user's real database or settings, or leave files in the repo."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("LADDER_DB", str(tmp_path / "guard.db"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "pgpass"))
    for name in ("LADDER_RULES", "LADDER_TODAY", "LADDER_MEMBER", "LADDER_LANG", "LADDER_COUNTRY"):
        monkeypatch.delenv(name, raising=False)


def backends() -> list:
    return [
        "sqlite",
        pytest.param(
            "postgres",
            marks=[
                pytest.mark.postgres,
                pytest.mark.skipif(not PG_URL, reason="LADDER_TEST_PG_URL not set"),
            ],
        ),
    ]


def _fresh_pg_database():
    return fresh_database(PG_URL, prefix="ladder_test")


@pytest.fixture
def pg_database() -> Iterator[str]:
    """A fresh, empty PostgreSQL database, dropped afterwards."""
    with _fresh_pg_database() as url:
        yield url


@pytest.fixture
def second_pg_database() -> Iterator[str]:
    """Another fresh database on the same server, for copying one database to another."""
    with _fresh_pg_database() as url:
        yield url


@pytest.fixture(params=backends())
def location(request, tmp_path: Path) -> str:
    """Where a test's database lives: a temp SQLite file or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "ladder.db")
    return request.getfixturevalue("pg_database")


@pytest.fixture
def store(location: str) -> Iterator[Store]:
    opened = Store.open(location, default_rulebook(), TODAY)
    yield opened
    opened.close()


def applied_not_derived(location: str, rules) -> None:
    """Make `rules` the database's rulebook as `ladder rules apply` records it, with the
    re-derive left to whoever opens next (as when the applier's was cut short)."""
    from data.store.rulebook_rows import new_row

    store = Store.open(location, default_rulebook(), TODAY, chosen=False)
    with store.write() as session:
        session.add(new_row(rules, "Aino"))
    store.close()
