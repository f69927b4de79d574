"""Properties of the fold that must hold for every history, not just the stories."""

from __future__ import annotations

import itertools
import random
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from ladder import Event, Reason, Rung, evaluate, fold, step
from tests.domain.conftest import RULES

START = date(2024, 1, 1)
KINDS = sorted(RULES.kinds)
NEGATIVE = sorted(k for k, v in RULES.kinds.items() if v.weight < 0)


@st.composite
def histories(draw, min_size: int = 0, max_size: int = 40) -> list[Event]:
    """Events in entry order with dates that may repeat or go backwards (back-dating)."""
    size = draw(st.integers(min_size, max_size))
    events = []
    for entry in range(1, size + 1):
        kind = draw(st.sampled_from(KINDS))
        offset = draw(st.integers(0, 900))
        emotional = draw(st.booleans()) or RULES.kinds[kind].emotional
        events.append(Event(entry, kind, START + timedelta(days=offset), emotional))
    return events


@given(histories())
def test_stepping_one_event_at_a_time_equals_a_full_replay(events):
    state = fold([], RULES)
    for event in sorted(events, key=lambda e: e.order):
        state = step(state, event, RULES)
    assert state == fold(events, RULES)


@given(histories(min_size=1), st.data())
def test_an_incremental_step_after_a_stored_prefix_equals_a_replay(events, data):
    ordered = sorted(events, key=lambda e: e.order)
    cut = data.draw(st.integers(0, len(ordered) - 1))
    prefix = fold(ordered[:cut], RULES)
    for event in ordered[cut:]:
        prefix = step(prefix, event, RULES)
    assert prefix == fold(events, RULES)


@given(histories(), st.randoms(use_true_random=False))
def test_the_fold_does_not_depend_on_the_order_events_arrive(events, rnd: random.Random):
    shuffled = list(events)
    rnd.shuffle(shuffled)
    assert fold(shuffled, RULES) == fold(events, RULES)


@given(histories(min_size=1), st.sampled_from(NEGATIVE), st.booleans())
def test_one_negative_moves_a_resilient_customer_at_most_one_rung(events, kind, emotional):
    state = fold(events, RULES)
    if state.rung not in RULES.resilient:
        return
    last_day, last_id = state.last_event
    after = step(state, Event(last_id + 1, kind, last_day, emotional), RULES)
    assert after.rung >= state.rung - 1
    assert after.transitions[-1].reason in {Reason.ABSORBED, Reason.DEMOTED} or (
        after.rung == state.rung
    )


@given(histories(min_size=1), st.sampled_from(NEGATIVE), st.booleans())
def test_a_qualifying_negative_on_a_fragile_rung_lands_on_kuluttaja(events, kind, emotional):
    state = fold(events, RULES)
    last_day, last_id = state.last_event
    effect = RULES.kinds[kind].weight * (RULES.emotional_multiplier if emotional else 1)
    if state.rung not in RULES.fragile or effect > RULES.break_at:
        return
    after = step(state, Event(last_id + 1, kind, last_day, emotional), RULES)
    assert (after.rung, after.score) == (Rung.KULUTTAJA, 0)
    assert after.transitions[-1].reason is Reason.BROKEN


@settings(max_examples=50)
@given(histories(min_size=1), st.lists(st.integers(0, 3000), min_size=2, max_size=6))
def test_without_events_score_and_rung_only_go_down(events, offsets):
    state = fold(events, RULES)
    last = state.last_event_on
    standings = [evaluate(state, last + timedelta(days=d), RULES) for d in sorted(offsets)]
    for earlier, later in itertools.pairwise(standings):
        assert abs(later.score) <= abs(earlier.score)
        assert later.rung <= earlier.rung
