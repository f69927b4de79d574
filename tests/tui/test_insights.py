"""The insights screen, driven as a member would: `i`, the tabs, who moved, a period."""

from __future__ import annotations

from textual.widgets import DataTable, OptionList, Static, TabbedContent

from tests.tui.conftest import settle
from tui.screens.card import CustomerCardScreen
from tui.screens.insights import InsightsScreen, MovedModal
from tui.screens.morning import MorningScreen


async def _insights(pilot) -> InsightsScreen:
    """The insights as a member opens them from the morning view: `i`."""
    await settle(pilot)
    await pilot.press("i")
    await settle(pilot)
    return pilot.app.screen


async def test_i_opens_the_insights_and_escape_goes_back(make_app):
    app = make_app("fi")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _insights(pilot)
        assert isinstance(screen, InsightsScreen)
        period = str(screen.query_one("#insights-period", Static).render())
        assert "21.11.2026" in period or "22.11.2026" in period  # the last twelve months
        ladder = screen.query_one("#table-ladder", DataTable)
        assert ladder.row_count == len(screen.insights.ladder) >= 12
        assert str(ladder.columns[next(iter(ladder.columns))].label) == "kuukausi"
        last = screen.insights.ladder[-1][1]
        assert sum(last) == 60  # the demo co-op, everyone on the ladder by now
        await pilot.press("escape")
        assert isinstance(app.screen, MorningScreen)


async def test_a_count_of_moves_lists_its_customers_and_opens_a_card(make_app):
    app = make_app("en")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _insights(pilot)
        screen.query_one("#insights-tabs", TabbedContent).active = "tab-flow"
        await settle(pilot)
        table = screen.query_one("#table-flow", DataTable)
        assert table.row_count == len(screen.insights.flow) > 0
        table.focus()
        await pilot.press("enter")
        for _ in range(50):  # the list's worker waits on the list: no settle() here
            await pilot.pause(0.05)
            if isinstance(app.screen, MovedModal):
                break
        modal = app.screen
        assert isinstance(modal, MovedModal)
        first = screen.insights.flow[0]
        assert len(modal.customers) == first.customers
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CustomerCardScreen)
        assert app.screen.customer_id == modal.customers[0][0]


async def test_y_steps_through_the_periods(make_app):
    app = make_app("en")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _insights(pilot)
        first = screen.insights.period
        await pilot.press("y")
        await settle(pilot)
        assert screen.insights.period != first
        assert str(screen.insights.period.start) == "2025-01-01"  # last calendar year
        options = screen.query(OptionList)
        assert not options  # no list is open on this screen by itself


async def test_the_funnel_names_every_rung_whole_at_80_columns(make_app):
    app = make_app("fi")
    async with app.run_test(size=(80, 24)) as pilot:
        await _insights(pilot)
        await pilot.press("3")
        await settle(pilot)
        lines = app.export_screenshot(simplify=True)
        # once under its bar and once in the table below the chart
        assert lines.count("Sanansaattaja") == 2


async def test_what_works_draws_each_kind_whole_with_its_bar_beside_it(make_app):
    """Ten kinds under a chart at 80 columns were cut to ten letters, two of them
    alike, and a small count drew no bar: the bars go into the table instead."""
    app = make_app("fi")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _insights(pilot)
        await pilot.press("4")
        await settle(pilot)
        assert not screen.query_one("#plot-kinds").display
        table = screen.query_one("#table-kinds", DataTable)
        for index, kind in enumerate(screen.insights.kinds):
            name, bar, *_ = map(str, table.get_row_at(index))
            assert name == app.settings.rules.kinds[kind.kind].label("fi")  # whole
            assert (len(bar) > 0) == (kind.lifted + kind.broke > 0)  # a bar for any count
        await pilot.press("1")
        await settle(pilot)
        assert screen.query_one("#plot-ladder").display  # months fit: a chart
