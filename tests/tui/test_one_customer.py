"""One customer is one customer, in the app: a duplicate asked about, two records
merged and parted again, many cards done in one step, nobody guessed in the log
dialog, and the rest of the morning's walk."""

from __future__ import annotations

from datetime import date

from textual.widgets import DataTable, Static

from data import service
from tests.conftest import TODAY
from tests.tui.conftest import SIZE, settle
from tests.tui.test_fast_hands import burst
from tui.screens.card import CustomerCardScreen
from tui.screens.customer_form import CustomerFormModal
from tui.screens.duplicate import DuplicateModal
from tui.screens.help import HelpModal
from tui.screens.log_contact import LogContactModal
from tui.screens.merge import MergeModal
from tui.screens.morning import MorningScreen
from tui.widgets.customer_table import CustomerTable
from tui.widgets.in_order import FieldOptionList
from tui.widgets.kind_field import KindField


def notices(app) -> str:
    return "\n".join(n.message for n in app._notifications)


async def test_adding_someone_already_there_asks_and_opens_them(make_app, store):
    anna = service.add_customer(store, "Anna Kaksoinen", today=TODAY, email="anna@example.fi").id
    app = make_app("fi")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await burst(pilot, "anna kaksoinen\t\tANNA@example.fi\n", asks=True)
        assert isinstance(app.screen, DuplicateModal)
        assert "sama sähköposti" in str(app.screen.query_one("#alike", Static).render())
        await pilot.press("enter")  # the first button: open the one who is there
        await settle(pilot)
        assert isinstance(app.screen, CustomerCardScreen) and app.screen.customer_id == anna
    assert [c.id for c in service.list_customers(store, TODAY) if c.name == "Anna Kaksoinen"] == [
        anna
    ]


async def test_back_from_the_duplicate_question_says_how_to_go_on_in_the_app(make_app, store):
    """Found in tmux: back in the form, the line under it gave the command line's advice
    (`lisää --allow-duplicate`)."""
    service.add_customer(store, "Anna Kaksoinen", today=TODAY, email="anna@example.fi")
    app = make_app("fi")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await burst(pilot, "anna kaksoinen\t\tANNA@example.fi\n", asks=True)
        assert isinstance(app.screen, DuplicateModal)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, CustomerFormModal)
        said = str(app.screen.query_one("#form-problem", Static).render())
        assert "Lisää silti" in said and "--allow-duplicate" not in said


async def test_merge_on_the_card_and_undo(make_app, store):
    kept = service.add_customer(store, "Anna Yhdistä", today=TODAY).id
    gone = service.add_customer(store, "Anna Y.", today=TODAY, phone="040 903 3298").id
    service.log(store, gone, "purchase", date(2026, 11, 2), today=TODAY)
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.open_customer(kept)
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        assert isinstance(app.screen, MergeModal)
        await burst(pilot, "040 903\n")
        await pilot.press("y")  # the question that shows both
        await settle(pilot)
        assert isinstance(app.screen, CustomerCardScreen)
        assert [e.kind for e in service.customer_card(store, kept, TODAY).events] == ["purchase"]
        assert "Merged: #" in notices(app)
        await pilot.press("u")
        await settle(pilot)
        assert service.customer_card(store, gone, TODAY).events[0].kind == "purchase"
        assert service.customer_card(store, kept, TODAY).events == []


async def test_every_marked_card_is_done_in_one_step_and_undone_in_one(make_app, store):
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        first, second, third = app.screen.rows[:3]
        await pilot.press("space", "space")  # marks two and moves on each time
        await settle(pilot)
        customers = str(app.screen.query_one("#followups", DataTable).get_row_at(0))
        assert "✓" in customers
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        states = {f.id: service.followup(store, f.id, TODAY).state for f in (first, second, third)}
        assert states == {first.id: "done", second.id: "done", third.id: "open"}
        await pilot.press("u")
        await settle(pilot)
        assert {service.followup(store, f.id, TODAY).state for f in (first, second)} == {"open"}


