"""The rulebook: every number and kind the ladder runs on, read from TOML.

The shipped defaults live in `default_rules.toml`; a co-op's own file is
validated completely so that every problem is reported at once, with the key
path that holds it, and unknown keys are errors rather than silently ignored.
"""

from __future__ import annotations

import hashlib
import json
import math
import stat
import tomllib
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

from ladder.rungs import Rung
from ladder.text import search_key

MAX_DAYS = 3660  # ten years: any period longer is a typo, and dates must stay in range
CALENDAR_TRIGGERS = frozenset({"at_risk", "christmas", "birthday"})
FOLLOWUP_TRIGGERS = frozenset({"break", *CALENDAR_TRIGGERS})
CLOSE_TOKENS = frozenset({"positive", "any", "note"})
RUNG_IDS = ", ".join(rung.id for rung in Rung)


class UnknownKind(ValueError):
    """An event kind the rulebook does not know; `known` lists the ones it does (by
    id), and `known_fi` the same as a Finnish member types them."""

    def __init__(self, kind: str, known: tuple[str, ...], known_fi: tuple[str, ...] = ()) -> None:
        super().__init__(f"unknown event kind {kind!r} (one of: {', '.join(known)})")
        self.kind = kind
        self.known = known
        self.known_fi = known_fi or known


# What can be wrong in a rulebook, in English; present/i18n.py says each in Finnish.
PROBLEMS = {
    "cannot_read": "cannot read: {reason}",
    "not_utf8": "not UTF-8 text",
    "not_a_rulebook_file": "not a rulebook file (a pipe, a device, or over a megabyte)",
    "not_toml": "not valid TOML: {reason}",
    "missing": "missing",
    "missing_table": "missing table",
    "unknown_key": "unknown key",
    "expected_table": "expected a table, got {got}",
    "expected_number": "expected a number, got {got}",
    "expected_whole": "expected a whole number, got {got}",
    "expected_text": "expected text, got {got}",
    "expected_bool": "expected true or false, got {got}",
    "expected_list": "expected a list, got {got}",
    "at_least": "must be at least {limit}, got {got}",
    "at_most": "must be at most {limit}, got {got}",
    "below_zero": "must be below 0, got {got}",
    "control": "contains control characters: {got}",
    "unknown_rung": "unknown rung {got} (one of: {known})",
    "unknown_kind": "unknown event kind {got}",
    "unknown_trigger": "unknown event kind or trigger {got}",
    "no_kinds": "at least one event kind is needed",
    "name_taken": "name {got} is also kind {owner}",
    "fragile_and_resilient": "rungs cannot be both fragile and resilient: {rungs}",
    "below_rung_beneath": "must not be below the rung beneath it",
}


class Problem(NamedTuple):
    """One fault: where in the file (a key path), what (a key of PROBLEMS), and the
    values its sentence names, so that each front end can say it in its language."""

    path: str
    what: str
    values: tuple[tuple[str, str], ...] = ()

    def __str__(self) -> str:
        said = PROBLEMS[self.what].format(**dict(self.values))
        return f"{self.path}: {said}" if self.path else said


class RulebookError(ValueError):
    """A rulebook that cannot be used; `found` holds every fault, `problems` each as
    an English line."""

    def __init__(self, found: list[Problem], source: str = "rulebook") -> None:
        self.found = found
        self.problems = [str(problem) for problem in found]
        self.source = source
        super().__init__(f"{source}: " + "; ".join(self.problems))


@dataclass(frozen=True)
class EventKind:
    """A kind of event and how much it weighs on the ladder."""

    id: str
    label_fi: str
    label_en: str
    weight: float
    emotional: bool = False
    aliases: tuple[str, ...] = ()

    def label(self, lang: str) -> str:
        return self.label_fi if lang == "fi" else self.label_en

    @property
    def names(self) -> tuple[str, ...]:
        """Every name the command line takes for this kind: the id, each label, aliases.

        Labels are written as one word (`reklamaatio_hoidettu`); matching
        ignores case and diacritics, so `elamys` is `Elämys`.
        """
        labels = (self.label_fi, self.label_en, *self.aliases)
        return (self.id, *("_".join(label.split()) for label in labels))

    @property
    def is_positive(self) -> bool:
        return self.weight > 0

    @property
    def is_negative(self) -> bool:
        return self.weight < 0


