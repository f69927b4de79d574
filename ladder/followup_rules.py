"""Follow-up rules: which due tasks a customer's history calls for, and which are done.

The derivation is a sweep through time. Each rule makes follow-ups from events
(a purchase), from what the fold decided (a break), or from the calendar (a
Christmas card, a birthday, a loyal customer gone quiet). Logging the event a
follow-up waits for closes it, and an open follow-up of a rule is never made
twice. One left undone `expires_days` after its day has expired: it leaves the
list, lets the next of its rule be made, and is closed by nothing after. The
result is a pure function of the history and the day, so the store can always
rebuild it (what members did by hand is the store's to keep: docs/rules.md).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from functools import lru_cache
from operator import attrgetter, itemgetter
from typing import NamedTuple

from ladder.dates import anniversary, next_business_day_from
from ladder.events import Event, Reason, Transition
from ladder.fold import Outlook, order_of
from ladder.rulebook import FollowupRule, Rulebook
from ladder.rungs import Rung
from ladder.triggers import CALENDAR_TRIGGERS, Trigger

Order = tuple[date, int]
CALENDAR = -1  # the entry order of a calendar moment: before any event of its day


class Followup(NamedTuple):
    """A due task about one customer, as the rules see it.

    `key` is stable across re-derivations, so the store can keep what a member
    did with it (snoozed, dismissed) and never make it twice. A named tuple, as
    `Transition` is: a re-derive makes one for most events.
    """

    key: str
    rule: str
    trigger: str
    made_on: date
    due: date
    member: str
    source_event_id: int | None = None
    closed_by_event_id: int | None = None
    closed_on: date | None = None
    opens: Order = (date.min, CALENDAR)
    expired: bool = False  # left undone past its rule's `expires_days`

    @property
    def is_open(self) -> bool:
        return self.closed_on is None and not self.expired

    def closed_by(self, event: Event) -> Followup:
        """This follow-up, done by logging `event`."""
        key, rule, trigger, made_on, due, member, source, _, _, opens, _ = self
        return _new_followup(
            Followup,
            (key, rule, trigger, made_on, due, member, source, event.id, event.on, opens, False),
        )

    def expiring(self) -> Followup:
        """This follow-up, left undone until it expired."""
        return self._replace(expired=True)


def derive_followups(
    events: Iterable[Event],
    transitions: Sequence[Transition],
    rules: Rulebook,
    today: date,
    *,
    owner: str = "",
    birthday: date | None = None,
    closed_by_hand: Mapping[str, date] | None = None,
    since: date | None = None,
) -> list[Followup]:
    """Every follow-up the rules make for one customer up to `today`.

    `transitions` is the customer's standing as of `today` (lapses included);
    `closed_by_hand` maps keys a member marked done or dismissed to that date;
    `since` is the day the customer was added: no calendar follow-up is due
    before they came onto the ladder (then, or at their first event if earlier).
    Follow-ups that expired undone are among them, marked `expired`.
    """
    ordered = sorted(events, key=order_of)
    orders = list(map(order_of, ordered))
    came = min(filter(None, (since, ordered[0].on if ordered else None)), default=None)
    candidates = [
        (_made_order(candidate), candidate)
        for candidate in _candidates(ordered, transitions, rules, today, owner, birthday)
        if came is None or candidate.trigger not in CALENDAR_TRIGGERS or candidate.due >= came
    ]
    candidates.sort(key=_first)  # by when each is made; the same moment keeps rulebook order
    by_hand = closed_by_hand or {}
    made: list[Followup] = []
    open_now: dict[str, Followup] = {}
    upcoming, count = 0, len(ordered)  # the sweep's place among the events
    for made_at, candidate in candidates:
        while upcoming < count and orders[upcoming] < made_at:
            if open_now:
                _expire(open_now, made, ordered[upcoming].on, rules)
                _close(open_now, made, ordered[upcoming], orders[upcoming], rules)
            upcoming += 1
        if open_now:
            _expire(open_now, made, candidate.made_on, rules)
        if by_hand:
            for rule_id, current in list(open_now.items()):
                if current.key in by_hand and by_hand[current.key] <= candidate.made_on:
                    made.append(open_now.pop(rule_id))
        if candidate.rule in open_now:
            continue
        early = (
            _earliest_closer(ordered, orders, candidate, made_at, rules)
            if candidate.opens < made_at  # made later than its window opened
            else None
        )
        if early is not None:
            made.append(candidate.closed_by(early))
        else:
            open_now[candidate.rule] = candidate
    while upcoming < count and open_now:
        _expire(open_now, made, ordered[upcoming].on, rules)
        _close(open_now, made, ordered[upcoming], orders[upcoming], rules)
        upcoming += 1
    _expire(open_now, made, today + _DAY, rules)
    made.extend(open_now.values())
    return sorted(made, key=_due_order)


_DAY = timedelta(days=1)


def expires_on(followup: Followup, rules: Rulebook) -> date | None:
    """The day a follow-up left undone expires (`expires_days` after its day, as on the
    record from that morning on); None: it never expires."""
    days = rules.followups[followup.rule].expires_days
    return followup.due + timedelta(days=days) if days > 0 else None


def _expire(
    open_now: dict[str, Followup], made: list[Followup], day: date, rules: Rulebook
) -> None:
    """Expire what was left undone past its last day before `day`."""
    for rule_id, followup in list(open_now.items()):
        expiry = expires_on(followup, rules)
        if expiry is not None and expiry < day:
            made.append(followup.expiring())
            del open_now[rule_id]


def closes(rule: FollowupRule, event: Event, rules: Rulebook) -> bool:
    """Whether logging `event` does what a follow-up of `rule` waits for."""
    return event.kind in rules.closing_kinds[rule.id] or (
        "note" in rule.closed_by and bool(event.note.strip())
    )


def rung_on(day: date, transitions: Sequence[Transition]) -> Rung:
    """The rung a customer stood on at the end of `day`."""
    rung = Rung.KULUTTAJA
    for transition in transitions:
        if transition.on > day:
            break
        rung = transition.to_rung
    return rung


_first = itemgetter(0)
_due_order = attrgetter("due", "key")


def _made_order(followup: Followup) -> Order:
    if followup.opens[0] == followup.made_on:
        return followup.opens
    return (followup.made_on, CALENDAR)


def _close(
    open_now: dict[str, Followup],
    made: list[Followup],
    event: Event,
    order: Order,
    rules: Rulebook,
) -> None:
    """Close what `event` does, of the follow-ups open when it is logged."""
    for rule_id, followup in list(open_now.items()):
        if order > followup.opens and closes(rules.followups[rule_id], event, rules):
            made.append(followup.closed_by(event))
            del open_now[rule_id]


def _earliest_closer(
    events: Sequence[Event],
    orders: Sequence[Order],
    candidate: Followup,
    made_at: Order,
    rules: Rulebook,
) -> Event | None:
    """An event already logged between a follow-up's window opening and its making."""
    rule = rules.followups[candidate.rule]
    for index in range(bisect_right(orders, candidate.opens), len(events)):
        if orders[index] >= made_at:
            break
        if closes(rule, events[index], rules):
            return events[index]
    return None


