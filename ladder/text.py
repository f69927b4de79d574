"""Text as a person searches it: case and diacritics do not matter."""

from __future__ import annotations

import unicodedata


def search_key(text: str) -> str:
    """`Äijälä` and `aijala` are the same to someone typing on a phone or an English keyboard."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))
