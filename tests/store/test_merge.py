"""Two records of one person made one, and parted again by an undo."""

from __future__ import annotations

from datetime import date

import pytest

from data import service
from data.errors import ChangedMeanwhile
from data.store import NotFound, Store
from ladder import Rung
from tests.conftest import TODAY


def _two_annas(store: Store) -> tuple[int, int]:
    kept = service.add_customer(
        store,
        "Anna Laine",
        today=TODAY,
        member="Liisa",
        email="anna@example.fi",
        notes="Kahvi mustana",
    ).id
    gone = service.add_customer(
        store,
        "Anna Laine",
        today=TODAY,
        member="Aino",
        phone="040 123 4567",
        notes="Soita iltaisin",
        tags="vip",
        allow_duplicate=True,
    ).id
    service.log(store, kept, "purchase", date(2026, 10, 1), today=TODAY, member="Liisa")
    service.log(store, gone, "referral", date(2026, 10, 5), today=TODAY, member="Aino")
    logged = service.log(store, gone, "purchase", date(2026, 11, 2), today=TODAY, member="Aino")
    (call,) = [f for f in logged.created if f.rule == "aftermarketing"]
    service.done(store, call.id, TODAY, kind="aftermarketing_call", member="Aino")
    return kept, gone


def test_a_merge_moves_everything_and_fills_what_was_empty(store):
    kept, gone = _two_annas(store)
    merged = service.merge_customers(store, kept, gone, TODAY, member="Liisa")
    assert (len(merged.events), set(merged.filled)) == (3, {"phone", "notes", "tags"})
    with pytest.raises(NotFound):
        service.customer(store, gone)
    card = service.customer_card(store, kept, TODAY)
    assert [e.kind for e in card.events] == [
        "purchase",
        "referral",
        "purchase",
        "aftermarketing_call",
    ]
    assert card.rung is Rung.ASIAKAS  # derived afresh from all four
    info = card.info
    assert (info.email, info.phone, info.tags) == ("anna@example.fi", "+358401234567", "vip")
    assert info.notes == "Kahvi mustana\nSoita iltaisin"
    export = service.export_customer(store, kept, TODAY)
    done = {f.id: f for f in export["followups"] if f.state == "done"}
    assert merged.followups[0][0] in done  # what Aino did came along
    assert {e.logged_by for e in export["events"]} == {"Liisa", "Aino"}


def test_undo_parts_them_as_they_were(store):
    kept, gone = _two_annas(store)
    before = [service.customer_card(store, c, TODAY) for c in (kept, gone)]
    merged = service.merge_customers(store, kept, gone, TODAY, member="Liisa")
    service.undo_merge(merged)(store, TODAY, "Liisa")
    after = [service.customer_card(store, c, TODAY) for c in (kept, gone)]
    for was, now in zip(before, after, strict=True):
        assert [(e.id, e.kind) for e in now.events] == [(e.id, e.kind) for e in was.events]
        assert (now.rung, now.info.name, now.info.phone, now.info.notes) == (
            was.rung,
            was.info.name,
            was.info.phone,
            was.info.notes,
        )


def test_undo_of_a_merge_a_colleague_has_since_changed_is_refused(store):
    kept, gone = _two_annas(store)
    merged = service.merge_customers(store, kept, gone, TODAY, member="Liisa")
    service.edit_customer(store, kept, TODAY, member="Pekka", address="Kotitie 1")
    with pytest.raises(ChangedMeanwhile) as refused:
        service.undo_merge(merged)(store, TODAY, "Liisa")
    assert refused.value.who == "Pekka"
    assert len(service.customer_card(store, kept, TODAY).events) == 4