def _candidates(
    events: Sequence[Event],
    transitions: Sequence[Transition],
    rules: Rulebook,
    today: date,
    owner: str,
    birthday: date | None,
) -> Iterable[Followup]:
    broken_by = {t.event_id for t in transitions if t.reason is Reason.BROKEN}
    triggered_by = rules.triggered_by
    for event in events:
        for rule in triggered_by.get(event.kind, ()):
            yield _from_event(rule, event, event.kind)
        if event.id in broken_by:
            for rule in rules.break_rules:
                if event.kind not in rule.on:
                    yield _from_event(rule, event, Trigger.BREAK.value)
    for rule in rules.calendar_rules:
        if Trigger.AT_RISK in rule.on:
            yield from _at_risk(rule, events, transitions, rules, today, owner)
        if Trigger.CHRISTMAS in rule.on:
            yield from _christmas(rule, events, transitions, today, owner)
        if Trigger.BIRTHDAY in rule.on and birthday is not None:
            yield from _birthday(rule, birthday, today, owner)


def _from_event(rule: FollowupRule, event: Event, trigger: str) -> Followup:
    on, event_id = event.on, event.id
    return _new_followup(  # this runs for most events of every re-derive
        Followup,
        (
            f"{rule.id}:{event_id}",
            rule.id,
            trigger,
            on,
            _due_after(on, rule.due_days),
            event.logged_by,
            event_id,
            None,
            None,
            (on, event_id),
            False,
        ),
    )


