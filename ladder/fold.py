"""The fold: from a customer's events to their place on the ladder.

`CustomerState` is the state settled at the customer's last event. `step`
applies one more event to it; `fold` is `step` over the whole history, so an
incremental step and a full replay are the same arithmetic and agree exactly.
Time after the last event is read with `evaluate`, which decays the score to a
date and walks the customer down the rungs it lapses through on the way.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import lru_cache
from operator import attrgetter
from typing import NamedTuple

from ladder.events import Event, Reason, Transition
from ladder.rulebook import Rulebook
from ladder.rungs import Rung


class BreakSnapshot(NamedTuple):
    """What a break took away, kept so that a prompt recovery can give it back.

    A named tuple, as `Transition` is: a replay makes one at every break.
    """

    on: date
    score: float
    positives: int
    emotional_positives: int
    referrals: int


@dataclass(slots=True)
class CustomerState:
    """A customer's standing as settled by their last event."""

    rung: Rung = Rung.KULUTTAJA
    score: float = 0.0
    last_event: tuple[date, int] | None = None
    events: int = 0
    positives: int = 0
    emotional_positives: int = 0
    referrals: int = 0
    negatives: int = 0
    last_negative_on: date | None = None
    broken: BreakSnapshot | None = None
    transitions: list[Transition] = field(default_factory=list)

    @property
    def last_event_on(self) -> date | None:
        return self.last_event[0] if self.last_event else None

    def copy(self) -> CustomerState:
        return replace(self, transitions=list(self.transitions))


@dataclass(frozen=True, slots=True)
class Standing:
    """A customer's place as of a date, with every transition up to it."""

    as_of: date
    rung: Rung
    score: float
    at_risk: bool
    state: CustomerState
    transitions: tuple[Transition, ...]


@dataclass(frozen=True, slots=True)
class Outlook:
    """What time alone will do after the last event: lapses and the at-risk window."""

    lapses: tuple[Transition, ...]
    at_risk_from: date | None
    at_risk_until: date | None


class OutOfOrder(ValueError):
    """An event older than the state it is stepped onto: replay the history instead."""


def decayed(score: float, days: int, rules: Rulebook) -> float:
    """`score` after `days` without events: it halves every half-life."""
    if days <= 0 or score == 0:
        return score
    return score * _left_after(days, rules.half_life_days)


def _left_after(days: int, half_life_days: float) -> float:
    """What is left of a score after `days` without events."""
    return math.pow(0.5, days / half_life_days)


@lru_cache(maxsize=8)
def _left_after_each_day(half_life_days: float) -> tuple[float, ...]:
    """`_left_after` for every quiet spell up to ten years, for the fold's loop to index."""
    return tuple(_left_after(days, half_life_days) for days in range(3653))


def fold(events: Iterable[Event], rules: Rulebook, *, in_order: bool = False) -> CustomerState:
    """Replay a whole history into the state at its last event.

    The events may come in any order; a caller that reads them in order (by
    date, then entry, as the store does) says `in_order` and saves the sort,
    a sixth of a replay.
    """
    state = CustomerState()
    _apply(state, events if in_order else sorted(events, key=order_of), rules)
    return state


order_of = attrgetter("on", "id")  # how events are taken: by date, then entry


def step(state: CustomerState, event: Event, rules: Rulebook) -> CustomerState:
    """The state after one more event, which must come after every event so far."""
    if state.last_event is not None and event.order <= state.last_event:
        raise OutOfOrder(f"event {event.id} on {event.on} is not after the last one")
    new = state.copy()
    _apply(new, (event,), rules)
    return new


