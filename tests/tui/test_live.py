"""Every open app shows the same morning: what a colleague does shows within two
seconds without a key press, the cursor stays on its follow-up, and a done on one a
colleague closed meanwhile still logs the contact (the colleague is a second store)."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from textual.widgets import DataTable

from data import service
from data.store import Store
from ladder import default_rulebook
from tests.conftest import PG_URL, TODAY
from tests.tui.conftest import SIZE, settle
from tui.screens.done import DoneModal
from tui.screens.morning import MorningScreen

SHOWN_WITHIN_S = 2.0


@pytest.fixture
def pekka(demo_path: str) -> Iterator[Store]:
    opened = Store.open(demo_path, default_rulebook(), TODAY, member="Pekka")
    yield opened
    opened.close()


async def until(pilot, condition) -> float:
    """Seconds until `condition()` holds, without a key press (at most 5 s)."""
    start = time.monotonic()
    while not condition() and time.monotonic() - start < 5:
        await pilot.pause(0.05)
    return time.monotonic() - start


def notices(app) -> str:
    return "\n".join(n.message for n in app._notifications)


async def test_a_colleagues_dismiss_shows_within_two_seconds_and_the_cursor_stays(make_app, pekka):
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        morning = app.screen
        assert isinstance(morning, MorningScreen)
        table = morning.query_one("#followups", DataTable)
        table.move_cursor(row=2)
        first, under_cursor, after = morning.rows[0], morning.rows[2], morning.rows[3]
        service.dismiss(pekka, first.id, TODAY, member="Pekka")
        took = await until(pilot, lambda: first.id not in {f.id for f in morning.rows})
        assert took < SHOWN_WITHIN_S
        assert morning.rows[table.cursor_row].id == under_cursor.id  # still on its task
        assert "left the list" not in notices(app)  # the row under the cursor stayed
        service.dismiss(pekka, under_cursor.id, TODAY, member="Pekka")
        took = await until(pilot, lambda: under_cursor.id not in {f.id for f in morning.rows})
        assert took < SHOWN_WITHIN_S
        await pilot.pause()  # a notice is a message to the app: let it land
        assert morning.rows[table.cursor_row].id == after.id  # on to its neighbour
        assert f"{under_cursor.customer}:" in notices(app) and "got there first" in notices(app)


async def test_a_done_on_a_follow_up_a_colleague_closed_still_logs_the_call(make_app, pekka):
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        morning = app.screen
        target = next(f for f in morning.rows if f.rule == "aftermarketing")
        row = next(i for i, f in enumerate(morning.rows) if f.id == target.id)
        morning.query_one("#followups", DataTable).move_cursor(row=row)
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, DoneModal)
        service.done(pekka, target.id, TODAY, member="Pekka", kind=None)  # done by Pekka, no call
        await pilot.press("tab", *"Soitin", "enter")  # the note, then done
        await settle(pilot)
        assert "Pekka had closed the follow-up" in notices(app)
        events = service.customer_card(pekka, target.customer_id, TODAY).events
        assert any(e.kind == "aftermarketing_call" and e.note == "Soitin" for e in events)
        assert service.followup(pekka, target.id, TODAY).state == "done"
        await pilot.press("u")  # takes back only the call: the close is Pekka's
        await settle(pilot)
        events = service.customer_card(pekka, target.customer_id, TODAY).events
        assert not any(e.note == "Soitin" for e in events)
        assert service.followup(pekka, target.id, TODAY).state == "done"


async def test_an_idle_app_looks_without_reading_the_database(make_app, monkeypatch):
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        reads: list[str] = []
        monkeypatch.setattr(app.screen, "load", lambda *a: reads.append("load"))
        await pilot.pause(2.5)
        assert reads == []  # nobody wrote: the looks found nothing, nothing was read


@pytest.mark.postgres
@pytest.mark.skipif(not PG_URL, reason="LADDER_TEST_PG_URL not set")
async def test_an_idle_app_on_postgresql_is_not_woken_by_its_own_reads(pg_database):
    from data.demo import demo_coop
    from tests.tui.conftest import settings_for
    from tui.app import LadderApp

    store = Store.open(pg_database, default_rulebook(), TODAY)
    store.add_histories(demo_coop(TODAY), TODAY, member="Liisa")
    store.close()
    app = LadderApp(settings_for(pg_database))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.pause(1.5)
        await settle(pilot)
        loads: list[object] = []
        screen = app.screen
        screen.load = lambda *a: loads.append(a)  # a morning read settles: no notice
        await pilot.pause(3)
        assert loads == []
