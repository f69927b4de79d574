"""Every error the data layer raises is written once in English (data/error_texts.py)
and once in Finnish (present/error_words.py), and raised by its key alone."""

from __future__ import annotations

import ast
import string
from datetime import UTC, datetime
from pathlib import Path

import pytest

from data import errors
from data.error_texts import TEXTS
from data.formats.columns import MappingError
from data.formats.contact_file import ContactFileError
from data.member_files import ImportRefused, OutputRefused
from present.error_words import ERRORS_FI
from present.i18n import STRINGS, describe_error

ROOT = Path(__file__).resolve().parents[1]
# The errors made from a key and values (the others, like `Ambiguous`, build theirs).
KEYED = {
    name
    for name, value in {**vars(errors), **globals()}.items()
    if isinstance(value, type)
    and issubclass(value, errors.Explained)
    and value.__init__ is errors.Explained.__init__
} | {"OrdersFileError"}


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_each_error_is_said_in_both_languages_with_the_same_values() -> None:
    assert set(TEXTS) == set(ERRORS_FI)
    for key, english in TEXTS.items():
        assert _fields(english) == _fields(ERRORS_FI[key]), key


def _raised_keys() -> list[tuple[str, ast.expr]]:
    """(where, the key argument) of every Explained error the data layer makes."""
    found = []
    for path in sorted((ROOT / "data").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            if node.func.id in KEYED - {"Explained"} and node.args:
                found.append((f"{path.relative_to(ROOT)}:{node.lineno}", node.args[0]))
    return found


def test_the_data_layer_raises_only_keys_it_has_words_for() -> None:
    raised = _raised_keys()
    assert len(raised) > 60
    for where, key in raised:
        if isinstance(key, ast.Constant):
            assert key.value in TEXTS, where
        elif isinstance(key, ast.JoinedStr):  # a family: followup_{state}, join_{problem}
            prefix = key.values[0]
            assert isinstance(prefix, ast.Constant) and isinstance(prefix.value, str), where
            assert any(name.startswith(prefix.value) for name in TEXTS), where
        else:
            assert isinstance(key, ast.Name) and key.id == "key", where  # bad_row's own


@pytest.mark.parametrize(
    "error",
    [
        errors.StoreError("no_customer", id=5),
        errors.DatabaseError("tool_missing", tool="pg_dump"),
        ImportRefused("not_a_file", path="x"),
        OutputRefused("output_is_folder", path="x"),
        ContactFileError("file_empty"),
        MappingError("map_pair", pair="a", fields="name"),
    ],
)
def test_an_error_is_its_english_and_said_in_finnish(error: errors.Explained) -> None:
    assert str(error) == describe_error(error, "en")
    assert describe_error(error, "fi") != str(error)


def test_a_value_an_error_does_not_give_shows_as_a_gap_not_a_crash() -> None:
    assert "{why}" in str(errors.StoreError("db_failed"))


FRONT_END_ERRORS = {"Misuse", "ConfigError", "PrintError"}  # present.i18n.KeyedError's


def test_the_front_ends_raise_only_keys_they_have_words_for_with_their_values() -> None:
    raised = 0
    for folder in ("cli", "present", "tui", "seat"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text("utf-8"))):
                if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                    continue
                if node.func.id not in FRONT_END_ERRORS or not node.args:
                    continue
                where, key = f"{path.relative_to(ROOT)}:{node.lineno}", node.args[0]
                assert isinstance(key, ast.Constant) and isinstance(key.value, str), where
                english = STRINGS[f"error.{key.value}"][1]
                assert _fields(english) <= {kw.arg for kw in node.keywords}, where
                raised += 1
    assert raised > 20


def test_a_phone_in_a_conflict_is_said_as_it_is_dialled() -> None:
    """Found in a two-member walk: the sentence showed '+358402222222'."""
    error = errors.ChangedMeanwhile(
        "customer", 20, "Anna", datetime(2026, 12, 6, 10, 40, tzinfo=UTC),
        field="phone", theirs="+358402222222", mine="+358403333333",
    )  # fmt: skip
    for said in (str(error), describe_error(error, "en"), describe_error(error, "fi")):
        assert "'040 222 2222'" in said and "'040 333 3333'" in said
    assert (error.theirs, error.mine) == ("+358402222222", "+358403333333")
