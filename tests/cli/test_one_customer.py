"""One customer is one customer, on the command line: no second Anna by accident, no
guessing between two people, a phone found however typed, two records merged."""

from __future__ import annotations

import json
from datetime import date

from tests.cli.conftest import run_json


def test_the_same_person_twice_is_asked_about_and_allowed_only_when_said(ladder):
    first = run_json(ladder, "customer", "add", "Anna Laine", "--email", "anna@example.fi")
    code, _, err = ladder("customer", "add", "anna laine", "--email", "ANNA@example.fi")
    assert code == 2 and f"#{first['id']} Anna Laine" in err and "--allow-duplicate" in err
    code, _, err = ladder("customer", "add", "Anna Virtanen", "--phone", "040 903 3298")
    assert code == 0, err
    code, _, err = ladder("customer", "add", "Toinen", "--phone", "+358409033298")
    assert code == 2 and "Anna Virtanen" in err and "same phone" in err
    second = run_json(ladder, "customer", "add", "Anna Laine", "--allow-duplicate")
    assert second["id"] != first["id"]
    code, _, err = ladder("customer", "edit", str(second["id"]), "--email", "anna@example.fi")
    assert code == 2 and "same e-mail" in err


def test_a_name_that_fits_two_people_is_never_guessed(ladder):
    tero = run_json(ladder, "customer", "add", "Tero Aijala", "--phone", "040 111 2222")
    pekka = run_json(ladder, "customer", "add", "Pekka Äijälä")
    code, _, err = ladder("log", "aijala", "osto")
    assert code == 2
    assert f"#{tero['id']} Tero Aijala (040 111 2222)" in err and f"#{pekka['id']}" in err
    assert run_json(ladder, "customer", "show", "äijälä pekka")["id"] == pekka["id"]


def test_a_phone_finds_its_customer_however_it_is_typed(ladder):
    anna = run_json(ladder, "customer", "add", "Anna Hämäläinen", "--phone", "040 903 3298")
    for typed in ("0409033298", "040 903 3298", "+358409033298", "+358 40 903 3298"):
        assert run_json(ladder, "customer", "show", typed)["id"] == anna["id"], typed
    assert run_json(ladder, "customer", "show", "hämäläinen anna")["id"] == anna["id"]
    shown = run_json(ladder, "customer", "show", str(anna["id"]))
    assert shown["phone"] == "040 903 3298"  # as Finns write it
    code, _, err = ladder("customer", "add", "X", "--phone", "040-KALLE")
    assert code == 2 and "not a phone number" in err


def test_merge_moves_everything_onto_one_and_says_what(ladder):
    kept = run_json(ladder, "customer", "add", "Anna Laine", "--email", "anna@example.fi")
    gone = run_json(
        ladder, "customer", "add", "Anna L.", "--phone", "040 903 3298", "--notes", "Soita iltaisin"
    )
    run_json(ladder, "log", str(kept["id"]), "osto", "--on", "1.11.2026")
    run_json(ladder, "log", str(gone["id"]), "suosittelu", "--on", "5.11.2026")
    code, _, err = ladder("customer", "merge", str(kept["id"]), str(gone["id"]))
    assert code == 2 and "--yes" in err  # no terminal to ask in
    merged = run_json(ladder, "customer", "merge", str(kept["id"]), str(gone["id"]), "--yes")
    assert set(merged["filled"]) == {"phone", "notes"} and len(merged["events_moved"]) == 1
    card = run_json(ladder, "customer", "show", str(kept["id"]))
    assert [e["kind"] for e in card["events"]] == ["purchase", "referral"]
    assert card["phone"] == "040 903 3298" and card["rung"] == "asiakas"
    code, _, err = ladder("customer", "show", str(gone["id"]))
    assert code == 1 and f"no customer #{gone['id']}" in err


def test_a_customer_added_on_a_back_dated_day_is_on_the_ladder_from_that_day(ladder):
    run_json(ladder, "customer", "add", "Aino", "--since", "15.3.2026")
    report = run_json(ladder, "report", "--from", "1.1.2026", "--to", "30.4.2026")
    counts = {month["month_end"]: month["rungs"]["kuluttaja"] for month in report["ladder"]}
    assert (counts["2026-02-28"], counts["2026-03-31"]) == (0, 1)


def test_an_event_long_ago_puts_nothing_on_the_list(ladder):
    run_json(ladder, "customer", "add", "Vanha")
    logged = run_json(ladder, "log", "Vanha", "reklamaatio", "--on", "3.3.2019", "--force")
    assert logged["followups_created"] == []
    assert run_json(ladder, "followups", "--days", "30") == []


