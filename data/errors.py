"""What the data layer says when it cannot do something, for a person to read.

Kept apart from the store and the database code, which import SQLAlchemy, so
that a front end can catch these before any of it is loaded."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime

import ladder
from data import records
from data.error_texts import TEXTS
from ladder import phones


class Explained(Exception):
    """An error that names what went wrong: `key` and `values`. Its English is
    `data.error_texts.TEXTS[key]`, written there once; a front end says it in the
    member's language from the same key and values."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(english(key, values))
        self.key = key
        self.values = values


def english(key: str, values: Mapping[str, object]) -> str:
    """The sentence of `key` in English, each value as the sentence says it."""
    said = _Values({name: _said(name, value) for name, value in values.items()})
    if "table" in values and "id" in values:
        said["thing"] = f"{values['table']} #{values['id']}"
    return TEXTS[key].format_map(said)


class _Values(dict[str, object]):
    """The values of a sentence; one its error did not give stays a visible gap."""

    def __missing__(self, name: str) -> str:
        return "{" + name + "}"


def _said(name: str, value: object) -> object:
    if isinstance(value, datetime):
        local = value.astimezone()
        return f"{ladder.format_date(local.date())} at {local.hour}:{local.minute:02d}"
    if isinstance(value, date) and name in ("today", "clock"):
        return ladder.format_date(value)
    if name == "who" and not value:
        return "the rules"
    if name in ("theirs", "mine"):
        return repr(ladder.format_date(value) if isinstance(value, date) else value)
    return value


class StoreError(Explained):
    """An operation that could not be done; the message is for a person."""


class DatabaseError(Explained, RuntimeError):
    """The database cannot be reached or used; the message is for a person."""


class NotFound(StoreError):
    pass


class AheadOfClock(StoreError):
    """A write asked for while the program's today is after the real date: what is
    written is shared, and a colleague on the real date would see it come true."""

    def __init__(self, today: date, clock: date) -> None:
        super().__init__(
            "ahead_of_clock",
            today=today,
            clock=clock,
        )


class RulesDiffer(StoreError):
    """A member's rulebook file is not the co-op's, which the database holds: it is
    never followed silently (one member would re-derive everyone)."""

    def __init__(self, source: str) -> None:
        super().__init__(
            "rules_differ",
            source=source,
        )


class KindsInUse(StoreError):
    """A rulebook that leaves out event kinds the co-op's events are of."""

    def __init__(self, source: str, used: dict[str, int]) -> None:
        kinds = ", ".join(f"{kind} ({count})" for kind, count in sorted(used.items()))
        super().__init__(
            "kinds_in_use",
            source=source,
            kinds=kinds,
        )


class Ambiguous(StoreError):
    """A name that matches several customers; `matches` lists them."""

    def __init__(self, text: str, matches: list[records.CustomerInfo], total: int) -> None:
        self.matches = matches
        shown = ", ".join(f"#{m.id} {m.name}{_reach(m)}" for m in matches[:8])
        more = f" (+{total - 8})" if total > 8 else ""
        super().__init__(
            "ambiguous",
            text=text,
            shown=shown + more,
        )


class ChangedMeanwhile(StoreError):
    """A colleague changed what a member was about to change, since they saw it:
    nothing was written. `table` and `row_id` name the row; `who` ("" when time
    and the rules did it) and `when`, its last change; for a field of an open
    form, `field` with their value and the member's own."""

    def __init__(
        self,
        table: str,
        row_id: int,
        who: str,
        when: datetime,
        *,
        field: str = "",
        theirs: object = None,
        mine: object = None,
    ) -> None:
        super().__init__(
            "changed_by_field" if field else "changed_by",
            table=table,
            id=row_id,
            who=who,
            when=when,
            field=field,
            theirs=_as_shown(field, theirs),
            mine=_as_shown(field, mine),
        )
        self.table, self.row_id, self.who, self.when = table, row_id, who, when
        self.field, self.theirs, self.mine = field, theirs, mine


def _as_shown(field: str, value: object) -> object:
    """A field's value as the card shows it: a phone number as it is dialled."""
    return phones.shown(value) if field == "phone" and isinstance(value, str) and value else value


def _reach(customer: records.CustomerInfo) -> str:
    return f" ({phones.shown(customer.phone)})" if customer.phone else ""


class Duplicate(StoreError):
    """A customer who seems to be there already (`alike`): nothing was saved."""

    def __init__(self, alike: list[records.Alike]) -> None:
        self.alike = alike
        shown = ", ".join(
            f"#{a.customer.id} {a.customer.name}{_reach(a.customer)}: {a.by}" for a in alike[:8]
        )
        super().__init__(
            "duplicate",
            shown=shown,
        )


MAX_ID = 2**63 - 1  # the largest id either database can hold


def checked_id(value: int | str) -> int:
    """An id as typed: a number too large for the database is simply not there."""
    number = int(value)
    if not 0 < number <= MAX_ID:
        raise NotFound("no_id", id=value)
    return number


def no_customer(customer_id: int) -> NotFound:
    return NotFound("no_customer", id=customer_id)


def first_line(error: object) -> str:
    """The part of a driver's message a person can use."""
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
