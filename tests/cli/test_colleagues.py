"""The command line among colleagues: one spelling per member, and no change of
theirs written over (`--expect-version`)."""

from __future__ import annotations

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
