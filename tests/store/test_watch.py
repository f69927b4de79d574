"""An open app hears every colleague's write (data.watch), on SQLite and PostgreSQL,
and a done on a follow-up a colleague closed a moment ago still logs the contact."""

from __future__ import annotations

import time
from datetime import date

import pytest

from data import service
from data.store import Store
from ladder import default_rulebook
from tests.conftest import TODAY


def _heard(watch) -> bool:
    deadline = time.monotonic() + 2
    while time.monotonic() < deadline:
        if watch.changed():
            return True
        time.sleep(0.01)
    return False


def test_a_watch_hears_each_colleagues_write_once(location):
    mine = Store.open(location, default_rulebook(), TODAY, member="Aino")
    theirs = Store.open(location, default_rulebook(), TODAY, member="Pekka")
    watch = service.watch_changes(mine)
    try:
        assert watch.changed() is False  # nothing yet
        anna = service.add_customer(theirs, "Anna", today=TODAY).id
        assert _heard(watch) and watch.changed() is False  # heard once
        service.customer_card(theirs, anna, TODAY)  # a read is no change
        time.sleep(0.05)
        assert watch.changed() is False
        service.log(theirs, anna, "purchase", date(2026, 11, 1), today=TODAY)
        assert _heard(watch)
    finally:
        watch.close()
        mine.close()
        theirs.close()


def test_a_done_after_a_colleagues_close_logs_the_call_and_says_who(location):
    mine = Store.open(location, default_rulebook(), TODAY, member="Aino")
    theirs = Store.open(location, default_rulebook(), TODAY, member="Pekka")
    try:
        anna = service.add_customer(mine, "Anna", today=TODAY).id
        service.log(mine, anna, "purchase", date(2026, 11, 1), today=TODAY)
        (due,) = service.due(mine, TODAY, days=30)
        service.dismiss(theirs, due.id, TODAY, member="Pekka")
        change = service.done(
            mine, due.id, TODAY, kind="aftermarketing_call", member="Aino", note="soitin"
        )
        assert change.closed_before_by == "Pekka" and change.logged is not None
        assert change.followup.state == "dismissed"  # Pekka's dismiss stands
        notes = [e.note for e in service.customer_card(mine, anna, TODAY).events]
        assert "soitin" in notes
        service.undo_followup_change(change)(mine, TODAY, "Aino")
        assert "soitin" not in [e.note for e in service.customer_card(mine, anna, TODAY).events]
        assert service.followup(theirs, due.id, TODAY).state == "dismissed"
    finally:
        mine.close()
        theirs.close()


def test_a_reader_during_a_colleagues_re_derive_is_told_how_far_it_is(tmp_path):
    from data.store.db import make_engine
    from ladder import default_rules_text, parse_rulebook
    from tests.conftest import applied_not_derived

    path = str(tmp_path / "ladder.db")
    store = Store.open(path, default_rulebook(), TODAY)
    for i in range(10):
        service.add_customer(store, f"Asiakas {i}", today=TODAY)
    assert service.rederive_under_way(store) is None
    store.close()
    changed = parse_rulebook(default_rules_text().replace("positives = 2", "positives = 1"))
    applied_not_derived(path, changed)
    half = Store(make_engine(path), changed)  # a colleague's re-derive, cut short half-way

    def stop_half_way(done: int, total: int) -> None:
        if done >= total // 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        half.rederive_all(TODAY, stop_half_way, only_if_stale=True, batch=5)
    assert service.rederive_under_way(half) == 50
    half.close()


def test_an_open_store_follows_a_rulebook_a_colleague_applied_meanwhile(location):
    from data.errors import StoreError
    from ladder import default_rules_text, parse_rulebook

    mine = Store.open(location, default_rulebook(), TODAY, member="Aino")  # the app, open
    theirs = Store.open(location, default_rulebook(), TODAY, member="Beth")
    anna = service.add_customer(mine, "Anna", today=TODAY).id
    text = default_rules_text()
    purchase = text.index("[kinds.purchase]")
    weight = text.index("weight = 1", purchase)
    doubled = parse_rulebook(text[:weight] + "weight = 2" + text[weight + len("weight = 1") :])
    assert doubled.kinds["purchase"].weight == 2
    service.apply_rules(theirs, doubled, TODAY, member="Beth")
    service.log(mine, anna, "purchase", TODAY, today=TODAY)
    assert mine.rules == doubled  # the open store follows the co-op's rulebook now
    assert service.customer_card(theirs, anna, TODAY).score == 2.0
    start = text.index("[kinds.wow]")
    without_wow = parse_rulebook(text[:start] + text[text.index("[kinds.referral]") :])
    service.apply_rules(theirs, without_wow, TODAY, member="Beth")
    with pytest.raises((StoreError, ValueError), match="wow"):
        service.log(mine, anna, "wow", TODAY, today=TODAY)  # a kind the co-op dropped
    assert service.customer_card(theirs, anna, TODAY).rung is not None  # nobody locked out
    mine.close()
    theirs.close()
