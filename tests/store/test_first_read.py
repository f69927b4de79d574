"""The app's first read, straight through the driver, gives the morning view the
store gives after settling, and steps aside whenever the store has work to do."""

from __future__ import annotations

from datetime import date, timedelta

import ladder
from data import service
from data.demo import demo_coop
from data.sql.first_read import read_morning
from data.store import Store
from ladder import default_rulebook, default_rules_text
from tests.conftest import TODAY

VIEW = {"moves": 14, "rows": 300}


def _coop(location: str) -> Store:
    store = Store.open(location, default_rulebook(), TODAY)
    store.add_histories(demo_coop(TODAY), TODAY, member="Liisa")
    return store


def test_the_first_read_is_the_morning_view_the_store_gives(location):
    store = _coop(location)
    for member in (None, "Liisa"):
        settled = service.morning(store, TODAY, member=member, **VIEW)
        first = read_morning(location, store.rules, TODAY, member=member, **VIEW)
        assert first == settled
        assert first.due and first.moves and sum(c.count for c in first.ladder) == 60
    few = read_morning(location, store.rules, TODAY, member=None, moves=3, rows=5)
    assert few == service.morning(store, TODAY, member=None, moves=3, rows=5)
    store.close()


def test_the_first_read_steps_aside_when_the_store_has_work_to_do(location, tmp_path):
    store = _coop(location)
    service.morning(store, TODAY, member=None, **VIEW)  # settled for TODAY
    later = TODAY + timedelta(days=40)  # lapses and greetings wait for this day's settle
    assert read_morning(location, store.rules, later, member=None, **VIEW) is None
    changed = ladder.parse_rulebook(default_rules_text().replace("positives = 2", "positives = 1"))
    assert read_morning(location, changed, TODAY, member=None, **VIEW) is None  # re-derive due
    assert read_morning(str(tmp_path / "none.db"), store.rules, TODAY, member=None, **VIEW) is None
    assert not (tmp_path / "none.db").exists()  # looking made no file
    store.close()


def test_a_new_day_is_read_once_settled(location):
    store = _coop(location)
    tomorrow = TODAY + timedelta(days=1)
    settled = service.morning(store, tomorrow, member=None, **VIEW)
    assert read_morning(location, store.rules, tomorrow, member=None, **VIEW) == settled
    assert read_morning(location, store.rules, date(2027, 6, 1), member=None, **VIEW) is None
    store.close()
