"""Bad input everywhere: odd text, odd dates, broken rulebooks, a full or read-only disk.

Whatever comes in, the program either stores it exactly or says no in one
line, and never leaves a half-written change behind.
"""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import event

from cli.main import main
from data import service
from data.store import Store
from data.store.db import DatabaseError
from ladder import RulebookError, default_rulebook, default_rules_text, parse_rulebook
from tests.conftest import TODAY

SQL = st.sampled_from(["'; DROP TABLE event; --", '" OR 1=1 --', "%", "_", "\\", "\x00"])
TEXT = st.one_of(
    st.text(min_size=1, max_size=80),
    st.text(alphabet="äöåÄÖÅ€😀🎄 \t", min_size=1, max_size=30),
    SQL,
    st.just("x" * 10_000),
)
HYPOTHESIS = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture
def cli(tmp_path: Path, monkeypatch, capsys):
    monkeypatch.setenv("LADDER_DB", str(tmp_path / "ladder.db"))
    monkeypatch.setenv("LADDER_TODAY", "22.11.2026")
    monkeypatch.setenv("LADDER_LANG", "en")

    def run(*args: str) -> tuple[int, str, str]:
        code = main(list(args))
        out, err = capsys.readouterr()
        return code, out, err

    return run


@HYPOTHESIS
@given(name=TEXT, note=TEXT)
def test_any_name_and_note_is_stored_exactly_or_refused_in_one_line(cli, name, note):
    code, out, err = cli("customer", "add", name, "--json")
    if code != 0:
        assert code == 2 and err.count("\n") == 1 and "Traceback" not in err
        return
    added = json.loads(out)
    assert added["name"] == " ".join(name.split())
    code, out, err = cli("log", str(added["id"]), "contact", "--note", note, "--json")
    stored = note.replace("\r\n", "\n")  # Windows line ends are line ends
    control = any(unicodedata.category(c) == "Cc" and c not in "\n\t" for c in stored)
    if "\x00" in note:  # the one character databases refuse: a clear no, nothing stored
        assert code == 2 and err == "ladder: note: contains a NUL character\n"
        assert json.loads(cli("customer", "show", str(added["id"]), "--json")[1])["events"] == []
        return
    if control:  # an escape sequence is refused where it comes in, never stored
        assert code == 2 and err == "ladder: note: contains control characters\n"
        assert json.loads(cli("customer", "show", str(added["id"]), "--json")[1])["events"] == []
        return
    assert code == 0, err
    shown = json.loads(cli("customer", "show", str(added["id"]), "--json")[1])
    assert shown["events"][-1]["note"] == stored


@HYPOTHESIS
@given(
    text=st.one_of(
        st.text(max_size=20),
        st.from_regex(r"[+-]?\d{1,6}[dwmy]?", fullmatch=True),
        st.from_regex(r"\d{1,3}\.\d{1,3}\.\d{0,6}", fullmatch=True),
    )
)
def test_any_date_text_is_a_date_or_a_one_line_refusal(cli, text):
    if cli("customer", "show", "1")[0] != 0:
        cli("customer", "add", "Anna")
    code, _, err = cli("log", "1", "contact", "--on", text)
    assert code in (0, 2)
    if code == 2:
        assert err.count("\n") == 1 and "Traceback" not in err


@given(st.text(max_size=400))
def test_no_text_crashes_the_rulebook_reader(text):
    try:
        parse_rulebook(text)
    except RulebookError as exc:
        assert exc.problems
    else:
        pytest.fail("random text was accepted as a rulebook")


DEFAULT = default_rules_text()


@given(st.data())
def test_a_damaged_rulebook_is_refused_with_key_paths(data):
    lines = DEFAULT.splitlines()
    index = data.draw(st.integers(0, len(lines) - 1))
    if "=" not in lines[index]:
        return
    key = lines[index].split("=")[0].strip()
    value = data.draw(st.sampled_from(['"kolme"', "-1", "[]", "{}", "true", '"guru"', "1e999"]))
    lines[index] = f"{key} = {value}"
    try:
        parse_rulebook("\n".join(lines))
    except RulebookError as exc:
        assert all(": " in problem for problem in exc.problems)


def test_a_full_disk_is_a_clear_error_and_nothing_half_written(tmp_path: Path):
    path = tmp_path / "ladder.db"
    store = Store.open(str(path), default_rulebook(), TODAY)
    anna = service.add_customer(store, "Anna", today=TODAY).id
    store.close()
    raw = sqlite3.connect(path)
    pages = raw.execute("PRAGMA page_count").fetchone()[0]
    raw.close()
    store = Store.open(str(path), default_rulebook(), TODAY)
    store.engine.dispose()  # every new connection sees a disk with no room left
    event.listen(
        store.engine,
        "connect",
        lambda connection, _: connection.execute(f"PRAGMA max_page_count={pages}"),
    )
    with pytest.raises(DatabaseError, match="full"):
        service.log(store, anna, "purchase", TODAY, today=TODAY, note="x" * 200_000)
    store.close()
    store = Store.open(str(path), default_rulebook(), TODAY)
    assert store.events_of(anna) == []
    store.close()


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write to read-only files")
def test_a_read_only_database_is_a_clear_error(tmp_path: Path, cli):
    path = tmp_path / "ladder.db"
    cli("--db", str(path), "customer", "add", "Anna")
    path.chmod(stat.S_IRUSR)
    code, _, err = cli("--db", str(path), "log", "Anna", "purchase")
    assert code == 1 and "readonly" in err.replace("-", "").replace(" ", "").lower()


def test_a_missing_directory_is_a_clear_error(tmp_path: Path, cli):
    code, _, err = cli("--db", str(tmp_path / "no" / "such" / "ladder.db"), "pipeline")
    assert code == 1 and err.startswith("ladder: the folder") and "does not exist" in err
    assert not (tmp_path / "no").exists()