def evaluate(state: CustomerState, as_of: date, rules: Rulebook) -> Standing:
    """The customer's standing on `as_of`, decay and lapses included."""
    outlook = project(state, rules)
    lapses = tuple(t for t in outlook.lapses if t.on <= as_of)
    rung = lapses[-1].to_rung if lapses else state.rung
    last = state.last_event_on
    score = decayed(state.score, (as_of - last).days, rules) if last else state.score
    at_risk = (
        outlook.at_risk_from is not None
        and outlook.at_risk_from <= as_of
        and (outlook.at_risk_until is None or as_of < outlook.at_risk_until)
    )
    return Standing(
        as_of=as_of,
        rung=rung,
        score=score,
        at_risk=at_risk,
        state=state,
        transitions=(*state.transitions, *lapses),
    )


def project(state: CustomerState, rules: Rulebook) -> Outlook:
    """Every lapse decay will cause if no event comes, and when they fall at risk."""
    last = state.last_event_on
    if last is None:
        return Outlook((), None, None)
    lapses = _lapses(state.rung, state.score, last, None, rules)
    at_risk_from = last + timedelta(days=rules.at_risk_after_days)
    rung_then = state.rung
    at_risk_until = None
    for lapse in lapses:
        if lapse.on <= at_risk_from:
            rung_then = lapse.to_rung
        elif at_risk_until is None and lapse.to_rung not in rules.resilient:
            at_risk_until = lapse.on
    if rung_then not in rules.resilient:
        return Outlook(lapses, None, None)
    return Outlook(lapses, at_risk_from, at_risk_until)


def _lapses(
    rung: Rung, score: float, since: date, until: date | None, rules: Rulebook
) -> tuple[Transition, ...]:
    """The lapse transitions from (rung, score) at `since`, up to `until` if given."""
    found: list[Transition] = []
    while rung > Rung.KULUTTAJA:
        days = _days_below(score, rules.floor(rung), rules)
        on = since + timedelta(days=days)
        if until is not None and on > until:
            break
        now = decayed(score, days, rules)
        below = _RUNGS[rung - 1]
        found.append(Transition(on, rung, below, Reason.LAPSED, None, now, now))
        rung = below
    return tuple(found)


def _days_below(score: float, floor: float, rules: Rulebook) -> int:
    """The first whole day (at least one) on which the decaying score is below `floor`."""
    if score < floor or score <= 0 or floor <= 0:
        return 1
    days = max(1, math.floor(rules.half_life_days * math.log2(score / floor)) + 1)
    while days > 1 and decayed(score, days - 1, rules) < floor:
        days -= 1
    while decayed(score, days, rules) >= floor:
        days += 1
    return days


