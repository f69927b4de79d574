"""Logging a contact, adding and editing customers, correcting events: by keyboard."""

from __future__ import annotations

from datetime import date

from textual.widgets import Button, Input, Static

from data import service
from ladder import Rung
from tests.conftest import TODAY
from tests.tui.conftest import SIZE, settle
from tui.screens.card import CustomerCardScreen
from tui.screens.customer_form import CustomerFormModal
from tui.screens.log_contact import LogContactModal


async def type_text(pilot, text: str) -> None:
    await pilot.press(*[c if c != " " else "space" for c in text])


async def test_log_a_contact_from_the_keyboard_and_see_the_climb(make_app, store):
    anna = service.add_customer(store, "Anna Uusiasiakas", today=TODAY).id
    service.log(store, anna, "referral", date(2026, 11, 2), today=TODAY)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        modal = app.screen
        assert isinstance(modal, LogContactModal)
        await type_text(pilot, "uusiasi")
        await pilot.press("enter")  # takes the first match, moves to the kind
        assert modal.chosen is not None and modal.chosen.id == anna
        await type_text(pilot, "purch")  # the kind field has the focus, its text selected
        modal.query_one("#on Input", Input).value = "-1d"
        await pilot.pause()
        assert "21.11.2026" in str(modal.query_one("#on .date-echo", Static).render())
        modal.query_one("#note", Input).focus()
        await type_text(pilot, "Toi kakun")
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, LogContactModal)
        messages = "\n".join(n.message for n in app._notifications)
        assert "Logged: Anna Uusiasiakas – Purchase" in messages
        assert "Customer since 21.11.2026" in messages
        assert "Aftermarketing call" in messages
    card = service.customer_card(store, anna, TODAY)
    assert card.rung is Rung.ASIAKAS
    assert (card.events[-1].kind, card.events[-1].on, card.events[-1].note) == (
        "purchase",
        date(2026, 11, 21),
        "Toi kakun",
    )


async def test_a_finnish_member_is_told_in_finnish_what_is_wrong(make_app):
    app = make_app("fi")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        modal = app.screen
        echo = modal.query_one("#on .date-echo", Static)
        for typed, said in (("31.2.", "sellaista päivää ei ole"), ("eilen illalla", "ei ole")):
            modal.query_one("#on Input", Input).value = typed
            await pilot.pause()
            assert str(echo.render()).startswith(said)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, CustomerFormModal)
        form.query_one("#phone", Input).value = "soita minulle"
        form.query_one("#birthday Input", Input).value = "+1d"
        await pilot.pause()
        assert str(form.query_one("#phone-error", Static).render()) == "ei ole puhelinnumero"
        birthday_error = str(form.query_one("#birthday-error", Static).render())
        assert birthday_error == "pitää olla 1.1.1900 ja tämän päivän väliltä"


async def test_logging_needs_a_customer(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, LogContactModal)
        assert any("Choose a customer" in n.message for n in app._notifications)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, LogContactModal)


async def test_add_a_customer_with_inline_validation(make_app, store):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, CustomerFormModal)
        save = form.query_one("#save", Button)
        assert save.disabled
        await type_text(pilot, "Pirkko Uusi")
        form.query_one("#email", Input).value = "pirkko(at)example"
        await pilot.pause()
        assert save.disabled
        assert "not an e-mail address" in str(form.query_one("#email-error", Static).render())
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, CustomerFormModal)
        form.query_one("#email", Input).value = "pirkko@example.fi"
        form.query_one("#birthday Input", Input).value = "3.5.1971"
        await pilot.pause()
        assert not save.disabled
        await pilot.press("ctrl+s")
        await settle(pilot)
    (pirkko,) = [c for c in service.list_customers(store, TODAY) if c.name == "Pirkko Uusi"]
    info = service.customer(store, pirkko.id)
    assert (info.email, info.birthday, info.owner) == (
        "pirkko@example.fi",
        date(1971, 5, 3),
        "Liisa",
    )


async def test_the_card_edits_details_corrects_and_deletes_events(make_app, store):
    anna = service.add_customer(store, "Anna Kortti", today=TODAY).id
    service.log(store, anna, "purchase", date(2026, 11, 2), today=TODAY)
    service.log(store, anna, "complaint", date(2026, 11, 3), today=TODAY)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.open_customer(anna)
        await settle(pilot)
        card = app.screen
        assert isinstance(card, CustomerCardScreen)
        why = str(card.query_one("#card-why", Static).render())
        assert "Tryer since 2.11.2026" in why and "broke the relationship" in why
        await pilot.press("e")
        await settle(pilot)
        app.screen.query_one("#phone", Input).value = "040 765 4321"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("k")  # the newest event (the complaint) is selected
        await settle(pilot)
        modal = app.screen
        assert isinstance(modal, LogContactModal) and modal.event.kind == "complaint"
        await type_text(pilot, "posit")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert service.customer_card(store, anna, TODAY).rung is Rung.KOKEILIJA
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
    card = service.customer_card(store, anna, TODAY)
    assert card.info.phone == "+358407654321"  # kept in its one form
    assert [e.kind for e in card.events] == ["purchase"]
