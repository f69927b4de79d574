"""Resolving what the program runs on: database, rulebook, today, member, language.

Each comes from a command-line option, else an environment variable, else the
member's settings file (`present.config`), else a sensible default; `sources`
says which, for `ladder config show` and `ladder doctor`.
"""

from __future__ import annotations

import getpass
import locale
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import ladder
from data.locations import default_location, is_postgres
from data.member_files import private_folder
from ladder import DateError, Rulebook, format_date, parse_date
from ladder.contact import check_name
from ladder.phones import HOME
from present.config import read_config


class _Parsed:
    """`Settings.rules`: a rulebook, or what makes one the first time it is read.

    The shipped rulebook is given as `default_rulebook` itself: a read command on a
    database reads the co-op's rulebook from it and never needs the default, whose
    parse was a few milliseconds of every start. A file the member names is parsed
    at once, so that a bad one is said before anything runs.
    """

    def __set_name__(self, owner: type, name: str) -> None:
        self.kept = f"_{name}"

    def __get__(self, settings: Any, owner: type | None = None) -> Rulebook:
        if settings is None:  # no default for the dataclass: the field is required
            raise AttributeError(self.kept[1:])
        rules: Rulebook | Callable[[], Rulebook] = vars(settings)[self.kept]
        if callable(rules):
            rules = vars(settings)[self.kept] = rules()
        return rules

    def __set__(self, settings: Any, rules: Rulebook | Callable[[], Rulebook]) -> None:
        vars(settings)[self.kept] = rules


def later(make: Callable[[], Rulebook]) -> Rulebook:
    """`make` as `Settings.rules` takes it, to be called when the rulebook is first
    read (`_Parsed`); typed as what the field gives, for `Settings(…)` and `replace`."""
    return cast(Rulebook, make)


@dataclass(frozen=True)
class Settings:
    location: str
    if TYPE_CHECKING:  # as it reads; what it takes is `_Parsed.__set__`'s
        rules: Rulebook
    else:
        rules: _Parsed = _Parsed()
    today: date
    member: str
    lang: str
    country: str = HOME  # where a phone number without a country code is (ISO code)
    rules_chosen: bool = False  # a rulebook file was named: it must be the co-op's
    sources: Mapping[str, str] = field(default_factory=dict, compare=False)  # where each came from

    @property
    def database_chosen(self) -> bool:
        """Whether anyone said which database (else it is the default file)."""
        return self.sources.get("database", "default") != "default"


def detect_lang(environ: Mapping[str, str] = os.environ, kept: str = "") -> str:
    """`fi` or `en`: LADDER_LANG if set, else the settings file's (`kept`), else the
    locale."""
    for chosen in (environ.get("LADDER_LANG", "").strip().lower(), kept):
        if chosen in ("fi", "en"):
            return chosen
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value:
            return "fi" if value.lower().startswith("fi") else "en"
    found = locale.getlocale()[0] or ""
    return "fi" if found.lower().startswith("fi") else "en"


EARLIEST_TODAY = date(1900, 1, 1)
LATEST_TODAY = date(2999, 12, 31)


def _today(text: str | None, real_today: date) -> date:
    """`--today`, within the years the calendar and the rules can work in."""
    if not text:
        return real_today
    day = parse_date(text, real_today)
    if not EARLIEST_TODAY <= day <= LATEST_TODAY:
        raise DateError(
            f"--today {format_date(day)}: must be between 1.1.1900 and 31.12.2999",
            problem="today_range",
            day=day,
        )
    return day


def default_member() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "member"


def resolve(
    db: str | None = None,
    rules: str | None = None,
    today: str | None = None,
    member: str | None = None,
    environ: Mapping[str, str] = os.environ,
    kept: Mapping[str, str] | None = None,
) -> Settings:
    """Settings from options first, then LADDER_* variables, then the settings file
    (`kept`: read from the file when not given), then defaults.

    Raises ValueError (DateError, RulebookError, ConfigError) for a bad date,
    rulebook or settings file.
    """
    kept = read_config() if kept is None else kept
    sources: dict[str, str] = {}

    def pick(name: str, option: str | None, variable: str, key: str) -> str:
        for value, source in (
            (option, "option"),
            (environ.get(variable), variable),
            (kept.get(key), "file"),
        ):
            if value:
                sources[name] = source
                return value
        sources[name] = "default"
        return ""

    real_today = date.today()
    today_text = today or environ.get("LADDER_TODAY")
    rules_path = rules or environ.get("LADDER_RULES")
    location = pick("database", db, "LADDER_DB", "database")
    if not location:
        default = default_location()
        private_folder(default.parent)  # customers' personal data: the owner's eyes only
        location = str(default)
    elif not is_postgres(location):
        location = str(Path(location).expanduser())
    name = pick("member", member, "LADDER_MEMBER", "member") or default_member()
    pick("language", None, "LADDER_LANG", "language")
    country = pick("country", None, "LADDER_COUNTRY", "country")
    return Settings(
        location=location,
        rules=ladder.load_rulebook(rules_path)
        if rules_path
        else later(lambda: ladder.default_rulebook()),
        today=_today(today_text, real_today),
        # a name as every colleague's list shows it: an escape sequence in it is refused
        member=check_name(name, "member"),
        lang=detect_lang(environ, kept.get("language", "")),
        country=_country(country),
        rules_chosen=bool(rules_path),
        sources=sources,
    )


def _country(text: str) -> str:
    """The country whose phone numbers need no country code: `FI`, `SE`, …"""
    code = text.strip().upper() or HOME
    if code == HOME:
        return code
    import phonenumbers  # its metadata is loaded only for a country other than the home one

    if code not in phonenumbers.SUPPORTED_REGIONS:
        raise ValueError(f"LADDER_COUNTRY {code!r}: not a country code (FI, SE, EE, …)")
    return code
