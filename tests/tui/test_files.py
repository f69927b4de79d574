"""Files from the app: exports, labels, imports, backups and GDPR requests."""

from __future__ import annotations

from textual.widgets import Input, Select

from data import service
from tests.conftest import TODAY
from tests.tui.conftest import SIZE, settle
from tui.screens.card import CustomerCardScreen
from tui.screens.confirm import ConfirmModal
from tui.screens.file_dialog import FileModal
from tui.screens.morning import MorningScreen


async def answer_file_modal(pilot, path, fmt: str | None = None, *, settles=True) -> None:
    await settle(pilot)
    modal = pilot.app.screen
    assert isinstance(modal, FileModal)
    if fmt:
        modal.query_one("#format", Select).value = fmt
        await pilot.pause()
    modal.query_one("#path", Input).value = str(path)
    await pilot.press("enter")
    if settles:
        await settle(pilot)


async def test_export_the_followups_and_card_labels(make_app, tmp_path):
    app = make_app("fi")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.action_export_followups()
        await answer_file_modal(pilot, tmp_path / "lista.csv", "csv")
        assert "Eräpäivä" in (tmp_path / "lista.csv").read_text("utf-8")
        app.action_card_labels()
        await answer_file_modal(pilot, tmp_path / "tarrat.pdf")
        assert (tmp_path / "tarrat.pdf").read_bytes().startswith(b"%PDF")
        app.action_backup()
        await answer_file_modal(pilot, tmp_path / "varmuus.db")
        assert (tmp_path / "varmuus.db").stat().st_size > 0


async def test_import_contacts_after_a_confirmation(make_app, store, tmp_path):
    source = tmp_path / "uudet.csv"
    source.write_text("nimi;sähköposti;lempinimi\nUusi Ihminen;uusi@example.fi;Usko\n", "utf-8")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.action_import_contacts()
        await answer_file_modal(pilot, source, settles=False)  # the worker waits for a yes
        for _ in range(50):
            if isinstance(app.screen, ConfirmModal):
                break
            await pilot.pause(0.05)
        assert isinstance(app.screen, ConfirmModal)
        question = app.screen.question  # how each column was read, and what was not
        assert "nimi → Name" in question and "Ignored: lempinimi (1 row)" in question
        await pilot.press("y")
        await settle(pilot)
    assert [c.name for c in service.list_customers(store, TODAY, search="Uusi Ihminen")] == [
        "Uusi Ihminen"
    ]


async def test_a_bad_import_file_is_a_notification(make_app, store, tmp_path):
    source = tmp_path / "huono.csv"
    source.write_text("nimi;sähköposti\nHuono;ei-osoite\n", "utf-8")
    before = len(service.list_customers(store, TODAY))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.action_import_contacts()
        await answer_file_modal(pilot, source)
        assert any("line 2" in n.message for n in app._notifications)
    assert len(service.list_customers(store, TODAY)) == before


async def test_a_file_the_reader_refuses_is_a_notification_too(make_app, store, tmp_path):
    """Not a file at all (a folder chosen by mistake): said, as a bad row is, never a crash."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.action_import_contacts()
        await answer_file_modal(pilot, tmp_path)
        assert any("is not a file" in n.message for n in app._notifications)
        assert isinstance(app.screen, MorningScreen)


async def test_gdpr_export_and_erasure_from_the_card(make_app, store, tmp_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.open_customer(6)
        await settle(pilot)
        assert isinstance(app.screen, CustomerCardScreen)
        await pilot.press("g")
        await answer_file_modal(pilot, tmp_path / "heli.json")
        assert "heli.makinen@example.fi" in (tmp_path / "heli.json").read_text("utf-8")
        await pilot.press("ctrl+x")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert not isinstance(app.screen, CustomerCardScreen)
    assert 6 not in {c.id for c in service.list_customers(store, TODAY)}


async def test_import_the_shops_orders_after_a_confirmation(make_app, store, tmp_path):
    from pathlib import Path

    export = Path(__file__).parent.parent / "files" / "orders" / "shopify.csv"
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.action_import_orders()
        await answer_file_modal(pilot, export, settles=False)
        for _ in range(50):
            if isinstance(app.screen, ConfirmModal):
                break
            await pilot.pause(0.05)
        assert isinstance(app.screen, ConfirmModal)
        assert "4 orders: 2 purchases" in app.screen.question
        await pilot.press("y")
        await settle(pilot)
        assert any("Logged 2 purchases" in n.message for n in app._notifications)
        (oili,) = service.list_customers(store, TODAY, search="Oili Ojala")
        assert [e.note for e in service.customer_card(store, oili.id, TODAY).events] == [
            "#1004 · 30.00"
        ]
        before = len(service.list_customers(store, TODAY))
        await pilot.press("u")  # the whole import back, as one step
        await settle(pilot)
        assert service.list_customers(store, TODAY, search="Oili Ojala") == []
        assert len(service.list_customers(store, TODAY)) == before - 1
    from data.formats.orders import read_orders

    again = service.plan_order_import(store, read_orders(export, TODAY))
    assert len(again.purchases) == 2  # undone whole: the same export imports again
