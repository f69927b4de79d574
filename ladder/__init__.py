"""Ladder's domain: rungs, events, the rulebook, the fold and the follow-up rules.

Pure Python: nothing here knows about the database or the screen.

Each name is loaded from its module when first asked for (PEP 562), so that a
command that needs the rungs and the dates does not load the fold, the
follow-up rules and the rulebook's file reader (TOML, hashing, package
resources) too: `import ladder; ladder.fold(...)` and `from ladder import X`
work as before, and the type checker reads the imports below.
"""

from __future__ import annotations

import sys
from importlib import import_module
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
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
    from ladder.followup_rules import (
        Followup,
        closes,
        derive_followups,
        next_recheck,
        rung_on,
    )
    from ladder.rulebook import EventKind, FollowupRule, Gate, Rulebook, RulebookError
    from ladder.rulebook_file import (
        default_rulebook,
        default_rules_text,
        load_rulebook,
        parse_rulebook,
    )
    from ladder.rungs import Rung
    from ladder.whatif import whatif

_HOME = {
    **dict.fromkeys(("DateError", "format_date", "next_business_day_from", "parse_date"), "dates"),
    **dict.fromkeys(("Event", "Reason", "Transition"), "events"),
    "explain": "explain",
    **dict.fromkeys(
        ("CustomerState", "Outlook", "OutOfOrder", "Standing", "decayed", "evaluate", "fold"),
        "fold",
    ),
    **dict.fromkeys(("project", "score_history", "step"), "fold"),
    **dict.fromkeys(
        ("Followup", "closes", "derive_followups", "next_recheck", "rung_on"), "followup_rules"
    ),
    **dict.fromkeys(("EventKind", "FollowupRule", "Gate", "Rulebook", "RulebookError"), "rulebook"),
    **dict.fromkeys(
        ("default_rulebook", "default_rules_text", "load_rulebook", "parse_rulebook"),
        "rulebook_file",
    ),
    "Rung": "rungs",
    "whatif": "whatif",
}
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


def __getattr__(name: str) -> object:
    """A name of the domain, loaded from its module the first time it is asked for."""
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module 'ladder' has no attribute {name!r}")
    value = getattr(import_module(f"ladder.{home}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_HOME})


class _Package(ModuleType):
    """The package, whose functions `fold`, `explain` and `whatif` keep their names
    when the modules of the same name load: importing a submodule would otherwise
    set `ladder.fold` to the module (an eager import used to overwrite it after)."""

    def __setattr__(self, name: str, value: object) -> None:
        if isinstance(value, ModuleType) and _HOME.get(name) == name:
            return  # the module stays in sys.modules; the name is the function's
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
