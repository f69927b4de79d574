"""Two members at once, one in the app: a colleague's work is never written over or
undone, and the app says who did what (the colleague is a second store)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from textual.widgets import DataTable, Static

from data import service
from data.store import Store
from ladder import default_rulebook
from tests.conftest import TODAY
from tests.tui.conftest import SIZE, settle
from tests.tui.test_fast_hands import burst
from tui.screens.card import CustomerCardScreen
from tui.screens.log_contact import LogContactModal
from tui.screens.morning import MorningScreen


@pytest.fixture
def pekka(demo_path: str) -> Iterator[Store]:
    opened = Store.open(demo_path, default_rulebook(), TODAY, member="Pekka")
    yield opened
    opened.close()


def notices(app) -> str:
    return "\n".join(n.message for n in app._notifications)


async def test_a_correction_never_writes_over_a_colleagues_note(make_app, store, pekka):
    anna = service.add_customer(store, "Anna Kollega", today=TODAY).id
    service.log(store, anna, "purchase", date(2026, 11, 2), today=TODAY, note="Osti")
    app = make_app("fi")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.open_customer(anna)
        await settle(pilot)
        await pilot.press("k")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, LogContactModal)
        (event,) = pekka.events_of(anna)
        service.edit_event(pekka, event.id, TODAY, member="Pekka", note="Osti kaksi")
        await burst(pilot, "\t\t\tOsti yhden\n")
        assert app.screen is form  # still open, with what was typed
        problem = str(form.query_one("#form-problem", Static).render())
        assert "Pekka" in problem and "Osti kaksi" in problem and "Osti yhden" in problem
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("k")
        await settle(pilot)
        await burst(pilot, "elämys\n")  # the kind alone: the colleague's note stays
        assert isinstance(app.screen, CustomerCardScreen)
    (event,) = store.events_of(anna)
    assert (event.kind, event.note) == ("wow", "Osti kaksi")


async def test_an_undo_after_a_colleagues_change_is_refused_and_stays(make_app, store, pekka):
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        first, second = app.screen.rows[:2]
        await pilot.press("x")  # dismiss the first: an older step on the stack
        await settle(pilot)
        assert app.screen.rows[0].id == second.id
        await pilot.press("s", "enter")  # snooze the second a week
        await settle(pilot)
        service.dismiss(pekka, second.id, TODAY, member="Pekka")
        await pilot.press("u")
        await settle(pilot)
        assert "Not undone" in notices(app) and "Pekka" in notices(app)
        assert len(app.undo) == 2
        await pilot.press("u")
        await settle(pilot)
        assert len(app.undo) == 2  # never the older step instead
    assert service.followup(store, first.id, TODAY).state == "dismissed"
    assert service.followup(store, second.id, TODAY).state == "dismissed"


async def test_done_on_a_row_a_colleague_closed_says_who(make_app, store, pekka):
    app = make_app("fi")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        first = app.screen.rows[0]
        service.dismiss(pekka, first.id, TODAY, member="Pekka")
        await pilot.press("x")
        await settle(pilot)
        assert "on jo hylätty (Pekka" in notices(app)


async def test_a_card_whose_customer_a_colleague_erased_says_so_and_closes(make_app, pekka):
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.open_customer(6)
        await settle(pilot)
        card = app.screen
        assert isinstance(card, CustomerCardScreen)
        name = card.card.info.name
        service.erase_customer(pekka, 6)
        await pilot.press("l")
        await settle(pilot)
        assert isinstance(app.screen, MorningScreen)
        assert f"{name} is gone" in notices(app)
        assert "no customer #6" not in notices(app)


@pytest.mark.parametrize("lang", ["fi", "en"])
async def test_at_120_columns_the_list_says_whose_each_task_is(make_app, lang):
    app = make_app(lang)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        keys = [key for key, _ in app.screen.columns]
        assert "col.owner" in keys, keys


async def test_a_due_date_of_another_year_keeps_its_year(make_app, store):
    anna = service.add_customer(store, "Anna Vanha", today=TODAY).id
    service.log(store, anna, "complaint", date(2025, 12, 30), today=TODAY)  # due 31.12.2025
    app = make_app("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#followups", DataTable)
        dues = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
        assert any(due.endswith("31.12.2025") for due in dues), dues


async def test_the_card_shows_who_did_what_to_the_customer(make_app, store, pekka):
    from tui.screens.history import HistoryModal

    anna = service.add_customer(store, "Anna Historia", today=TODAY, member="Liisa").id
    service.log(pekka, anna, "purchase", date(2026, 11, 2), today=TODAY, member="Pekka")
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.open_customer(anna)
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        assert isinstance(app.screen, HistoryModal)
        table = app.screen.query_one("#history", DataTable)
        rows = [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]
        assert rows[0][1] == "Pekka" and rows[0][2].startswith("logged an event: event #")
        assert rows[1][1] == "Liisa" and rows[1][2].startswith("added the customer")
