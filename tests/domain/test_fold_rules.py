"""One test per rule of docs/rules.md's "Score and rungs", plus its two stories."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from ladder import Reason, Rung, decayed, evaluate, fold, project

D = date(2026, 1, 5)


def days(n: int) -> date:
    return D + timedelta(days=n)


def climb_to_lojalisti(history) -> None:
    """Four positives worth 10+: purchase, two feedbacks and a wow (emotional, +6)."""
    history.log("purchase", days(0))
    history.log("positive_feedback", days(1))
    history.log("positive_feedback", days(2))
    history.log("wow", days(3))


def test_an_emotional_event_counts_double(history, rules):
    history.log("positive_feedback", D, emotional=True)
    assert fold(history.events, rules).score == 4


def test_score_halves_every_half_life(rules):
    assert decayed(8.0, 365, rules) == pytest.approx(4.0)
    assert decayed(8.0, 730, rules) == pytest.approx(2.0)


def test_promotion_needs_score_and_several_positive_events(history, rules):
    history.log("referral", D)  # score 5, but one positive event only
    state = fold(history.events, rules)
    assert state.rung is Rung.KOKEILIJA
    history.log("purchase", days(1))
    assert fold(history.events, rules).rung is Rung.ASIAKAS


def test_climbing_to_lojalisti_records_each_promotion(history, rules):
    climb_to_lojalisti(history)
    state = fold(history.events, rules)
    assert state.rung is Rung.LOJALISTI
    assert [(t.to_rung, t.reason) for t in state.transitions] == [
        (Rung.KOKEILIJA, Reason.PROMOTED),
        (Rung.ASIAKAS, Reason.PROMOTED),
        (Rung.LOJALISTI, Reason.PROMOTED),
    ]
    last = state.transitions[-1]
    assert last.event_id == 4 and last.positives == 4 and last.score_after > 10


def test_sanansaattaja_needs_two_emotional_positives_and_a_referral(history, rules):
    for i in range(6):
        history.log("positive_feedback", days(i))  # 12 points, 6 positives
    history.log("referral", days(7))  # 17 + referral, but no emotional ones
    history.log("purchase", days(8))
    history.log("purchase", days(9))
    history.log("purchase", days(10))
    history.log("purchase", days(10))  # score over 20
    state = fold(history.events, rules)
    assert state.score >= 20 and state.rung is Rung.LOJALISTI
    history.log("wow", days(11))
    assert fold(history.events, rules).rung is Rung.LOJALISTI
    history.log("wow", days(12))
    assert fold(history.events, rules).rung is Rung.SANANSAATTAJA


def test_one_negative_breaks_a_fragile_relationship(history, rules):
    history.log("referral", D)
    history.log("purchase", days(1))  # score 6: asiakas
    history.log("unanswered", days(3))
    state = fold(history.events, rules)
    assert (state.rung, state.score, state.positives) == (Rung.KULUTTAJA, 0, 0)
    broken = state.transitions[-1]
    assert (broken.from_rung, broken.reason, broken.event_id) == (Rung.ASIAKAS, Reason.BROKEN, 3)


def test_a_mild_negative_on_a_fragile_rung_only_costs_points(history, rules, monkeypatch):
    history.log("referral", D)
    history.log("purchase", days(1))  # asiakas, score ~6
    book = replace(rules, break_at=-3.0)
    history.log("negative_feedback", days(2))  # -2 does not break at -3
    state = fold(history.events, book)
    assert state.rung is Rung.ASIAKAS and state.score == pytest.approx(4, abs=0.05)


def test_a_first_negative_on_a_resilient_rung_is_absorbed(history, rules):
    climb_to_lojalisti(history)
    before = fold(history.events, rules)
    history.log("complaint", days(10))
    state = fold(history.events, rules)
    assert state.rung is Rung.LOJALISTI
    assert state.score == pytest.approx(decayed(before.score, 7, rules))
    assert state.transitions[-1].reason is Reason.ABSORBED


def test_a_second_negative_in_grace_counts_half_and_drops_one_rung(history, rules):
    climb_to_lojalisti(history)  # score 11
    history.log("complaint", days(10))  # absorbed
    history.log("bad_experience", days(20), emotional=True)  # -6 * 0.5 = -3 -> ~8 < floor 8
    state = fold(history.events, rules)
    assert state.rung is Rung.ASIAKAS
    assert state.transitions[-1].reason is Reason.DEMOTED


def test_a_negative_after_the_grace_window_is_absorbed_again(history, rules):
    climb_to_lojalisti(history)
    for i in range(8):
        history.log("purchase", days(30 * i + 5))  # stay well above the floor
    history.log("complaint", days(10))
    history.log("complaint", days(10 + 181))
    reasons = [t.reason for t in fold(history.events, rules).transitions]
    assert reasons.count(Reason.ABSORBED) == 2


def test_demotion_uses_hysteresis(history, rules):
    climb_to_lojalisti(history)  # 11 - decay
    history.log("complaint", days(5))  # absorbed
    history.log("negative_feedback", days(6))  # -1 -> ~10 - still above floor 8
    state = fold(history.events, rules)
    assert state.score < 11 and state.rung is Rung.LOJALISTI


def test_decay_alone_lapses_a_customer_down_several_rungs_on_dated_days(history, rules):
    climb_to_lojalisti(history)
    state = fold(history.events, rules)
    lapses = project(state, rules).lapses
    assert [t.to_rung for t in lapses] == [Rung.ASIAKAS, Rung.KOKEILIJA, Rung.KULUTTAJA]
    for lapse in lapses:
        floor = rules.floor(lapse.from_rung)
        since = (lapse.on - days(3)).days
        assert decayed(state.score, since, rules) < floor <= decayed(state.score, since - 1, rules)
    first = lapses[0].on
    assert evaluate(state, first - timedelta(days=1), rules).rung is Rung.LOJALISTI
    assert evaluate(state, first, rules).rung is Rung.ASIAKAS
    assert evaluate(state, date(2040, 1, 1), rules).rung is Rung.KULUTTAJA


def test_lapses_are_the_same_however_often_anyone_looked(history, rules):
    climb_to_lojalisti(history)
    contact = history.log("contact", days(3 * 365))
    state = fold(history.events, rules)
    lapse_days = [t.on for t in state.transitions if t.reason is Reason.LAPSED]
    projected = project(fold(history.events[:4], rules), rules).lapses
    assert lapse_days == [t.on for t in projected if t.on <= contact.on]
    assert len(lapse_days) == 2


def test_a_quiet_loyal_customer_is_at_risk_after_120_days(history, rules):
    climb_to_lojalisti(history)
    for i in range(6):
        history.log("referral", days(4 + i))  # far above any floor
    state = fold(history.events, rules)
    last = days(9)
    assert not evaluate(state, last + timedelta(days=119), rules).at_risk
    assert evaluate(state, last + timedelta(days=120), rules).at_risk


def test_recovery_restores_the_score_before_the_break_and_adds_its_own(history, rules):
    history.log("referral", D)
    history.log("purchase", D)  # asiakas, 6
    history.log("complaint", days(10))
    history.log("complaint_resolved", days(20))
    state = fold(history.events, rules)
    before_break = state.transitions[-2].score_before
    assert state.transitions[-1].reason is Reason.RECOVERED
    assert state.score == pytest.approx(before_break + 4)
    assert state.rung is Rung.ASIAKAS


def test_recovery_too_late_is_just_a_positive_event(history, rules):
    history.log("referral", D)
    history.log("purchase", D)
    history.log("complaint", days(10))
    history.log("complaint_resolved", days(41))
    state = fold(history.events, rules)
    assert state.score == 4 and state.rung is Rung.KOKEILIJA
    assert state.transitions[-1].reason is Reason.PROMOTED


def test_hotel_guest_whose_complaint_was_handled_the_same_day_ends_higher(history, rules):
    """docs/rules.md, "Two stories": the manager called the same day; the guest came back."""
    history.log("purchase", D)  # the first stay
    before = fold(history.events, rules).rung
    history.log("complaint", days(1))
    history.log("complaint_resolved", days(1))
    after = fold(history.events, rules)
    assert before is Rung.KOKEILIJA
    assert after.rung > before


def test_ice_cream_kiosk_one_bad_visit_loses_a_new_customer(history, rules):
    """docs/rules.md, "Two stories": a first visit that went wrong loses a new customer."""
    history.log("purchase", D)
    history.log("bad_experience", D)
    state = fold(history.events, rules)
    assert state.rung is Rung.KULUTTAJA and state.score == 0


def test_an_unknown_kind_is_a_clear_error(history, rules):
    history.events.append(history.log("purchase", D).__class__(99, "lahja", D))
    with pytest.raises(ValueError, match="unknown event kind 'lahja'"):
        fold(history.events, rules)
