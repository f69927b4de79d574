"""One test per follow-up rule of docs/rules.md, with business-day shifting."""

from __future__ import annotations

from datetime import date, timedelta

from ladder import derive_followups, evaluate, fold

TODAY = date(2026, 11, 22)  # a Sunday


def derive(history, rules, today=TODAY, **kwargs):
    """The follow-ups still worth doing or done: the expired ones are on record only."""
    standing = evaluate(fold(history.events, rules), today, rules)
    found = derive_followups(history.events, standing.transitions, rules, today, **kwargs)
    return [f for f in found if not f.expired]


def by_rule(followups, rule):
    return [f for f in followups if f.rule == rule]


def test_a_purchase_asks_for_an_aftermarketing_call_two_weeks_later(history, rules):
    history.log("purchase", date(2026, 11, 2))
    (call,) = derive(history, rules)
    assert (call.rule, call.due, call.is_open, call.member) == (
        "aftermarketing",
        date(2026, 11, 16),
        True,
        "anna",
    )


def test_the_aftermarketing_call_closes_it(history, rules):
    history.log("purchase", date(2026, 11, 2))
    called = history.log("aftermarketing_call", date(2026, 11, 12))
    (call,) = by_rule(derive(history, rules), "aftermarketing")
    assert (call.closed_by_event_id, call.closed_on) == (called.id, date(2026, 11, 12))


def test_an_open_followup_of_the_same_rule_is_not_made_twice(history, rules):
    history.log("purchase", date(2026, 11, 2))
    history.log("purchase", date(2026, 11, 5))
    assert len(by_rule(derive(history, rules), "aftermarketing")) == 1
    history.log("aftermarketing_call", date(2026, 11, 10))
    history.log("purchase", date(2026, 11, 11))
    calls = by_rule(derive(history, rules), "aftermarketing")
    assert [f.is_open for f in calls] == [False, True]


def test_a_followup_closed_by_hand_lets_the_next_one_be_made(history, rules):
    first = history.log("purchase", date(2026, 11, 2))
    history.log("purchase", date(2026, 11, 9))
    closed = {f"aftermarketing:{first.id}": date(2026, 11, 3)}
    calls = by_rule(derive(history, rules, closed_by_hand=closed), "aftermarketing")
    assert len(calls) == 2


def test_a_complaint_is_due_the_next_business_day(history, rules):
    history.log("purchase", date(2026, 11, 10))
    history.log("complaint", date(2026, 11, 20))  # a Friday
    (complaint,) = by_rule(derive(history, rules), "complaint")
    assert complaint.due == date(2026, 11, 23)  # Monday
    history.log("complaint_resolved", date(2026, 11, 21))
    (complaint,) = by_rule(derive(history, rules), "complaint")
    assert not complaint.is_open


def test_a_break_asks_for_recovery_closed_by_any_positive_or_contact(history, rules):
    history.log("unanswered", date(2026, 12, 4))  # Friday before Independence Day weekend
    (recovery,) = by_rule(derive(history, rules, today=date(2026, 12, 4)), "recovery")
    assert recovery.trigger == "break" and recovery.due == date(2026, 12, 7)
    history.log("contact", date(2026, 12, 7))
    (recovery,) = by_rule(derive(history, rules, today=date(2026, 12, 7)), "recovery")
    assert not recovery.is_open


def test_a_referral_asks_for_a_thank_you_closed_by_a_note(history, rules):
    history.log("referral", date(2026, 11, 16), note="suositteli Mattia")
    (thanks,) = by_rule(derive(history, rules), "thank_you")
    assert thanks.due == date(2026, 11, 19) and thanks.is_open  # its own note does not count
    history.log("purchase", date(2026, 11, 17), note="kiitin puhelimessa")
    (thanks,) = by_rule(derive(history, rules), "thank_you")
    assert not thanks.is_open


def test_christmas_cards_go_to_asiakas_and_above(history, rules):
    history.log("referral", date(2026, 10, 1))
    history.log("purchase", date(2026, 10, 2))  # asiakas
    (card,) = by_rule(derive(history, rules), "christmas_card")
    assert card.due == date(2026, 12, 1) and card.key == "christmas_card:2026"
    history.log("christmas_card", date(2026, 11, 20))
    (card,) = by_rule(derive(history, rules), "christmas_card")
    assert not card.is_open


def test_no_card_for_a_tryer_nor_before_the_notice_period(history, rules):
    history.log("purchase", date(2026, 10, 1))
    assert not by_rule(derive(history, rules), "christmas_card")
    history.log("referral", date(2026, 10, 2))
    assert not by_rule(derive(history, rules, today=date(2026, 10, 20)), "christmas_card")


def test_a_quiet_loyal_customer_gets_a_keep_in_touch(history, rules):
    for i, kind in enumerate(["referral", "referral", "referral", "referral"]):
        history.log(kind, date(2026, 1, 5) + timedelta(days=i))
    keep = by_rule(derive(history, rules), "keep_in_touch")
    flagged = date(2026, 1, 8) + timedelta(days=120)
    assert [f.made_on for f in keep] == [flagged] and keep[0].is_open
    history.log("contact", date(2026, 11, 20))
    (keep,) = by_rule(derive(history, rules), "keep_in_touch")
    assert not keep.is_open


def test_a_birthday_greeting_is_due_on_the_birthday(history, rules):
    history.log("contact", date(2026, 1, 5))
    followups = by_rule(derive(history, rules, birthday=date(1970, 11, 27)), "birthday")
    assert [f.due for f in followups] == [date(2026, 11, 27)]
    later = by_rule(derive(history, rules, birthday=date(1970, 12, 24)), "birthday")
    assert [f for f in later if f.due.year == 2026] == []  # not within the week's notice yet


def test_a_leap_day_birthday_is_greeted_on_28_february_in_other_years(history, rules):
    history.log("contact", date(2026, 1, 5))
    leap_day = date(1980, 2, 29)
    (greeting,) = by_rule(
        derive(history, rules, today=date(2027, 2, 24), birthday=leap_day), "birthday"
    )
    # 28.2.2027 is a Sunday: due the Monday after
    assert (greeting.key, greeting.made_on, greeting.due) == (
        "birthday:2027",
        date(2027, 2, 21),
        date(2027, 3, 1),
    )
    (in_a_leap_year,) = by_rule(
        derive(history, rules, today=date(2028, 2, 24), birthday=leap_day), "birthday"
    )
    assert in_a_leap_year.due == date(2028, 2, 29)


def test_keys_are_stable_across_derivations(history, rules):
    history.log("purchase", date(2026, 11, 2))
    history.log("complaint", date(2026, 11, 3))
    assert [f.key for f in derive(history, rules)] == [f.key for f in derive(history, rules)]


def test_a_customer_with_no_events_needs_nothing(history, rules):
    assert derive(history, rules, birthday=date(1970, 1, 1)) == []


def test_every_trigger_has_its_reason_said_in_both_languages():
    from ladder.triggers import REASON_KEYS, Trigger
    from present.i18n import STRINGS

    assert set(REASON_KEYS) == set(Trigger)
    assert all(REASON_KEYS[trigger] in STRINGS for trigger in Trigger)
