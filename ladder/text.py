"""Text as a person searches it: case and diacritics do not matter."""

from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"\w+")


def search_key(text: str) -> str:
    """`Äijälä` and `aijala` are the same to someone typing on a phone or an English keyboard."""
    if text.isascii():
        return text.casefold()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def search_words(text: str) -> str:
    """The words of `text` as they are searched: case and diacritics aside, one space
    between, punctuation gone (`Ärväs-Öhman, Åke` is `arvas ohman ake`)."""
    return " ".join(_WORD.findall(search_key(text)))


def member_key(name: str) -> str:
    """A member's name as names are compared: ` aino` and `Aino` are one member."""
    return " ".join(name.split()).casefold()


def visible(text: str) -> str:
    """`text` with control characters shown as `\\x1b` and the like, never obeyed.

    What a member stored is data: an escape sequence in a note must not clear
    the screen or open a hyperlink when it is drawn. Tabs and newlines stay.
    """
    if text.isprintable():
        return text
    return "".join(
        c if c in "\t\n" or unicodedata.category(c) != "Cc" else f"\\x{ord(c):02x}" for c in text
    )
