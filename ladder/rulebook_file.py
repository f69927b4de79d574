"""Reading a rulebook from TOML: the shipped defaults and a co-op's own file.

Apart from the model (`ladder/rulebook.py`), which the fold and the follow-up
rules read on every replay and need nothing of this. A co-op's file is checked
completely, so that every problem is reported at once with the key path that
holds it, and unknown keys are errors rather than silently ignored.
"""

from __future__ import annotations

import hashlib
import json
import math
import pkgutil
import stat
import tomllib
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path
from types import EllipsisType
from typing import TypeGuard, TypeVar

from ladder.rulebook import EventKind, FollowupRule, Gate, Problem, Rulebook, RulebookError
from ladder.rungs import Rung
from ladder.text import search_key
from ladder.triggers import Trigger

MAX_DAYS = 3660  # ten years: any period longer is a typo, and dates must stay in range
TRIGGERS = frozenset(Trigger)  # what a rule's `on` may name besides an event kind
CLOSE_TOKENS = frozenset({"positive", "any", "note"})
RUNG_IDS = ", ".join(rung.id for rung in Rung)
LARGEST_RULEBOOK = 1024 * 1024  # bytes: the shipped one is four thousand
WORDING_KEYS = frozenset({"label_fi", "label_en", "aliases", "done_as"})

Table = Mapping[str, object]  # a TOML table as read, not yet checked
T = TypeVar("T")
Number = TypeVar("Number", int, float)


def default_rules_text() -> str:
    """The shipped rulebook's TOML: what a co-op copies and changes. Read through the
    package's loader (a file, or a zip's member): importlib.resources' readers took
    ~7 ms of every command's start to load, this ~1 ms."""
    data = pkgutil.get_data("ladder", "default_rules.toml")
    if data is None:  # a loader that cannot read package data
        raise FileNotFoundError("ladder/default_rules.toml")
    return data.decode("utf-8")


def default_rulebook() -> Rulebook:
    """The rulebook shipped with the program."""
    return parse_rulebook(default_rules_text(), source="default rules")


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
    if book is None:
        raise RulebookError(checker.problems, source)
    return replace(book, text=text, source=source)


KIND_KEYS = {"label_fi", "label_en", "weight", "emotional", "aliases"}
GATE_KEYS = {"score", "positives", "emotional_positives", "referrals"}


