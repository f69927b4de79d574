"""The member's daily loop on the command line: dates, done logs the event, undo, ids, Finnish."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.conftest import run_json


def _events(ladder, name: str) -> list[dict]:
    return run_json(ladder, "customer", "show", name)["events"]


@pytest.mark.parametrize(
    ("on", "message"),
    [
        ("24.11.2030", "is after today"),
        ("huomenna", "is after today"),
        ("+1w", "is after today"),
        ("1.1.1800", "before 1.1.1900"),
        ("1.1.2020", "more than five years ago"),
    ],
)
def test_an_event_is_something_that_happened(ladder, on, message):
    run_json(ladder, "customer", "add", "Anna")
    code, out, err = ladder("log", "Anna", "purchase", "--on", on)
    assert (code, out) == (2, "") and message in err and err.count("\n") == 1
    assert _events(ladder, "Anna") == []  # nothing written
    logged = run_json(ladder, "log", "Anna", "purchase", "--on", "-1d")
    code, _, err = ladder("event", "edit", str(logged["event_id"]), "--on", on)
    assert code == 2 and message in err
    assert [e["on"] for e in _events(ladder, "Anna")] == ["2026-11-21"]


def test_a_date_long_ago_is_taken_when_forced(ladder):
    run_json(ladder, "customer", "add", "Anna")
    run_json(ladder, "log", "Anna", "purchase", "--on", "1.1.2020", "--force")
    assert [e["on"] for e in _events(ladder, "Anna")] == ["2020-01-01"]


def test_follow_up_and_snooze_dates_are_today_or_later(ladder):
    run_json(ladder, "customer", "add", "Matti")
    code, _, err = ladder("followups", "add", "Matti", "--on", "-1d", "--note", "Soita")
    assert code == 2 and "in the past" in err
    own = run_json(ladder, "followups", "add", "Matti", "--on", "+7d", "--note", "Soita")
    code, _, err = ladder("followups", "snooze", str(own["id"]), "--until", "-2d")
    assert code == 2 and "in the past" in err
    code, _, err = ladder("followups", "snooze", str(own["id"]), "--until", "+3d")
    assert code == 1 and "would bring it earlier" in err and "--earlier" in err
    assert run_json(ladder, "followups", "--days", "7")[0]["due"] == "2026-11-29"
    assert ladder("followups", "snooze", str(own["id"]), "--until", "+3d", "--earlier")[0] == 0
    assert run_json(ladder, "followups", "--days", "3")[0]["due"] == "2026-11-25"


def test_done_logs_the_event_the_follow_up_stands_for(ladder):
    run_json(ladder, "customer", "add", "Matti")
    run_json(ladder, "log", "Matti", "purchase", "--on", "1.11.2026")
    (call,) = run_json(ladder, "followups")
    done = run_json(ladder, "followups", "done", str(call["id"]), "--note", "Tyytyväinen")
    assert done["followup"]["state"] == "done"
    assert done["logged"]["followups_closed"] == [call["id"]]
    (_purchase, logged) = _events(ladder, "Matti")
    assert (logged["kind"], logged["on"], logged["note"]) == (
        "aftermarketing_call",
        "2026-11-22",
        "Tyytyväinen",
    )
    # The +1 of the call moved Matti: purchase 1 + call 1 = 2 positives, asiakas needs 4 points.
    assert run_json(ladder, "customer", "show", "Matti")["score"] > 1.9


def test_done_with_another_event_or_none(ladder):
    run_json(ladder, "customer", "add", "Maija")
    run_json(ladder, "log", "Maija", "complaint", "--on", "-2d")
    due = {f["kind"]: f for f in run_json(ladder, "followups", "--days", "3")}
    still_open = run_json(
        ladder, "followups", "done", str(due["complaint"]["id"]), "--as", "yhteydenotto"
    )
    assert still_open["followup"]["state"] == "done"
    assert [e["kind"] for e in _events(ladder, "Maija")] == ["complaint", "contact"]
    recovery = run_json(ladder, "followups", "--days", "3")
    assert "recovery" not in [f["kind"] for f in recovery]  # the contact repaired it too
    own = run_json(ladder, "followups", "add", "Maija", "--on", "+1d", "--note", "Tarkista")
    code, out, _ = ladder("followups", "done", str(own["id"]), "--no-event")
    assert code == 0 and "Maija" in out
    assert len(_events(ladder, "Maija")) == 2
    code, _, err = ladder("followups", "done", str(own["id"]))
    assert code == 1 and "already done" in err


def test_reopen_and_undo_on_the_command_line(ladder):
    run_json(ladder, "customer", "add", "Matti")
    own = run_json(ladder, "followups", "add", "Matti", "--on", "+1d", "--note", "Soita")
    assert ladder("followups", "dismiss", str(own["id"]))[0] == 0
    assert run_json(ladder, "followups", "--days", "1") == []
    code, out, _ = ladder("followups", "reopen", str(own["id"]))
    assert code == 0 and "Matti" in out
    assert [f["id"] for f in run_json(ladder, "followups", "--days", "1")] == [own["id"]]
    code, _, err = ladder("followups", "reopen", str(own["id"]))
    assert code == 1 and "already open" in err
    run_json(ladder, "log", "Matti", "purchase", "--on", "1.11.2026")
    call = next(f for f in run_json(ladder, "followups") if f["kind"] == "aftermarketing")
    done = run_json(ladder, "followups", "done", str(call["id"]))
    code, _, err = ladder("followups", "reopen", str(call["id"]))
    assert code == 1 and f"event delete {done['logged']['event_id']}" in err


def test_ids_are_never_reused(ladder):
    run_json(ladder, "customer", "add", "Matti")
    logged = run_json(ladder, "log", "Matti", "purchase")
    (first,) = logged["followups_created"]
    assert ladder("event", "delete", str(logged["event_id"]), "--yes")[0] == 0
    again = run_json(ladder, "log", "Matti", "purchase")
    assert again["event_id"] > logged["event_id"]
    assert again["followups_created"][0]["id"] > first["id"]
    code, _, err = ladder("followups", "done", str(first["id"]))
    assert code == 1 and f"no follow-up #{first['id']}" in err


@pytest.mark.parametrize("number", ["9223372036854775808", "99999999999999999999999", "#0"])
def test_huge_ids_are_one_line(ladder, number):
    code, _, err = ladder("followups", "done", number)
    assert code in (1, 2) and err.count("\n") == 1 and "Traceback" not in err


def test_finnish_kind_names_and_names_without_diacritics(ladder):
    run_json(ladder, "customer", "add", "Aino Äijälä")
    for kind in ("osto", "Elämys", "elamys", "kiitos", "reklamaatio_hoidettu", "Reklamaatio"):
        run_json(ladder, "log", "aijala", kind)
    kinds = [e["kind"] for e in _events(ladder, "äijälä")]
    assert kinds == [
        "purchase",
        "wow",
        "wow",
        "positive_feedback",
        "complaint_resolved",
        "complaint",
    ]


def test_finnish_all_the_way(ladder, monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("LADDER_LANG", "fi")
    run_json(ladder, "customer", "add", "Anna")
    run_json(ladder, "log", "anna", "elämys", "--on", "-60d")
    with pytest.raises(SystemExit) as exited:
        ladder("log", "--help")
    assert exited.value.code == 0
    out = capsys.readouterr().out
    for word in ("käyttö:", "valitsimet", "kirjaa tapahtuma", "osto", "reklamaatio_hoidettu"):
        assert word in out
    for args, words in [
        (["log", "Anna", "osto", "--on", "+3d"], "on tämän päivän jälkeen"),
        (["log", "Pekka", "osto"], "yksikään asiakas ei vastaa hakua"),
        (["log", "Anna", "lahja"], "tuntematon tapahtuma"),
        (["followups", "done", "999"], "tehtävää #999 ei ole"),
        (["--frobnicate"], "tuntemattomia argumentteja"),
        (["customer"], "nämä puuttuvat"),
        (["customer", "add", "X", "--email", "nope"], "Sähköposti: ei ole sähköpostiosoite"),
    ]:
        code, _, err = ladder(*args)
        assert code in (1, 2) and words in err and err.count("\n") == 1, err
    code, out, _ = ladder("customer", "list")
    assert "5,4" in out  # a wow of 3 counted double, decayed for 60 days: a decimal comma
    code, out, _ = ladder("demo", "--db", str(tmp_path / "demo.db"))
    assert "60 asiakasta" in out


def test_followup_lists_carry_a_way_to_reach_the_person(ladder):
    run_json(ladder, "customer", "add", "Matti", "--phone", "+358 40 123 4567")
    run_json(ladder, "customer", "add", "Liisa", "--email", "liisa@example.fi")
    run_json(ladder, "customer", "add", "Pekka")
    for name in ("Matti", "Liisa", "Pekka"):
        run_json(ladder, "log", name, "purchase", "--on", "1.11.2026")
    rows = {f["customer"]: f for f in run_json(ladder, "followups")}
    assert rows["Matti"]["phone"] == "040 123 4567"  # as Finns write it
    assert rows["Liisa"]["email"] == "liisa@example.fi"
    _code, out, _ = ladder("followups", "--format", "text")
    assert "040 123 4567" in out and "liisa@example.fi" in out
    assert "no phone or e-mail" in out
    _code, out, _ = ladder("followups", "--format", "csv")
    assert "040 123 4567" in out


def test_christmas_cards_csv_opens_as_columns_and_empty_labels_are_refused(
    ladder, tmp_path: Path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    code, _, err = ladder("cards", "--format", "pdf", "--output", "tarrat.pdf")
    assert code == 1 and "no labels to print" in err
    assert not (tmp_path / "tarrat.pdf").exists()
    run_json(
        ladder, "customer", "add", "Matti", "--phone", "+46 8 123 456 78", "--address", "Tie 1"
    )
    for _ in range(4):
        run_json(ladder, "log", "Matti", "positive_feedback", "--on", "-1d")
    code, out, _ = ladder("cards", "--format", "csv")
    assert code == 0 and out.startswith("\ufeff")
    header, row = out.strip("\ufeff").splitlines()[:2]
    assert header.count(";") == 5 and row.endswith(";+46 8 123 456 78")  # no formula guard
    code, out, _ = ladder("cards", "--format", "csv", "--delimiter", ",")
    assert out.splitlines()[0].count(",") == 5


def test_a_whole_import_with_a_future_event_is_refused_naming_the_row(
    ladder, tmp_path: Path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    run_json(ladder, "customer", "add", "Anna")
    run_json(ladder, "log", "Anna", "purchase", "--on", "-1d")
    assert ladder("export", "--output", "all.json")[0] == 0
    document = json.loads((tmp_path / "all.json").read_text("utf-8"))
    document["events"][0]["occurred_on"] = "2030-11-24"
    (tmp_path / "future.json").write_text(json.dumps(document), "utf-8")
    empty = str(tmp_path / "empty.db")
    code, _, err = ladder("--db", empty, "import", "future.json")
    assert code == 1 and "events[0]: 24.11.2030 is after today" in err
    assert run_json(ladder, "--db", empty, "customer", "list") == []


def test_database_errors_in_finnish(ladder, tmp_path: Path, monkeypatch):
    monkeypatch.setenv("LADDER_LANG", "fi")
    code, _, err = ladder("--db", str(tmp_path / "puuttuu" / "x.db"), "pipeline")
    assert code == 1 and "kansiota" in err and "ei ole" in err


def test_the_list_shows_the_week_and_says_how_to_see_the_rest(ladder):
    """By default what is overdue and due in the next seven days; the rest is counted,
    with the --days that shows it."""
    assert ladder("customer", "add", "Anna")[0] == 0
    for on, note in (("+3d", "Soita"), ("+20d", "Joulukortti")):
        assert ladder("followups", "add", "Anna", "--on", on, "--note", note)[0] == 0
    code, out, _ = ladder("followups")
    assert code == 0 and "25.11.2026" in out and "12.12.2026" not in out
    assert "1 more are due later: ladder followups --days 20 shows them" in out
    code, out, _ = ladder("followups", "--days", "20")
    assert "12.12.2026" in out and "due later" not in out
    assert [f["due"] for f in run_json(ladder, "followups")] == ["2026-11-25"]