@dataclass(frozen=True)
class Gate:
    """What a customer needs to be promoted onto a rung."""

    rung: Rung
    score: float
    positives: int
    emotional_positives: int = 0
    referrals: int = 0


@dataclass(frozen=True)
class FollowupRule:
    """When a follow-up is made, when it is due, and which events close it."""

    id: str
    label_fi: str
    label_en: str
    on: frozenset[str]
    closed_by: frozenset[str]
    due_days: int = 0
    notice_days: int = 0
    expires_days: int = 0
    month: int = 12
    day: int = 1
    min_rung: Rung = Rung.KULUTTAJA
    done_as: tuple[str, ...] = ()

    def label(self, lang: str) -> str:
        return self.label_fi if lang == "fi" else self.label_en


class ReplayNumbers(NamedTuple):
    """The rulebook's numbers in the order the fold's loop unpacks them."""

    effects: dict[str, tuple[float, float]]
    floors: tuple[float, ...]
    climbs: tuple[tuple[float, int, int, int], ...]
    half_life_days: float
    referral_kind: str
    recovery_kind: str
    recovery_window_days: int
    grace_days: int
    fragile: frozenset[Rung]
    resilient: frozenset[Rung]
    break_at: float
    repeat_factor: float


@dataclass(frozen=True)
class Rulebook:
    """Everything the fold and the follow-up rules read; no constants elsewhere."""

    kinds: Mapping[str, EventKind]
    gates: Mapping[Rung, Gate]
    followups: Mapping[str, FollowupRule]
    emotional_multiplier: float
    half_life_days: float
    hysteresis: float
    fragile: frozenset[Rung]
    break_at: float
    recovery_kind: str
    recovery_window_days: int
    resilient: frozenset[Rung]
    grace_days: int
    repeat_factor: float
    at_risk_after_days: int
    referral_kind: str
    fingerprint: str
    text: str = field(default="", compare=False, repr=False)  # the TOML it was read from
    source: str = field(default="", compare=False)  # where: a file's name, "default rules"

    def kind(self, kind_id: str) -> EventKind:
        """The kind `kind_id`; ValueError lists the known kinds otherwise."""
        try:
            return self.kinds[kind_id]
        except KeyError:
            raise self.unknown_kind(kind_id) from None

    def unknown_kind(self, kind_id: str) -> UnknownKind:
        """The error for a kind this rulebook does not know, listing the ones it does."""
        finnish = tuple(kind.names[1].lower() for kind in self.kinds.values())
        return UnknownKind(kind_id, tuple(self.kinds), finnish)

    def find_kind(self, text: str) -> EventKind:
        """A kind by its id or any of its names, ignoring case and diacritics."""
        wanted = search_key("_".join(text.split()))
        for kind in self.kinds.values():
            if wanted in self._search_names[kind.id]:
                return kind
        raise self.unknown_kind(text)

    def kinds_starting(self, typed: str, lang: str) -> list[EventKind]:
        """The kinds `typed` may mean, the likeliest first: a whole name first (as
        `find_kind` takes it, so `soitto` is the aftermarketing call wherever it is
        typed), then those with a label in `lang` starting so, then those with any
        other name starting so, each by the shortest label.

        So "rek" is Reklamaatio, not Reklamaatio hoidettu: a person who types
        the start of a word means the word, not a longer one that begins with it.
        """
        wanted = search_key("_".join(typed.split()))
        if not wanted:
            return []
        ranked = []
        for kind in self.kinds.values():
            names = self._search_names[kind.id]
            if wanted in names:
                rank = 0
            elif names[self._LABEL[lang]].startswith(wanted):
                rank = 1
            elif any(name.startswith(wanted) for name in names):
                rank = 2
            else:
                continue
            ranked.append((rank, len(kind.label(lang)), kind))
        return [kind for *_, kind in sorted(ranked, key=lambda entry: entry[:2])]

    _LABEL = {"fi": 1, "en": 2}  # where each language's label is among a kind's names

    @cached_property
    def _search_names(self) -> dict[str, tuple[str, ...]]:
        """Each kind's names (`EventKind.names`) as typing is compared with them."""
        return {
            kind.id: tuple(search_key(name) for name in kind.names) for kind in self.kinds.values()
        }

    def done_kinds(self, rule_id: str) -> tuple[str, ...]:
        """What marking a follow-up of `rule_id` done logs: the first is the default.

        A rule lists them in `done_as`; otherwise its first closing kind. Empty
        (a member's own follow-up) logs nothing unless the member says what.
        """
        rule = self.followups.get(rule_id)
        if rule is None:
            return ()
        if rule.done_as:
            return rule.done_as
        return tuple(sorted(rule.closed_by & self.kinds.keys()))[:1]

    def floor(self, rung: Rung) -> float:
        """The score below which a customer falls off `rung` (hysteresis)."""
        return self.floors[rung]

    @cached_property
    def floors(self) -> tuple[float, ...]:
        """Each rung's floor by height; kuluttaja has none."""
        return tuple(
            self.hysteresis * self.gates[rung].score if rung in self.gates else float("-inf")
            for rung in Rung
        )

    @cached_property
    def effects(self) -> dict[str, tuple[float, float]]:
        """Each kind's effect on the score, plain and emotional: what the fold adds."""
        return {
            kind.id: (kind.weight * 1.0, kind.weight * self.emotional_multiplier)
            for kind in self.kinds.values()
        }

    @cached_property
    def closing_kinds(self) -> dict[str, frozenset[str]]:
        """The kinds whose logging closes each follow-up rule (a note may close it too)."""
        positive = {kind.id for kind in self.kinds.values() if kind.weight > 0}
        closing = {}
        for rule in self.followups.values():
            kinds = set(rule.closed_by & self.kinds.keys())
            if "any" in rule.closed_by:
                kinds |= self.kinds.keys()
            if "positive" in rule.closed_by:
                kinds |= positive
            closing[rule.id] = frozenset(kinds)
        return closing

    @cached_property
    def triggered_by(self) -> dict[str, tuple[FollowupRule, ...]]:
        """The follow-up rules each event kind sets off, in rulebook order."""
        return {
            kind: tuple(rule for rule in self.followups.values() if kind in rule.on)
            for kind in self.kinds
        }

    @cached_property
    def break_rules(self) -> tuple[FollowupRule, ...]:
        """The follow-up rules a break sets off, in rulebook order."""
        return tuple(rule for rule in self.followups.values() if "break" in rule.on)

    @cached_property
    def calendar_rules(self) -> tuple[FollowupRule, ...]:
        """The follow-up rules time sets off (at risk, Christmas, birthdays), in rulebook order."""
        return tuple(rule for rule in self.followups.values() if rule.on & CALENDAR_TRIGGERS)

    @cached_property
    def replay(self) -> ReplayNumbers:
        """What the fold's loop reads, gathered once: a re-derive replays 100,000
        histories, and reading twenty attributes for each cost 7,600 instructions,
        a tenth of replaying a ten-event history."""
        return ReplayNumbers(
            self.effects,
            self.floors,
            self.climbs,
            self.half_life_days,
            self.referral_kind,
            self.recovery_kind,
            self.recovery_window_days,
            self.grace_days,
            self.fragile,
            self.resilient,
            self.break_at,
            self.repeat_factor,
        )

    @cached_property
    def climbs(self) -> tuple[tuple[float, int, int, int], ...]:
        """The gate out of each rung by height (climbs[0] leads to kokeilija), as the
        numbers the fold compares: score, positives, emotional positives, referrals."""
        return tuple(
            (gate.score, gate.positives, gate.emotional_positives, gate.referrals)
            for gate in (self.gates[Rung(height)] for height in range(1, len(Rung)))
        )


