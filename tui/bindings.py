"""Footer labels in the member's language.

Bindings are declared on the class that owns the action, with an i18n key as
their description; what Textual shows of them (the footer) reads a screen's
`active_bindings`, which hands each one on translated (`tui.screens.base`).
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

from textual.binding import Binding

from present.i18n import STRINGS, t


@cache  # asked for each binding on every footer update and every key in a form
def translated(binding: Binding, lang: str) -> Binding:
    """`binding` with its description in `lang`, when the description is an i18n key."""
    if binding.description not in STRINGS:
        return binding
    return replace(binding, description=t(binding.description, lang))
