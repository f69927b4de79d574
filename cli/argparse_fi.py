"""argparse's own words (usage, errors, "options") in Finnish.

argparse looks its messages up through gettext's `_` and `ngettext` at call
time, so pointing those at this table is how the command line says "pakollinen"
instead of "required" without a compiled message catalogue.
"""

from __future__ import annotations

import argparse

FINNISH = {
    "usage: ": "käyttö: ",
    "positional arguments": "argumentit",
    "options": "valitsimet",
    "show this help message and exit": "näytä tämä ohje ja lopeta",
    "the following arguments are required: %s": "nämä puuttuvat: %s",
    "unrecognized arguments: %s": "tuntemattomia argumentteja: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "%(value)r ei käy (vaihtoehdot: %(choices)s)"
    ),
    "argument %(argument_name)s: %(message)s": "%(argument_name)s: %(message)s",
    "expected one argument": "tarvitsee arvon",
    "expected at most one argument": "enintään yksi arvo",
    "expected at least one argument": "vähintään yksi arvo",
    "invalid %(type)s value: %(value)r": "%(value)r ei kelpaa",
    "not allowed with argument %s": "ei käy yhdessä valitsimen %s kanssa",
    "ambiguous option: %(option)s could match %(matches)s": (
        "%(option)s voi tarkoittaa montaa: %(matches)s"
    ),
    "one of the arguments %s is required": "jokin näistä tarvitaan: %s",
    "ignored explicit argument %r": "ylimääräinen arvo %r",
    "unexpected option string: %s": "odottamaton valitsin: %s",
    "%(prog)s: error: %(message)s\n": "%(prog)s: virhe: %(message)s\n",
    "expected %s argument": "tarvitsee %s arvon",
    "expected %s arguments": "tarvitsee %s arvoa",
}


def _finnish(message: str) -> str:
    return FINNISH.get(message, message)


def _finnish_n(singular: str, plural: str, count: int) -> str:
    return _finnish(singular if count == 1 else plural)


def _english(message: str) -> str:
    return message


def _english_n(singular: str, plural: str, count: int) -> str:
    return singular if count == 1 else plural


def speak(lang: str) -> None:
    """Make argparse speak `lang` (fi or en) from now on in this process. English
    is argparse's own words as written: gettext would look for a message catalogue
    on disk at every word (31 look-ups building one command's parser, a few
    milliseconds), and the member asked for English whatever the locale says."""
    # argparse says everything through these two names it imports, unexported
    if lang == "fi":
        argparse._ = _finnish  # type: ignore[attr-defined]
        argparse.ngettext = _finnish_n  # type: ignore[attr-defined]
    else:
        argparse._ = _english  # type: ignore[attr-defined]
        argparse.ngettext = _english_n  # type: ignore[attr-defined]
