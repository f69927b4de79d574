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
from operator import attrgetter

from ladder.events import Event, Reason, Transition
from ladder.rulebook import Rulebook
from ladder.rungs import Rung


@dataclass(frozen=True, slots=True)
class BreakSnapshot:
    """What a break took away, kept so that a prompt recovery can give it back."""

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
    return score * 0.5 ** (days / rules.half_life_days)


def fold(events: Iterable[Event], rules: Rulebook) -> CustomerState:
    """Replay a whole history (in any order) into the state at its last event."""
    state = CustomerState()
    for event in sorted(events, key=_order):
        _apply(state, event, rules)
    return state


_order = attrgetter("on", "id")


def step(state: CustomerState, event: Event, rules: Rulebook) -> CustomerState:
    """The state after one more event, which must come after every event so far."""
    if state.last_event is not None and event.order <= state.last_event:
        raise OutOfOrder(f"event {event.id} on {event.on} is not after the last one")
    new = state.copy()
    _apply(new, event, rules)
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
        found.append(Transition(on, rung, rung.below, Reason.LAPSED, None, now, now))
        rung = rung.below
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


def _apply(state: CustomerState, event: Event, rules: Rulebook) -> None:
    """Apply one event, in order, to a state: the rules of DOMAIN.md."""
    kind = rules.kinds.get(event.kind) or rules.kind(event.kind)
    if state.last_event is not None:
        last = state.last_event[0]
        score = decayed(state.score, (event.on - last).days, rules)
        if score < rules.floors[state.rung]:  # time alone walked them down first
            lapses = _lapses(state.rung, state.score, last, event.on, rules)
            if lapses:
                state.transitions.extend(lapses)
                state.rung = lapses[-1].to_rung
        state.score = score
    state.last_event = (event.on, event.id)
    state.events += 1
    effect = kind.weight * (rules.emotional_multiplier if event.emotional else 1.0)
    if effect > 0:
        _positive(state, event, effect, rules)
    elif effect < 0:
        _negative(state, event, effect, rules)


def _positive(state: CustomerState, event: Event, effect: float, rules: Rulebook) -> None:
    before_rung, before_score = state.rung, state.score
    state.score += effect
    state.positives += 1
    state.emotional_positives += event.emotional
    state.referrals += event.kind == rules.referral_kind
    reason = Reason.PROMOTED
    if _recovers(state, event, rules):
        snapshot = state.broken
        state.score += snapshot.score
        state.positives += snapshot.positives
        state.emotional_positives += snapshot.emotional_positives
        state.referrals += snapshot.referrals
        state.broken = None
        reason = Reason.RECOVERED
    state.rung = _highest_reachable(state, rules)
    if state.rung != before_rung or reason is Reason.RECOVERED:
        state.transitions.append(_record(state, event, before_rung, before_score, reason))


def _recovers(state: CustomerState, event: Event, rules: Rulebook) -> bool:
    broken = state.broken
    return (
        broken is not None
        and event.kind == rules.recovery_kind
        and (event.on - broken.on).days <= rules.recovery_window_days
    )


def _highest_reachable(state: CustomerState, rules: Rulebook) -> Rung:
    """Climb from the current rung while the next rung's every gate is met."""
    height = state.rung
    climbs = rules.climbs
    while height < len(climbs):
        gate = climbs[height]
        if (
            state.score < gate.score
            or state.positives < gate.positives
            or state.emotional_positives < gate.emotional_positives
            or state.referrals < gate.referrals
        ):
            break
        height += 1
    return state.rung if height == state.rung else Rung(height)


def _negative(state: CustomerState, event: Event, effect: float, rules: Rulebook) -> None:
    before_rung, before_score = state.rung, state.score
    previous_negative = state.last_negative_on
    state.negatives += 1
    state.last_negative_on = event.on
    if state.rung in rules.fragile and effect <= rules.break_at:
        _break(state, event, rules)
        state.transitions.append(_record(state, event, before_rung, before_score, Reason.BROKEN))
        return
    if state.rung in rules.resilient:
        in_grace = (
            previous_negative is not None
            and (event.on - previous_negative).days <= rules.grace_days
        )
        if not in_grace:
            state.transitions.append(
                _record(state, event, before_rung, before_score, Reason.ABSORBED)
            )
            return
        effect *= rules.repeat_factor
    state.score += effect
    if state.score < rules.floor(state.rung):
        state.rung = state.rung.below
        state.transitions.append(_record(state, event, before_rung, before_score, Reason.DEMOTED))


def _break(state: CustomerState, event: Event, rules: Rulebook) -> None:
    """The relationship is wrecked: back to kuluttaja with nothing, but remembered."""
    earlier = state.broken
    if earlier and (event.on - earlier.on).days > rules.recovery_window_days:
        earlier = None
    state.broken = BreakSnapshot(
        on=event.on,
        score=state.score + (earlier.score if earlier else 0.0),
        positives=state.positives + (earlier.positives if earlier else 0),
        emotional_positives=state.emotional_positives
        + (earlier.emotional_positives if earlier else 0),
        referrals=state.referrals + (earlier.referrals if earlier else 0),
    )
    state.rung = Rung.KULUTTAJA
    state.score = 0.0
    state.positives = state.emotional_positives = state.referrals = 0


def _record(
    state: CustomerState, event: Event, before: Rung, score_before: float, reason: Reason
) -> Transition:
    return Transition(
        on=event.on,
        from_rung=before,
        to_rung=state.rung,
        reason=reason,
        event_id=event.id,
        score_before=score_before,
        score_after=state.score,
        positives=state.positives,
    )


def score_history(events: Iterable[Event], rules: Rulebook, days: Iterable[date]) -> list[float]:
    """The decayed score on each of `days` (ascending): the line of a sparkline."""
    ordered = sorted(events, key=_order)
    state = CustomerState()
    scores = []
    upcoming = 0
    for day in days:
        while upcoming < len(ordered) and ordered[upcoming].on <= day:
            _apply(state, ordered[upcoming], rules)
            upcoming += 1
        last = state.last_event_on
        scores.append(decayed(state.score, (day - last).days, rules) if last else 0.0)
    return scores
