"""What a member types is what gets saved, however fast they type.

Keys are sent two ways: one by one, each handled before the next (`pilot.press`
with a pause), and in one burst, every key queued before the first is handled,
as a terminal delivers a pasted or quickly typed line (`burst`).
"""

from __future__ import annotations

from datetime import date

import pytest
from textual import events
from textual.widgets import Input

from data import service
from ladder import default_rulebook
from tests.conftest import TODAY
from tests.tui.conftest import SIZE, settle
from tui.screens.log_contact import LogContactModal
from tui.screens.morning import MorningScreen
from tui.widgets.kind_field import KindField

KEY_NAMES = {" ": "space", "\n": "enter", "\t": "tab"}


def _keys(text: str) -> list[str]:
    return [KEY_NAMES.get(c, c) for c in text]


async def burst(pilot, text: str, *, asks: bool = False) -> None:
    """Every key of `text` queued at once, none handled before the last is sent.

    With `asks`, what was typed opens a question that waits for an answer, so
    the app's work is not waited for to the end."""
    app = pilot.app
    for key in _keys(text):
        char = {"space": " ", "enter": "\r", "tab": "\t"}.get(key, key)
        event = events.Key(key, char if key != "enter" else None)
        event.set_sender(app)
        app._driver.send_message(event)
    if asks:
        await pilot.pause(0.5)
    else:
        await settle(pilot)


async def one_by_one(pilot, text: str) -> None:
    """Each key handled, and the screen idle, before the next is sent."""
    for key in _keys(text):
        await pilot.press(key)
    await settle(pilot)


TYPINGS = [pytest.param(burst, id="burst"), pytest.param(one_by_one, id="one-by-one")]


@pytest.mark.parametrize("typing", TYPINGS)
async def test_a_whole_name_enter_and_an_alias_logs_that_event_on_that_customer(
    make_app, store, typing
):
    anna = service.add_customer(store, "Anna Nopea", today=TODAY).id
    app = make_app("fi")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await typing(pilot, "l")
        assert isinstance(app.screen, LogContactModal)
        await typing(pilot, "Anna Nopea\nsoitto\n")
        assert isinstance(app.screen, MorningScreen)
    assert [(e.kind, e.on) for e in store.events_of(anna)] == [("aftermarketing_call", TODAY)]


@pytest.mark.parametrize("typing", TYPINGS)
async def test_enter_in_the_customer_field_never_saves(make_app, store, typing):
    anna = service.add_customer(store, "Anna Nopea", today=TODAY).id
    app = make_app("fi")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await typing(pilot, "l")
        await typing(pilot, "Anna Nopea\n")
        modal = app.screen
        assert isinstance(modal, LogContactModal)
        assert modal.chosen is not None and modal.chosen.id == anna
        assert modal.focused is modal.query_one("#kind", KindField).input
        await typing(pilot, "positiivinen")  # p, o and n would print, open and add behind it
        assert isinstance(app.screen, LogContactModal)
        await typing(pilot, "\n")
        assert isinstance(app.screen, MorningScreen) and len(app.screen_stack) == 2
    assert [e.kind for e in store.events_of(anna)] == ["positive_feedback"]


def _every_name(lang: str) -> list[tuple[str, str]]:
    """(typed, kind): every alias of the shipped rulebook, and every label in `lang`."""
    names = []
    for kind in default_rulebook().kinds.values():
        names += [(alias, kind.id) for alias in kind.aliases]
        names.append((kind.label(lang), kind.id))
    return names


@pytest.mark.parametrize("lang", ["fi", "en"])
@pytest.mark.parametrize("typing", TYPINGS)
async def test_the_kind_field_resolves_from_its_final_text_only(make_app, store, typing, lang):
    anna = service.add_customer(store, "Anna Nopea", today=TODAY).id
    app = make_app(lang)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for typed, kind in _every_name(lang):
            app.action_log_contact(anna)
            await settle(pilot)
            field = app.screen.query_one("#kind", KindField)
            assert app.screen.focused is field.input
            await typing(pilot, typed)
            assert field.kind == kind, (typed, field.kind)
            await typing(pilot, "\n")
            assert not isinstance(app.screen, LogContactModal)
            assert store.events_of(anna)[-1].kind == kind, typed


