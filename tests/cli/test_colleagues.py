"""The command line among colleagues: one spelling per member, and no change of
theirs written over (`--expect-version`)."""

from __future__ import annotations

import json

from tests.cli.conftest import run_json


def test_an_edit_with_an_old_version_is_refused_naming_the_colleague(ladder):
    run_json(ladder, "customer", "add", "Anna Laine", "--phone", "040 123 4567")
    assert run_json(ladder, "customer", "show", "Anna Laine")["version"] == 1
    logged = run_json(ladder, "log", "Anna Laine", "osto")
    event = run_json(ladder, "customer", "show", "Anna Laine")["events"][0]
    assert event["version"] == 1
    event_id = str(logged["event_id"])
    assert ladder("--member", "Pekka", "event", "edit", event_id, "--note", "x")[0] == 0
    code, _, err = ladder(
        "event", "edit", str(logged["event_id"]), "--note", "y", "--expect-version", "1"
    )
    assert code == 1 and "Pekka" in err and "Traceback" not in err
    assert run_json(ladder, "customer", "show", "Anna Laine")["events"][0]["note"] == "x"
    assert ladder("--member", "Pekka", "customer", "edit", "Anna Laine", "--tags", "vip")[0] == 0
    code, _, err = ladder(
        "customer", "edit", "Anna Laine", "--email", "a@b.fi", "--expect-version", "1"
    )
    assert code == 1 and "Pekka" in err
    edited = run_json(
        ladder, "customer", "edit", "Anna Laine", "--email", "a@b.fi", "--expect-version", "2"
    )
    assert (edited["version"], edited["tags"], edited["email"]) == (3, ["vip"], "a@b.fi")
    code, _, err = ladder(
        "customer", "edit", "Anna Laine", "--email", "c@d.fi", "--expect-version", "9"
    )
    assert code == 1 and "version 3, not 9" in err and "changed this" not in err


def test_a_member_name_is_one_spelling_whatever_its_case(ladder):
    run_json(ladder, "--member", "Aino", "customer", "add", "Anna Laine")
    run_json(ladder, "--member", "aino", "log", "Anna Laine", "osto")
    run_json(ladder, "--member", " AINO ", "log", "Anna Laine", "kiitos")
    card = run_json(ladder, "customer", "show", "Anna Laine")
    assert {e["logged_by"] for e in card["events"]} == {"Aino"}
    mine = run_json(ladder, "--member", "aino", "followups", "--mine", "--days", "30")
    assert [f["member"] for f in mine] == ["Aino"]


def test_dismissing_what_a_colleague_closed_says_who_did(ladder):
    run_json(ladder, "customer", "add", "Anna Laine")
    logged = run_json(ladder, "log", "Anna Laine", "osto")
    (made,) = logged["followups_created"]
    assert ladder("--member", "Pekka", "followups", "dismiss", str(made["id"]))[0] == 0
    code, _, err = ladder("followups", "dismiss", str(made["id"]))
    assert code == 1 and "already dismissed (Pekka" in err


def test_a_today_after_the_real_date_may_look_ahead_but_never_write(ladder):
    run_json(ladder, "customer", "add", "Anna Laine")
    run_json(ladder, "log", "Anna Laine", "osto")
    before = run_json(ladder, "customer", "show", "Anna Laine")
    code, _, err = ladder("--today", "1.1.2030", "log", "Anna Laine", "osto")
    assert code == 2 and "after the real date" in err and "Traceback" not in err
    assert ladder("--today", "1.1.2030", "customer", "add", "Pekka")[0] == 2
    assert ladder("--today", "1.1.2030", "followups", "--days", "7")[0] == 0
    ahead = run_json(ladder, "--today", "1.1.2030", "customer", "show", "Anna Laine")
    assert ahead["name"] == "Anna Laine"
    assert run_json(ladder, "customer", "show", "Anna Laine") == before  # nothing settled
    assert [c["name"] for c in run_json(ladder, "customer", "list")] == ["Anna Laine"]


def test_history_says_who_did_what_and_an_erase_leaves_no_personal_data(ladder):
    run_json(ladder, "--member", "Aino", "customer", "add", "Anna Laine", "--phone", "0401234567")
    run_json(ladder, "--member", "Pekka", "customer", "add", "Ville Vuori")
    logged = run_json(ladder, "--member", "Pekka", "log", "Anna Laine", "osto", "--on", "-20d")
    (due,) = run_json(ladder, "followups")
    assert ladder("--member", "Aino", "followups", "dismiss", str(due["id"]))[0] == 0
    event_id = str(logged["event_id"])
    assert ladder("--member", "aino", "event", "edit", event_id, "--note", "x")[0] == 0
    assert ladder("--member", "Pekka", "customer", "erase", "Ville Vuori", "--yes")[0] == 0
    everything = run_json(ladder, "history")
    assert [(e["member"], e["action"]) for e in everything] == [
        ("Pekka", "customer_erase"),
        ("Aino", "event_edit"),
        ("Aino", "dismiss"),
        ("Pekka", "log"),
        ("Pekka", "customer_add"),
        ("Aino", "customer_add"),
    ]
    erased = everything[0]
    assert erased["customer"] is None and "Ville" not in str(everything)
    annas = run_json(ladder, "history", "Anna Laine")
    assert {e["action"] for e in annas} == {"customer_add", "log", "dismiss", "event_edit"}
    assert [e["action"] for e in run_json(ladder, "history", "--by", "AINO")] == [
        "event_edit",
        "dismiss",
        "customer_add",
    ]
    assert run_json(ladder, "history", "--since", "1.1.2100") == []
    assert len(run_json(ladder, "history", "--since", "1.1.2000")) == 6
    code, out, _ = ladder("history")
    assert code == 0 and "#2" in out and "Ville" not in out


def test_a_persons_data_export_holds_their_history(ladder):
    run_json(ladder, "customer", "add", "Anna Laine")
    run_json(ladder, "log", "Anna Laine", "osto")
    code, out, _ = ladder("customer", "export", "Anna Laine")
    assert code == 0
    assert [e["action"] for e in json.loads(out)["history"]] == ["log", "customer_add"]


def test_a_whole_export_carries_the_co_ops_rulebook_to_the_new_database(ladder, tmp_path):
    from ladder import default_rules_text

    run_json(ladder, "customer", "add", "Anna Laine")
    run_json(ladder, "log", "Anna Laine", "osto")
    text = default_rules_text()
    weight = text.index("weight = 1", text.index("[kinds.purchase]"))
    changed = tmp_path / "r.toml"
    changed.write_text(text[:weight] + "weight = 2" + text[weight + len("weight = 1") :])
    assert ladder("rules", "apply", str(changed), "--yes")[0] == 0
    score = run_json(ladder, "customer", "show", "Anna Laine")["score"]
    assert ladder("export", "--output", str(tmp_path / "all.json"))[0] == 0
    fresh = str(tmp_path / "fresh.db")
    assert ladder("--db", fresh, "import", str(tmp_path / "all.json"))[0] == 0
    assert run_json(ladder, "--db", fresh, "customer", "show", "Anna Laine")["score"] == score
    assert "weight = 2" in ladder("--db", fresh, "rules", "export")[1]
