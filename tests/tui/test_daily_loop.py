"""The member's morning in the app: nothing acts on the wrong person, every slip undone."""

from __future__ import annotations

from datetime import date

from textual.widgets import Button, DataTable, Input, Static
from textual.widgets._footer import FooterKey

from data import service
from tests.conftest import TODAY
from tests.tui.conftest import SIZE, settle
from tui.screens.card import CustomerCardScreen
from tui.screens.confirm import ConfirmModal
from tui.screens.customer_form import CustomerFormModal
from tui.screens.customers import CustomersScreen
from tui.screens.done import DoneModal
from tui.screens.help import HelpModal
from tui.screens.log_contact import LogContactModal
from tui.screens.morning import MorningScreen, column_widths
from tui.screens.snooze import SnoozeModal
from tui.widgets.kind_field import KindField
from tui.widgets.score_chart import chart_top, score_chart


def cursor_followup(app):
    table = app.screen.query_one("#followups", DataTable)
    return app.screen.rows[table.cursor_row]


async def test_the_cursor_stays_on_its_follow_up_when_the_list_changes_under_it(make_app, store):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        rows = list(app.screen.rows)
        await pilot.press("down", "down", "down")
        chosen = cursor_followup(app)
        assert chosen.id == rows[3].id
        service.dismiss(store, rows[0].id, TODAY)  # a colleague, above the cursor
        app.screen.reload()
        await settle(pilot)
        assert cursor_followup(app).id == chosen.id
        service.done(store, chosen.id, TODAY, kind=None)  # the one under the cursor goes away
        app.screen.reload()
        await settle(pilot)
        assert cursor_followup(app).id == rows[4].id  # its neighbour, never one above
        await pilot.press("x")
        await settle(pilot)
    assert service.followup(store, rows[4].id, TODAY).state == "dismissed"
    assert service.followup(store, rows[2].id, TODAY).state == "open"


async def test_done_logs_the_event_it_stands_for_and_undo_takes_it_back(make_app, store):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        followup = next(f for f in app.screen.rows if f.rule == "aftermarketing")
        app.screen.query_one("#followups", DataTable).move_cursor(
            row=app.screen.rows.index(followup)
        )
        before = len(store.events_of(followup.customer_id))
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, DoneModal)
        await pilot.press(*"soitti")  # the kinds list has the focus: typing goes nowhere bad
        await pilot.press("tab")
        await pilot.press(*"Tyytyvainen")
        await pilot.press("enter")
        await settle(pilot)
        events = store.events_of(followup.customer_id)
        assert len(events) == before + 1
        assert (events[-1].kind, events[-1].on, events[-1].note) == (
            "aftermarketing_call",
            TODAY,
            "Tyytyvainen",
        )
        assert service.followup(store, followup.id, TODAY).state == "done"
        assert followup.id not in [f.id for f in app.screen.rows]
        await pilot.press("u")
        await settle(pilot)
        assert len(store.events_of(followup.customer_id)) == before
        assert service.followup(store, followup.id, TODAY).state == "open"
        assert followup.id in [f.id for f in app.screen.rows]
        said = [n.message for n in app._notifications]
        assert f"Undone: {followup.customer} – task marked done" in said


async def test_a_complaint_callback_asks_resolved_or_still_open(make_app, store):
    anna = service.add_customer(store, "Anna Reklamoija", today=TODAY).id
    service.log(store, anna, "complaint", date(2026, 11, 20), today=TODAY)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        complaint = next(
            f for f in app.screen.rows if f.customer_id == anna and f.rule == "complaint"
        )
        app.screen.query_one("#followups", DataTable).move_cursor(
            row=app.screen.rows.index(complaint)
        )
        await pilot.press("d")
        await settle(pilot)
        options = app.screen.query_one("#done-kind")
        assert [options.get_option_at_index(i).id for i in range(options.option_count)] == [
            "complaint_resolved",
            "contact",
            "-",
        ]
        await pilot.press("down", "enter")  # still open: a contact, the task closed by hand
        await settle(pilot)
    assert [e.kind for e in store.events_of(anna)] == ["complaint", "contact"]
    assert service.followup(store, complaint.id, TODAY).state == "done"


async def test_undo_goes_several_steps_back_and_names_whom(make_app, store):
    app = make_app("fi")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        first, second = app.screen.rows[:2]
        await pilot.press("x")
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        assert {service.followup(store, f.id, TODAY).state for f in (first, second)} == {
            "dismissed"
        }
        await pilot.press("u")
        await settle(pilot)
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert {service.followup(store, f.id, TODAY).state for f in (first, second)} == {"open"}
        said = [n.message for n in app._notifications]
        assert f"Kumottu: {second.customer} – hylätty tehtävä" in said
        assert f"Kumottu: {first.customer} – hylätty tehtävä" in said
        await pilot.press("u")
        await settle(pilot)
        assert "Ei kumottavaa." in [n.message for n in app._notifications]


