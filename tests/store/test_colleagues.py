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
    anna = service.add_customer(store, "Anna Laine", today=TODAY, member="Liisa").id
    logged = service.log(store, anna, "purchase", date(2026, 11, 2), today=TODAY, member="Liisa")
    (seen,) = service.customer_card(store, anna, TODAY).events
    service.edit_event(colleague, seen.id, TODAY, member="Pekka", note="Osti kaksi")
    service.edit_event(
        store, logged.event_id, TODAY, member="Liisa", before={"kind": seen.kind}, kind="wow"
    )
    (event,) = service.customer_card(store, anna, TODAY).events
    assert (event.kind, event.note, event.version) == ("wow", "Osti kaksi", 3)


def test_a_field_a_colleague_changed_meanwhile_is_not_overwritten(store, colleague):
    anna = service.add_customer(store, "Anna Laine", today=TODAY, member="Liisa").id
    service.log(
        store, anna, "purchase", date(2026, 11, 2), today=TODAY, member="Liisa", note="Osti"
    )
    (seen,) = service.customer_card(store, anna, TODAY).events
    service.edit_event(colleague, seen.id, TODAY, member="Pekka", note="Osti kaksi")
    with pytest.raises(ChangedMeanwhile) as refused:
        service.edit_event(
            store, seen.id, TODAY, member="Liisa", before={"note": seen.note}, note="Osti yhden"
        )
    assert (refused.value.who, refused.value.field) == ("Pekka", "note")
    assert (refused.value.theirs, refused.value.mine) == ("Osti kaksi", "Osti yhden")
    assert service.customer_card(store, anna, TODAY).events[0].note == "Osti kaksi"


def test_a_customer_form_keeps_a_phone_changed_from_the_command_line(store, colleague):
    info = service.add_customer(
        store, "Anna Laine", today=TODAY, member="Liisa", phone="040 123 4567"
    )
    service.edit_customer(colleague, info.id, TODAY, member="Pekka", phone="050 765 4321")
    seen = {"phone": info.phone, "email": info.email}
    with pytest.raises(ChangedMeanwhile) as refused:
        service.edit_customer(
            store, info.id, TODAY, member="Liisa", before=seen, phone="044 000 0000", email="a@b.fi"
        )
    assert (refused.value.who, refused.value.field) == ("Pekka", "phone")
    assert (service.customer(store, info.id).phone, service.customer(store, info.id).email) == (
        "+358507654321",
        "",
    )
    saved = service.edit_customer(
        store, info.id, TODAY, member="Liisa", before={"email": ""}, email="anna@example.fi"
    )
    assert (saved.phone, saved.email) == ("+358507654321", "anna@example.fi")


def test_an_expected_version_refuses_any_change_since(store, colleague):
    info = service.add_customer(store, "Anna Laine", today=TODAY, member="Liisa")
    service.edit_customer(colleague, info.id, TODAY, member="Pekka", notes="Soita iltaisin")
    with pytest.raises(ChangedMeanwhile):
        service.edit_customer(
            store, info.id, TODAY, member="Liisa", expect_version=info.version, tags="x"
        )
    assert service.customer(store, info.id).tags == ""


def test_an_undo_of_a_done_after_a_colleague_corrected_its_event_is_refused(store, colleague):
    anna = service.add_customer(store, "Anna Laine", today=TODAY, member="Liisa").id
    service.log(store, anna, "purchase", date(2026, 11, 2), today=TODAY, member="Liisa")
    (followup,) = service.customer_card(store, anna, TODAY).followups
    change = service.done(store, followup.id, TODAY, kind="aftermarketing_call", member="Liisa")
    service.edit_event(colleague, change.logged.event_id, TODAY, member="Pekka", note="Tyytyväinen")
    with pytest.raises(ChangedMeanwhile) as refused:
        service.undo_followup_change(change)(store, TODAY, "Liisa")
    assert refused.value.who == "Pekka"
    notes = [e.note for e in service.customer_card(store, anna, TODAY).events]
    assert notes == ["", "Tyytyväinen"]  # the call and the colleague's note are still there


