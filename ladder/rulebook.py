"""The rulebook: every number and kind the ladder runs on, and what may be wrong in one.

Only the model: reading and checking a co-op's TOML file is `ladder/rulebook_file.py`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

from ladder.rungs import Rung
from ladder.text import search_key
from ladder.triggers import CALENDAR_TRIGGERS, Trigger


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
        return tuple(rule for rule in self.followups.values() if Trigger.BREAK in rule.on)

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
