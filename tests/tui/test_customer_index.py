"""The search index: what it finds, and what it keeps alive."""

from __future__ import annotations

import gc
import weakref
from datetime import date

from data.records import CustomerSummary
from ladder import Rung
from tui.customer_index import CustomerIndex


def _customer(id_: int, name: str, rung: Rung = Rung.ASIAKAS) -> CustomerSummary:
    return CustomerSummary(id_, name, rung, 1.0, False, date(2026, 1, 1), f"{id_}@osuus.fi")


class _Screen:
    """Stands for a closed screen: objects that point at each other, then forgotten."""


def test_loading_freezes_the_customers_but_not_what_is_already_dead():
    closed = _Screen()
    closed.me = closed
    gone = weakref.ref(closed)
    del closed
    try:
        index = CustomerIndex([_customer(1, "Anna Virtanen"), _customer(2, "Matti")])
        gc.collect()
        assert gone() is None
        assert [c.id for c in index.search("anna")] == [1]
    finally:
        gc.unfreeze()


def test_typing_on_narrows_within_a_rung_and_deleting_widens():
    index = CustomerIndex(
        [_customer(1, "Anna"), _customer(2, "Anneli", Rung.LOJALISTI), _customer(3, "Antti")]
    )
    assert [c.id for c in index.search("an")] == [1, 2, 3]
    assert [c.id for c in index.search("ann")] == [1, 2]
    assert [c.id for c in index.search("ann", rung=Rung.LOJALISTI)] == [2]
    assert [c.id for c in index.search("a")] == [1, 2, 3]
    assert index.by_id(3).name == "Antti" and index.by_id(9) is None
