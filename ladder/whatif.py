"""What-if: how a different rulebook would rearrange the same customers."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date

from ladder.events import Event
from ladder.fold import evaluate, fold
from ladder.rulebook import Rulebook
from ladder.rungs import Rung


def whatif(
    histories: Iterable[Sequence[Event]],
    current: Rulebook,
    proposed: Rulebook,
    as_of: date,
) -> Counter[tuple[Rung, Rung]]:
    """Count customers by (rung now, rung under `proposed`), stays included.

    Every history must use only kinds that both rulebooks know.
    """
    moves: Counter[tuple[Rung, Rung]] = Counter()
    for events in histories:
        now = evaluate(fold(events, current), as_of, current).rung
        then = evaluate(fold(events, proposed), as_of, proposed).rung
        moves[(now, then)] += 1
    return moves
