"""The garbage-collector policy, in one place.

Ladder makes many long-lived objects at once (a search index over 100,000
customers, a re-derive's million events), and each full pass of Python's
cyclic collector walks every one of them again: 0.1 s landing on a keystroke,
a tenth of a re-derive. Reference counting frees everything Ladder makes
(no cycles are relied on to go), so the policy is:

- at start-up, once everything imported is loaded, freeze it (`started`);
- what a screen keeps for its lifetime is frozen when it is built (`keep`);
- a block that makes millions of lasting objects runs with the collector
  paused (`paused`).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


def started() -> None:
    """Everything loaded by start-up lives for the session: out of the collector's sight."""
    gc.freeze()


def keep() -> None:
    """What was just built lives long: collect first (15 ms), so that a closed
    screen's cycles are not kept forever, then freeze the rest."""
    gc.collect()
    gc.freeze()


@contextmanager
def paused() -> Iterator[None]:
    """The cyclic collector off for a block that makes millions of lasting objects."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