def test_a_complaint_is_done_only_when_said_how(ladder):
    run_json(ladder, "customer", "add", "Anna")
    logged = run_json(ladder, "log", "Anna", "reklamaatio", "--on", "-1d")
    (complaint,) = [f for f in logged["followups_created"] if f["kind"] == "complaint"]
    code, _, err = ladder("followups", "done", str(complaint["id"]))
    assert code == 2 and "--as complaint_resolved" in err and "--as contact" in err
    done = run_json(ladder, "followups", "done", str(complaint["id"]), "--as", "contact")
    assert done["followup"]["state"] == "done" and done["logged"]["rung"]


def test_deleting_an_event_asks_first(ladder):
    run_json(ladder, "customer", "add", "Anna")
    logged = run_json(ladder, "log", "Anna", "osto")
    code, _, err = ladder("event", "delete", str(logged["event_id"]))
    assert code == 2 and "--yes" in err
    assert len(run_json(ladder, "customer", "show", "Anna")["events"]) == 1
    assert ladder("event", "delete", str(logged["event_id"]), "--yes")[0] == 0
    assert run_json(ladder, "customer", "show", "Anna")["events"] == []


def test_every_card_the_labels_print_is_marked_sent_at_once(ladder, monkeypatch):
    monkeypatch.setenv("LADDER_TODAY", "2.12.2026")
    for name in ("Anna", "Pekka", "Maija"):
        run_json(ladder, "customer", "add", name, "--address", "Tie 1")
        for _ in range(2):  # two positives on one day: asiakas, so a card is due
            run_json(ladder, "log", name, "kiitos", "--on", "1.10.2026")
    assert "3 Christmas cards for 2026 still to send" in ladder("cards")[1]
    done = run_json(ladder, "cards", "done")
    assert len(done) == 3 and {f["state"] for f in done} == {"done"}
    for name in ("Anna", "Pekka", "Maija"):
        kinds = [e["kind"] for e in run_json(ladder, "customer", "show", name)["events"]]
        assert kinds[-1] == "christmas_card"
    code, _, err = ladder("cards", "done")
    assert code == 1 and "sent already" in err


def test_a_report_without_a_period_says_which_it_is(ladder):
    run_json(ladder, "customer", "add", "Anna")
    run_json(ladder, "log", "Anna", "osto", "--on", "-10d")
    code, _, err = ladder("report", "--json")
    assert code == 0 and "the last twelve months" in err
    run_json(ladder, "log", "Anna", "osto", "--on", "3.3.2025")
    code, out, err = ladder("report", "--json")
    assert "a report of last year, 1.1.2025–31.12.2025" in err
    assert json.loads(out)["period"]["from"] == date(2025, 1, 1).isoformat()


def test_the_list_reads_at_80_columns_without_a_wrapped_row(ladder, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    for number in range(3):
        run_json(ladder, "customer", "add", f"Asiakas Pitkällä Nimellä {number}")
        run_json(ladder, "log", f"Nimellä {number}", "osto", "--on", "1.10.2026")
    _code, out, _ = ladder("followups")
    rows = [line for line in out.splitlines() if "│" in line]
    assert len(rows) == 3  # one line each: nothing wrapped
    assert all(len(line) <= 80 for line in out.splitlines())
    assert all("15.10.2026" in row for row in rows)  # the date whole


def test_finnish_all_the_way(ladder, monkeypatch):
    monkeypatch.setenv("LADDER_LANG", "fi")
    monkeypatch.setattr("present.printing.shutil.which", lambda name: None)
    run_json(ladder, "customer", "add", "Anna")
    run_json(ladder, "log", "Anna", "osto")
    code, _, err = ladder("followups", "--print")
    assert code == 1 and "ei ole tulostusjärjestelmää" in err
    code, _, err = ladder("log", "Anna", "lahja")
    assert code == 2 and "osto, positiivinen_palaute" in err


def test_the_customer_list_finds_a_name_surname_first_and_a_phone_however_typed(ladder):
    run_json(ladder, "customer", "add", "Anna Hämäläinen", "--phone", "0409033298")
    run_json(ladder, "customer", "add", "Anna Virta")
    for typed in ("hamalainen anna", "Hämäläinen", "040 903 3298", "+358409033298"):
        found = run_json(ladder, "customer", "list", "--search", typed)
        assert [c["name"] for c in found] == ["Anna Hämäläinen"], typed
