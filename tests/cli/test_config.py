"""Settings that stay (`ladder config`): an option beats the environment, which beats
the settings file, which beats the default; a PostgreSQL password lives in libpq's
password file and nowhere else."""

from __future__ import annotations

import os
import stat
import uuid
from pathlib import Path

import psycopg
import pytest
from sqlalchemy.engine import make_url

from cli.main import main
from data.schema import SCHEMA_REVISION
from present.config import config_path, read_config
from present.settings import resolve
from tests.conftest import PG_URL

KEPT = {"database": "/srv/coop.db", "member": "Aino", "language": "fi", "country": "SE"}


def test_an_option_beats_the_environment_beats_the_file_beats_the_default(tmp_path):
    env = {"LADDER_DB": str(tmp_path / "env.db"), "LADDER_MEMBER": "Pekka", "LADDER_LANG": "en"}
    from_option = resolve(db=str(tmp_path / "opt.db"), member="Oili", environ=env, kept=KEPT)
    assert (from_option.location, from_option.member) == (str(tmp_path / "opt.db"), "Oili")
    assert from_option.sources["database"] == "option" and from_option.sources["member"] == "option"
    from_env = resolve(environ=env, kept=KEPT)
    assert (from_env.location, from_env.member, from_env.lang) == (env["LADDER_DB"], "Pekka", "en")
    assert from_env.sources["database"] == "LADDER_DB"
    from_file = resolve(environ={}, kept=KEPT)
    assert (from_file.location, from_file.member, from_file.lang, from_file.country) == (
        "/srv/coop.db",
        "Aino",
        "fi",
        "SE",
    )
    assert set(from_file.sources.values()) == {"file"} and from_file.database_chosen
    by_default = resolve(environ={}, kept={})
    assert by_default.sources["database"] == "default" and not by_default.database_chosen
    assert by_default.country == "FI"


def test_config_set_show_and_unset(capsys, monkeypatch):
    monkeypatch.delenv("LADDER_DB")
    assert main(["config", "set", "member", "Aino"]) == 0
    assert main(["config", "set", "language", "fi"]) == 0
    assert read_config() == {"member": "Aino", "language": "fi"}
    assert stat.S_IMODE(config_path().stat().st_mode) == 0o600
    capsys.readouterr()
    assert main(["config", "show"]) == 0
    shown = capsys.readouterr().out
    assert "member = Aino  (asetustiedostosta)" in shown and "(oletus)" in shown
    assert main(["config", "set", "language", "sv"]) == 2
    assert "kieli on fi tai en" in capsys.readouterr().err
    assert main(["config", "unset", "language"]) == 0
    assert read_config() == {"member": "Aino"}
    config_path().write_text('colour = "red"\n')
    assert main(["pipeline"]) == 2
    assert "unknown setting colour" in capsys.readouterr().err


def test_a_password_goes_to_the_password_file_and_nowhere_else(capsys, monkeypatch):
    from data.pgpass import keep

    url = "postgresql://aino:s3cr3t:x@db.example.invalid/coop"
    assert main(["config", "set", "database", url]) == 1  # tried first: no such server
    out = capsys.readouterr()
    assert "no server is found" in out.err and "s3cr3t" not in out.out + out.err
    assert not config_path().exists() and not Path(os.environ["PGPASSFILE"]).exists()
    keep("postgresql://aino@db.example.invalid/coop", "s3cr3t:x")
    pgpass = Path(os.environ["PGPASSFILE"])
    assert pgpass.read_text() == "db.example.invalid:5432:coop:aino:s3cr3t\\:x\n"  # ':' escaped
    assert stat.S_IMODE(pgpass.stat().st_mode) == 0o600
    config_path().parent.mkdir(parents=True, exist_ok=True)
    config_path().write_text(f'database = "{url}"\n')  # written by hand: refused, not used
    assert main(["pipeline"]) == 2
    assert "s3cr3t" not in capsys.readouterr().err


@pytest.mark.postgres
@pytest.mark.skipif(not PG_URL, reason="LADDER_TEST_PG_URL not set")
def test_a_member_joins_with_a_password_kept_in_pgpass(pg_database, capsys, monkeypatch):
    role, password = f"member_{uuid.uuid4().hex[:8]}", uuid.uuid4().hex
    with psycopg.connect(PG_URL, autocommit=True) as admin:
        admin.execute(f"CREATE ROLE {role} LOGIN PASSWORD '{password}'")
        admin.execute(f'GRANT ALL ON DATABASE "{make_url(pg_database).database}" TO {role}')
    with psycopg.connect(pg_database, autocommit=True) as owner:
        owner.execute(f"GRANT ALL ON SCHEMA public TO {role}")
    try:
        monkeypatch.delenv("LADDER_DB")
        database = make_url(pg_database).database
        url = f"postgresql://{role}@127.0.0.1/{database}"
        monkeypatch.setattr("sys.stdin", __import__("io").StringIO(password + "\n"))
        assert main(["config", "set", "database", url, "--password-stdin"]) == 0
        assert main(["--today", "22.11.2026", "customer", "add", "Anna"]) == 0
        assert password not in capsys.readouterr().out
        Path(os.environ["PGPASSFILE"]).write_text(f"127.0.0.1:5432:{database}:{role}:wrong\n")
        assert main(["pipeline"]) == 1
        err = capsys.readouterr().err
        assert "password authentication failed" in err and "wrong" not in err
        assert len(err.strip().splitlines()) == 1
    finally:
        with psycopg.connect(PG_URL, autocommit=True) as admin:
            admin.execute(f"REASSIGN OWNED BY {role} TO root")
            admin.execute(f"DROP OWNED BY {role}")
        with psycopg.connect(pg_database, autocommit=True) as owner:
            owner.execute(f"REASSIGN OWNED BY {role} TO root")
            owner.execute(f"DROP OWNED BY {role}")
        with psycopg.connect(PG_URL, autocommit=True) as admin:
            admin.execute(f"DROP ROLE {role}")


def test_doctor_on_a_healthy_and_a_broken_setup(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("LADDER_LANG", "en")
    healthy = tmp_path / "coop.db"
    assert main(["--db", str(healthy), "--today", "22.11.2026", "customer", "add", "Anna"]) == 0
    capsys.readouterr()
    assert main(["--db", str(healthy), "doctor"]) == 0
    out = capsys.readouterr().out
    assert f"✓ Schema {SCHEMA_REVISION}" in out and "✓ Rulebook #1" in out and "yours only" in out
    healthy.chmod(0o644)
    assert main(["--db", str(healthy), "doctor"]) == 1
    assert "chmod 600" in capsys.readouterr().out
    foreign = tmp_path / "History"
    import sqlite3

    with sqlite3.connect(foreign) as raw:
        raw.execute("CREATE TABLE urls (id INTEGER)")
    raw.close()
    assert main(["--db", str(foreign), "doctor"]) == 1
    assert "not a Ladder database" in capsys.readouterr().out
    monkeypatch.delenv("LADDER_DB")
    assert main(["doctor"]) == 1
    assert "There is no database yet" in capsys.readouterr().out
    assert main(["--db", "postgresql://nobody:pw0rd@127.0.0.1:1/nodb", "doctor"]) == 1
    out = capsys.readouterr().out
    assert "does not open" in out and "pw0rd" not in out