def test_an_undo_of_a_snooze_after_a_colleague_dismissed_is_refused(store, colleague):
    anna = service.add_customer(store, "Anna Laine", today=TODAY, member="Liisa").id
    service.log(store, anna, "purchase", date(2026, 11, 2), today=TODAY, member="Liisa")
    (followup,) = service.customer_card(store, anna, TODAY).followups
    change = service.snooze(store, followup.id, date(2026, 12, 1), TODAY, member="Liisa")
    service.dismiss(colleague, followup.id, TODAY, member="Pekka")
    with pytest.raises(ChangedMeanwhile) as refused:
        service.undo_followup_change(change)(store, TODAY, "Liisa")
    assert refused.value.who == "Pekka"
    assert service.followup(store, followup.id, TODAY).state == "dismissed"


def test_an_undo_of_a_log_whose_follow_up_a_colleague_did_is_refused(store, colleague):
    anna = service.add_customer(store, "Anna Laine", today=TODAY, member="Liisa").id
    logged = service.log(store, anna, "purchase", date(2026, 11, 2), today=TODAY, member="Liisa")
    (made,) = logged.created
    service.done(colleague, made.id, TODAY, kind="aftermarketing_call", member="Pekka")
    with pytest.raises(ChangedMeanwhile) as refused:
        service.undo_log(logged)(store, TODAY, "Liisa")
    assert refused.value.who == "Pekka"
    assert len(store.events_of(anna)) == 2
    assert service.followup(store, made.id, TODAY).state == "done"


def test_an_undo_nobody_touched_goes_through(store, colleague):
    anna = service.add_customer(store, "Anna Laine", today=TODAY, member="Liisa").id
    logged = service.log(store, anna, "purchase", date(2026, 11, 2), today=TODAY, member="Liisa")
    service.log(colleague, anna, "contact", date(2026, 11, 20), today=TODAY, member="Pekka")
    service.undo_log(logged)(store, TODAY, "Liisa")
    assert [e.kind for e in store.events_of(anna)] == ["contact"]


def test_done_on_a_follow_up_a_colleague_closed_names_who_and_when(store, colleague):
    anna = service.add_customer(store, "Anna Laine", today=TODAY, member="Liisa").id
    service.log(store, anna, "purchase", date(2026, 11, 2), today=TODAY, member="Liisa")
    (followup,) = service.customer_card(store, anna, TODAY).followups
    service.dismiss(colleague, followup.id, TODAY, member="Pekka")
    with pytest.raises(StoreError) as refused:
        service.done(store, followup.id, TODAY, member="Liisa", kind=None)
    assert refused.value.key == "followup_dismissed"
    assert refused.value.values["who"] == "Pekka" and refused.value.values["when"]


def test_a_member_is_one_spelling_however_typed(store, colleague):
    anna = service.add_customer(store, "Anna Laine", today=TODAY, member="Aino").id
    service.log(store, anna, "purchase", date(2026, 11, 2), today=TODAY, member=" aino ")
    service.log(colleague, anna, "contact", date(2026, 11, 3), today=TODAY, member="AINO")
    assert {e.logged_by for e in store.events_of(anna)} == {"Aino"}
    assert [f.member for f in store.due_followups(TODAY, days=30, member="aino")] == ["Aino"]


def test_a_postgresql_connection_says_whose_it_is(location, store, colleague):
    if not location.startswith("postgresql"):
        pytest.skip("application_name is PostgreSQL's")
    service.customer_card(colleague, service.add_customer(store, "Anna", today=TODAY).id, TODAY)
    with colleague.engine.connect() as connection:
        names = connection.exec_driver_sql(
            "SELECT application_name FROM pg_stat_activity WHERE datname = current_database()"
        ).scalars()
        assert "ladder Pekka" in set(names)