def default_rules_text() -> str:
    """The shipped rulebook's TOML: what a co-op copies and changes."""
    return resources.files("ladder").joinpath("default_rules.toml").read_text("utf-8")


def default_rulebook() -> Rulebook:
    """The rulebook shipped with the program."""
    return parse_rulebook(default_rules_text(), source="default rules")


LARGEST_RULEBOOK = 1024 * 1024  # bytes: the shipped one is four thousand


def load_rulebook(path: str | Path) -> Rulebook:
    """Read and validate a co-op's rulebook file: a regular file (a pipe would never
    end, a device never stop) of at most a megabyte."""
    path = Path(path)
    try:
        facts = path.stat()
        if not stat.S_ISREG(facts.st_mode) or facts.st_size > LARGEST_RULEBOOK:
            raise RulebookError([Problem("", "not_a_rulebook_file")], str(path))
        text = path.read_text("utf-8")
    except OSError as exc:
        reason = str(exc.strerror or exc)
        raise RulebookError(
            [Problem("", "cannot_read", (("reason", reason),))], str(path)
        ) from None
    except UnicodeDecodeError:
        raise RulebookError([Problem("", "not_utf8")], str(path)) from None
    return parse_rulebook(text, source=str(path))


def parse_rulebook(text: str, source: str = "rulebook") -> Rulebook:
    """Validate TOML text as a rulebook, reporting every problem at once."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RulebookError([Problem("", "not_toml", (("reason", str(exc)),))], source) from None
    checker = _Checker()
    book = checker.rulebook(raw)
    if checker.problems:
        raise RulebookError(checker.problems, source)
    assert book is not None
    return replace(book, text=text, source=source)


class _Checker:
    """Walks the raw TOML, collecting problems with their key paths."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def fail(self, path: str, what: str, **values: object) -> None:
        """`got`, the value found, is shown as the file writes it; the rest are words."""
        said = tuple((key, _shown(v) if key == "got" else str(v)) for key, v in values.items())
        self.problems.append(Problem(path, what, said))

    def table(self, raw: Mapping[str, Any], path: str, allowed: set[str]) -> Mapping[str, Any]:
        value = raw.get(path)
        if value is None:
            self.fail(path, "missing_table")
            return {}
        if not isinstance(value, dict):
            self.fail(path, "expected_table", got=value)
            return {}
        for key in value:
            if key not in allowed:
                self.fail(f"{path}.{key}", "unknown_key")
        return value

    def get(
        self,
        table: Mapping[str, Any],
        path: str,
        key: str,
        kind: Callable[[Any], bool],
        expected: str,
        default: Any = ...,
    ) -> Any:
        if key not in table:
            if default is ...:
                self.fail(f"{path}.{key}", "missing")
                return None
            return default
        value = table[key]
        if not kind(value):
            self.fail(f"{path}.{key}", f"expected_{expected}", got=value)
            return None
        return value

    def number(self, table, path, key, default=..., minimum=None, maximum=None):
        value = self.get(table, path, key, _is_number, "number", default)
        return self.within(value, path, key, minimum, maximum)

    def whole(self, table, path, key, default=..., minimum: int = 0, maximum: int | None = None):
        value = self.get(table, path, key, _is_int, "whole", default)
        return self.within(value, path, key, minimum, maximum)

    def within(self, value, path, key, minimum, maximum):
        """`value` if it lies within its bounds (any number of days within ten years),
        else None and a problem naming the bound."""
        if maximum is None and key.endswith("_days"):
            maximum = MAX_DAYS
        if value is not None and maximum is not None and value > maximum:
            self.fail(f"{path}.{key}", "at_most", limit=maximum, got=value)
            return None
        if value is not None and minimum is not None and value < minimum:
            self.fail(f"{path}.{key}", "at_least", limit=minimum, got=value)
            return None
        return value

    def text(self, table, path, key, default=...):
        return self.one_line(self.get(table, path, key, _is_text, "text", default), path, key)

    def one_line(self, value, path, key):
        """Labels and names are shown in every list and printed on paper: an escape
        sequence in one would clear a colleague's screen, so it is refused here."""
        if isinstance(value, str) and any(unicodedata.category(c) == "Cc" for c in value):
            self.fail(f"{path}.{key}", "control", got=value)
            return None
        return value

    def names(self, table, path, key) -> tuple[str, ...]:
        values = self.get(table, path, key, _is_text_list, "list", [])
        return tuple(name for name in values or [] if self.one_line(name, path, key) is not None)

    def rung(self, table, path, key, default=...) -> Rung | None:
        value = self.text(table, path, key, default)
        if value is None or isinstance(value, Rung):
            return value
        try:
            return Rung.from_id(value)
        except ValueError:
            self.fail(f"{path}.{key}", "unknown_rung", got=value, known=RUNG_IDS)
            return None

    def rungs(self, table, path, key) -> frozenset[Rung]:
        values = self.get(table, path, key, _is_text_list, "list")
        found: set[Rung] = set()
        for i, value in enumerate(values or []):
            try:
                found.add(Rung.from_id(value))
            except ValueError:
                self.fail(f"{path}.{key}[{i}]", "unknown_rung", got=value, known=RUNG_IDS)
        return frozenset(found)

    def rulebook(self, raw: Mapping[str, Any]) -> Rulebook | None:
        sections = {
            "scoring",
            "kinds",
            "rungs",
            "demotion",
            "fragile",
            "recovery",
            "resilient",
            "lapsing",
            "followups",
        }
        for key in raw:
            if key not in sections:
                self.fail(key, "unknown_key")
        scoring = self.table(raw, "scoring", {"emotional_multiplier", "half_life_days"})
        multiplier = self.number(scoring, "scoring", "emotional_multiplier", minimum=0)
        half_life = self.number(scoring, "scoring", "half_life_days", minimum=1)
        kinds_table = self.table(raw, "kinds", set(raw.get("kinds") or {}))
        kinds = self.kinds(kinds_table)
        declared = set(kinds_table)
        gates = self.gates(self.table(raw, "rungs", {r.id for r in Rung if r}))
        demotion = self.table(raw, "demotion", {"hysteresis"})
        hysteresis = self.number(demotion, "demotion", "hysteresis", minimum=0, maximum=1)
        fragile_t = self.table(raw, "fragile", {"rungs", "break_at"})
        fragile = self.rungs(fragile_t, "fragile", "rungs")
        break_at = self.number(fragile_t, "fragile", "break_at")
        if break_at is not None and break_at >= 0:
            self.fail("fragile.break_at", "below_zero", got=break_at)
        recovery = self.table(raw, "recovery", {"kind", "window_days"})
        recovery_kind = self.known_kind(recovery, "recovery", "kind", declared)
        window = self.whole(recovery, "recovery", "window_days")
        resilient_t = self.table(raw, "resilient", {"rungs", "grace_days", "repeat_factor"})
        resilient = self.rungs(resilient_t, "resilient", "rungs")
        if fragile & resilient:
            overlap = ", ".join(sorted(r.id for r in fragile & resilient))
            self.fail("resilient.rungs", "fragile_and_resilient", rungs=overlap)
        grace = self.whole(resilient_t, "resilient", "grace_days")
        repeat = self.number(resilient_t, "resilient", "repeat_factor", minimum=0)
        lapsing = self.table(raw, "lapsing", {"at_risk_after_days", "referral_kind"})
        at_risk = self.whole(lapsing, "lapsing", "at_risk_after_days", minimum=1)
        referral = self.known_kind(lapsing, "lapsing", "referral_kind", declared)
        followups = self.followups(
            self.table(raw, "followups", set(raw.get("followups") or {})), declared
        )
        if self.problems:
            return None
        return Rulebook(
            kinds=kinds,
            gates=gates,
            followups=followups,
            emotional_multiplier=float(multiplier),
            half_life_days=float(half_life),
            hysteresis=float(hysteresis),
            fragile=fragile,
            break_at=float(break_at),
            recovery_kind=recovery_kind,
            recovery_window_days=window,
            resilient=resilient,
            grace_days=grace,
            repeat_factor=float(repeat),
            at_risk_after_days=at_risk,
            referral_kind=referral,
            fingerprint=_fingerprint(raw),
        )

    def kinds(self, table: Mapping[str, Any]) -> dict[str, EventKind]:
        kinds: dict[str, EventKind] = {}
        if not table:
            self.fail("kinds", "no_kinds")
        for kind_id in table:
            path = f"kinds.{kind_id}"
            entry = table[kind_id]
            if not isinstance(entry, dict):
                self.fail(path, "expected_table", got=entry)
                continue
            for key in entry:
                if key not in {"label_fi", "label_en", "weight", "emotional", "aliases"}:
                    self.fail(f"{path}.{key}", "unknown_key")
            kind = EventKind(
                id=kind_id,
                label_fi=self.text(entry, path, "label_fi"),
                label_en=self.text(entry, path, "label_en"),
                weight=self.number(entry, path, "weight"),
                emotional=self.get(entry, path, "emotional", _is_bool, "bool", False),
                aliases=self.names(entry, path, "aliases"),
            )
            if None not in (kind.label_fi, kind.label_en, kind.weight, kind.emotional):
                kinds[kind_id] = EventKind(
                    kind.id,
                    kind.label_fi,
                    kind.label_en,
                    float(kind.weight),
                    kind.emotional,
                    tuple(kind.aliases or ()),
                )
        self.names_unique(kinds)
        return kinds

    def names_unique(self, kinds: Mapping[str, EventKind]) -> None:
        """No two kinds may answer to the same name on the command line."""
        owner: dict[str, str] = {}
        for kind in kinds.values():
            for name in {search_key(n) for n in kind.names}:
                if owner.setdefault(name, kind.id) != kind.id:
                    self.fail(f"kinds.{kind.id}", "name_taken", got=name, owner=owner[name])

    def gates(self, table: Mapping[str, Any]) -> dict[Rung, Gate]:
        gates: dict[Rung, Gate] = {}
        for rung in list(Rung)[1:]:
            path = f"rungs.{rung.id}"
            entry = table.get(rung.id)
            if not isinstance(entry, dict):
                if entry is None:
                    self.fail(path, "missing_table")
                else:
                    self.fail(path, "expected_table", got=entry)
                continue
            for key in entry:
                if key not in {"score", "positives", "emotional_positives", "referrals"}:
                    self.fail(f"{path}.{key}", "unknown_key")
            values = (
                self.number(entry, path, "score", minimum=0),
                self.whole(entry, path, "positives"),
                self.whole(entry, path, "emotional_positives", 0),
                self.whole(entry, path, "referrals", 0),
            )
            if None not in values:
                gates[rung] = Gate(rung, float(values[0]), *values[1:])
        previous = 0.0
        for rung, gate in sorted(gates.items()):
            if gate.score < previous:
                self.fail(f"rungs.{rung.id}.score", "below_rung_beneath")
            previous = gate.score
        return gates

    def known_kind(self, table, path, key, kinds: set[str]) -> str | None:
        value = self.text(table, path, key)
        if value is not None and value not in kinds:
            self.fail(f"{path}.{key}", "unknown_kind", got=value)
            return None
        return value

    def followups(self, table, kinds: set[str]) -> dict[str, FollowupRule]:
        rules: dict[str, FollowupRule] = {}
        allowed = {
            "label_fi",
            "label_en",
            "on",
            "closed_by",
            "due_days",
            "notice_days",
            "expires_days",
            "month",
            "day",
            "min_rung",
            "done_as",
        }
        for rule_id, entry in table.items():
            path = f"followups.{rule_id}"
            if not isinstance(entry, dict):
                self.fail(path, "expected_table", got=entry)
                continue
            for key in entry:
                if key not in allowed:
                    self.fail(f"{path}.{key}", "unknown_key")
            on = self.get(entry, path, "on", _is_text_list, "list")
            closed = self.get(entry, path, "closed_by", _is_text_list, "list")
            for i, name in enumerate(on or []):
                if name not in kinds and name not in FOLLOWUP_TRIGGERS:
                    self.fail(f"{path}.on[{i}]", "unknown_trigger", got=name)
            for i, name in enumerate(closed or []):
                if name not in kinds and name not in CLOSE_TOKENS:
                    self.fail(f"{path}.closed_by[{i}]", "unknown_kind", got=name)
            done_as = self.get(entry, path, "done_as", _is_text_list, "list", [])
            for i, name in enumerate(done_as or []):
                if name not in kinds:
                    self.fail(f"{path}.done_as[{i}]", "unknown_kind", got=name)
            values = dict(
                label_fi=self.text(entry, path, "label_fi"),
                label_en=self.text(entry, path, "label_en"),
                due_days=self.whole(entry, path, "due_days", 0),
                notice_days=self.whole(entry, path, "notice_days", 0),
                expires_days=self.whole(entry, path, "expires_days", 0),
                month=self.whole(entry, path, "month", 12, minimum=1, maximum=12),
                day=self.whole(entry, path, "day", 1, minimum=1, maximum=28),
                min_rung=self.rung(entry, path, "min_rung", Rung.KULUTTAJA),
            )
            if on is None or closed is None or None in values.values():
                continue
            rules[rule_id] = FollowupRule(
                id=rule_id,
                on=frozenset(on),
                closed_by=frozenset(closed),
                done_as=tuple(done_as or ()),
                **values,
            )
        return rules


def _is_number(value: Any) -> bool:
    """A real, finite number: TOML's nan and inf would poison every score."""
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _is_bool(value: Any) -> bool:
    return isinstance(value, bool)


def _is_text_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _shown(value: Any) -> str:
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    return repr(value).lower() if isinstance(value, bool) else repr(value)


WORDING_KEYS = frozenset({"label_fi", "label_en", "aliases", "done_as"})


def _fingerprint(raw: Mapping[str, Any]) -> str:
    """A hash of what derivation reads, so a changed rulebook is noticed.

    Wording (labels, names, what "done" logs) is left out: changing it moves
    nobody, so it must not make every customer be re-derived.
    """

    def rules_only(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: rules_only(v) for k, v in value.items() if k not in WORDING_KEYS}
        return value

    canonical = json.dumps(rules_only(raw), sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()[:16]
