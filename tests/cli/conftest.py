"""The `ladder` command run in-process, as the CLI tests call it."""

from __future__ import annotations

import json

import pytest

from cli.main import main


@pytest.fixture
def ladder(location, monkeypatch, capsys):
    """Run `ladder ARGS…` in-process on the test database; returns (code, out, err)."""
    monkeypatch.setenv("LADDER_DB", location)
    monkeypatch.setenv("LADDER_TODAY", "22.11.2026")
    monkeypatch.setenv("LADDER_MEMBER", "liisa")
    monkeypatch.setenv("LADDER_LANG", "en")

    def run(*args: str) -> tuple[int, str, str]:
        code = main(list(args))
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


def run_json(ladder, *args: str):
    code, out, err = ladder(*args, "--json")
    assert code == 0, err
    return json.loads(out)