def _apply(state: CustomerState, ordered: Iterable[Event], rules: Rulebook) -> None:
    """Apply events, already in order, to a state: the rules of docs/rules.md.

    This is the hot path of every replay (a million events on a re-derive), so
    the state lives in local variables for the loop and is written back once.
    """
    (
        effects, floors, climbs, half_life, referral_kind, recovery_kind,
        recovery_days, grace_days, fragile, resilient, break_at, repeat_factor,
    ) = rules.replay  # fmt: skip
    left_after = _left_after_each_day(half_life)
    top, known_days = len(climbs), len(left_after)
    transitions = state.transitions
    rung, score, broken = int(state.rung), state.score, state.broken
    positives, emotional_positives = state.positives, state.emotional_positives
    referrals, negatives, count = state.referrals, state.negatives, state.events
    last_negative_on = state.last_negative_on
    last_on = state.last_event[0] if state.last_event else None
    promoted, recovered, broke, absorbed, demoted = _REASONS
    rungs, new_transition = _RUNGS, _new_transition
    event_id = None
    for event_id, kind, on, emotional, _note, _logged_by in ordered:  # an Event, unpacked
        try:
            effect = effects[kind][emotional]
        except KeyError:
            raise rules.unknown_kind(kind) from None
        if last_on is not None:
            days = (on - last_on).days
            if days > 0:
                now = score * (
                    left_after[days] if days < known_days else _left_after(days, half_life)
                )
                if now < floors[rung]:  # time alone walked them down first
                    lapses = _lapses(rungs[rung], score, last_on, on, rules)
                    if lapses:
                        transitions.extend(lapses)
                        rung = lapses[-1].to_rung
                score = now
        last_on = on
        count += 1
        before_rung, before_score = rung, score
        if effect > 0:
            score += effect
            positives += 1
            emotional_positives += emotional
            reason = promoted
            if kind == referral_kind:
                referrals += 1
            if (
                broken is not None
                and kind == recovery_kind
                and (on - broken.on).days <= recovery_days
            ):  # a prompt recovery gives back what the break took
                score += broken.score
                positives += broken.positives
                emotional_positives += broken.emotional_positives
                referrals += broken.referrals
                broken = None
                reason = recovered
            while rung < top:  # climb while the next rung's every gate is met
                gate_score, gate_positives, gate_emotional, gate_referrals = climbs[rung]
                if (
                    score < gate_score
                    or positives < gate_positives
                    or emotional_positives < gate_emotional
                    or referrals < gate_referrals
                ):
                    break
                rung += 1
            if rung == before_rung and reason is promoted:
                continue
        elif effect < 0:
            previous_negative, last_negative_on = last_negative_on, on
            negatives += 1
            if before_rung in fragile and effect <= break_at:
                broken = _broken(
                    broken, on, score, positives, emotional_positives, referrals, rules
                )
                rung, score = 0, 0.0
                positives = emotional_positives = referrals = 0
                reason = broke
            elif before_rung in resilient and (
                previous_negative is None or (on - previous_negative).days > grace_days
            ):  # the first negative in a while is absorbed by the relationship
                reason = absorbed
            else:
                if before_rung in resilient:  # a repeat within the grace window
                    effect *= repeat_factor
                score += effect
                if score >= floors[rung]:
                    continue
                rung = max(rung - 1, 0)
                reason = demoted
        else:
            continue
        transitions.append(
            new_transition(
                Transition,
                (
                    on,
                    rungs[before_rung],
                    rungs[rung],
                    reason,
                    event_id,
                    before_score,
                    score,
                    positives,
                ),
            )
        )
    if event_id is None:
        return
    state.rung, state.score, state.broken = _RUNGS[rung], score, broken
    state.positives, state.emotional_positives = positives, emotional_positives
    state.referrals, state.negatives, state.events = referrals, negatives, count
    state.last_negative_on = last_negative_on
    state.last_event = (on, event_id)


_RUNGS = tuple(Rung)
_REASONS = (Reason.PROMOTED, Reason.RECOVERED, Reason.BROKEN, Reason.ABSORBED, Reason.DEMOTED)
# A named tuple built from its fields in one C call, as its own `_make` does:
# half the cost of calling the class, on the path that makes every transition.
_new_transition = tuple.__new__


def _broken(
    earlier: BreakSnapshot | None,
    on: date,
    score: float,
    positives: int,
    emotional_positives: int,
    referrals: int,
    rules: Rulebook,
) -> BreakSnapshot:
    """What a break takes away, added to an earlier break still within recovery."""
    if earlier is None or (on - earlier.on).days > rules.recovery_window_days:
        return BreakSnapshot(on, score, positives, emotional_positives, referrals)
    return BreakSnapshot(
        on,
        score + earlier.score,
        positives + earlier.positives,
        emotional_positives + earlier.emotional_positives,
        referrals + earlier.referrals,
    )


def score_history(events: Iterable[Event], rules: Rulebook, days: Iterable[date]) -> list[float]:
    """The decayed score on each of `days` (ascending): the line of a sparkline."""
    ordered = sorted(events, key=order_of)
    state = CustomerState()
    scores = []
    upcoming = 0
    for day in days:
        while upcoming < len(ordered) and ordered[upcoming].on <= day:
            _apply(state, (ordered[upcoming],), rules)
            upcoming += 1
        last = state.last_event_on
        scores.append(decayed(state.score, (day - last).days, rules) if last else 0.0)
    return scores