async def test_undo_a_logged_event_and_a_deleted_one(make_app, store):
    anna = service.add_customer(store, "Anna Kumoaja", today=TODAY).id
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.open_customer(anna)
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        await pilot.press(*"purch", "enter")
        await settle(pilot)
        (logged,) = store.events_of(anna)
        assert logged.kind == "purchase" and store.due_followups(TODAY, days=30, member="")
        await pilot.press("u")
        await settle(pilot)
        assert store.events_of(anna) == []
        assert not [f for f in store.due_followups(TODAY, days=30) if f.customer_id == anna]
        service.log(store, anna, "wow", date(2026, 11, 1), today=TODAY, note="Kakku")
        app.screen.reload()
        await settle(pilot)
        await pilot.press("delete")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert store.events_of(anna) == []
        await pilot.press("u")
        await settle(pilot)
        (back,) = store.events_of(anna)
        assert (back.kind, back.on, back.note) == ("wow", date(2026, 11, 1), "Kakku")
        assert isinstance(app.screen, CustomerCardScreen)
        assert "Kakku" in str(app.screen.query_one("#card-events", DataTable).get_row_at(0))


async def test_the_kind_picker_takes_the_shortest_name_that_starts_as_typed(make_app):
    for lang, typed, kind in (("en", "comp", "complaint"), ("fi", "rek", "complaint")):
        app = make_app(lang)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("l")
            await settle(pilot)
            field = app.screen.query_one("#kind", KindField)
            field.input.focus()
            await pilot.press(*typed)
            await pilot.pause()
            assert field.kind == kind
            await pilot.press("down")
            assert field.kind == "complaint_resolved"
            await pilot.press("up")
            assert field.kind == "complaint"


async def test_enter_saves_from_any_field_and_a_future_day_is_refused_under_it(make_app, store):
    anna = service.add_customer(store, "Anna Päivämäärä", today=TODAY).id
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        hint = app.screen.query_one("#on Input", Input).placeholder
        assert "-1d" in hint and "+" not in hint and "tomorrow" not in hint
        await pilot.press(*"paivamaara", "enter")  # no diacritics needed
        assert app.screen.chosen.id == anna
        await pilot.press("tab")  # to the date
        await pilot.press(*"+1w", "enter")
        await pilot.pause()
        assert isinstance(app.screen, LogContactModal)
        echo = str(app.screen.query_one("#on .date-echo", Static).render())
        assert "is after today" in echo
        assert store.events_of(anna) == []
        app.screen.query_one("#on Input", Input).value = ""
        await pilot.press(*"-2d", "enter")
        await settle(pilot)
        assert [(e.kind, e.on) for e in store.events_of(anna)] == [("contact", date(2026, 11, 20))]


async def test_a_day_five_years_back_is_asked_about(make_app, store):
    anna = service.add_customer(store, "Anna Vanha", today=TODAY).id
    app = make_app("fi")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.action_log_contact(anna)
        await settle(pilot)
        app.screen.query_one("#on Input", Input).value = "1.1.2019"
        await pilot.pause()
        app.screen.query_one("#note", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal)
        assert "yli viisi vuotta" in app.screen.question
        await pilot.press("k")
        await settle(pilot)
    assert [e.on for e in store.events_of(anna)] == [date(2019, 1, 1)]


async def test_snooze_names_the_customer_and_asks_before_bringing_one_forward(make_app, store):
    anna = service.add_customer(store, "Anna Siirtäjä", today=TODAY).id
    own = service.add_followup(
        store, anna, date(2026, 11, 27), "Soita", today=TODAY, member="Liisa"
    )
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        row = next(i for i, f in enumerate(app.screen.rows) if f.id == own.id)
        app.screen.query_one("#followups", DataTable).move_cursor(row=row)
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, SnoozeModal)
        assert "Anna Siirtäjä" in str(app.screen.query_one(".dialog-title").render())
        field = app.screen.query_one("#until Input", Input)
        assert field.value == "4.12.2026"  # a week after it is due, not after today
        field.value = "+3d"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal)  # 25.11. would bring it forward
        await pilot.press("n")
        await settle(pilot)
        assert service.followup(store, own.id, TODAY).state == "open"
        field.value = "-1d"
        await pilot.press("enter")
        await pilot.pause()
        assert "in the past" in str(app.screen.query_one("#until .date-echo").render())
        field.value = "+3w"
        await pilot.press("enter")
        await settle(pilot)
        assert any(
            "Anna Siirtäjä: snoozed until 13.12.2026" in n.message for n in app._notifications
        )
    assert service.followup(store, own.id, TODAY).snoozed_until == date(2026, 12, 13)


async def test_help_lists_the_keys_of_the_screen_in_the_members_language(make_app):
    app = make_app("fi")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpModal)
        shown = str(app.screen.query_one("#help-keys", Static).render())
        for words in ("Kumoa", "Tehty", "Siirrä", "Hylkää", "Tulosta", "Komennot", "enter, o"):
            assert words in shown
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        assert "Asiakkaat" in str(app.screen.query_one(".dialog-title").render())


