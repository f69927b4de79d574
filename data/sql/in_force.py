"""Whether a database is as the store leaves it, and the co-op's rulebook in it:
what every path that reads or writes around the store (the app's first read, the
plain reads, `ladder log`'s plain write) checks before it may.
"""

from __future__ import annotations

from datetime import date

from data.schema import RULES_KEY, SCHEMA_REVISION
from data.sql import morning_sql
from ladder import Rulebook, parse_rulebook

IN_FORCE = "the co-op's rulebook"  # the source a rulebook read from the database names
NEWEST_RULEBOOK = "SELECT text FROM rulebook ORDER BY id DESC LIMIT 1"


def rules_in_force(
    run: morning_sql.Run, offered: Rulebook | None, *, chosen: bool
) -> Rulebook | None:
    """The co-op's rulebook as the database holds it; None when it holds none, or
    when the member `chosen` a file that differs (the store refuses that one).
    `offered` is read only when chosen: the default need not be parsed otherwise."""
    found = run(NEWEST_RULEBOOK, {})
    if not found:
        return None
    rules = parse_rulebook(found[0][0], source=IN_FORCE)
    return None if chosen and offered != rules else rules


def derived_under(run: morning_sql.Run, rules: Rulebook) -> bool:
    """The schema current and everyone derived under `rules`: nothing for the store
    to upgrade or re-derive on opening."""
    revision = run("SELECT version_num FROM alembic_version", {})
    fingerprint = run("SELECT value FROM meta WHERE key = :key", {"key": RULES_KEY})
    return revision == [(SCHEMA_REVISION,)] and fingerprint == [(rules.fingerprint,)]


def as_the_store_leaves_it(
    run: morning_sql.Run, dialect: str, rules: Rulebook, today: date
) -> bool:
    """`derived_under`, and nothing left for today's settle (lapses, greetings)."""
    unsettled = run(
        "SELECT count(*) FROM customer_state WHERE recheck_on <= :today",
        morning_sql.params(dialect, today=today),
    )
    return derived_under(run, rules) and unsettled == [(0,)]
