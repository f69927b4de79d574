"""Two members on one database: nobody's change is silently written over or undone.

Each test has a second store on the same database stand for the colleague, on
SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from data import service
from data.errors import ChangedMeanwhile, StoreError
from data.store import Store
from ladder import default_rulebook
from tests.conftest import TODAY


@pytest.fixture
def colleague(location: str, store: Store) -> Iterator[Store]:
    opened = Store.open(location, default_rulebook(), TODAY, member="Pekka")
    yield opened
    opened.close()


def test_a_correction_writes_only_the_fields_it_changed(store, colleague):
    anna = store.add_customer("Anna Laine", today=TODAY, member="Liisa").id
    logged = store.log_event(anna, "purchase", date(2026, 11, 2), today=TODAY, member="Liisa")
    (seen,) = store.customer_card(anna, TODAY).events
    colleague.edit_event(seen.id, TODAY, member="Pekka", note="Osti kaksi")
    store.edit_event(logged.event_id, TODAY, member="Liisa", before={"kind": seen.kind}, kind="wow")
    (event,) = store.customer_card(anna, TODAY).events
    assert (event.kind, event.note, event.version) == ("wow", "Osti kaksi", 3)


def test_a_field_a_colleague_changed_meanwhile_is_not_overwritten(store, colleague):
    anna = store.add_customer("Anna Laine", today=TODAY, member="Liisa").id
    store.log_event(anna, "purchase", date(2026, 11, 2), today=TODAY, member="Liisa", note="Osti")
    (seen,) = store.customer_card(anna, TODAY).events
    colleague.edit_event(seen.id, TODAY, member="Pekka", note="Osti kaksi")
    with pytest.raises(ChangedMeanwhile) as refused:
        store.edit_event(
            seen.id, TODAY, member="Liisa", before={"note": seen.note}, note="Osti yhden"
        )
    assert (refused.value.who, refused.value.field) == ("Pekka", "note")
    assert (refused.value.theirs, refused.value.mine) == ("Osti kaksi", "Osti yhden")
    assert store.customer_card(anna, TODAY).events[0].note == "Osti kaksi"


def test_a_customer_form_keeps_a_phone_changed_from_the_command_line(store, colleague):
    info = store.add_customer("Anna Laine", today=TODAY, member="Liisa", phone="040 123 4567")
    colleague.edit_customer(info.id, TODAY, member="Pekka", phone="050 765 4321")
    seen = {"phone": info.phone, "email": info.email}
    with pytest.raises(ChangedMeanwhile) as refused:
        store.edit_customer(
            info.id, TODAY, member="Liisa", before=seen, phone="044 000 0000", email="a@b.fi"
        )
    assert (refused.value.who, refused.value.field) == ("Pekka", "phone")
    assert (store.customer(info.id).phone, store.customer(info.id).email) == ("+358507654321", "")
    saved = store.edit_customer(
        info.id, TODAY, member="Liisa", before={"email": ""}, email="anna@example.fi"
    )
    assert (saved.phone, saved.email) == ("+358507654321", "anna@example.fi")


def test_an_expected_version_refuses_any_change_since(store, colleague):
    info = store.add_customer("Anna Laine", today=TODAY, member="Liisa")
    colleague.edit_customer(info.id, TODAY, member="Pekka", notes="Soita iltaisin")
    with pytest.raises(ChangedMeanwhile):
        store.edit_customer(info.id, TODAY, member="Liisa", expect_version=info.version, tags="x")
    assert store.customer(info.id).tags == ""


def test_an_undo_of_a_done_after_a_colleague_corrected_its_event_is_refused(store, colleague):
    anna = store.add_customer("Anna Laine", today=TODAY, member="Liisa").id
    store.log_event(anna, "purchase", date(2026, 11, 2), today=TODAY, member="Liisa")
    (followup,) = store.customer_card(anna, TODAY).followups
    change = store.complete_followup(followup.id, TODAY, kind="aftermarketing_call", member="Liisa")
    colleague.edit_event(change.logged.event_id, TODAY, member="Pekka", note="Tyytyväinen")
    with pytest.raises(ChangedMeanwhile) as refused:
        service.undo_followup_change(change)(store, TODAY, "Liisa")
    assert refused.value.who == "Pekka"
    notes = [e.note for e in store.customer_card(anna, TODAY).events]
    assert notes == ["", "Tyytyväinen"]  # the call and the colleague's note are still there


def test_an_undo_of_a_snooze_after_a_colleague_dismissed_is_refused(store, colleague):
    anna = store.add_customer("Anna Laine", today=TODAY, member="Liisa").id
    store.log_event(anna, "purchase", date(2026, 11, 2), today=TODAY, member="Liisa")
    (followup,) = store.customer_card(anna, TODAY).followups
    change = store.snooze_followup(followup.id, date(2026, 12, 1), TODAY, member="Liisa")
    colleague.close_followup(followup.id, TODAY, dismiss=True, member="Pekka")
    with pytest.raises(ChangedMeanwhile) as refused:
        service.undo_followup_change(change)(store, TODAY, "Liisa")
    assert refused.value.who == "Pekka"
    assert store.followup(followup.id, TODAY).state == "dismissed"


def test_an_undo_of_a_log_whose_follow_up_a_colleague_did_is_refused(store, colleague):
    anna = store.add_customer("Anna Laine", today=TODAY, member="Liisa").id
    logged = store.log_event(anna, "purchase", date(2026, 11, 2), today=TODAY, member="Liisa")
    (made,) = logged.created
    colleague.complete_followup(made.id, TODAY, kind="aftermarketing_call", member="Pekka")
    with pytest.raises(ChangedMeanwhile) as refused:
        service.undo_log(logged)(store, TODAY, "Liisa")
    assert refused.value.who == "Pekka"
    assert len(store.events_of(anna)) == 2
    assert store.followup(made.id, TODAY).state == "done"


def test_an_undo_nobody_touched_goes_through(store, colleague):
    anna = store.add_customer("Anna Laine", today=TODAY, member="Liisa").id
    logged = store.log_event(anna, "purchase", date(2026, 11, 2), today=TODAY, member="Liisa")
    colleague.log_event(anna, "contact", date(2026, 11, 20), today=TODAY, member="Pekka")
    service.undo_log(logged)(store, TODAY, "Liisa")
    assert [e.kind for e in store.events_of(anna)] == ["contact"]


def test_done_on_a_follow_up_a_colleague_closed_names_who_and_when(store, colleague):
    anna = store.add_customer("Anna Laine", today=TODAY, member="Liisa").id
    store.log_event(anna, "purchase", date(2026, 11, 2), today=TODAY, member="Liisa")
    (followup,) = store.customer_card(anna, TODAY).followups
    colleague.close_followup(followup.id, TODAY, dismiss=True, member="Pekka")
    with pytest.raises(StoreError) as refused:
        store.close_followup(followup.id, TODAY, member="Liisa")
    assert refused.value.key == "followup_dismissed"
    assert refused.value.values["who"] == "Pekka" and refused.value.values["when"]


def test_a_member_is_one_spelling_however_typed(store, colleague):
    anna = store.add_customer("Anna Laine", today=TODAY, member="Aino").id
    store.log_event(anna, "purchase", date(2026, 11, 2), today=TODAY, member=" aino ")
    colleague.log_event(anna, "contact", date(2026, 11, 3), today=TODAY, member="AINO")
    assert {e.logged_by for e in store.events_of(anna)} == {"Aino"}
    assert [f.member for f in store.due_followups(TODAY, days=30, member="aino")] == ["Aino"]


def test_a_postgresql_connection_says_whose_it_is(location, store, colleague):
    if not location.startswith("postgresql"):
        pytest.skip("application_name is PostgreSQL's")
    colleague.customer_card(store.add_customer("Anna", today=TODAY).id, TODAY)
    with colleague.engine.connect() as connection:
        names = connection.exec_driver_sql(
            "SELECT application_name FROM pg_stat_activity WHERE datname = current_database()"
        ).scalars()
        assert "ladder Pekka" in set(names)
