"""Footer labels in the member's language.

Bindings are declared on the class that owns the action, with an i18n key as
their description; each screen translates its own copy when it mounts.
"""

from __future__ import annotations

from dataclasses import replace

from textual.dom import DOMNode

from present.i18n import STRINGS, t


def translate_bindings(node: DOMNode, lang: str) -> None:
    """Replace i18n keys in `node`'s binding descriptions with words in `lang`."""
    keys = node._bindings.key_to_bindings
    for key, bindings in keys.items():
        keys[key] = [  # a new list: the old one is shared with the class and other instances
            replace(b, description=t(b.description, lang)) if b.description in STRINGS else b
            for b in bindings
        ]
