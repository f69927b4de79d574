"""The customer list in plain SQL, and the search it is filtered by.

One definition: the store runs it through its session (`service.list_customers`)
and `ladder customer list` straight through the driver (`data.sql.settled`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from typing import Any

import ladder
from data import records
from data.sql.morning_sql import RUNG_NOW, Run, day_or_none, params
from ladder import Rung, phones
from ladder.text import search_words

# At risk on :today: inside the window the derivation stored.
AT_RISK_NOW = """(customer_state.at_risk_from IS NOT NULL
    AND customer_state.at_risk_from <= :today
    AND (customer_state.at_risk_until IS NULL OR customer_state.at_risk_until > :today))"""

CUSTOMERS = f"""SELECT customer.id, customer.name, customer.email, customer.phone,
    customer.tags, customer.organisation, customer_state.score,
    customer_state.last_event_on, {RUNG_NOW} AS rung_now, {AT_RISK_NOW} AS at_risk
    FROM customer JOIN customer_state ON customer_state.customer_id = customer.id"""


def customers_sql(*, rung: bool, at_risk: bool | None) -> str:
    """The list, of one rung or all, at risk, not at risk or either, by name."""
    where = [f"{RUNG_NOW} = :rung"] if rung else []
    if at_risk is not None:
        where.append(AT_RISK_NOW if at_risk else f"NOT {AT_RISK_NOW}")
    condition = f" WHERE {' AND '.join(where)}" if where else ""
    return f"{CUSTOMERS}{condition} ORDER BY customer.name, customer.id"


class Wanted:
    """A search as the app's list searches: every word anywhere in the name,
    organisation, e-mail or tags, in any order and without accents (`hamalainen
    anna` finds Anna Hämäläinen), or a phone number's digits however typed."""

    def __init__(self, text: str) -> None:
        self.words = search_words(text).split()
        self.digits = phones.typed_digits(text)
        self.literal = text.strip().casefold()  # `[` or `#`: no word to search by

    def matches(self, name: str, organisation: str, email: str, tags: str, phone: str) -> bool:
        if not self.words and not self.digits:
            return self.literal in f"{name} {organisation} {email} {tags}".casefold()
        if self.digits and self.digits in phones.search_digits(phone or ""):
            return True
        found = search_words(f"{name} {organisation} {email} {tags}")
        return all(word in found for word in self.words)


def score_on(score: float, last: date | None, today: date, rules: ladder.Rulebook) -> float:
    """A stored score decayed to `today`, as the list shows it."""
    return ladder.decayed(score, (today - last).days, rules) if last else score


def read_list(
    run: Run,
    dialect: str,
    today: date,
    rules: ladder.Rulebook,
    rung: int | None = None,
    search: str = "",
    at_risk: bool | None = None,
) -> list[records.CustomerSummary]:
    """Customers with their rung as of `today`, by name; `search` as `Wanted` reads it."""
    return list(stream_list(run, dialect, today, rules, rung, search, at_risk))


def stream_list(
    stream: Callable[[str, dict[str, Any]], Iterable[Sequence[Any]]],
    dialect: str,
    today: date,
    rules: ladder.Rulebook,
    rung: int | None = None,
    search: str = "",
    at_risk: bool | None = None,
) -> Iterator[records.CustomerSummary]:
    """`read_list` a customer at a time, as the rows are read."""
    values: dict[str, Any] = {"today": today}
    if rung is not None:
        values["rung"] = int(rung)
    sql = customers_sql(rung=rung is not None, at_risk=at_risk)
    wanted = Wanted(search)
    for row in stream(sql, params(dialect, **values)):
        if wanted.matches(*_searched(row)):
            yield summary(row, today, rules)


def _searched(row: Sequence[Any]) -> tuple[str, str, str, str, str]:
    _id, name, email, phone, tags, organisation, *_ = row
    return name, organisation, email, tags, phone


def summary(row: Sequence[Any], today: date, rules: ladder.Rulebook) -> records.CustomerSummary:
    customer_id, name, email, phone, tags, organisation, score, last, rung_now, risky = row
    last_event_on = day_or_none(last)
    return records.CustomerSummary(
        id=customer_id,
        name=name,
        rung=Rung(rung_now),
        score=score_on(score, last_event_on, today, rules),
        at_risk=bool(risky),
        last_event_on=last_event_on,
        email=email,
        phone=phone,
        tags=tags,
        organisation=organisation,
    )