@pytest.mark.parametrize("typing", TYPINGS)
async def test_tab_moves_on_in_the_order_typed(make_app, store, typing):
    anna = service.add_customer(store, "Anna Nopea", today=TODAY).id
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await typing(pilot, "l")
        await typing(pilot, "nopea\tpurch\t-2d\t \tToi kakun\n")
        assert not isinstance(app.screen, LogContactModal)
    (event,) = store.events_of(anna)
    assert (event.kind, event.on, event.emotional, event.note) == (
        "purchase",
        date(2026, 11, 20),
        True,
        "Toi kakun",
    )


@pytest.mark.parametrize("typing", TYPINGS)
async def test_a_correction_typed_fast_saves_the_final_text(make_app, store, typing):
    anna = service.add_customer(store, "Anna Nopea", today=TODAY).id
    service.log(store, anna, "purchase", date(2026, 11, 2), today=TODAY, note="Osti")
    app = make_app("fi")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.open_customer(anna)
        await settle(pilot)
        await typing(pilot, "k")
        assert isinstance(app.screen, LogContactModal)
        await typing(pilot, "valitus\t\t\tOsti ja valitti\n")
    (event,) = store.events_of(anna)
    assert (event.kind, event.note) == ("complaint", "Osti ja valitti")


async def test_no_key_reaches_the_screen_behind_a_dialog(make_app, store):
    app = make_app("fi")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        modal = app.screen
        modal.query_one("#save").focus()
        await pilot.pause()
        await burst(pilot, "nclpiqu")
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert app.screen is modal and len(app.screen_stack) == 3
        assert modal.query_one("#customer", Input).value == ""


@pytest.mark.parametrize("typing", TYPINGS)
async def test_a_whole_name_inside_another_is_that_customer_and_typing_on_is_never_a_pick(
    make_app, store, typing
):
    """Found by a member's walk: "Heli Laine" also matched Heli Hämäläinen (accents
    aside, "hamalainen" holds "laine"), the kind typed after it was dropped in the
    list of matches, and the next enter logged for the top one."""
    named = {c.name: c.id for c in service.list_customers(store, TODAY, search="heli")}
    heli, other = named["Heli Laine"], named["Heli Hämäläinen"]  # both in the demo co-op
    before = len(store.events_of(other))
    app = make_app("fi")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.action_log_contact()  # from the palette: nobody chosen yet
        await settle(pilot)
        await typing(pilot, "Heli Laine\nosto\n")
        assert isinstance(app.screen, MorningScreen)
        app.action_log_contact()
        await settle(pilot)
        await typing(pilot, "Heli\nosto\n")  # two Helis: the list, and typing goes to the name
        modal = app.screen
        assert isinstance(modal, LogContactModal) and modal.chosen is None
        assert modal.query_one("#customer", Input).value == "Heliosto"
    assert [e.kind for e in store.events_of(heli)][-1:] == ["purchase"]
    assert len(store.events_of(other)) == before


async def test_a_burst_typed_before_the_customers_are_read_is_saved(make_app, store, monkeypatch):
    """Found in tmux: name, enter, kind, enter sent before the customer list had come
    left the dialog open and nothing logged (the save waited again for what had come)."""
    import time

    from tui.customer_index import CustomerIndex

    loaded = CustomerIndex.loaded.__func__

    def slow(cls, *args):
        time.sleep(0.5)  # off the UI thread, as a large co-op's list is
        return loaded(cls, *args)

    monkeypatch.setattr(CustomerIndex, "loaded", classmethod(slow))
    named = {c.name: c.id for c in service.list_customers(store, TODAY, search="heli")}
    before = len(store.events_of(named["Heli Laine"]))
    app = make_app("fi")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.action_log_contact()
        await burst(pilot, "Heli Laine\nosto\n", asks=True)
        await pilot.pause(1.0)
        await settle(pilot)
        assert isinstance(app.screen, MorningScreen)
    assert len(store.events_of(named["Heli Laine"])) == before + 1
