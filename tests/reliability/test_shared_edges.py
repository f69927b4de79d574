"""Edges a red-team run found in what members share: paths with `#`, a password in
a URL's query, option prefixes, another program's log, names written two ways."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

from cli.main import main
from tests.conftest import TODAY


def _run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["--today", TODAY.strftime("%d.%m.%Y"), *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_a_file_named_with_a_hash_is_that_file(tmp_path, capsys):
    odd = str(tmp_path / "co#op?.db")
    assert _run(capsys, "--db", odd, "customer", "add", "Anna")[0] == 0
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".db") == ["co#op?.db"]
    backup = str(tmp_path / "bk#1.db")
    assert _run(capsys, "--db", odd, "backup", backup)[0] == 0
    code, out, _ = _run(capsys, "--db", str(tmp_path / "other.db"), "restore", backup)
    assert code == 0 and "1 customer" in out


def test_a_password_in_a_urls_query_is_never_kept_nor_shown(capsys):
    url = "postgresql://u@db.example.invalid/d?password=Pw0rdZQX9"
    code, out, err = _run(capsys, "config", "set", "database", url)
    assert code == 1 and "Pw0rdZQX9" not in out + err
    code, out, err = _run(capsys, "--db", url, "doctor")
    assert "Pw0rdZQX9" not in out + err
    code, _, err = _run(capsys, "config", "set", "database", "mysql://u:SECRET@h/db")
    assert code == 2 and "SECRET" not in err


def test_an_option_is_taken_only_as_written(tmp_path, capsys):
    db = str(tmp_path / "x.db")
    _run(capsys, "--db", db, "customer", "add", "Anna")
    code, _, err = _run(
        capsys, "--db", db, "followups", "add", "Anna", "--on", "+2d", "--note", "x", "--for", "Bob"
    )
    assert code == 0, err
    assert _run(capsys, "--db", db, "followups", "reassign", "1", "--to", "Pekka")[0] == 0
    code, _, err = _run(capsys, "--db", db, "followups", "reassign", "1", "--to", "X\x1b]0;t\x07")
    assert code == 2 and "control characters" in err


def test_another_programs_database_and_its_log_are_left_as_they_were(tmp_path, capsys):
    source = tmp_path / "src.db"
    writer = sqlite3.connect(source)
    writer.execute("PRAGMA journal_mode=WAL")
    writer.execute("PRAGMA wal_autocheckpoint=0")
    writer.execute("CREATE TABLE urls (x)")
    writer.execute("INSERT INTO urls VALUES (1)")
    writer.commit()
    foreign = tmp_path / "History"
    foreign.write_bytes(source.read_bytes())
    Path(f"{foreign}-wal").write_bytes(Path(f"{source}-wal").read_bytes())
    writer.close()
    before = [hashlib.sha256(p.read_bytes()).hexdigest() for p in (foreign, Path(f"{foreign}-wal"))]
    code, _, err = _run(capsys, "--db", str(foreign), "pipeline")
    assert code == 1 and "not a Ladder database" in err
    after = [hashlib.sha256(p.read_bytes()).hexdigest() for p in (foreign, Path(f"{foreign}-wal"))]
    assert after == before


def test_a_rulebook_that_is_a_pipe_or_a_device_is_refused_without_waiting(tmp_path, capsys):
    fifo = tmp_path / "rules.toml"
    os.mkfifo(fifo)
    for rules in (str(fifo), "/dev/zero"):
        code, _, err = _run(capsys, "--db", str(tmp_path / "x.db"), "--rules", rules, "pipeline")
        assert code == 2 and "not a rulebook file" in err


def test_a_later_today_makes_no_database(tmp_path, capsys):
    code = _run(capsys, "--db", str(tmp_path / "new.db"), "--today", "+3d", "pipeline")[0]
    assert code == 2 and not (tmp_path / "new.db").exists()


def test_a_name_written_two_ways_is_one_member(tmp_path, capsys):
    import json

    db = str(tmp_path / "x.db")
    _run(capsys, "--db", db, "--member", "\u00c4ino", "customer", "add", "Anna")
    _run(capsys, "--db", db, "--member", "A\u0308ino", "customer", "add", "Bea")
    code, out, _ = _run(capsys, "--db", db, "history", "--by", "\u00c4ino", "--json")
    assert code == 0 and len(json.loads(out)) == 2
