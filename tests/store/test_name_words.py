"""A name is found by the start of any of its words through `customer_word`
(migration 0013), which the triggers keep equal to the names however they are
written: added, renamed, merged, imported or erased, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from data import service
from data.demo import demo_coop
from data.sql import card_sql
from data.store import Store, rows
from ladder import default_rulebook
from ladder.text import search_words
from tests.conftest import TODAY

LETTERS = "aäoöeiu_zAÄÖ-'. 1"
NAMES = st.text(alphabet=LETTERS, min_size=1, max_size=14).filter(lambda n: n.strip())
WORDS = st.text(alphabet="aäoöeiu_z1", min_size=1, max_size=3)


@pytest.fixture
def shop(location):
    store = Store.open(location, default_rulebook(), TODAY)
    yield store
    store.close()


def _words_and_names(store: Store) -> tuple[set[tuple[str, int]], dict[int, str]]:
    with store.read() as session:
        run, _ = rows.runner(session)
        stored = {(word, customer) for word, customer in run("SELECT * FROM customer_word", {})}
        keys = dict(run("SELECT id, name_key FROM customer", {}))
    return stored, keys


def _named(store: Store, text: str) -> list[int]:
    with store.read() as session:
        run, _ = rows.runner(session)
        return card_sql.named(run, text, store.country)


def _fits(key: str, typed: str) -> bool:
    """The rule as a member reads it: every typed word starts a word of the name."""
    return all(any(w.startswith(t) for w in key.split()) for t in search_words(typed).split())


@given(
    names=st.lists(NAMES, min_size=1, max_size=6),
    renames=st.lists(st.tuples(st.integers(0, 5), NAMES), max_size=3),
    merges=st.lists(st.tuples(st.integers(0, 5), st.integers(0, 5)), max_size=2),
    erased=st.lists(st.integers(0, 5), max_size=2),
    searched=st.lists(st.lists(WORDS, min_size=1, max_size=2).map(" ".join), max_size=4),
)
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_every_name_is_found_by_its_words_starts_however_it_was_written(
    shop, names, renames, merges, erased, searched
):
    ids = [service.add_customer(shop, name, today=TODAY, allow_duplicate=True).id for name in names]
    for index, name in renames:
        if index < len(ids):
            service.edit_customer(shop, ids[index], TODAY, name=name, allow_duplicate=True)
    for kept, gone in merges:
        if kept < len(ids) and gone < len(ids) and ids[kept] != ids[gone]:
            service.merge_customers(shop, ids[kept], ids[gone], TODAY, member="Liisa")
            ids[gone] = ids[kept]
    for index in erased:
        if index < len(ids) and ids[index] in _words_and_names(shop)[1]:
            service.erase_customer(shop, ids[index], member="Liisa")
    stored, keys = _words_and_names(shop)
    assert stored == {(word, i) for i, key in keys.items() for word in key.split()}
    for typed in [*searched, *names]:
        if any(c.isalpha() for c in typed):  # not a number or a phone
            assert _named(shop, typed) == sorted(i for i, key in keys.items() if _fits(key, typed))


def test_a_word_s_start_is_a_range_not_a_pattern(shop):
    """LIKE's wildcards and the last letters of the alphabet are letters like others."""
    for name in ("Anna_Liisa Öhman", "Annaliisa Ohman", "Zoë Åberg", "Åke Öörni"):
        service.add_customer(shop, name, today=TODAY, allow_duplicate=True)
    found = {text: _named(shop, text) for text in ("anna_", "annal", "öö", "ö", "åk", "zo", "ohm")}
    assert found == {
        "anna_": [1],
        "annal": [2],
        "öö": [4],
        "ö": [1, 2, 4],  # without diacritics: o
        "åk": [4],
        "zo": [3],
        "ohm": [1, 2],
    }


def test_the_words_of_imported_histories_are_found(shop):
    shop.add_histories(demo_coop(TODAY - timedelta(days=1)), TODAY, member="Liisa")
    stored, keys = _words_and_names(shop)
    assert keys and stored == {(w, i) for i, key in keys.items() for w in key.split()}
