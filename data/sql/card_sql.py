"""One customer in plain SQL: finding them as a member names them, and their card.

One definition: the store runs these through its session (`service.find_customer`,
`service.customer_card`) and `ladder customer show` straight through the driver
(`data.sql.settled`). The card's standing is evaluated from the customer's fold
state: the store's cached one, or, on the plain path, the fold of their events
(the cache is that fold: `tests/reliability/test_drift.py` holds it so).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import ladder
from data import records
from data.errors import Ambiguous, NotFound, checked_id, no_customer
from data.records import CUSTOMER_FIELDS, OPEN_STATES
from data.sql.morning_sql import FOLLOWUPS, Run, day, day_or_none, followup_record, params
from ladder import phones
from ladder.text import search_words

SHOWN_AT_ONCE = 50  # an ambiguous name lists at most these
ENOUGH = 1_000  # words counted to know which typed start is the rarest
DATE_FIELDS = ("birthday", "since")
CUSTOMER = f"SELECT id, version, {', '.join(CUSTOMER_FIELDS)} FROM customer"
EVENTS = """SELECT id, kind, occurred_on, emotional, note, logged_by, version FROM event
    WHERE customer_id = :customer ORDER BY occurred_on, id"""
TRANSITIONS = """SELECT "on", from_rung, to_rung, reason, event_id, score_before, score_after,
    positives FROM transition
    WHERE customer_id = :customer AND (NOT projected OR "on" <= :today) ORDER BY "on", id"""
OPEN_FOLLOWUPS = f"""{FOLLOWUPS}
    WHERE followup.customer_id = :customer AND followup.state IN :states
    ORDER BY followup.due, followup.id"""


def info(row: Sequence[Any]) -> records.CustomerInfo:
    """A row of CUSTOMER as the record handed out."""
    customer_id, version, *values = row
    details = dict(zip(CUSTOMER_FIELDS, values, strict=True))
    for field in DATE_FIELDS:
        details[field] = day_or_none(details[field])
    return records.CustomerInfo(id=customer_id, version=version, **details)


def named(run: Run, text: str, country: str) -> list[int]:
    """Every customer `text` may name, by id: a number, a phone, an e-mail, or the
    words of a name in any order (case and diacritics aside, `name_key`)."""
    number = text.lstrip("#")
    if number.isascii() and number.isdigit() and not number.startswith("0"):
        customer_id = checked_id(number)
        if not run("SELECT 1 FROM customer WHERE id = :id", {"id": customer_id}):
            raise no_customer(customer_id)
        return [customer_id]
    values: dict[str, Any] = {}
    if "@" in text:
        condition, values["email"] = "lower(email) = :email", text.casefold()
    elif (digits := phones.typed_digits(text)) is not None:
        try:
            condition, values["phone"] = "phone = :phone", phones.canonical(text, country)
        except phones.NotAPhone:  # a part of a number: found among the digits it has
            condition, values["digits"] = "phone LIKE :digits", f"%{digits.lstrip('0')}%"
    elif words := search_words(text).split():
        return _by_word_starts(run, words)
    else:  # a name of signs alone ("[/]"), found as it is written
        condition, values["name"] = "name = :name", text
    return [row[0] for row in run(f"SELECT id FROM customer WHERE {condition} ORDER BY id", values)]


def _by_word_starts(run: Run, words: list[str]) -> list[int]:
    """The customers with a word starting with each of `words` (a name's words are rows
    of `customer_word`, migration 0013): the rarest start is a range of the words'
    key, and each other a range of that customer's own words. Which is rarest is
    counted first, up to `ENOUGH` (`asiakas` may start every name, `000500` one)."""
    starts = sorted(set(words), key=len, reverse=True)  # on a tie in the count, the longer
    if len(starts) > 1:
        counted = ", ".join(
            f"(SELECT count(*) FROM (SELECT 1 FROM customer_word WHERE word >= :word{i} "
            f"AND word < :after{i} LIMIT {ENOUGH}) AS starts{i})"
            for i in range(len(starts))
        )
        counts = run(f"SELECT {counted}", _ranges(starts))[0]
        rarest_first = sorted(zip(counts, starts, strict=True), key=lambda pair: pair[0])
        starts = [start for _, start in rarest_first]
    sql = (
        "SELECT DISTINCT w0.customer_id FROM customer_word w0 "
        "WHERE w0.word >= :word0 AND w0.word < :after0"
    )
    for i in range(1, len(starts)):
        sql += (
            f" AND EXISTS (SELECT 1 FROM customer_word w{i} WHERE w{i}.customer_id = "
            f"w0.customer_id AND w{i}.word >= :word{i} AND w{i}.word < :after{i})"
        )
    return [row[0] for row in run(f"{sql} ORDER BY w0.customer_id", _ranges(starts))]


def _ranges(starts: list[str]) -> dict[str, str]:
    """Each start as the range of words it begins: `word{i}` up to `after{i}`."""
    values = {f"word{i}": start for i, start in enumerate(starts)}
    values.update({f"after{i}": _after_every_start(start) for i, start in enumerate(starts)})
    return values


def _after_every_start(word: str) -> str:
    """The first text, in code point order, after every word that starts with `word`:
    its last letter one code point on (past the surrogates, which no text holds)."""
    following = ord(word[-1]) + 1
    return word[:-1] + chr(0xE000 if 0xD800 <= following <= 0xDFFF else following)


def find(run: Run, text: str, country: str) -> records.CustomerInfo:
    """A customer as a member names one; a name that fits several is never guessed."""
    wanted = " ".join(text.split())
    found = named(run, wanted, country)
    if not found:
        raise NotFound("no_match", text=wanted)
    shown = run(f"{CUSTOMER} WHERE id IN :ids ORDER BY id", {"ids": found[:SHOWN_AT_ONCE]})
    infos = [info(row) for row in shown]
    if len(found) > 1:
        raise Ambiguous(wanted, infos, len(found))
    return infos[0]


def read_card(
    run: Run,
    dialect: str,
    customer_id: int,
    today: date,
    rules: ladder.Rulebook,
    state: ladder.CustomerState | None = None,
) -> records.CustomerCard:
    """Everything about one customer as of `today`, with the reasons for the rung;
    `state` is their stored fold state (None: folded here from the events)."""
    found = run(f"{CUSTOMER} WHERE id = :id", {"id": customer_id})
    if not found:
        raise no_customer(customer_id)
    values = params(dialect, customer=customer_id, today=today)
    infos = [_event(customer_id, row) for row in run(EVENTS, values)]
    transitions = [_transition(row) for row in run(TRANSITIONS, values)]
    states = [str(s) for s in OPEN_STATES]
    followups = [followup_record(row) for row in run(OPEN_FOLLOWUPS, {**values, "states": states})]
    events = [ladder.Event(e.id, e.kind, e.on, e.emotional, e.note, e.logged_by) for e in infos]
    if state is None:
        state = ladder.fold(events, rules)
    standing = ladder.evaluate(state, today, rules)
    coming = [t for t in ladder.project(state, rules).lapses if t.on > today]
    start = events[0].on if events else today
    days = [start + (today - start) * i / 29 for i in range(30)] if events else []
    return records.CustomerCard(
        info=info(found[0]),
        rung=standing.rung,
        score=standing.score,
        at_risk=standing.at_risk,
        events=infos,
        transitions=transitions,
        followups=followups,
        score_series=ladder.score_history(events, rules, days),
        next_lapse=coming[0] if coming else None,
    )


def _event(customer_id: int, row: Sequence[Any]) -> records.EventInfo:
    event_id, kind, on, emotional, note, logged_by, version = row
    return records.EventInfo(
        event_id, customer_id, kind, day(on), bool(emotional), note, logged_by, version
    )


def _transition(row: Sequence[Any]) -> ladder.Transition:
    on, from_rung, to_rung, reason, event_id, before, after, positives = row
    return ladder.Transition(
        on=day(on),
        from_rung=ladder.Rung(from_rung),
        to_rung=ladder.Rung(to_rung),
        reason=ladder.Reason(reason),
        event_id=event_id,
        score_before=before,
        score_after=after,
        positives=positives,
    )
