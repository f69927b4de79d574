"""The plain path knows the rulebook in force by the fingerprint its row keeps
(`data.sql.in_force`), parsing the text only when a read needs the rules: it
must step aside exactly where the store would do work or refuse, on SQLite and
PostgreSQL."""

from __future__ import annotations

import pytest

import ladder
from data import service
from data.errors import RulesDiffer
from data.sql import plain
from data.sql.in_force import InForce, held_in_force
from data.sql.settled import settled_reading
from data.store import Store
from ladder import default_rules_text
from tests.conftest import TODAY

STRICTER = default_rules_text().replace("positives = 2", "positives = 1")
REWORDED = default_rules_text().replace('label_en = "Purchase"', 'label_en = "Shopping"')


@pytest.fixture
def coop(settled_coop):
    return settled_coop


def _held(location: str) -> InForce | None:
    with plain.reading(location) as db:
        return held_in_force(db.run, None, chosen=False)


def test_the_kept_fingerprint_is_that_of_the_kept_text_after_each_new_rulebook(coop):
    location, store = coop
    for text in (STRICTER, REWORDED):
        service.apply_rules(store, ladder.parse_rulebook(text), TODAY, member="Liisa")
        held = _held(location)
        assert held is not None and held.fingerprint == held.rules().fingerprint
        assert held.rules() == store.rules


def test_a_file_worded_otherwise_is_refused_by_both_paths(coop):
    location, store = coop
    reworded = ladder.parse_rulebook(REWORDED)
    assert reworded.fingerprint == store.rules.fingerprint  # wording is not derived from
    with settled_reading(location, reworded, TODAY, chosen=True, country="FI") as settled:
        assert settled is None  # the store opens, and refuses it
    with pytest.raises(RulesDiffer):
        Store.open(location, reworded, TODAY, chosen=True).close()
    same = ladder.parse_rulebook(default_rules_text())
    with settled_reading(location, same, TODAY, chosen=True, country="FI") as settled:
        assert settled is not None and settled.rules == store.rules


def test_the_rules_are_parsed_only_when_a_read_needs_them(coop):
    location, store = coop
    with settled_reading(location, None, TODAY, chosen=False, country="FI") as settled:
        assert settled is not None and "rules" not in vars(settled)
        assert settled.pipeline() == service.pipeline(store, TODAY)
        assert "rules" not in vars(settled)
        assert settled.rules == store.rules
