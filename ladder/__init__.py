"""Ladder's domain: rungs, events, the rulebook, the fold and the follow-up rules.

Pure Python: nothing here knows about the database or the screen.
"""

from ladder.dates import DateError, format_date, next_business_day_from, parse_date
from ladder.events import Event, Reason, Transition
from ladder.explain import explain
from ladder.fold import (
    CustomerState,
    Outlook,
    OutOfOrder,
    Standing,
    decayed,
    evaluate,
    fold,
    project,
    score_history,
    step,
)
from ladder.followup_rules import Followup, closes, derive_followups, next_recheck, rung_on
from ladder.rulebook import EventKind, FollowupRule, Gate, Rulebook, RulebookError
from ladder.rulebook_file import default_rulebook, default_rules_text, load_rulebook, parse_rulebook
from ladder.rungs import Rung
from ladder.whatif import whatif

__all__ = [
    "CustomerState",
    "DateError",
    "Event",
    "EventKind",
    "Followup",
    "FollowupRule",
    "Gate",
    "OutOfOrder",
    "Outlook",
    "Reason",
    "Rulebook",
    "RulebookError",
    "Rung",
    "Standing",
    "Transition",
    "closes",
    "decayed",
    "default_rulebook",
    "default_rules_text",
    "derive_followups",
    "evaluate",
    "explain",
    "fold",
    "format_date",
    "load_rulebook",
    "next_business_day_from",
    "next_recheck",
    "parse_date",
    "parse_rulebook",
    "project",
    "rung_on",
    "score_history",
    "step",
    "whatif",
]
