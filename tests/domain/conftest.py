"""Shared helpers for the domain tests: a rulebook and a terse event maker."""

from __future__ import annotations

from datetime import date
from itertools import count

import pytest

from ladder import Event, Rulebook, default_rulebook

RULES = default_rulebook()


@pytest.fixture
def rules() -> Rulebook:
    return RULES


class History:
    """Builds a customer's events in entry order, as members would log them."""

    def __init__(self) -> None:
        self.events: list[Event] = []
        self._ids = count(1)

    def log(self, kind: str, on: date, *, emotional: bool | None = None, note: str = "") -> Event:
        if emotional is None:
            emotional = RULES.kinds[kind].emotional
        event = Event(next(self._ids), kind, on, emotional, note, "anna")
        self.events.append(event)
        return event


@pytest.fixture
def history() -> History:
    return History()
