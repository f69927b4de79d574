"""Fixtures the store's tests share."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from data.demo import demo_coop
from data.store import Store
from ladder import default_rulebook
from tests.conftest import TODAY


@pytest.fixture
def settled_coop(location: str) -> Iterator[tuple[str, Store]]:
    """The demo co-op, settled for today: where it lives, and its store open on it."""
    store = Store.open(location, default_rulebook(), TODAY)
    store.add_histories(demo_coop(TODAY), TODAY, member="Liisa")
    store.settle(TODAY)
    yield location, store
    store.close()
