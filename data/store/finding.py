"""Which customers a member's words name, in plain SQL: the store runs it through
its session (`rows.customers_named`), a log straight through the driver
(`data.store.plain_log`), so both find the same customers. No SQLAlchemy here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from data.errors import checked_id, no_customer
from ladder import phones
from ladder.text import search_words

Run = Callable[[str, dict[str, Any]], Sequence[Sequence[Any]]]  # (sql, params) -> rows

BY_ID = "SELECT id FROM customer WHERE id = :id"
BY_EMAIL = "SELECT id FROM customer WHERE lower(email) = :email ORDER BY id"
BY_PHONE = "SELECT id FROM customer WHERE phone = :phone ORDER BY id"
BY_DIGITS = "SELECT id FROM customer WHERE phone LIKE :digits ORDER BY id"
BY_WRITING = "SELECT id FROM customer WHERE name = :name ORDER BY id"
# A word of a name starts after a space; LIKE's own wildcards in it are letters.
WORD = "(' ' || name_key) LIKE :word_{n} ESCAPE '\\'"


def customers_named(run: Run, text: str, country: str) -> list[int]:
    """Every customer `text` may name, by id: a number, a phone, an e-mail, or the
    words of a name in any order (case and diacritics aside, `name_key`)."""
    number = text.lstrip("#")
    if number.isascii() and number.isdigit() and not number.startswith("0"):
        customer_id = checked_id(number)
        if not run(BY_ID, {"id": customer_id}):
            raise no_customer(customer_id)
        return [customer_id]
    if "@" in text:
        return _ids(run(BY_EMAIL, {"email": text.casefold()}))
    if (digits := phones.typed_digits(text)) is not None:
        try:
            return _ids(run(BY_PHONE, {"phone": phones.canonical(text, country)}))
        except phones.NotAPhone:  # a part of a number: found among the digits it has
            return _ids(run(BY_DIGITS, {"digits": f"%{digits.lstrip('0')}%"}))
    words = search_words(text).split()
    if not words:  # a name of signs alone ("[/]"), found as it is written
        return _ids(run(BY_WRITING, {"name": text}))
    every = " AND ".join(WORD.format(n=n) for n in range(len(words)))
    values = {f"word_{n}": f"% {_literal(word)}%" for n, word in enumerate(words)}
    return _ids(run(f"SELECT id FROM customer WHERE {every} ORDER BY id", values))


def _ids(found: Sequence[Sequence[Any]]) -> list[int]:
    return [row[0] for row in found]


def _literal(word: str) -> str:
    """A word searched for as it is: LIKE's own wildcards in it are letters."""
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
