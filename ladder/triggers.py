"""What sets off a follow-up besides an event kind, each named once.

A rulebook names them as text in a rule's `on` (`on = ["break"]`), and a
follow-up keeps its trigger as text; a `StrEnum` compares equal to its text,
so the checker, the follow-up rules and the words all read them from here.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum


class Trigger(StrEnum):
    """A trigger a rule's `on` may name instead of an event kind."""

    BREAK = "break"  # the fold broke a fragile customer's relationship
    AT_RISK = "at_risk"  # a loyal customer with no event for the at-risk period
    CHRISTMAS = "christmas"  # the card, its notice period before its day
    BIRTHDAY = "birthday"  # the customer's birthday, its notice period before


# Time sets these off (a quiet spell, a day of the year), not an event.
CALENDAR_TRIGGERS = frozenset({Trigger.AT_RISK, Trigger.CHRISTMAS, Trigger.BIRTHDAY})

# The words (present/i18n.py) that say why a follow-up exists, by its trigger;
# keyed by text too, as a follow-up keeps it.
REASON_KEYS: Mapping[str, str] = {
    Trigger.BREAK: "reason.break",
    Trigger.AT_RISK: "reason.at_risk",
    Trigger.CHRISTMAS: "reason.christmas",
    Trigger.BIRTHDAY: "reason.birthday",
}
