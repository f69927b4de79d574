"""Phone numbers: read however they are typed, kept in one form, shown as Finns write them.

Google's libphonenumber (the `phonenumbers` package) reads and checks a number;
one typed without a country code is read in the member's country (FI unless
set otherwise). A number is kept in its international form (E.164,
`+358409033298`), so `0409033298`, `040 903 3298` and `+358 40 903 3298` are
one number wherever they are compared, and shown as people write it: at home
`040 903 3298`, from abroad `+46 8 123 456 78`.

`phonenumbers` is imported where a number is read or shown, not with this
module: loading its metadata is a good part of a small command's start, and
`ladder pipeline` or `report` show no number.
"""

from __future__ import annotations

import re
from functools import lru_cache

HOME = "FI"
_TYPED = re.compile(r"^\+?[0-9(][0-9 ()./-]*$")  # digits as typed: no letters (040-KALLE)


class NotAPhone(ValueError):
    """Text that is not a phone number in the given country."""


def canonical(text: str, country: str = HOME) -> str:
    """`text` as a number kept in its one form (E.164); NotAPhone if it is none."""
    import phonenumbers

    cleaned = text.strip()
    if not _TYPED.match(cleaned):
        raise NotAPhone(cleaned)
    try:
        number = phonenumbers.parse(cleaned, country)
    except phonenumbers.NumberParseException:
        raise NotAPhone(cleaned) from None
    if not phonenumbers.is_valid_number(number):
        raise NotAPhone(cleaned)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def is_canonical(stored: str) -> bool:
    """Whether a stored number is in the one form (an old one that could not be read
    is kept as it was typed)."""
    return stored.startswith("+") and stored[1:].isdigit()


@lru_cache(maxsize=65_536)
def shown(stored: str, home: str = HOME) -> str:
    """A kept number as people write it: national at `home`, international elsewhere;
    one kept as typed is shown as typed."""
    if not is_canonical(stored):
        return stored
    import phonenumbers

    number = phonenumbers.parse(stored)
    if phonenumbers.region_code_for_number(number) != home:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    national = str(number.national_number)
    area = phonenumbers.length_of_national_destination_code(number)  # 040's "40"
    return f"0{national[:area]} {_grouped(national[area:])}".strip()


def _grouped(subscriber: str) -> str:
    """`9033298` as `903 3298`: the last four together, the rest before them."""
    if len(subscriber) <= 4:
        return subscriber
    if len(subscriber) in (5, 6):
        return f"{subscriber[:-3]} {subscriber[-3:]}"
    return f"{subscriber[:-4]} {subscriber[-4:]}"


def search_digits(stored: str) -> str:
    """The digits a kept number is found by, as typed either way: the national
    (`0409033298`) and the international (`358409033298`) spelling."""
    if not is_canonical(stored):
        return re.sub(r"\D", "", stored)
    international = stored[1:]
    national = re.sub(r"\D", "", shown(stored))
    return f"{national} {international}"


def typed_digits(text: str) -> str | None:
    """The digits of a search typed as a phone number (`040 903`, `+358 40…`), or None
    if the text is not one."""
    cleaned = text.strip()
    if not _TYPED.match(cleaned):
        return None
    digits = re.sub(r"\D", "", cleaned)
    if cleaned.startswith("+"):
        return digits
    return digits if len(digits) >= 3 else None