async def test_enter_on_the_only_hit_opens_it_and_back_typing_searches(make_app, store):
    service.edit_customer(store, 6, TODAY, tags="vip,kestotilaaja")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        await pilot.press(*"kestotil")
        await pilot.pause()
        assert [c.id for c in app.screen.shown] == [6]  # found by its tag
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CustomerCardScreen)
        assert "vip, kestotilaaja" in str(app.screen.query_one("#card-contact").render())
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, CustomersScreen)
        await pilot.press("ctrl+u", *"xyz")
        await pilot.pause()
        assert app.screen.query_one("#search", Input).value == "xyz"


async def test_at_80_by_24_the_list_keeps_customer_task_and_phone(make_app):
    app = make_app("fi")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MorningScreen) and screen.has_class("-narrow")
        table = screen.query_one("#followups", DataTable)
        assert [str(c.label) for c in table.columns.values()] == [
            "Eräpäivä",
            "Asiakas",
            "Tehtävä",
            "Puhelin",
        ]
        assert "Kok" in str(screen.query_one("#ladder-line", Static).render())
        keys = {k.key for k in screen.query(FooterKey) if k.region.right <= 80}
        assert {"l", "d", "s", "x", "u", "p", "i", "question_mark", "q"} <= keys
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, CustomerFormModal)
        save = app.screen.query_one("#save", Button)
        assert save.region.height and save.region.bottom <= 24  # in sight without scrolling


def test_the_columns_fill_a_wide_screen():
    for width in (80, 111, 126, 200):
        columns = column_widths(width)
        assert sum(w + 2 for _, w in columns) >= width - 2 - 4  # nothing left empty
        assert sum(w + 2 for _, w in columns) <= width - 2
    assert [key for key, _ in column_widths(126)][-1] == "col.owner"


def test_the_rung_and_task_columns_are_as_wide_as_their_longest_name():
    named = {"col.rung": 13, "col.kind": 24}  # Sanansaattaja, Onnittele syntymäpäivänä
    columns = dict(column_widths(125, named))  # the list on a 160-column terminal
    assert (columns["col.rung"], columns["col.kind"]) == (13, 24)
    assert columns["col.reason"] >= len("ei yhteyttä 120 päivää")  # what is left goes here


def test_a_long_name_and_a_long_reason_share_the_spare_room():
    named = {"col.rung": 13, "col.kind": 24}
    wanted = {"col.customer": 24, "col.phone": 16, "col.reason": 22, "col.owner": 5}
    tight = dict(column_widths(125, named, wanted))  # 6 cells spare: both grow by 3
    assert (tight["col.customer"], tight["col.reason"]) == (16 + 3, 18 + 3)
    assert sum(width + 2 for width in tight.values()) == 123
    roomy = dict(column_widths(200, named, wanted))
    assert roomy["col.customer"] >= 24 and roomy["col.reason"] >= 22
    assert sum(width + 2 for width in roomy.values()) >= 200 - 2 - 4  # nothing left empty


async def test_a_name_its_column_cuts_ends_in_an_ellipsis(make_app):
    app = make_app("fi")
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        screen = app.screen
        width = dict(screen.columns)["col.customer"]
        longest = max(screen.rows, key=lambda f: len(f.customer))
        assert len(longest.customer) > width  # the demo's longest name, at 160 columns
        line = screen.query_one("#followups", DataTable).render_line(1 + screen.rows.index(longest))
        assert f" {longest.customer[: width - 1]}… " in line.text


def test_a_reason_on_screen_writes_a_day_of_this_year_without_the_year():
    from types import SimpleNamespace

    from ladder import default_rulebook
    from present.i18n import followup_reason

    rules = default_rulebook()
    broke = SimpleNamespace(trigger="break", made_on=date(2026, 11, 12), note="")
    bought = SimpleNamespace(trigger="purchase", made_on=date(2025, 12, 30), note="")
    assert followup_reason(broke, rules, "fi", this_year=2026) == "suhde katkesi 12.11."
    assert followup_reason(bought, rules, "en", this_year=2026) == "Purchase 30.12.2025"
    assert followup_reason(broke, rules, "en") == "relationship broke 12.11.2026"  # on paper


def test_the_score_chart_starts_at_zero_with_the_thresholds_marked(make_app):
    from ladder import default_rulebook

    gates = default_rulebook().gates
    assert chart_top([1.0, 0.96], gates) == 1.0  # up to kokeilija's gate, not zoomed in
    assert chart_top([0.0], gates) == 1.0
    drawn = score_chart([0.0] * 30, gates, "en").plain
    assert "█" not in drawn  # a score of zero draws nothing, not a full block
    drawn = score_chart([5.0, 11.0], gates, "fi", height=6).plain
    lines = drawn.splitlines()
    assert lines[-1].strip().startswith("0┴")
    assert any("Lojalisti" in line and line.lstrip().startswith("10┤") for line in lines)
    assert "Asiakas" in drawn
