"""The customer list, the command palette, and a big co-op."""

from __future__ import annotations

import time
from datetime import date

from textual.widgets import Checkbox, Input, Select

from data import service
from data.records import NewCustomer, NewEvent
from data.store import Store
from ladder import default_rulebook
from ladder.text import search_words
from tests.conftest import TODAY
from tests.tui.conftest import SIZE, settings_for, settle
from tui.app import LadderApp
from tui.screens.card import CustomerCardScreen
from tui.screens.customers import CustomersScreen


async def test_search_and_filters(make_app, store):
    app = make_app()
    everyone = service.list_customers(store, TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CustomersScreen)
        assert len(screen.shown) == len(everyone)
        await pilot.press(*"virt")
        await pilot.pause()
        assert screen.shown and all("virt" in c.name.casefold() for c in screen.shown)
        screen.query_one("#search", Input).value = ""
        screen.query_one("#rung", Select).value = "sanansaattaja"
        await pilot.pause()
        assert {c.rung.id for c in screen.shown} == {"sanansaattaja"}
        screen.query_one("#rung", Select).clear()
        screen.query_one("#at-risk", Checkbox).value = True
        await pilot.pause()
        assert screen.shown and all(c.at_risk for c in screen.shown)
        screen.query_one("#customers").focus()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CustomerCardScreen)


async def test_typing_on_narrows_and_deleting_widens_again(make_app, store):
    everyone = service.list_customers(store, TODAY)

    def expected(text: str) -> list[int]:
        found = (f"{c.name} {c.organisation} {c.email} {c.tags}" for c in everyone)
        return [
            c.id for c, words in zip(everyone, found, strict=True) if text in search_words(words)
        ]

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await settle(pilot)
        screen = app.screen
        for keys, text in ((["a"], "a"), (["n"], "an"), (["backspace"], "a"), (["i"], "ai")):
            await pilot.press(*keys)
            await pilot.pause()
            assert [c.id for c in screen.shown] == expected(text), text
        assert len(expected("a")) > len(expected("an")) > 0


async def test_the_palette_jumps_to_a_customer(make_app, store):
    target = service.list_customers(store, TODAY)[0]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*target.name.split()[-1][:6].lower())
        await settle(pilot)
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CustomerCardScreen)


async def test_the_palette_offers_every_action(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"log")
        await settle(pilot)
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.__class__.__name__ == "LogContactModal"


async def test_the_app_opens_on_ten_thousand_customers(tmp_path):
    path = str(tmp_path / "big.db")
    store = Store.open(path, default_rulebook(), TODAY)
    store.add_histories(
        [
            NewCustomer(
                details={"name": f"Asiakas {i:05d}"},
                events=[NewEvent("purchase", date(2026, 1 + i % 10, 1 + i % 28))],
            )
            for i in range(10_000)
        ],
        TODAY,
    )
    store.close()
    app = LadderApp(settings_for(path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert sum(c.count for c in app.store.pipeline(TODAY)) == 10_000
        await pilot.press("slash")
        await settle(pilot)
        screen = app.screen
        assert len(screen.customers) == 10_000
        started = time.perf_counter()
        await pilot.press(*"0999")
        await pilot.pause()
        elapsed = time.perf_counter() - started
        assert [c.name for c in screen.shown][:1] == ["Asiakas 00999"]
        print(f"four keystrokes of search at 10,000 customers: {elapsed * 1000:.0f} ms")