async def test_the_log_dialog_never_guesses_and_adds_a_new_name(make_app, store):
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        modal = app.screen
        await burst(pilot, "heli\n")  # four Helis in the demo: none is taken
        assert modal.chosen is None and isinstance(modal.focused, FieldOptionList)
        assert "match" in str(modal.query_one("#chosen", Static).render())
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        modal = app.screen
        await burst(pilot, "\n")  # Enter on nothing asks for a name, not for nobody's
        assert "Type the customer's name" in str(modal.query_one("#chosen", Static).render())
        await burst(pilot, "Uuno Uusi\n")
        assert "Nobody is called 'Uuno Uusi'" in str(modal.query_one("#chosen", Static).render())
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, CustomerFormModal)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is modal and modal.chosen is not None
        assert modal.chosen.name == "Uuno Uusi"
        assert modal.focused is modal.query_one("#kind", KindField).input
        await burst(pilot, "osto\n")
        assert isinstance(app.screen, MorningScreen)
    (uuno,) = [c for c in service.list_customers(store, TODAY) if c.name == "Uuno Uusi"]
    assert [e.kind for e in store.events_of(uuno.id)] == ["purchase"]


async def test_the_whole_log_dialog_is_in_sight_at_80_by_24(make_app):
    app = make_app("fi")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        dialog = app.screen.query_one("#log-dialog")
        for part in ("#customer", "#kind", "#on", "#emotional", "#note", "#save"):
            widget = app.screen.query_one(part)
            assert widget.region.y >= dialog.region.y and (
                widget.region.bottom <= dialog.region.bottom
            ), part
        assert "Kirjaa yhteydenotto" in str(app.screen.query_one(".dialog-title").render())


async def test_after_a_snooze_the_cursor_is_on_the_next_task(make_app):
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        rows = list(app.screen.rows)
        await pilot.press("s", "enter")
        await settle(pilot)
        table = app.screen.query_one("#followups", DataTable)
        assert app.screen.rows[table.cursor_row].id == rows[1].id


async def test_an_empty_database_says_how_to_begin(tmp_path):
    from data.store import Store
    from ladder import default_rulebook
    from tests.tui.conftest import settings_for
    from tui.app import LadderApp

    path = str(tmp_path / "empty.db")
    Store.open(path, default_rulebook(), TODAY).close()
    for width in (80, 160):
        app = LadderApp(settings_for(path, "fi"))
        async with app.run_test(size=(width, 24)) as pilot:
            await settle(pilot)
            said = str(app.screen.query_one("#list-empty", Static).render())
            assert "Lisää asiakas painamalla n" in said and "tiedosto.csv" in said.replace("\n", "")


async def test_the_customer_list_shows_the_phone_at_80_by_24(make_app, store):
    app = make_app("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        table = app.screen.query_one("#customers", CustomerTable)
        first = service.customer(store, table.rows[0].id)
        line = table._line(0)[:78]
        assert first.name[:10] in line and "040" in line


async def test_a_phone_typed_three_ways_finds_the_customer_in_the_list(make_app, store):
    anna = service.add_customer(store, "Anna Puhelin", today=TODAY, phone="040 903 3298").id
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        screen = app.screen
        for typed in ("0409033298", "040 903 3298", "+358409033298"):
            screen.query_one("#search").value = typed
            await settle(pilot)
            assert [c.id for c in screen.shown] == [anna], typed


async def test_at_risk_is_explained_on_the_card_and_in_help(make_app, store):
    app = make_app("fi")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        risky = next(c for c in service.list_customers(store, TODAY) if c.at_risk)
        app.open_customer(risky.id)
        await settle(pilot)
        head = str(app.screen.query_one("#card-head", Static).render())
        assert "Vaarassa: ei yhteyttä 120 päivään" in head and "putoaa portaalle" in head
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpModal)
        signs = str(app.screen.query_one("#help-signs").render())
        assert "pitää hänet portaallaan" in signs
        assert "Osuuskunnan sääntökirja #1" in signs  # which rulebook is in force, since when


async def test_log_dialog_for_a_customer_whose_card_is_open(make_app, store):
    anna = service.add_customer(store, "Anna Auki", today=TODAY).id
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.open_customer(anna)
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        assert isinstance(app.screen, LogContactModal) and app.screen.chosen.id == anna
