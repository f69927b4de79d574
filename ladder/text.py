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
    return unicodedata.normalize("NFC", " ".join(name.split())).casefold()


# Text-direction overrides and isolates: a name holding one shows its letters, and
# every column after it on the line, in another order than they were typed.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def has_bidi_control(text: str) -> bool:
    return not BIDI_CONTROLS.isdisjoint(text)


def visible(text: str) -> str:
    """`text` with control characters shown as `\\x1b` and the like, never obeyed.

    What a member stored is data: an escape sequence in a note must not clear
    the screen or open a hyperlink when it is drawn, nor a direction override
    turn a line around. Tabs and newlines stay.
    """
    if text.isprintable() and not has_bidi_control(text):
        return text
    return "".join(
        c
        if c in "\t\n" or (unicodedata.category(c) != "Cc" and c not in BIDI_CONTROLS)
        else f"\\x{ord(c):02x}"
        if ord(c) < 0x100
        else f"\\u{ord(c):04x}"
        for c in text
    )
