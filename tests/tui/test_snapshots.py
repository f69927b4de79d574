"""What each screen looks like, in Finnish and in English (pytest-textual-snapshot).

After an intended change of looks: `pytest tests/tui/test_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

import pytest
from textual.widgets import Input

from tests.tui.conftest import settle

SIZES = {"80x24": (80, 24), "160x48": (160, 48)}  # the member's laptop, and a big screen
LANGS = ["fi", "en"]


async def still(pilot) -> None:
    """No blinking cursor, so that two runs paint the same picture."""
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False
    await settle(pilot)


async def _morning(pilot) -> None:
    await settle(pilot)


async def _customers(pilot) -> None:
    await settle(pilot)
    await pilot.press("c")
    await settle(pilot)
    await pilot.press(*"ma")
    await still(pilot)


async def _card(pilot) -> None:
    await settle(pilot)
    pilot.app.open_customer(6)
    await settle(pilot)


async def _log(pilot) -> None:
    await settle(pilot)
    await pilot.press("l")
    await settle(pilot)
    await pilot.press(*"heli")
    await still(pilot)


async def _done(pilot) -> None:
    await settle(pilot)
    await pilot.press("d")
    await still(pilot)


async def _customer_form(pilot) -> None:
    await settle(pilot)
    await pilot.press("n")
    await settle(pilot)
    await pilot.press(*"Pirkko")
    pilot.app.screen.query_one("#email").value = "pirkko@"
    await still(pilot)


async def _insights(pilot) -> None:
    await settle(pilot)
    await pilot.press("i")
    await settle(pilot)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    "steps",
    [_morning, _customers, _card, _log, _done, _customer_form, _insights],
    ids=["morning", "customers", "card", "log", "done", "customer_form", "insights"],
)
def test_screen(snap_compare, make_app, lang, steps, size):
    assert snap_compare(make_app(lang), terminal_size=SIZES[size], run_before=steps)