# A named tuple built from its fields in one C call, as its own `_make` does
# (and as the fold builds transitions): the engine makes one for most events.
_new_followup = tuple.__new__


@lru_cache(maxsize=16384)
def _due_after(day: date, days: int) -> date:
    """The first business day at least `days` after `day`; its days repeat across customers."""
    return next_business_day_from(day + timedelta(days=days))


def _at_risk(
    rule: FollowupRule,
    events: Sequence[Event],
    transitions: Sequence[Transition],
    rules: Rulebook,
    today: date,
    owner: str,
) -> Iterable[Followup]:
    """A loyal customer with no event for the at-risk period, in every quiet gap."""
    quiet = timedelta(days=rules.at_risk_after_days)
    for index, event in enumerate(events):
        following = events[index + 1].on if index + 1 < len(events) else None
        flagged = event.on + quiet
        if (following is not None and following <= flagged) or flagged > today:
            continue
        if rung_on(flagged, transitions) not in rules.resilient:
            continue
        yield _calendar(
            rule,
            f"{rule.id}:{flagged.isoformat()}",
            flagged,
            flagged + timedelta(days=rule.due_days),
            owner or event.logged_by,
        )


def _christmas(
    rule: FollowupRule,
    events: Sequence[Event],
    transitions: Sequence[Transition],
    today: date,
    owner: str,
) -> Iterable[Followup]:
    """This year's card (and last year's, which may still be open or kept as done),
    for everyone on `min_rung` or higher by the card date."""
    for year in _years(rule, today):
        card_day = date(year, rule.month, rule.day)
        made_on = card_day - timedelta(days=rule.notice_days)
        if made_on > today or not events or events[0].on > card_day:
            continue
        if rung_on(min(today, card_day), transitions) < rule.min_rung:
            continue
        member = owner or events[-1].logged_by
        year_start = (date(year, 1, 1), CALENDAR)  # a card logged any time that year counts
        yield _calendar(rule, f"{rule.id}:{year}", made_on, card_day, member, year_start)


def _birthday(rule: FollowupRule, birthday: date, today: date, owner: str) -> Iterable[Followup]:
    """This year's greeting (and last year's), and next year's once it is within notice."""
    notice = timedelta(days=rule.notice_days)
    for year in (*_years(rule, today), today.year + 1):
        day = anniversary(birthday, year)
        if day - notice <= today:
            yield _calendar(rule, f"{rule.id}:{day.year}", day - notice, day, owner)


def _years(rule: FollowupRule, today: date) -> tuple[int, ...]:
    """The years whose calendar follow-up may still be on record: this one, and the
    last one when the rule's follow-ups expire (the sweep says whether they have)."""
    return (today.year - 1, today.year) if rule.expires_days > 0 else (today.year,)


def _calendar(
    rule: FollowupRule,
    key: str,
    made_on: date,
    due: date,
    member: str,
    opens: Order | None = None,
) -> Followup:
    return Followup(
        key=key,
        rule=rule.id,
        trigger=next(iter(sorted(rule.on))),
        made_on=made_on,
        due=next_business_day_from(due),
        member=member,
        opens=opens or (made_on, CALENDAR),
    )


def next_recheck(
    outlook: Outlook,
    rules: Rulebook,
    today: date,
    birthday: date | None = None,
    followups: Iterable[Followup] = (),
) -> date | None:
    """The first day after `today` on which time alone may change the follow-ups.

    Lapses and the at-risk flag change who gets a card or a keep-in-touch;
    calendar rules make a new follow-up when their notice period starts; and a
    follow-up left undone (of `followups`) expires on its expiry day.
    """
    moments = [lapse.on for lapse in outlook.lapses]
    for followup in followups:
        expiry = expires_on(followup, rules) if followup.is_open else None
        if expiry is not None:
            moments.append(expiry)
    if outlook.at_risk_from is not None:
        moments.append(outlook.at_risk_from)
    years = (today.year, today.year + 1)
    for rule in rules.calendar_rules:
        days: list[date] = []
        if Trigger.CHRISTMAS in rule.on:
            days.extend(date(year, rule.month, rule.day) for year in years)
        if Trigger.BIRTHDAY in rule.on and birthday is not None:
            days.extend(anniversary(birthday, year) for year in years)
        notice = timedelta(days=rule.notice_days)
        moments.extend(day - notice for day in days)
    return min((day for day in moments if day > today), default=None)
