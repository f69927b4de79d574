"""The first start: a new co-op here, the co-op's shared database, or the demo; the
choice is kept, so the next start goes straight to the morning."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import psycopg
import pytest
from sqlalchemy.engine import make_url
from textual.widgets import Input, Static

from data import service
from data.locations import default_location
from ladder import default_rulebook
from present.config import read_config
from present.settings import Settings, resolve
from tests.conftest import PG_URL, TODAY
from tests.tui.conftest import settle
from tui.app import LadderApp
from tui.screens.morning import MorningScreen
from tui.screens.welcome import WelcomeScreen

SIZE = (80, 24)


def first_start(lang: str = "en") -> LadderApp:
    """The app as `ladder` opens it with nothing set and no database yet."""
    settings = resolve(environ={"LADDER_LANG": lang, "LADDER_TODAY": "22.11.2026"})
    assert not settings.database_chosen and not Path(settings.location).exists()
    return LadderApp(settings)


async def test_a_new_co_op_here_is_kept_for_the_next_start():
    app = first_start("fi")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, WelcomeScreen)
        assert "Tervetuloa" in str(app.screen.query_one(".dialog-title").render())
        name = app.screen.query_one("#welcome-name", Input)
        name.value = "Aino"
        await pilot.click("#new")
        await settle(pilot)
        assert isinstance(app.screen, MorningScreen)
        assert app.sub_title == "Aino · ladder.db"
    assert read_config() == {"database": str(default_location()), "member": "Aino"}
    assert default_location().exists()
    again = resolve(environ={})
    assert again.database_chosen and again.member == "Aino"


async def test_the_demo_is_filled_and_says_it_is_the_demo():
    app = first_start("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.click("#demo")
        await settle(pilot)
        await pilot.pause(0.5)
        await settle(pilot)
        assert isinstance(app.screen, MorningScreen) and app.screen.rows
        assert "demo (demo.db)" in app.sub_title
    assert read_config()["database"].endswith("demo.db")


@pytest.fixture
def member_role(pg_database):
    """A PostgreSQL role with a password, as a co-op's server gives each member."""
    role, password = f"member_{uuid.uuid4().hex[:8]}", uuid.uuid4().hex
    database = make_url(pg_database).database
    with psycopg.connect(PG_URL, autocommit=True) as admin:
        admin.execute(f"CREATE ROLE {role} LOGIN PASSWORD '{password}'")
        admin.execute(f'GRANT ALL ON DATABASE "{database}" TO {role}')
    with psycopg.connect(pg_database, autocommit=True) as owner:
        owner.execute(f"GRANT ALL ON SCHEMA public TO {role}")
    yield role, password, database
    for url in (pg_database, PG_URL):
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f"REASSIGN OWNED BY {role} TO root")
            admin.execute(f"DROP OWNED BY {role}")
    with psycopg.connect(PG_URL, autocommit=True) as admin:
        admin.execute(f"DROP ROLE {role}")


async def _join(app, pilot, role: str, password: str, database: str) -> None:
    await pilot.click("#join")
    await settle(pilot)
    for key, value in (("server", "127.0.0.1"), ("database", database), ("user", role)):
        app.screen.query_one(f"#join-{key}", Input).value = value
    app.screen.query_one("#join-password", Input).value = password
    await pilot.click("#connect")
    await settle(pilot)


@pytest.mark.postgres
@pytest.mark.skipif(not PG_URL, reason="LADDER_TEST_PG_URL not set")
async def test_joining_the_shared_database_keeps_the_password_only_in_pgpass(member_role):
    role, password, database = member_role
    app = first_start("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _join(app, pilot, role, "wrong-password", database)
        assert isinstance(app.screen, WelcomeScreen)  # refused: said, nothing kept
        said = str(app.screen.query_one("#welcome-problem", Static).render())
        assert "does not accept the user name or the password" in said
        assert "wrong-password" not in said
        assert read_config() == {}
        await _join(app, pilot, role, password, database)
        await pilot.pause(0.5)
        await settle(pilot)
        assert isinstance(app.screen, MorningScreen)
        assert app.store is not None and f"127.0.0.1/{database}" in app.sub_title
    kept = read_config()
    assert kept["database"] == f"postgresql://{role}@127.0.0.1/{database}"
    assert password not in Path(os.environ["XDG_CONFIG_HOME"], "ladder", "config.toml").read_text()
    assert f":{role}:{password}" in Path(os.environ["PGPASSFILE"]).read_text()


def test_a_chosen_or_existing_database_never_shows_the_welcome(tmp_path):
    from data.store import Store
    from tui.screens.welcome import needs_welcome

    there = tmp_path / "coop.db"
    base = Settings(str(there), default_rulebook(), TODAY, "Aino", "en")
    store = Store.open(str(there), default_rulebook(), TODAY)
    assert needs_welcome(base)  # made by a command before the first start: still a welcome
    service.add_customer(store, "Anna", today=TODAY)
    store.close()
    assert not needs_welcome(base)  # a co-op with customers
    chosen = resolve(db=str(tmp_path / "new.db"), environ={})
    assert not needs_welcome(chosen)  # asked for by name: made when opened


async def test_the_welcome_goes_by_enter_and_offers_no_keys_that_need_a_database():
    app = first_start("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for key in ("c", "l", "n", "u"):  # the customers, a log, a new customer, an undo
            await pilot.press(key)
            await settle(pilot)
            assert isinstance(app.screen, WelcomeScreen)
        name = app.screen.query_one("#welcome-name", Input)
        name.value = ""
        await pilot.press(*"Aino Mäkelä", "enter", "enter")  # the name, then the first choice
        await settle(pilot)
        assert isinstance(app.screen, MorningScreen)
        assert app.sub_title == "Aino Mäkelä · ladder.db"
