"""Follow-ups and cards on paper and in files; the whole database out and back in."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from icalendar import Calendar
from pypdf import PdfReader

from cli.main import main
from data.formats.safe_csv import csv_text, neutralise


@pytest.fixture
def ladder(location, monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("LADDER_DB", location)
    monkeypatch.setenv("LADDER_TODAY", "22.11.2026")
    monkeypatch.setenv("LADDER_MEMBER", "Liisa")
    monkeypatch.setenv("LADDER_LANG", "fi")
    monkeypatch.chdir(tmp_path)

    def run(*args: str) -> tuple[int, str, str]:
        code = main(list(args))
        out, err = capsys.readouterr()
        return code, out, err

    assert run("demo")[0] == 0
    return run


def pdf_text(path: Path) -> tuple[str, int]:
    reader = PdfReader(path)
    return "\n".join(page.extract_text() for page in reader.pages), len(reader.pages)


def test_followups_as_pdf_with_finnish_letters_page_numbers_and_the_date(ladder, tmp_path):
    assert ladder("customer", "add", "Åke Ärväs-Öhman")[0] == 0
    assert ladder("followups", "add", "Åke", "--on", "+1d", "--note", "Hinta 12 € – soita")[0] == 0
    code, _, err = ladder("followups", "--days", "7", "--format", "pdf", "--output", "f.pdf")
    assert code == 0, err
    text, pages = pdf_text(tmp_path / "f.pdf")
    assert "Åke Ärväs-Öhman" in text and "12 €" in text
    assert "Tehtävät 22.11.2026" in text
    assert f"1/{pages}" in text


def test_followups_as_text_csv_and_json(ladder):
    code, text, _ = ladder("followups", "--format", "text")
    assert code == 0 and text.startswith("Tehtävät 22.11.2026") and "myöhässä" in text
    code, out, _ = ladder("followups", "--format", "csv")
    rows = list(csv.reader(io.StringIO(out.lstrip("\ufeff"))))
    assert rows[0][:3] == ["Nro", "Eräpäivä", "Asiakas"] and len(rows) > 2
    code, out, _ = ladder("followups", "--format", "json")
    assert {"id", "customer", "due", "overdue", "reason"} <= set(json.loads(out)[0])


def test_icalendar_uids_stay_the_same_so_reimporting_updates(ladder, tmp_path):
    ladder("followups", "--days", "7", "--format", "ics", "--tasks", "--output", "a.ics")
    ladder("followups", "--days", "7", "--format", "ics", "--tasks", "--output", "b.ics")
    first = Calendar.from_ical((tmp_path / "a.ics").read_bytes())
    second = Calendar.from_ical((tmp_path / "b.ics").read_bytes())
    uids = [str(todo["uid"]) for todo in first.walk("VTODO")]
    assert uids and uids == [str(todo["uid"]) for todo in second.walk("VTODO")]
    assert len(set(uids)) == len(uids)
    assert all(todo.decoded("due") for todo in first.walk("VTODO"))


def test_a_calendar_gets_all_day_events_with_the_phone_in_each(ladder, tmp_path):
    assert ladder("followups", "--days", "7", "--format", "ics", "--output", "c.ics")[0] == 0
    calendar = Calendar.from_ical((tmp_path / "c.ics").read_bytes())
    events = list(calendar.walk("VEVENT"))
    assert events and not list(calendar.walk("VTODO"))
    for entry in events:
        start, end = entry.decoded("dtstart"), entry.decoded("dtend")
        assert not hasattr(start, "hour") and (end - start).days == 1  # all day
    described = [str(entry["description"]) for entry in events]
    assert any(re.search(r"\b0\d\d \d{3} \d{4}\b", text) for text in described)


def test_print_says_clearly_when_there_is_no_printer(ladder, monkeypatch):
    monkeypatch.setattr("present.printing.shutil.which", lambda name: None)
    code, _, err = ladder("followups", "--print")
    assert code == 1 and "lp puuttuu" in err  # in the member's language


def test_print_sends_the_list_to_lp(ladder, monkeypatch, tmp_path):
    fake_lp = tmp_path / "bin" / "lp"
    fake_lp.parent.mkdir()
    fake_lp.write_text(f"#!/bin/sh\ncat > {tmp_path / 'printed.txt'}\n")
    fake_lp.chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake_lp.parent}:/usr/bin:/bin")
    code, out, err = ladder("followups", "--print")
    assert code == 0, err
    assert "tulostimelle" in out
    assert (tmp_path / "printed.txt").read_text("utf-8").startswith("Tehtävät 22.11.2026")


def test_christmas_card_labels_and_mail_merge(ladder, tmp_path):
    _, out, _ = ladder("cards")
    listed = [line for line in out.splitlines() if line.startswith("#")]
    assert listed and "joulukorttia vuodelle 2026" in out
    assert ladder("cards", "--format", "pdf", "--output", "labels.pdf")[0] == 0
    text, pages = pdf_text(tmp_path / "labels.pdf")
    assert pages == -(-len(listed) // 24)
    first_name = listed[0].split(" ", 1)[1].split(" · ")[0]
    assert first_name in text
    _, out, _ = ladder("cards", "--format", "csv")
    assert len(list(csv.reader(io.StringIO(out.lstrip("\ufeff"))))) == len(listed) + 1
    ladder("log", listed[0].split()[0].lstrip("#"), "christmas_card")
    _code, out, _ = ladder("cards")
    assert len([line for line in out.splitlines() if line.startswith("#")]) == len(listed) - 1


def test_csv_cells_that_would_be_formulas_are_neutralised():
    assert neutralise('=HYPERLINK("x")') == '\'=HYPERLINK("x")'
    assert [neutralise(c) for c in ("+1+cmd|' /C calc'!A0", "-1+2", "@SUM", "Anna")] == [
        "'+1+cmd|' /C calc'!A0",
        "'-1+2",
        "'@SUM",
        "Anna",
    ]
    # A phone number or a plain negative number can run nothing: it stays as written.
    assert [neutralise(c) for c in ("+358 40 123 4567", "+358 (0)9 123", "-1", "-3,5")] == [
        "+358 40 123 4567",
        "+358 (0)9 123",
        "-1",
        "-3,5",
    ]
    text = csv_text(["nimi"], [["=1+1"]])
    assert text.startswith("\ufeff") and "'=1+1" in text


def test_whole_database_json_round_trip_is_lossless(ladder, tmp_path, location, monkeypatch):
    ladder("followups", "snooze", "1", "--until", "+3d")
    assert ladder("export", "--output", "all.json")[0] == 0
    empty = tmp_path / "empty.db"
    assert ladder("--db", str(empty), "import", "all.json")[0] == 0
    assert ladder("--db", str(empty), "export", "--output", "again.json")[0] == 0
    assert (tmp_path / "all.json").read_text("utf-8") == (tmp_path / "again.json").read_text(
        "utf-8"
    )
    code, _, err = ladder("--db", str(empty), "import", "all.json")
    assert code == 1 and "ei ole tyhjä" in err  # said in Finnish, as every error is


def test_whole_database_as_csv_files(ladder, tmp_path):
    code, _out, _ = ladder("export", "--format", "csv", "--output", "csv")
    assert code == 0
    names = sorted(p.name for p in (tmp_path / "csv").iterdir())
    assert names == ["customers.csv", "events.csv", "followups.csv", "members.csv"]
    customers = list(
        csv.DictReader(
            io.StringIO((tmp_path / "csv" / "customers.csv").read_text("utf-8").lstrip("\ufeff"))
        )
    )
    assert len(customers) == 60


@pytest.mark.parametrize(
    "text",
    [
        '{"format": "x"}',
        "[1, 2]",
        "{",
        '{"format": "ladder-export", "version": 1, "customers": [{"id": "yksi"}]}',
    ],
)
def test_a_broken_export_file_is_refused_and_nothing_imported(ladder, tmp_path, text):
    (tmp_path / "bad.json").write_text(text, "utf-8")
    empty = tmp_path / "empty.db"
    code, _, err = ladder("--db", str(empty), "import", "bad.json")
    assert code == 2 and err.count("\n") == 1
    assert json.loads(ladder("--db", str(empty), "pipeline", "--json")[1])["rungs"][0]["count"] == 0


def test_backup_and_restore(ladder, tmp_path, location, request):
    assert ladder("backup", "ladder.bak")[0] == 0
    code, _, err = ladder("backup", "ladder.bak")
    assert code == 1 and "on jo olemassa" in err  # the fixture speaks Finnish
    if location.startswith("postgresql"):
        target = request.getfixturevalue("second_pg_database")
    else:
        target = str(tmp_path / "restored.db")
    code, _, err = ladder("--db", target, "restore", "ladder.bak")
    assert code == 0, err
    original = ladder("customer", "list", "--json")[1]
    assert ladder("--db", target, "customer", "list", "--json")[1] == original
    code, _, err = ladder("--db", target, "restore", "ladder.bak")
    assert code == 1 and "jo asiakkaita" in err


def test_gdpr_access_export_of_one_person(ladder, tmp_path):
    _code, out, _ = ladder("customer", "export", "Heli Mäkinen")
    person = json.loads(out)
    assert person["customer"]["email"] == "heli.makinen@example.fi"
    assert person["events"] and person["transitions"]


def test_gdpr_erasure_leaves_no_trace_in_the_file_or_its_log(tmp_path, monkeypatch, capsys):
    path = tmp_path / "ladder.db"
    monkeypatch.setenv("LADDER_DB", str(path))
    monkeypatch.setenv("LADDER_TODAY", "22.11.2026")
    assert main(["demo"]) == 0
    capsys.readouterr()
    assert main(["pipeline", "--json"]) == 0
    before = json.loads(capsys.readouterr().out)
    secret = ("Heli Mäkinen", "heli.makinen@example.fi", "+358 40 392 6852")
    assert secret[1].encode() in path.read_bytes()
    assert main(["customer", "erase", "Heli Mäkinen", "--yes"]) == 0
    capsys.readouterr()
    for file in (path, Path(f"{path}-wal")):
        data = file.read_bytes() if file.exists() else b""
        for value in secret:
            assert value.encode("utf-8") not in data, (file.name, value)
    assert main(["pipeline", "--json"]) == 0
    after = json.loads(capsys.readouterr().out)
    assert sum(r["count"] for r in after["rungs"]) == sum(r["count"] for r in before["rungs"]) - 1


def test_an_erase_without_confirmation_is_refused(ladder):
    code, _, err = ladder("customer", "erase", "Heli Mäkinen")
    assert code == 2 and "--yes" in err
    assert ladder("customer", "show", "Heli Mäkinen")[0] == 0
