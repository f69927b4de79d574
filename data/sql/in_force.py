"""Whether a database is as the store leaves it, and the co-op's rulebook in it:
what every path that reads or writes around the store (the app's first read, the
plain reads, `ladder log`'s plain write) checks before it may.

The check needs no parse: the rulebook's row keeps its fingerprint beside its
text (migration 0009, written with the text by `data.store.rulebook_rows`, the
store's own test of a colleague's newer rulebook), so a command that shows no
rule (`ladder pipeline`, `followups`) loads neither the TOML reader nor hashlib.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from data.schema import RULES_KEY, SCHEMA_REVISION
from data.sql import morning_sql
from ladder import Rulebook

IN_FORCE = "the co-op's rulebook"  # the source a rulebook read from the database names
NEWEST_RULEBOOK = "SELECT fingerprint, text FROM rulebook ORDER BY id DESC LIMIT 1"


class InForce(NamedTuple):
    """The co-op's rulebook as its row holds it: parsed only by `rules()`."""

    fingerprint: str
    text: str

    def rules(self) -> Rulebook:
        from ladder import parse_rulebook

        return parse_rulebook(self.text, source=IN_FORCE)


def held_in_force(
    run: morning_sql.Run, offered: Rulebook | None, *, chosen: bool
) -> InForce | None:
    """The co-op's rulebook as the database holds it; None when it holds none, or
    when the member `chosen` a file that differs (the store refuses that one).
    `offered` is read only when chosen: the default need not be parsed otherwise.
    A chosen file is compared whole, as the store compares it: the fingerprint
    leaves the wording out, and a file worded otherwise is refused too."""
    found = run(NEWEST_RULEBOOK, {})
    if not found:
        return None
    held = InForce(*found[0])
    return None if chosen and offered != held.rules() else held


def rules_in_force(run: morning_sql.Run, offered: Rulebook, *, chosen: bool) -> Rulebook | None:
    """`held_in_force`, parsed: for a path that needs the rules in any case."""
    held = held_in_force(run, offered, chosen=chosen)
    return None if held is None else held.rules()


def derived_under(run: morning_sql.Run, rules: Rulebook) -> bool:
    """The schema current and everyone derived under `rules`: nothing for the store
    to upgrade or re-derive on opening."""
    return _derived(run, rules.fingerprint)


def _derived(run: morning_sql.Run, fingerprint: str) -> bool:
    revision = run("SELECT version_num FROM alembic_version", {})
    derived = run("SELECT value FROM meta WHERE key = :key", {"key": RULES_KEY})
    return revision == [(SCHEMA_REVISION,)] and derived == [(fingerprint,)]


def as_the_store_leaves_it(
    run: morning_sql.Run, dialect: str, fingerprint: str, today: date
) -> bool:
    """`derived_under` the rulebook of `fingerprint`, and nothing left for today's
    settle (lapses, greetings)."""
    unsettled = run(
        "SELECT count(*) FROM customer_state WHERE recheck_on <= :today",
        morning_sql.params(dialect, today=today),
    )
    return _derived(run, fingerprint) and unsettled == [(0,)]