class _Checker:
    """Walks the raw TOML, collecting problems with their key paths.

    A value that is wrong is None, and its problem is collected; a rulebook is
    only made when none was, so `_found` takes the None away there.
    """

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def fail(self, path: str, what: str, **values: object) -> None:
        """`got`, the value found, is shown as the file writes it; the rest are words."""
        said = tuple((key, _shown(v) if key == "got" else str(v)) for key, v in values.items())
        self.problems.append(Problem(path, what, said))

    def table(self, raw: Table, path: str, allowed: set[str] | None = None) -> Table:
        """The table at `path`, its keys among `allowed` (None: any key, as kinds' ids)."""
        return self.entry(path, raw.get(path), allowed) or {}

    def entry(self, path: str, value: object, allowed: set[str] | None) -> Table | None:
        """`value` as the table at `path`, each key not `allowed` named (None: any
        key); None when it is missing or not a table, which is said."""
        if value is None:
            self.fail(path, "missing_table")
            return None
        if not isinstance(value, dict):
            self.fail(path, "expected_table", got=value)
            return None
        for key in value:
            if allowed is not None and key not in allowed:
                self.fail(f"{path}.{key}", "unknown_key")
        return value

    def get(
        self,
        table: Table,
        path: str,
        key: str,
        kind: Callable[[object], TypeGuard[T]],
        expected: str,
        default: T | EllipsisType = ...,
    ) -> T | None:
        """The value at `key` if it is of `kind`; `default` if it is absent (none: required)."""
        if key not in table:
            if isinstance(default, EllipsisType):
                self.fail(f"{path}.{key}", "missing")
                return None
            return default
        value = table[key]
        if not kind(value):
            self.fail(f"{path}.{key}", f"expected_{expected}", got=value)
            return None
        return value

    def number(
        self,
        table: Table,
        path: str,
        key: str,
        minimum: float | None = None,
        maximum: float | None = None,
    ) -> float | None:
        value = self.get(table, path, key, _is_number, "number")
        return self.within(value, path, key, minimum, maximum)

    def whole(
        self,
        table: Table,
        path: str,
        key: str,
        default: int | EllipsisType = ...,
        minimum: int = 0,
        maximum: int | None = None,
    ) -> int | None:
        value = self.get(table, path, key, _is_int, "whole", default)
        return self.within(value, path, key, minimum, maximum)

    def within(
        self,
        value: Number | None,
        path: str,
        key: str,
        minimum: float | None,
        maximum: float | None,
    ) -> Number | None:
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

    def text(self, table: Table, path: str, key: str) -> str | None:
        return self.one_line(self.get(table, path, key, _is_text, "text"), path, key)

    def one_line(self, value: str | None, path: str, key: str) -> str | None:
        """Labels and names are shown in every list and printed on paper: an escape
        sequence in one would clear a colleague's screen, so it is refused here."""
        if isinstance(value, str) and any(unicodedata.category(c) == "Cc" for c in value):
            self.fail(f"{path}.{key}", "control", got=value)
            return None
        return value

    def names(self, table: Table, path: str, key: str) -> tuple[str, ...]:
        values = self.get(table, path, key, _is_text_list, "list", [])
        return tuple(name for name in values or [] if self.one_line(name, path, key) is not None)

    def rung(self, table: Table, path: str, key: str, default: Rung) -> Rung | None:
        if key not in table:
            return default
        value = self.text(table, path, key)
        if value is None:
            return None
        try:
            return Rung.from_id(value)
        except ValueError:
            self.fail(f"{path}.{key}", "unknown_rung", got=value, known=RUNG_IDS)
            return None

    def rungs(self, table: Table, path: str, key: str) -> frozenset[Rung]:
        values = self.get(table, path, key, _is_text_list, "list")
        found: set[Rung] = set()
        for i, value in enumerate(values or []):
            try:
                found.add(Rung.from_id(value))
            except ValueError:
                self.fail(f"{path}.{key}[{i}]", "unknown_rung", got=value, known=RUNG_IDS)
        return frozenset(found)

    def rulebook(self, raw: Table) -> Rulebook | None:
        """The rulebook `raw` holds; None when anything is wrong (see `problems`)."""
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
        kinds_table = self.table(raw, "kinds")
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
        followups = self.followups(self.table(raw, "followups"), declared)
        if self.problems:
            return None
        return Rulebook(
            kinds=kinds,
            gates=gates,
            followups=followups,
            emotional_multiplier=float(_found(multiplier)),
            half_life_days=float(_found(half_life)),
            hysteresis=float(_found(hysteresis)),
            fragile=fragile,
            break_at=float(_found(break_at)),
            recovery_kind=_found(recovery_kind),
            recovery_window_days=_found(window),
            resilient=resilient,
            grace_days=_found(grace),
            repeat_factor=float(_found(repeat)),
            at_risk_after_days=_found(at_risk),
            referral_kind=_found(referral),
            fingerprint=_fingerprint(raw),
        )

    def kinds(self, table: Table) -> dict[str, EventKind]:
        kinds: dict[str, EventKind] = {}
        if not table:
            self.fail("kinds", "no_kinds")
        for kind_id, value in table.items():
            path = f"kinds.{kind_id}"
            entry = self.entry(path, value, KIND_KEYS)
            if entry is None:
                continue
            label_fi = self.text(entry, path, "label_fi")
            label_en = self.text(entry, path, "label_en")
            weight = self.number(entry, path, "weight")
            emotional = self.get(entry, path, "emotional", _is_bool, "bool", False)
            aliases = self.names(entry, path, "aliases")
            if label_fi is None or label_en is None or weight is None or emotional is None:
                continue
            kinds[kind_id] = EventKind(
                kind_id, label_fi, label_en, float(weight), emotional, aliases
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

    def gates(self, table: Table) -> dict[Rung, Gate]:
        gates: dict[Rung, Gate] = {}
        for rung in list(Rung)[1:]:
            path = f"rungs.{rung.id}"
            entry = self.entry(path, table.get(rung.id), GATE_KEYS)
            if entry is None:
                continue
            score = self.number(entry, path, "score", minimum=0)
            positives = self.whole(entry, path, "positives")
            emotional = self.whole(entry, path, "emotional_positives", 0)
            referrals = self.whole(entry, path, "referrals", 0)
            if score is None or positives is None or emotional is None or referrals is None:
                continue
            gates[rung] = Gate(rung, float(score), positives, emotional, referrals)
        previous = 0.0
        for rung, gate in sorted(gates.items()):
            if gate.score < previous:
                self.fail(f"rungs.{rung.id}.score", "below_rung_beneath")
            previous = gate.score
        return gates

    def known_kind(self, table: Table, path: str, key: str, kinds: set[str]) -> str | None:
        value = self.text(table, path, key)
        if value is not None and value not in kinds:
            self.fail(f"{path}.{key}", "unknown_kind", got=value)
            return None
        return value

    def followups(self, table: Table, kinds: set[str]) -> dict[str, FollowupRule]:
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
        for rule_id, value in table.items():
            path = f"followups.{rule_id}"
            entry = self.entry(path, value, allowed)
            if entry is None:
                continue
            on = self.get(entry, path, "on", _is_text_list, "list")
            closed = self.get(entry, path, "closed_by", _is_text_list, "list")
            for i, name in enumerate(on or []):
                if name not in kinds and name not in TRIGGERS:
                    self.fail(f"{path}.on[{i}]", "unknown_trigger", got=name)
            for i, name in enumerate(closed or []):
                if name not in kinds and name not in CLOSE_TOKENS:
                    self.fail(f"{path}.closed_by[{i}]", "unknown_kind", got=name)
            done_as = self.get(entry, path, "done_as", _is_text_list, "list", [])
            for i, name in enumerate(done_as or []):
                if name not in kinds:
                    self.fail(f"{path}.done_as[{i}]", "unknown_kind", got=name)
            label_fi = self.text(entry, path, "label_fi")
            label_en = self.text(entry, path, "label_en")
            due_days = self.whole(entry, path, "due_days", 0)
            notice_days = self.whole(entry, path, "notice_days", 0)
            expires_days = self.whole(entry, path, "expires_days", 0)
            month = self.whole(entry, path, "month", 12, minimum=1, maximum=12)
            day = self.whole(entry, path, "day", 1, minimum=1, maximum=28)
            min_rung = self.rung(entry, path, "min_rung", Rung.KULUTTAJA)
            if self.problems:
                continue  # no rulebook is made, so neither is this rule
            rules[rule_id] = FollowupRule(
                id=rule_id,
                label_fi=_found(label_fi),
                label_en=_found(label_en),
                on=frozenset(_found(on)),
                closed_by=frozenset(_found(closed)),
                due_days=_found(due_days),
                notice_days=_found(notice_days),
                expires_days=_found(expires_days),
                month=_found(month),
                day=_found(day),
                min_rung=_found(min_rung),
                done_as=tuple(done_as or ()),
            )
        return rules


def _found(value: T | None) -> T:
    """A checked value where no problem was found: None only ever comes with one."""
    assert value is not None
    return value


def _is_number(value: object) -> TypeGuard[float]:
    """A real, finite number: TOML's nan and inf would poison every score."""
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _is_int(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_text(value: object) -> TypeGuard[str]:
    return isinstance(value, str) and bool(value.strip())


def _is_bool(value: object) -> TypeGuard[bool]:
    return isinstance(value, bool)


def _is_text_list(value: object) -> TypeGuard[list[str]]:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _shown(value: object) -> str:
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    return repr(value).lower() if isinstance(value, bool) else repr(value)


def _fingerprint(raw: Table) -> str:
    """A hash of what derivation reads, so a changed rulebook is noticed.

    Wording (labels, names, what "done" logs) is left out: changing it moves
    nobody, so it must not make every customer be re-derived.
    """

    def rules_only(value: object) -> object:
        if isinstance(value, dict):
            return {k: rules_only(v) for k, v in value.items() if k not in WORDING_KEYS}
        return value

    canonical = json.dumps(rules_only(raw), sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()[:16]
