"""The `ladder` command as a person or a script calls it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ladder import default_rules_text
from tests.cli.conftest import run_json


def test_add_log_and_show_a_customer(ladder):
    added = run_json(ladder, "customer", "add", "Anna Virtanen", "--email", "anna@example.fi")
    assert added == {"id": added["id"], "name": "Anna Virtanen", "rung": "kuluttaja"}
    logged = run_json(ladder, "log", "anna", "referral", "--on", "20.11.2026", "--note", "Matille")
    assert logged["transition"] == {"from": "kuluttaja", "to": "kokeilija", "reason": "promoted"}
    assert [f["kind"] for f in logged["followups_created"]] == ["thank_you"]
    logged = run_json(ladder, "log", "Anna", "purchase", "--on", "-1d")
    assert logged["rung"] == "asiakas" and logged["transition"]["to"] == "asiakas"
    shown = run_json(ladder, "customer", "show", str(added["id"]))
    assert {k: shown[k] for k in ("id", "name", "rung", "at_risk")} == {
        "id": added["id"],
        "name": "Anna Virtanen",
        "rung": "asiakas",
        "at_risk": False,
    }
    assert [e["kind"] for e in shown["events"]] == ["referral", "purchase"]
    assert set(shown["events"][0]) >= {"id", "kind", "on", "emotional", "note"}
    assert [t["to"] for t in shown["transitions"]] == ["kokeilija", "asiakas"]
    assert set(shown["transitions"][0]) >= {"on", "from", "to", "reason", "event_id"}
    assert {f["kind"] for f in shown["followups"]} >= {"thank_you", "aftermarketing"}
    assert set(shown["followups"][0]) >= {"id", "kind", "due", "state", "reason"}


def test_followups_pipeline_and_acting_on_the_list(ladder):
    run_json(ladder, "customer", "add", "Matti")
    run_json(ladder, "log", "Matti", "purchase", "--on", "1.11.2026")
    (row,) = run_json(ladder, "followups")
    assert set(row) >= {
        "id",
        "customer_id",
        "customer",
        "rung",
        "kind",
        "due",
        "overdue",
        "reason",
        "member",
    }
    assert (row["kind"], row["due"], row["overdue"]) == ("aftermarketing", "2026-11-16", True)
    assert ladder("followups", "snooze", str(row["id"]), "--until", "+3d")[0] == 0
    assert run_json(ladder, "followups", "--days", "0") == []  # the default is the week
    assert len(run_json(ladder, "followups", "--days", "3")) == 1
    assert ladder("followups", "done", str(row["id"]))[0] == 0
    assert run_json(ladder, "followups", "--days", "30") == []
    added = run_json(ladder, "followups", "add", "Matti", "--on", "24.11.", "--note", "Soita")
    assert run_json(ladder, "followups", "--days", "2", "--mine")[0]["id"] == added["id"]
    assert ladder("followups", "reassign", str(added["id"]), "--to", "pekka")[0] == 0
    assert run_json(ladder, "followups", "--days", "2", "--mine") == []
    pipeline = run_json(ladder, "pipeline")
    assert [r["rung"] for r in pipeline["rungs"]] == [
        "kuluttaja",
        "kokeilija",
        "asiakas",
        "lojalisti",
        "sanansaattaja",
    ]
    assert pipeline["rungs"][1] == {"rung": "kokeilija", "count": 1, "up_7d": 0, "down_7d": 0}


def test_correcting_and_deleting_an_event(ladder):
    run_json(ladder, "customer", "add", "Anna")
    logged = run_json(ladder, "log", "Anna", "complaint")
    edited = run_json(ladder, "event", "edit", str(logged["event_id"]), "--kind", "wow")
    assert edited["kind"] == "wow"
    assert run_json(ladder, "customer", "show", "Anna")["rung"] == "kokeilija"
    assert ladder("event", "delete", str(logged["event_id"]), "--yes")[0] == 0
    assert run_json(ladder, "customer", "show", "Anna")["events"] == []


def test_list_and_edit_customers(ladder):
    run_json(ladder, "customer", "add", "Anna Virtanen")
    run_json(ladder, "customer", "add", "Annika Laine")
    assert [c["name"] for c in run_json(ladder, "customer", "list", "--search", "laine")] == [
        "Annika Laine"
    ]
    edited = run_json(
        ladder, "customer", "edit", "Virtanen", "--phone", "040 123 4567", "--birthday", "3.5.1980"
    )
    assert (edited["phone"], edited["birthday"]) == ("040 123 4567", "1980-05-03")
    code, out, _ = ladder("customer", "list", "--rung", "kuluttaja")
    assert code == 0 and "Annika Laine" in out


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["log", "Anna", "lahja"], 2, "unknown event kind 'lahja'"),
        (["log", "Anna", "purchase", "--on", "huomenna2"], 2, "not a date"),
        (["log", "Pekka", "purchase"], 1, "no customer matches 'Pekka'"),
        (["log", "Ann", "purchase"], 2, "matches several customers"),  # never guessed
        (["customer", "add", "X", "--email", "nope"], 2, "email: not an e-mail address"),
        (["customer", "list", "--rung", "guru"], 2, "unknown rung 'guru'"),
        (["followups", "done", "999"], 1, "no follow-up #999"),
        (["--frobnicate"], 2, "unrecognized arguments"),
        (["customer"], 2, "required"),
    ],
)
def test_bad_input_is_one_line_and_the_right_exit_code(ladder, args, code, message):
    run_json(ladder, "customer", "add", "Anna")
    run_json(ladder, "customer", "add", "Annika")
    got, _out, err = ladder(*args)
    assert got == code
    assert message in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_an_unreachable_database_fails_with_exit_1(ladder, tmp_path: Path):
    code, _, err = ladder("--db", str(tmp_path / "missing" / "x.db"), "pipeline")
    assert code == 1 and "does not exist" in err
    code, _, err = ladder("--db", "postgresql://nobody@127.0.0.1:9/none", "pipeline")
    assert code == 1 and err.startswith("ladder: cannot open the database")


def test_rules_show_check_and_whatif(ladder, tmp_path: Path, monkeypatch):
    code, out, _ = ladder("rules", "show")
    assert code == 0 and "purchase" in out and "Loyalist" in out
    bad = tmp_path / "bad.toml"
    bad.write_text('[scoring]\nhalf_life_days = "pitkä"\n', "utf-8")
    code, _, err = ladder("rules", "check", str(bad))
    assert code == 1
    assert "scoring.half_life_days: expected a number" in err
    assert "kinds: missing table" in err
    monkeypatch.setenv("LADDER_LANG", "fi")
    code, _, err = ladder("rules", "check", str(bad))
    assert code == 1
    assert 'scoring.half_life_days: pitäisi olla luku, on "pitkä"' in err
    assert "kinds: taulu puuttuu" in err
    code, _, err = ladder("--rules", str(bad), "pipeline")
    assert code == 2 and err.startswith("ladder: ") and "taulu puuttuu" in err
    monkeypatch.setenv("LADDER_LANG", "en")
    text = default_rules_text()
    good = tmp_path / "good.toml"
    good.write_text(text.replace("score = 4\npositives = 2", "score = 4\npositives = 1"), "utf-8")
    assert ladder("rules", "check", str(good))[0] == 0
    run_json(ladder, "customer", "add", "Anna")
    run_json(ladder, "log", "Anna", "referral")
    moves = run_json(ladder, "rules", "whatif", str(good))
    assert moves["moves"] == [{"from": "kokeilija", "to": "asiakas", "count": 1}]
    code, _, err = ladder("--rules", str(bad), "pipeline")
    assert code == 2 and "half_life_days" in err


def test_the_co_ops_rulebook_is_applied_for_everyone_never_by_one_file(ladder, tmp_path: Path):
    code, _, err = ladder("customer", "add", "Anna")
    assert code == 0 and "re-deriv" not in err and "working out" not in err  # a new database
    assert ladder("log", "Anna", "osto")[0] == 0
    text = default_rules_text()
    changed = tmp_path / "changed.toml"
    changed.write_text(
        text.replace("score = 4\npositives = 2", "score = 5\npositives = 2"), "utf-8"
    )
    code, _, err = ladder("--rules", str(changed), "pipeline")
    assert code == 1 and "ladder rules apply" in err and "Traceback" not in err
    assert ladder("rules", "apply", str(changed))[0] == 2  # no terminal to say yes in
    code, out, err = ladder("rules", "apply", str(changed), "--yes")
    assert code == 0 and "now the co-op's rulebook" in out
    assert err.startswith("ladder: The rules or the database changed")
    code, _, err = ladder("--rules", str(changed), "pipeline")
    assert code == 0 and err == ""  # the co-op's now, and derived under it already
    assert ladder("pipeline")[0] == 0  # a colleague without the file follows it too
    code, out, _ = ladder("rules", "export")
    assert code == 0 and "score = 5" in out
    code, out, _ = ladder("rules", "show")
    assert "rulebook #2" in out
    entries = run_json(ladder, "history")
    assert entries[0]["action"] == "rules_apply" and entries[0]["record"] == "rulebook #2"
    assert ladder("log", "Anna", "elämys")[0] == 0
    without_wow = tmp_path / "without.toml"
    start = text.index("[kinds.wow]")
    without_wow.write_text(text[:start] + text[text.index("[kinds.referral]") :], "utf-8")
    code, _, err = ladder("rules", "apply", str(without_wow), "--yes")
    assert code == 1 and "wow" in err and "Traceback" not in err
    assert ladder("pipeline")[0] == 0  # nobody locked out


def test_demo_fills_an_empty_database_once(ladder):
    code, out, _ = ladder("demo")
    assert code == 0 and "60" in out
    counts = run_json(ladder, "pipeline")["rungs"]
    assert sum(r["count"] for r in counts) == 60
    assert all(r["count"] > 0 for r in counts)
    assert run_json(ladder, "followups")
    code, _, err = ladder("demo")
    assert code == 1 and "already has customers" in err


def test_finnish_output(ladder, monkeypatch):
    monkeypatch.setenv("LADDER_LANG", "fi")
    run_json(ladder, "customer", "add", "Anna")
    _code, out, _ = ladder("log", "Anna", "purchase")
    assert "Kirjattu: Anna – Osto" in out
    assert "Kokeilija 22.11.2026 alkaen" in out


def test_the_installed_command_runs_without_a_traceback(tmp_path: Path):
    result = subprocess.run(
        [sys.executable, "-m", "cli.main", "--db", str(tmp_path / "x.db"), "log", "x", "lahja"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.startswith("ladder: unknown event kind 'lahja'")


@pytest.mark.parametrize(
    "args, finnish",
    [
        (["followups", "--format", "pdf"], "PDF menee tiedostoon"),
        (["followups", "--format", "csv", "--print"], "--print lähettää vain muodot text|pdf"),
        (["export", "--format", "csv"], "CSV-vienti kirjoittaa tiedoston kustakin taulusta"),
    ],
)
def test_a_file_format_misused_is_said_in_finnish(ladder, monkeypatch, args, finnish):
    monkeypatch.setenv("LADDER_LANG", "fi")
    code, _, err = ladder(*args)
    assert code == 2 and finnish in err and err.count("\n") == 1


def test_every_help_text_the_command_line_asks_for_is_there_in_both_languages():
    import re
    from pathlib import Path

    from present.help_texts import HELP

    asked = {
        key
        for path in (Path(__file__).resolve().parents[2] / "cli").glob("*.py")
        for key in re.findall(r'\bw\(\s*"(cli\.[a-z0-9_]+)"', path.read_text("utf-8"))
    }
    assert asked and asked <= set(HELP)
    assert all(finnish and english for finnish, english in HELP.values())
