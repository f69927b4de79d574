"""The morning view and everything a member does from it, driven like a person would."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from textual.widgets import DataTable, Input, Static

from data import service
from ladder import default_rules_text, parse_rulebook
from tests.conftest import TODAY, applied_not_derived
from tests.tui.conftest import SIZE, settings_for, settle
from tui.app import LadderApp
from tui.screens.card import CustomerCardScreen
from tui.screens.customers import CustomersScreen
from tui.screens.morning import MorningScreen
from tui.widgets.ladder_view import RungRow


async def test_the_morning_view_shows_the_ladder_and_the_list(make_app, store):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MorningScreen)
        counts = {c.rung: c.count for c in store.pipeline(TODAY)}
        for row in screen.query(RungRow):
            assert f" {counts[row.rung]}" in str(row.render())
        due = store.due_followups(TODAY, days=7)
        table = screen.query_one("#followups", DataTable)
        assert table.row_count == len(due) > 0
        overdue = [f for f in due if f.overdue(TODAY)]
        assert overdue and screen.rows[: len(overdue)] == overdue


async def test_done_dismiss_and_snooze_change_the_store(make_app, store):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        first, second, third = app.screen.rows[:3]
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("enter")  # the event it stands for is chosen: one key confirms
        await settle(pilot)
        assert app.screen.rows[0].id == second.id
        await pilot.press("x")
        await settle(pilot)
        await pilot.press("s")
        await pilot.pause()
        field = app.screen.query_one("#until Input", Input)
        field.value = "30.11.2026"
        await pilot.press("enter")
        await settle(pilot)
    remaining = {f.id: f for f in store.due_followups(TODAY, days=30)}
    assert first.id not in remaining and second.id not in remaining
    assert remaining[third.id].snoozed_until == date(2026, 11, 30)


async def test_enter_opens_the_customer_and_escape_comes_back(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        name = app.screen.rows[0].customer
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CustomerCardScreen)
        assert name in str(app.screen.query_one("#card-head", Static).render())
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MorningScreen)


async def test_home_and_end_go_to_the_first_and_the_last_follow_up(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#followups", DataTable)
        await pilot.press("end")
        assert table.cursor_row == table.row_count - 1 > 0
        await pilot.press("home")
        assert table.cursor_row == 0


async def test_only_mine_filters_the_list(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        everyone = {f.member for f in app.screen.rows}
        await pilot.press("m")
        await settle(pilot)
        assert len(everyone) > 1
        assert {f.member for f in app.screen.rows} == {"Liisa"}


async def test_only_mine_says_nothing_of_a_colleague(make_app, monkeypatch):
    """Found in tmux: `m` with the cursor on a colleague's follow-up said it 'left the
    list – a colleague got there first'; the member had sent it away themselves."""
    app = make_app()
    said: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        monkeypatch.setattr(app, "notify", lambda message, **_: said.append(str(message)))
        assert app.screen.rows[0].member != "Liisa"
        await pilot.press("home", "m")
        await settle(pilot)
        assert {f.member for f in app.screen.rows} == {"Liisa"}
    assert not [line for line in said if "colleague" in line]


async def test_print_saves_the_list_when_there_is_no_printer(make_app, tmp_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        first = app.screen.rows[0]
        await pilot.press("p")
        await settle(pilot)
        printed = tmp_path / "printed" / "ladder-followups-2026-11-22.txt"
        assert printed.exists()
        assert first.customer in printed.read_text("utf-8")
        assert any(str(printed) in n.message for n in app._notifications)


async def test_clicking_a_rung_lists_who_stands_on_it(make_app, store):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.click("#rung-lojalisti")
        await settle(pilot)
        assert isinstance(app.screen, CustomersScreen)
        lojalistit = [c for c in service.list_customers(store, TODAY) if c.rung.id == "lojalisti"]
        assert len(app.screen.shown) == len(lojalistit)


async def test_a_database_error_is_a_notification_not_a_crash(make_app, monkeypatch):
    from data.store.db import DatabaseError

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)

        def broken(*args, **kwargs):
            raise DatabaseError("db_failed", why="disk I/O error")

        monkeypatch.setattr(app.store, "write", broken)  # the disk fails as the done is written
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert any("disk I/O error" in n.message for n in app._notifications)
        assert isinstance(app.screen, MorningScreen)


async def test_a_changed_rulebook_is_announced_while_everyone_is_re_derived(demo_path):
    text = default_rules_text()
    changed = parse_rulebook(text.replace("score = 4\npositives = 2", "score = 5\npositives = 2"))
    applied_not_derived(demo_path, changed)
    app = LadderApp(replace(settings_for(demo_path, "fi"), rules=changed))
    headers: list[str] = []
    rederiving = app._rederiving

    def watched(done: int, total: int) -> None:
        rederiving(done, total)
        headers.append(app.sub_title)

    app._rederiving = watched
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert any("lasketaan jokaisen asiakkaan porras" in n.message for n in app._notifications)
        assert isinstance(app.screen, MorningScreen) and app.screen.rows
        assert headers[0] == "Lasketaan portaita… 0 %"
        assert headers[-1] == app.sub_title == app.whose()  # back once it is done


async def test_a_re_derive_that_fails_half_way_leaves_no_progress_in_the_header(
    demo_path, monkeypatch
):
    from data.store.db import DatabaseError

    def broken(*args, **kwargs):
        raise DatabaseError("db_failed", why="disk I/O error")

    monkeypatch.setattr("data.store.derive.everyone.derive_customer", broken)
    text = default_rules_text()
    changed = parse_rulebook(text.replace("score = 4\npositives = 2", "score = 5\npositives = 2"))
    applied_not_derived(demo_path, changed)
    app = LadderApp(replace(settings_for(demo_path, "fi"), rules=changed))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert any("disk I/O error" in n.message for n in app._notifications)
        assert app.sub_title == app.whose()


async def test_finnish_words_in_the_finnish_app(make_app):
    app = make_app("fi")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.title == "Ladder – asiakkuuksien tikapuut"
        titles = [str(s.render()) for s in app.screen.query(".pane-title")]
        assert "Tikapuut" in titles and "Viikon liikkeet" in titles
        assert "Sanansaattaja" in str(app.screen.query_one("#rung-sanansaattaja").render())


async def test_each_app_speaks_its_own_language_in_the_footer(make_app):
    for lang, word in (("fi", "Tehty"), ("en", "Done"), ("fi", "Tehty")):
        app = make_app(lang)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            descriptions = {b.binding.description for b in app.screen.active_bindings.values()}
            assert word in descriptions
