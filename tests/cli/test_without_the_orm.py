"""The read commands on a database as the store leaves it load neither SQLAlchemy,
SQLModel nor Alembic, and print what the store's path prints; a list's reader
who stops reading (`ladder followups | head`) hears nothing more."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cli.main import EXIT_READER_GONE, GROUP_OF, build_parser, main
from data.demo import demo_coop
from data.store import Store
from ladder import default_rulebook
from tests.conftest import TODAY

REPO = Path(__file__).resolve().parents[2]
ORM = {"sqlalchemy", "sqlmodel", "alembic"}
COMMANDS = (
    ["followups"],
    ["followups", "--json", "--days", "30"],
    ["pipeline"],
    ["customer", "list"],
    ["customer", "list", "--search", "nen"],
    ["customer", "show", "1"],
    ["customer", "show", "--json", "2"],
    ["report"],
    ["report", "--json"],
)
LOADED = """
import contextlib, io, json, os, sys
from cli.main import main
if os.environ.get("THROUGH_STORE"):  # as if the store had work to do first
    import data.sql.settled
    data.sql.settled.as_the_store_leaves_it = lambda *_: False
with contextlib.redirect_stdout(io.StringIO()) as out:
    code = main(sys.argv[1:])
print(json.dumps([code, out.getvalue(), sorted({m.split('.')[0] for m in sys.modules})]))
"""


def _ladder(location: str, *args: str, store: bool = False) -> tuple[int, str, set[str]]:
    env = {**os.environ, "LADDER_DB": location, "LADDER_TODAY": "22.11.2026", "LADDER_LANG": "en"}
    env["PYTHONPATH"] = str(REPO)
    if store:
        env["THROUGH_STORE"] = "1"
    found = subprocess.run(
        [sys.executable, "-c", LOADED, *args], capture_output=True, text=True, env=env, check=True
    )
    code, out, loaded = json.loads(found.stdout.splitlines()[-1])
    return code, out, set(loaded)


@pytest.fixture
def settled_coop(location: str) -> str:
    store = Store.open(location, default_rulebook(), TODAY)
    store.add_histories(demo_coop(TODAY), TODAY, member="Liisa")
    store.settle(TODAY)
    store.close()
    return location


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_a_read_command_loads_no_orm_and_says_what_the_store_says(settled_coop, command):
    code, plain, loaded = _ladder(settled_coop, *command)
    assert code == 0 and plain
    assert not ORM & loaded, command
    code, through_store, loaded = _ladder(settled_coop, *command, store=True)
    assert code == 0 and "sqlalchemy" in loaded
    assert plain == through_store


class GoneReader:
    """A pipe whose reader has stopped reading (`| head`)."""

    def write(self, _text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")

    def flush(self) -> None:
        raise BrokenPipeError(32, "Broken pipe")

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        raise io.UnsupportedOperation("fileno")


def test_a_reader_who_stops_reading_hears_nothing_more(settled_coop, monkeypatch, capsys):
    monkeypatch.setenv("LADDER_DB", settled_coop)
    monkeypatch.setattr(sys, "stdout", GoneReader())
    assert main(["--today", "22.11.2026", "followups"]) == EXIT_READER_GONE
    assert capsys.readouterr().err == ""


def test_a_command_line_loads_only_the_group_of_its_command():
    """`GROUP_OF` names every command, and the group it names adds it."""
    every = build_parser().parse_args([])  # builds them all
    assert every.command is None
    full = next(a for a in build_parser()._actions if a.dest == "command")
    assert set(full.choices) == set(GROUP_OF)
    for command in GROUP_OF:
        alone = next(a for a in build_parser(command=command)._actions if a.dest == "command")
        assert command in alone.choices


LOADED_IN_FULL = LOADED.replace("{m.split('.')[0] for m in sys.modules}", "sys.modules")
# What a small read command to a pipe leaves unloaded (issue 26: start-up is most
# of its time): Rich's console (the card is drawn as Rich would draw it), the
# phone number metadata where no number is shown, the fold and the insights'
# arithmetic where nothing is folded or summed, gettext's catalogue search;
# dateutil where no date is typed as `+3d` nor a period counted, the follow-ups'
# records where none is listed, the rulebook's reader (TOML, hashlib) where no
# rule is named: the rulebook in force is known by its row's fingerprint.
NOT_LOADED = {
    ("pipeline",): {"rich.console", "phonenumbers", "ladder.fold", "statistics", "sqlalchemy"}
    | {"dateutil", "data.records.followups", "tomllib", "hashlib", "ladder.rulebook_file"},
    ("customer", "show", "1"): {"rich.console", "statistics", "sqlalchemy", "dateutil"},
    ("report",): {"rich.console", "phonenumbers", "sqlalchemy"},
}


@pytest.mark.parametrize("command", NOT_LOADED, ids=" ".join)
def test_a_small_read_command_loads_only_what_it_shows(settled_coop, command):
    env = {**os.environ, "LADDER_DB": settled_coop, "LADDER_TODAY": "22.11.2026"}
    env.update(LADDER_LANG="en", PYTHONPATH=str(REPO))
    found = subprocess.run(
        [sys.executable, "-c", LOADED_IN_FULL, *command],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    code, out, loaded = json.loads(found.stdout.splitlines()[-1])
    assert code == 0 and out
    assert "data.sql.plain" in loaded  # the plain road, named in full
    assert not NOT_LOADED[command] & set(loaded)
