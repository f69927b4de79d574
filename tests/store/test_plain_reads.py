"""The read commands' plain path (`data.sql.settled`, the driver without the ORM)
reads what the store's use cases read, on SQLite and PostgreSQL, and steps aside
whenever the store has work to do first."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ladder
from data import service
from data.errors import DatabaseError, StoreError
from data.sql import plain
from data.sql.plain import spread
from data.sql.settled import Settled, settled_reading
from data.store import Store
from ladder import Rung, default_rulebook, default_rules_text
from ladder.insights import Period
from tests.conftest import TODAY

EXAMPLES = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _settled(location: str, store: Store, today=TODAY, *, chosen: bool = False):
    return settled_reading(location, store.rules, today, chosen=chosen, country=store.country)


@pytest.fixture
def coop(settled_coop):
    return settled_coop


def _read(coop, read):
    location, store = coop
    with _settled(location, store) as settled:
        assert isinstance(settled, Settled)
        return read(settled)


@given(days=st.integers(0, 400), mine=st.booleans())
@EXAMPLES
def test_the_streamed_list_is_the_list_the_store_reads(coop, days, mine):
    _location, store = coop
    member = "liisa" if mine else None
    listed = service.due(store, TODAY, days=days, member=member)
    assert _read(coop, lambda s: list(s.due(days=days, member=member))) == listed
    later = service.due_later(store, TODAY, days=days, member=member)
    assert _read(coop, lambda s: s.due_later(days=days, member=member)) == later


NAMES = st.text(st.characters(codec="utf-8", categories=["L", "N", "Zs", "P"]), min_size=1)


@given(names=st.lists(NAMES.filter(str.strip), min_size=2, max_size=6))
@EXAMPLES
def test_names_are_streamed_in_the_order_the_list_sorts_them(location, names):
    """`ä`, `Z`, `a`, `Ø`: the database orders them as Python compares them."""
    store = Store.open(location, default_rulebook(), TODAY)
    try:
        for name in names:
            info = service.add_customer(store, name, today=TODAY, allow_duplicate=True)
            service.add_followup(store, info.id, TODAY, "Soita", today=TODAY)
        store.settle(TODAY)
        with _settled(location, store) as settled:
            assert settled is not None
            assert list(settled.due()) == service.due(store, TODAY)
    finally:
        store.close()


@given(
    rung=st.sampled_from([None, *Rung]),
    at_risk=st.sampled_from([None, True, False]),
    search=st.sampled_from(["", "a", "nen", "040", "@", "ö", "[", "laine anna"]),
)
@EXAMPLES
def test_the_customer_list_is_the_list_the_store_reads(coop, rung, at_risk, search):
    _location, store = coop
    listed = service.list_customers(store, TODAY, rung=rung, search=search, at_risk=at_risk)
    found = _read(coop, lambda s: list(s.list_customers(rung=rung, search=search, at_risk=at_risk)))
    assert found == listed


def test_the_ladder_and_the_report_are_the_store_s(coop):
    _location, store = coop
    assert _read(coop, lambda s: s.pipeline()) == service.pipeline(store, TODAY)
    period, which = service.default_period(store, TODAY)
    assert _read(coop, lambda s: s.default_period()) == (period, which)
    figures = service.insights(store, period, TODAY)
    assert _read(coop, lambda s: s.insights(period)) == figures
    too_long = Period(TODAY - timedelta(days=4000), TODAY)
    with pytest.raises(StoreError):
        _read(coop, lambda s: s.insights(too_long))


def test_the_plain_path_steps_aside_when_the_store_has_work_to_do(coop, tmp_path):
    location, store = coop
    later = TODAY + timedelta(days=40)  # lapses and greetings wait for this day's settle
    with _settled(location, store, later) as settled:
        assert settled is None
    changed = ladder.parse_rulebook(default_rules_text().replace("positives = 2", "positives = 1"))
    with settled_reading(location, changed, TODAY, chosen=True, country="FI") as settled:
        assert settled is None  # a file that is not the co-op's: the store refuses it
    with settled_reading(location, changed, TODAY, chosen=False, country="FI") as settled:
        assert settled is not None and settled.rules == store.rules  # the co-op's, as the store
    nowhere = str(tmp_path / "none.db")
    with settled_reading(nowhere, store.rules, TODAY, chosen=False, country="FI") as settled:
        assert settled is None
    assert not (tmp_path / "none.db").exists()  # looking made no file


def test_a_list_given_for_a_parameter_is_spread_over_in():
    sql, values = spread("SELECT 1 WHERE a IN :states AND b = :b", {"states": ["x", "y"], "b": 1})
    assert sql == "SELECT 1 WHERE a IN (:states_0, :states_1) AND b = :b"
    assert values == {"states_0": "x", "states_1": "y", "b": 1}


def _same_or_same_error(store_read, plain_read):
    """Both give the same answer, or refuse with the same error and words."""
    try:
        expected = store_read()
    except StoreError as exc:
        with pytest.raises(type(exc)) as refused:
            plain_read()
        assert str(refused.value) == str(exc)
        return
    assert plain_read() == expected


TYPED = ("1", "#2", "60", "61", "0", "99999999999999999999", "anna", "laine", "nen a", "[/]")
TYPED += ("040", "0401234567", "@example", "x@y.fi", "ä", "_", "%")


@given(typed=st.sampled_from(TYPED))
@EXAMPLES
def test_a_customer_is_found_and_shown_as_the_store_finds_and_shows_them(coop, typed):
    _location, store = coop
    _same_or_same_error(
        lambda: service.find_customer(store, typed),
        lambda: _read(coop, lambda s: s.find_customer(typed)),
    )


def test_every_card_is_the_card_the_store_shows(coop):
    """The standing folded from the events is the one the store keeps."""
    _location, store = coop
    everyone = service.list_customers(store, TODAY)
    cards = _read(coop, lambda s: [s.customer_card(c.id) for c in everyone])
    assert cards == [service.customer_card(store, c.id, TODAY) for c in everyone]
    assert any(card.transitions and card.followups for card in cards)


def test_a_driver_s_failure_is_said_as_the_store_says_it(coop):
    """One line (`errors.DatabaseError`), never the driver's traceback."""
    location, _store = coop
    for read in ("run", "stream"):
        with plain.reading(location) as db, pytest.raises(DatabaseError, match="database error"):
            list(getattr(db, read)("SELECT nothing FROM nowhere", {}))
