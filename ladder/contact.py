"""Checks on a customer's contact details, shared by the command line and the forms."""

from __future__ import annotations

import unicodedata
from datetime import date

from ladder import phones
from ladder.text import has_bidi_control, visible

MAX_NAME = 200


class ContactError(ValueError):
    """A contact detail that is not valid; the message names the field.

    `problem` names what is wrong in one word, for a screen to say in its language.
    """

    def __init__(self, field: str, problem: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.problem = problem


def check_text(field: str, value: str) -> str:
    """Free text (a note, an address): no NUL, no control characters but newline and tab.

    Text is data: an escape sequence stored in a note would clear a colleague's
    screen or plant a hyperlink when printed, so it is refused where it comes in.
    """
    if "\x00" in value:
        raise ContactError(field, "nul", "contains a NUL character")
    value = value.replace("\r\n", "\n")  # Windows line ends are line ends
    if not value.isprintable() and any(
        unicodedata.category(c) == "Cc" and c not in "\n\t" for c in value
    ):
        raise ContactError(field, "control", "contains control characters")
    if has_bidi_control(value):
        raise ContactError(field, "bidi", "contains text-direction controls")
    return value


INVISIBLE = {"Cf", "Zs", "Zl", "Zp", "Mn"}  # zero-width spaces, a BOM, a lone combining mark


def check_name(name: str, field: str = "name") -> str:
    # one way to write Ä (composed): `Äino` typed on two keyboards is one name
    cleaned = unicodedata.normalize("NFC", " ".join(name.replace("\ufeff", "").split()))
    if not cleaned or all(unicodedata.category(c) in INVISIBLE for c in cleaned):
        raise ContactError(field, "empty", "must not be empty")
    if not cleaned.isprintable() and any(unicodedata.category(c) == "Cc" for c in cleaned):
        raise ContactError(field, "control", "contains control characters")
    if has_bidi_control(cleaned):
        raise ContactError(field, "bidi", "contains text-direction controls")
    if len(cleaned) > MAX_NAME:
        raise ContactError(field, "too_long", f"at most {MAX_NAME} characters")
    return cleaned


def check_email(email: str) -> str:
    """An e-mail address as a real parser reads it (syntax only: no network), its
    domain in lower case; empty stays empty."""
    cleaned = email.strip()
    if not cleaned:
        return ""
    # Loaded when an address is checked: its import compiles regular expressions
    # for 35 ms, which every start of the app and the command line paid.
    from email_validator import EmailNotValidError, validate_email

    try:
        return validate_email(cleaned, check_deliverability=False).normalized
    except EmailNotValidError:
        raise ContactError(
            "email", "not_email", f"not an e-mail address: {visible(cleaned)!r}"
        ) from None


def check_phone(phone: str, country: str = phones.HOME) -> str:
    """A phone number in its one kept form (see `ladder.phones`); empty stays empty."""
    cleaned = phone.strip()
    if not cleaned:
        return ""
    try:
        return phones.canonical(cleaned, country)
    except phones.NotAPhone:
        raise ContactError(
            "phone", "not_phone", f"not a phone number: {visible(cleaned)!r}"
        ) from None


def check_since(since: date | None, today: date) -> date:
    """The day a customer came onto the ladder: today unless told, never after it."""
    if since is None:
        return today
    if not (date(1900, 1, 1) <= since <= today):
        raise ContactError("since", "since_range", "must be between 1.1.1900 and today")
    return since


def check_birthday(birthday: date | None, today: date) -> date | None:
    if birthday is not None and not (date(1900, 1, 1) <= birthday <= today):
        raise ContactError("birthday", "birthday_range", "must be between 1.1.1900 and today")
    return birthday
