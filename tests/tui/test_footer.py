"""The footer fits the terminal: at 80 columns no key is cut off at the right edge
(the morning's `n` and `c` were, more so in Finnish); the keys a screen can spare
go first, and on a wide terminal every key shows."""

from __future__ import annotations

import pytest

from tests.tui.conftest import settle
from tui.widgets.fitting_footer import FittingFooter


def _shown(app) -> tuple[list[str], int, int]:
    footer = app.screen.query_one(FittingFooter)
    keys = [key for key in footer.query("FooterKey") if key.display]
    right = max(key.region.right for key in keys)
    return [key.key for key in keys], right, footer.size.width


@pytest.mark.parametrize("lang", ["fi", "en"])
async def test_every_key_in_the_footer_is_in_sight_at_80_columns(make_app, lang):
    app = make_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        keys, right, width = _shown(app)
        assert {"l", "d", "s", "x", "p", "n", "c", "question_mark"} <= set(keys)
        assert right <= width  # nothing drawn past the edge
        await pilot.press("enter")  # the card: the daily keys and the help
        await settle(pilot)
        keys, right, width = _shown(app)
        assert {"escape", "l", "e", "k", "delete", "question_mark"} <= set(keys)
        assert right <= width
        await pilot.resize_terminal(200, 48)
        await settle(pilot)
        keys, _, _ = _shown(app)
        assert {"m", "h", "g", "ctrl+x", "n", "c", "q"} <= set(keys)
