"""The search index: what it finds, and what it keeps alive."""

from __future__ import annotations

import gc
import weakref
from datetime import date
from unittest.mock import patch

from hypothesis import example, given, settings
from hypothesis import strategies as st

from data.records import CustomerSummary
from ladder import Rung
from ladder.phones import search_digits, typed_digits
from ladder.text import search_words
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


def _one_by_one(customers: list[CustomerSummary], text: str) -> list[int]:
    """What the search means, customer by customer, the text read each time: every
    word of the text in the customer's words, or its digits typed as a phone number
    in the phone's."""
    found = []
    for c in customers:
        typed = typed_digits(text)
        digits = search_digits(c.phone)
        words = search_words(f"{c.name} {c.organisation} {c.email} {c.tags}")
        if (typed is not None and typed in digits) or all(
            word in words for word in search_words(text).split()
        ):
            found.append(c.id)
    return found


_LETTERS = st.sampled_from(["a", "ä", "Ä", "n", "i", "k", "0", "4", "9", " ", "+", "-", "é", "s"])
_TEXT = st.lists(_LETTERS, max_size=8).map("".join)


@settings(max_examples=300, deadline=None)
@given(
    names=st.lists(_TEXT, min_size=1, max_size=12),
    phones=st.lists(st.sampled_from(["", "+358409033298", "040 903 32", "+4670123"]), max_size=12),
    typing=st.lists(_TEXT, min_size=1, max_size=6),
)
# Hypothesis found both: `40` matched nobody by words, and `409`, a phone number now,
# was looked for only among those; `040+` (no phone number) was read as its words,
# `040`, and that as a phone number.
@example(names=[""], phones=["+358409033298"], typing=["409"])
@example(names=[""], phones=["+358409033298"], typing=["040+"])
def test_the_search_finds_what_reading_each_customer_finds(names, phones, typing):
    """Typed keystroke by keystroke (narrowing from the last matches, or starting
    again), the index finds the customers a one-by-one reading finds, in order."""
    customers = [
        CustomerSummary(
            i, name, Rung.ASIAKAS, 1.0, False, None, phone=phones[i] if i < len(phones) else ""
        )
        for i, name in enumerate(names)
    ]
    with patch("tui.customer_index.collector.keep"):  # the collector is not the question
        index = CustomerIndex(customers)
    for text in typing:
        for end in range(len(text) + 1):
            shown = [c.id for c in index.search(text[:end])]
            assert shown == _one_by_one(customers, text[:end])
