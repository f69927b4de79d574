"""Hostile input and careless slips: nothing leaks, nothing is lost, text stays text.

Each test is one class of fault from the hostile-input review, reproduced.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
from pathlib import Path

import pytest

from cli.main import main
from data import backup as backup_module
from data import service
from data.member_files import OutputRefused, write_private
from data.store import Store, StoreError
from ladder import default_rulebook
from tests.conftest import TODAY


@pytest.fixture
def cli(tmp_path: Path, monkeypatch, capsys):
    monkeypatch.setenv("LADDER_DB", str(tmp_path / "ladder.db"))
    monkeypatch.setenv("LADDER_TODAY", "22.11.2026")
    monkeypatch.setenv("LADDER_LANG", "en")

    def run(*args: str) -> tuple[int, str, str]:
        code = main(list(args))
        out, err = capsys.readouterr()
        return code, out, err

    assert run("demo")[0] == 0
    return run


def customers_in(path: Path) -> int:
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        return db.execute("SELECT count(*) FROM customer").fetchone()[0]


@pytest.mark.parametrize(
    "command",
    [
        ["followups", "--format", "csv"],
        ["export"],
        ["customer", "export", "1"],
        ["cards", "--format", "csv"],
    ],
)
@pytest.mark.parametrize("target", ["ladder.db", "ladder.db-wal", "./ladder.db"])
def test_no_output_slip_can_overwrite_the_database(cli, tmp_path, command, target):
    before = customers_in(tmp_path / "ladder.db")
    code, out, err = cli(*command, "--output", target, "--force")
    assert code == 1 and "is the database itself" in err and out == ""
    assert customers_in(tmp_path / "ladder.db") == before == 60


def test_an_existing_file_needs_force_and_a_backup_is_never_overwritten(cli, tmp_path):
    (tmp_path / "lista.csv").write_text("vanha", "utf-8")
    code, _, err = cli("followups", "--format", "csv", "--output", "lista.csv")
    assert code == 1 and "add --force" in err
    assert (tmp_path / "lista.csv").read_text("utf-8") == "vanha"
    assert cli("followups", "--format", "csv", "--output", "lista.csv", "--force")[0] == 0
    assert (tmp_path / "lista.csv").read_text("utf-8-sig").startswith("ID,")
    assert cli("backup", "varmuus.db")[0] == 0
    code, _, err = cli("export", "--output", "varmuus.db", "--force")
    assert code == 1 and "is a database" in err
    assert customers_in(tmp_path / "varmuus.db") == 60


def test_an_interrupted_write_leaves_the_old_file_whole(tmp_path, monkeypatch):
    target = tmp_path / "lista.txt"
    target.write_text("eilinen lista", "utf-8")

    def disk_full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(OSError):
        write_private(target, b"uusi", force=True)
    assert target.read_text("utf-8") == "eilinen lista"
    assert [p.name for p in tmp_path.iterdir()] == ["lista.txt"]  # no half-written temporary
    with pytest.raises(OutputRefused):
        write_private(tmp_path, b"x")


def test_every_file_written_is_private_even_with_umask_022(cli, tmp_path, monkeypatch):
    old = os.umask(0o022)
    try:
        written = {
            "list.pdf": ["followups", "--days", "7", "--format", "pdf", "--output", "list.pdf"],
            "list.ics": ["followups", "--days", "7", "--format", "ics", "--output", "list.ics"],
            "all.json": ["export", "--output", "all.json"],
            "person.json": ["customer", "export", "1", "--output", "person.json"],
            "cards.csv": ["cards", "--format", "csv", "--output", "cards.csv"],
            "backup.db": ["backup", "backup.db"],
        }
        for name, command in written.items():
            code, _, err = cli(*command)
            assert code == 0, err
            assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o600, name
        assert cli("export", "--format", "csv", "--output", "csv")[0] == 0
        assert stat.S_IMODE((tmp_path / "csv").stat().st_mode) == 0o700
        for path in (tmp_path / "csv").iterdir():
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    finally:
        os.umask(old)


def test_the_default_data_folder_is_private(tmp_path, monkeypatch):
    from present.settings import resolve

    monkeypatch.delenv("LADDER_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    old = os.umask(0o022)
    try:
        settings = resolve()
    finally:
        os.umask(old)
    folder = Path(settings.location).parent
    assert folder.is_relative_to(tmp_path) and stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_a_backup_of_a_damaged_database_is_not_called_saved(tmp_path):
    damaged = tmp_path / "damaged.db"
    store = Store.open(str(damaged), default_rulebook(), TODAY)
    for i in range(300):
        service.add_customer(store, f"Asiakas {i}", today=TODAY, notes="x" * 500)
    store.close()
    with sqlite3.connect(damaged) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(damaged.read_bytes())
    data[8192:12288] = b"\xff" * 4096  # a page of the customer table, scribbled over
    damaged.write_bytes(bytes(data))
    code = main(["--db", str(damaged), "--today", "22.11.2026", "backup", str(tmp_path / "b.db")])
    assert code == 1
    assert not (tmp_path / "b.db").exists()


def test_pg_dump_never_sees_the_password_on_its_command_line(tmp_path, monkeypatch):
    seen = {}

    def fake_run(args, **kwargs):
        seen["args"], seen["env"] = args, kwargs["env"]
        return subprocess.CompletedProcess(args, 0, "", "")

    monkeypatch.setattr(backup_module.shutil, "which", lambda tool: f"/usr/bin/{tool}")
    monkeypatch.setattr(backup_module.subprocess, "run", fake_run)
    backup_module.backup("postgresql://anna:salasana@db.example/coop", tmp_path / "b.dump")
    assert not any("salasana" in arg for arg in seen["args"])
    assert seen["env"]["PGPASSWORD"] == "salasana"
    assert stat.S_IMODE((tmp_path / "b.dump").stat().st_mode) == 0o600


@pytest.mark.parametrize(
    "url", ["postgresq://anna:salasana@db/coop", "postgresql:/anna:salasana@db/coop"]
)
def test_a_mistyped_database_url_is_one_line_without_the_secret(url, capsys):
    code = main(["--db", url, "--today", "22.11.2026", "pipeline"])
    err = capsys.readouterr().err
    assert code == 1 and err == "ladder: not a database URL (postgresql://…)\n"


NAMES = ["Liisa [vip]", "[/]", "[link=https://example.fi]Klikkaa[/link]", "[bold]Ö[/bold]"]


def test_brackets_in_names_notes_and_members_are_text(cli):
    for name in NAMES:
        code, out, err = cli("customer", "add", name, "--address", "[/] katu", "--json")
        assert code == 0, err
        code, _, err = cli("--member", "[red]Pekka[/]", "log", name, "purchase", "--note", "[/]")
        assert code == 0, err
    code, out, err = cli("customer", "list", "--search", "[")
    assert code == 0 and all(name in out for name in NAMES), err
    code, out, err = cli("customer", "show", "Liisa [vip]")
    assert code == 0 and "Liisa [vip]" in out and "[/] katu" in out
    code, out, err = cli("followups", "--days", "30")
    assert code == 0, err  # a narrow table wraps the names, but draws them
    code, out, err = cli("followups", "--days", "30", "--format", "text")
    assert code == 0 and all(name in out for name in NAMES)


@pytest.mark.parametrize("field", ["--address", "--notes", "--tags", "--name"])
def test_escape_sequences_are_refused_where_they_come_in(cli, field):
    code, _, err = cli("customer", "edit", "1", field, "Katu 1\x1b[2J\x1b]8;;http://x\x07")
    assert code == 2 and "control characters" in err and err.count("\n") == 1


async def test_the_app_opens_with_brackets_in_every_name(tmp_path):
    from tests.tui.conftest import settings_for, settle
    from tui.app import LadderApp
    from tui.screens.morning import MorningScreen

    path = str(tmp_path / "x.db")
    store = Store.open(path, default_rulebook(), TODAY)
    for number, name in enumerate(NAMES):
        phone = f"040 123 45{number:02d}"
        customer = service.add_customer(store, name, today=TODAY, member="[/]", phone=phone)
        service.log(store, customer.id, "complaint", TODAY, today=TODAY, member="[/]", note="[/]")
    store.close()
    app = LadderApp(settings_for(path))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, MorningScreen)
        assert {f.customer for f in app.screen.rows} == set(NAMES)
        table = app.screen.query_one("#followups")
        shown = {str(table.get_row_at(i)[1]) for i in range(table.row_count)}
        assert shown == set(NAMES)
        row = next(i for i, f in enumerate(app.screen.rows) if f.customer == "[/]")
        table.move_cursor(row=row)
        for key in ("d", "s"):  # the dialogs name the customer, literally
            await pilot.press(key)
            await settle(pilot)
            assert "[/]" in str(app.screen.query_one(".dialog-title").render())
            await pilot.press("escape")
            await settle(pilot)
        assert isinstance(app.screen, MorningScreen)
        await pilot.press("c")
        await settle(pilot)
        await pilot.press(*"vip")
        await settle(pilot)
        assert [c.name for c in app.screen.shown] == ["Liisa [vip]"]
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"link")  # the palette lists customers by name, literally
        await pilot.pause(0.5)
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert "Klikkaa" in str(app.screen.query_one("#card-head").render())


MARKED_LABELS = {  # the co-op's own words in its rulebook, written as Rich would read markup
    'label_fi = "Osto"': 'label_fi = "Osto[/]"',
    'label_en = "Purchase"': 'label_en = "Buy[/]"',
    'label_fi = "Pidä yhteyttä"': 'label_fi = "[b]Soita[/b]"',
    'label_en = "Keep in touch"': 'label_en = "[vip]Call"',
    'label_fi = "Yhteydenotto"': 'label_fi = "[i]Yhteys"',
    'label_fi = "Elämys"': 'label_fi = ":star: Elämys"',  # and an emoji code
    'label_en = "Wow experience"': 'label_en = ":star: Wow"',
}


def marked_rules(lang: str) -> tuple[str, str, str]:
    """The default rulebook with marked-up labels, and the purchase and call labels."""
    from ladder import default_rules_text

    text = default_rules_text()
    for plain, marked in MARKED_LABELS.items():
        text = text.replace(plain, marked)
    return (text, "Osto[/]", "[b]Soita[/b]") if lang == "fi" else (text, "Buy[/]", "[vip]Call")


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_brackets_in_the_rulebooks_labels_are_text(cli, tmp_path, monkeypatch, lang):
    text, bought, call = marked_rules(lang)
    (tmp_path / "rules.toml").write_text(text, "utf-8")
    assert cli("rules", "apply", str(tmp_path / "rules.toml"), "--yes")[0] == 0
    monkeypatch.setenv("LADDER_RULES", str(tmp_path / "rules.toml"))  # the co-op's now
    monkeypatch.setenv("LADDER_LANG", lang)
    monkeypatch.setenv("COLUMNS", "200")  # the tables' widest labels unwrapped
    code, out, err = cli("customer", "show", "1")  # Sanna: purchases, and a call due
    assert code == 0 and bought in out and call in out, err
    for listing in (["followups"], ["followups", "--format", "text"]):
        code, out, err = cli(*listing)
        assert code == 0 and call in out, err
    code, out, err = cli("rules", "show")
    assert code == 0 and bought in out, err
    assert ":star:" in out
    code, out, err = cli("log", "1", "purchase")
    assert code == 0 and bought in out, err


async def test_the_app_shows_the_rulebooks_labels_literally(tmp_path):
    from dataclasses import replace

    from textual.widgets import DataTable, OptionList

    from data.demo import demo_coop
    from ladder import parse_rulebook
    from tests.tui.conftest import settings_for, settle
    from tui.app import LadderApp
    from tui.screens.card import CustomerCardScreen

    text, bought, call = marked_rules("fi")
    demo_path = str(tmp_path / "demo.db")
    store = Store.open(demo_path, parse_rulebook(text), TODAY)
    store.add_histories(demo_coop(TODAY), TODAY, member="Liisa")
    store.close()
    app = LadderApp(replace(settings_for(demo_path, "fi"), rules=parse_rulebook(text)))
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#followups", DataTable)
        row = next(i for i, f in enumerate(app.screen.rows) if f.rule == "keep_in_touch")
        assert call in [str(cell) for cell in table.get_row_at(row)]
        table.move_cursor(row=row)
        await pilot.press("d")
        await settle(pilot)
        options = app.screen.query_one(OptionList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        await pilot.press("escape")
        await settle(pilot)
        app.open_customer(app.screen.rows[row].customer_id)
        await settle(pilot)
        assert isinstance(app.screen, CustomerCardScreen)
        events = app.screen.query_one("#card-events", DataTable)
        shown = {str(events.get_row_at(i)[1]) for i in range(events.row_count)}
        assert call in str(app.screen.query_one("#card-followups").render())
    assert prompts[0] == "[i]Yhteys"  # what "done" logs, in the done dialog
    assert bought in shown


def test_a_control_character_in_a_rulebook_label_is_refused(tmp_path):
    from ladder import RulebookError, default_rules_text, parse_rulebook

    text = default_rules_text().replace('"Purchase"', '"Purchase\\u001b[2J"')
    with pytest.raises(RulebookError) as refused:
        parse_rulebook(text)
    assert refused.value.problems == [
        'kinds.purchase.label_en: contains control characters: "Purchase\\u001b[2J"'
    ]
    aliased = default_rules_text().replace(
        'label_en = "Purchase"', 'label_en = "Purchase"\naliases = ["osto\\n"]'
    )
    with pytest.raises(RulebookError):
        parse_rulebook(aliased)


def test_a_column_title_with_an_escape_sequence_is_shown_not_obeyed(cli, tmp_path):
    (tmp_path / "esc.csv").write_text("Nimi,Sotku\x1b[2J\x1b[31m\nAnna,z\n", "utf-8")
    code, out, err = cli("import", str(tmp_path / "esc.csv"), "--dry-run")
    assert code == 0, err
    assert "\x1b" not in out and "Sotku\\x1b[2J\\x1b[31m" in out


@pytest.mark.parametrize(("lang", "said"), [("fi", "Jäsen: sisältää"), ("en", "member: contains")])
def test_a_member_name_with_an_escape_sequence_is_refused(cli, monkeypatch, lang, said):
    monkeypatch.setenv("LADDER_LANG", lang)
    code, _, err = cli("--member", "Pe\x1b[2Jkka", "log", "1", "purchase")
    assert code == 2 and err.startswith(f"ladder: {said}") and "\x1b" not in err


@pytest.mark.parametrize(
    ("part", "field", "said"),
    [
        ("events", "logged_by", "events[0]: Jäsen: sisältää ohjausmerkkejä – mitään ei tuotu"),
        ("followups", "member", "followups[0]: Jäsen: sisältää ohjausmerkkejä – mitään ei tuotu"),
        ("members", "name", "members[0]: Nimi: sisältää ohjausmerkkejä – mitään ei tuotu"),
    ],
)
def test_a_whole_export_naming_a_member_with_an_escape_is_refused(
    cli, tmp_path, monkeypatch, part, field, said
):
    import json

    monkeypatch.chdir(tmp_path)
    assert cli("export", "--output", "all.json")[0] == 0
    document = json.loads((tmp_path / "all.json").read_text("utf-8"))
    document[part][0][field] = "Pe\x1b[2Jkka"
    (tmp_path / "evil.json").write_text(json.dumps(document), "utf-8")
    monkeypatch.setenv("LADDER_LANG", "fi")
    code, _, err = cli("--db", str(tmp_path / "new.db"), "import", "evil.json")
    assert code == 1 and err == f"ladder: {said}\n"
    assert not list(tmp_path.glob("new.db*"))  # nothing made, not even a lock file


def test_the_gdpr_export_holds_everything_about_the_person(cli, tmp_path):
    import json

    person = json.loads(cli("customer", "add", "Eeva Export", "--json")[1])
    cli("--member", "pekka", "log", "Eeva Export", "purchase", "--on", "-20d")
    own = json.loads(
        cli("followups", "add", "Eeva Export", "--on", "+1d", "--note", "Soita hinnasta", "--json")[
            1
        ]
    )
    assert cli("followups", "dismiss", str(own["id"]))[0] == 0
    call = next(
        f for f in json.loads(cli("followups", "--json")[1]) if f["customer_id"] == person["id"]
    )
    assert cli("followups", "done", str(call["id"]), "--note", "Kaikki hyvin")[0] == 0
    assert cli("customer", "export", str(person["id"]), "--output", "eeva.json")[0] == 0
    document = json.loads((tmp_path / "eeva.json").read_text("utf-8"))
    states = {f["kind"]: f for f in document["followups"]}
    assert states["manual"]["state"] == "dismissed" and states["manual"]["note"] == "Soita hinnasta"
    assert states["aftermarketing"]["state"] == "done" and states["aftermarketing"]["closed_on"]
    assert all(f["created_at"] for f in document["followups"])
    assert {e["logged_by"] for e in document["events"]} >= {"Pekka"}  # as first written
    assert all(e["created_at"] for e in document["events"])
    assert document["customer"]["created_at"] and document["customer"]["updated_at"]


def test_erase_reaches_the_copy_an_upgrade_set_aside_and_only_one_is_kept(tmp_path):
    from data.store.erasure import migration_copies

    path = tmp_path / "ladder.db"
    store = Store.open(str(path), default_rulebook(), TODAY)
    kept = service.add_customer(store, "Pysyvä", today=TODAY).id
    gone = service.add_customer(store, "Unohdettava Ihminen", today=TODAY, notes="salaisuus").id
    store.close()
    for stamp in ("20261101-000000", "20261201-000000"):
        (tmp_path / f"ladder.db.before-0003-{stamp}").write_bytes(path.read_bytes())
    (tmp_path / "ladder.db.before-0003-20261101-000000").unlink()
    (copy,) = migration_copies(path)
    store = Store.open(str(path), default_rulebook(), TODAY)
    service.erase_customer(store, gone)
    store.close()
    for file in (path, copy):
        raw = file.read_bytes() + (
            Path(f"{file}-wal").read_bytes() if Path(f"{file}-wal").exists() else b""
        )
        assert b"Unohdettava" not in raw and b"salaisuus" not in raw, file
        with sqlite3.connect(file) as db:
            assert db.execute("SELECT id FROM customer").fetchall() == [(kept,)]


def test_erase_says_so_when_a_reader_keeps_the_log(tmp_path):
    path = tmp_path / "ladder.db"
    store = Store.open(str(path), default_rulebook(), TODAY)
    gone = service.add_customer(store, "Unohdettava", today=TODAY).id
    reader = sqlite3.connect(path)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM customer").fetchone()  # holds a snapshot
    try:
        with pytest.raises(StoreError, match="keeps old pages"):
            service.erase_customer(store, gone)
    finally:
        reader.rollback()
        reader.close()
        store.close()


def test_every_way_in_refuses_the_same_bad_data(cli, tmp_path):
    import json

    assert cli("export", "--output", "all.json")[0] == 0
    good = json.loads((tmp_path / "all.json").read_text("utf-8"))
    spoilers = {
        "a name of 10,000 characters": ("customers", "name", "x" * 10_000),
        "an escape in a name": ("customers", "name", "Anna\x1b[2J"),
        "a NUL in an address": ("customers", "address", "Katu\x00 1"),
        "a bad e-mail": ("customers", "email", "anna(at)example"),
        "a birthday in 2099": ("customers", "birthday", "2099-01-01"),
        "a name of zero-width spaces": ("customers", "name", "\u200b\u200b\ufeff"),
        "an escape in a note": ("events", "note", "ok\x1b]8;;http://x\x07"),
        "an id of 2**70": ("events", "id", 2**70),
    }
    for why, (table, field, value) in spoilers.items():
        document = json.loads(json.dumps(good))
        document[table][0][field] = value
        (tmp_path / "bad.json").write_text(json.dumps(document), "utf-8")
        empty = tmp_path / f"empty-{abs(hash(why))}.db"
        code, _, err = cli("--db", str(empty), "import", "bad.json")
        assert code in (1, 2) and err.count("\n") == 1 and "Traceback" not in err, why
        assert cli("--db", str(empty), "customer", "list", "--json")[1].strip() == "[]", why
    document = json.loads(json.dumps(good))
    document["secret_table"] = [{"x": 1}]
    (tmp_path / "bad.json").write_text(json.dumps(document), "utf-8")
    code, _, err = cli("--db", str(tmp_path / "e2.db"), "import", "bad.json")
    assert code == 2 and "secret_table" in err
    (tmp_path / "deep.json").write_text("[" * 100_000 + "]" * 100_000, "utf-8")
    code, _, err = cli("--db", str(tmp_path / "e3.db"), "import", "deep.json")
    assert code == 2 and err.count("\n") == 1
    (tmp_path / "open.csv").write_text(
        'nimi,sähköposti\n"Anna,anna@x.fi\nPekka,pekka@x.fi\n', "utf-8"
    )
    code, out, _ = cli("--db", str(tmp_path / "e4.db"), "import", "open.csv")
    assert code == 1 and "line 2" in out and "not valid CSV" in out


@pytest.mark.parametrize(
    "args",
    [
        ["--today", "0001-01-02", "pipeline"],
        ["customer", "show", "²"],
        ["log", "1", "osto", "--on", "9999-12-31"],
        ["followups", "done", str(2**70)],
        ["event", "edit", "1", "--on", ""],
        ["followups", "snooze", "1", "--until", ""],
    ],
)
def test_odd_values_are_one_line_never_a_traceback(cli, args):
    code, _, err = cli(*args)
    assert code in (1, 2) and err.count("\n") == 1 and "Traceback" not in err


def test_absurd_rulebook_periods_are_refused(cli, tmp_path):
    from ladder import default_rules_text

    (tmp_path / "big.toml").write_text(
        default_rules_text().replace("due_days = 14", "due_days = 99999999"), "utf-8"
    )
    code, _, err = cli("--rules", "big.toml", "log", "1", "osto")
    assert code == 2 and "must be at most 3660" in err


def test_a_failed_import_leaves_no_new_database_behind(cli, tmp_path):
    (tmp_path / "bad.csv").write_text("nimi;sähköposti\nAnna;ei-osoite\n", "utf-8")
    (tmp_path / "bad.json").write_text("{}", "utf-8")
    for name in ("bad.csv", "bad.json", "missing.csv"):
        target = tmp_path / f"new-{name}.db"
        code, _, _ = cli("--db", str(target), "import", name)
        assert code in (1, 2) and not target.exists(), name
        assert not Path(f"{target}-wal").exists()


def test_a_nan_or_infinite_rulebook_is_refused(cli, tmp_path):
    from ladder import default_rules_text

    for bad in ("nan", "inf", "-inf"):
        (tmp_path / "r.toml").write_text(
            default_rules_text().replace("weight = 1\n", f"weight = {bad}\n", 1), "utf-8"
        )
        code, _, err = cli("rules", "check", "r.toml")
        assert code == 1 and "kinds.purchase.weight: expected a number" in err, bad


async def test_notices_name_customers_literally(tmp_path, monkeypatch):
    from textual.app import App

    from tests.tui.conftest import settings_for, settle
    from tui.app import LadderApp

    shown = []

    def record(self, message, *, title="", severity="information", timeout=None, markup=True):
        shown.append((message, markup))

    monkeypatch.setattr(App, "notify", record)
    path = str(tmp_path / "x.db")
    Store.open(path, default_rulebook(), TODAY).close()
    app = LadderApp(settings_for(path))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        app.screen.query_one("#name").value = "[bold]Liisa[/] [vip]"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        app.screen.notify("from a screen: [/]")  # screens pass markup=True themselves
    assert ("Saved: [bold]Liisa[/] [vip]", False) in shown
    assert ("From a screen: [/]", False) in shown


def test_a_crash_report_shows_no_local_variables(tmp_path):
    from rich.console import Console

    from tests.tui.conftest import settings_for
    from tui.app import LadderApp

    app = LadderApp(settings_for(str(tmp_path / "x.db")))
    location = "postgresql://aino:" + "".join(["s3", "cr3t"]) + "@db/coop"  # noqa: F841
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        app._fatal_error()
    console = Console(record=True, width=120)
    for renderable in app._exit_renderables:
        console.print(renderable)
    report = console.export_text()
    assert "RuntimeError" in report and "boom" in report
    assert "s3cr3t" not in report


def test_a_report_of_more_than_ten_years_and_a_mangled_url_are_one_line(cli):
    code, _, err = cli("report", "--from", "1.1.0001", "--to", "31.12.9999")
    assert code == 1 and "at most ten years" in err and "Traceback" not in err
    assert cli("report", "--from", "1.1.2016", "--to", "31.12.2025")[0] == 0
    for url in ("postgresql://aino:s3cr3t@[::1/x", "postgresql://aino:s3cr3t@host:abc/x"):
        code, _, err = cli("--db", url, "pipeline")
        assert code == 1 and "not a database URL" in err and "s3cr3t" not in err
        assert len(err.strip().splitlines()) == 1


def test_an_import_reads_only_a_regular_file_of_a_stated_size(cli, tmp_path):
    import os

    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    for path in ("/dev/zero", str(fifo), str(tmp_path)):  # a device, a pipe, a folder
        code, _, err = cli("import", path)  # neither hangs nor fills the memory
        assert code == 2 and "is not a file" in err and "Traceback" not in err
    big = tmp_path / "big.csv"
    big.write_text("Nimi,Puhelin\n" + "Anna,0401234567\n" * 80_000)
    code, _, err = cli("import", str(big), "--max-size", "1")
    assert code == 2 and "larger than 1 MB" in err
    assert cli("import", str(big), "--max-size", "2", "--dry-run")[0] == 0


def test_text_direction_controls_are_refused_in_names_and_shown_escaped(cli):
    code, _, err = cli("customer", "add", "Anna\u202egnirts")
    assert code == 2 and "text-direction" in err
    code, _, err = cli("customer", "add", "Anna", "--notes", "x\u2066y")
    assert code == 2 and "text-direction" in err
    from ladder.text import visible

    assert visible("Anna\u202eX") == "Anna\\u202eX"


def test_a_csv_export_into_a_shared_folder_leaves_the_folder_as_it_was(cli, tmp_path):
    import stat

    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    assert cli("export", "--format", "csv", "--output", str(shared))[0] == 0
    assert stat.S_IMODE(shared.stat().st_mode) == 0o1777
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in shared.glob("*.csv"))
    fresh = tmp_path / "fresh"
    assert cli("export", "--format", "csv", "--output", str(fresh))[0] == 0
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o700


def test_erase_finds_copies_of_a_glob_named_file_and_leaves_unrelated_ones(tmp_path, capsys):
    from cli.main import main

    path = tmp_path / "co[op].db"
    other = tmp_path / "other.db"
    for location, name in ((path, "Unohdettava"), (other, "Vieras Ihminen")):
        store = Store.open(str(location), default_rulebook(), TODAY)
        service.add_customer(store, name, today=TODAY)
        store.close()
    copy = tmp_path / "co[op].db.before-0008-20261201-000000"
    copy.write_bytes(path.read_bytes())
    unrelated = tmp_path / "co[op].db.before-0007-20261101-000000"
    unrelated.write_bytes(other.read_bytes())  # someone else under number 1
    code = main(["--db", str(path), "--today", "22.11.2026", "customer", "erase", "1", "--yes"])
    out = capsys.readouterr().out
    assert code == 0 and "Also erased from the copies upgrades set aside: 1" in out
    assert b"Unohdettava" not in copy.read_bytes()
    with sqlite3.connect(unrelated) as db:
        assert db.execute("SELECT name FROM customer").fetchall() == [("Vieras Ihminen",)]
    db.close()


def test_a_namesake_is_merged_only_when_asked(cli, tmp_path):
    import json

    cli("customer", "add", "Matti Namesake", "--notes", "oma")
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("Nimi,Muistiinpanot,Syntymäpäivä\nMatti Namesake,vieras,1.2.1960\n")
    code, out, _ = cli("import", str(sheet), "--duplicates", "merge")
    assert code == 0 and "skip" in out.lower()
    card = json.loads(cli("customer", "show", "Matti Namesake", "--json")[1])
    assert card["notes"] == "oma" and card["birthday"] is None  # nothing of the stranger's
    code, out, _ = cli("import", str(sheet), "--duplicates", "merge", "--merge-by-name")
    assert code == 0 and "birthday" in out.lower()
    card = json.loads(cli("customer", "show", "Matti Namesake", "--json")[1])
    assert card["birthday"] == "1960-02-01"


def test_a_header_twice_a_map_to_nothing_and_outlooks_primary_e_mail(cli, tmp_path):
    import json

    twice = tmp_path / "twice.csv"
    twice.write_text("Nimi,Puhelin,Nimi\nAnna,0401234567,Bertta\n")
    code, _, err = cli("import", str(twice))
    assert code == 2 and "'Nimi' is there twice" in err
    outlook = tmp_path / "outlook.csv"
    outlook.write_text(
        "First Name,Last Name,E-mail 2 Address,E-mail Address\nAnna,Virta,toinen@x.fi,eka@x.fi\n"
    )
    code, _, err = cli("import", str(outlook), "--map", "Nope=phone")
    assert code == 2 and "no such column" in err
    assert cli("import", str(outlook))[0] == 0
    card = json.loads(cli("customer", "show", "Anna Virta", "--json")[1])
    assert card["email"] == "eka@x.fi" and "toinen@x.fi" in card["notes"]


def folded_card(name: str, note_chars: int, photo_chars: int = 0) -> str:
    """A vCard whose NOTE (and PHOTO) is folded over 75-character lines, as phones write."""

    def folded(line: str) -> list[str]:
        return [line[:75]] + [" " + line[i : i + 74] for i in range(75, len(line), 74)]

    lines = ["BEGIN:VCARD", "VERSION:3.0", f"FN:{name}", "TEL;TYPE=CELL:040 1234567"]
    lines += folded("NOTE:" + "x" * note_chars)
    if photo_chars:
        lines += folded("PHOTO;ENCODING=b;TYPE=JPEG:" + "A" * photo_chars)
    return "\r\n".join([*lines, "END:VCARD"]) + "\r\n"


def test_a_huge_folded_vcard_is_a_bad_row_read_in_little_memory(cli, tmp_path):
    import tracemalloc

    from data.formats.contacts import read_contacts

    path = tmp_path / "huge.vcf"
    path.write_text(folded_card("Anna", 8_000_000) + folded_card("Bertta", 100))
    tracemalloc.start()
    found = read_contacts(path, TODAY)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert [c.name for c in found.contacts] == ["Bertta"]
    assert [(b.line, b.reason) for b in found.bad] == [(1, "a card over 128 KB")]
    assert peak < 5 * path.stat().st_size  # it peaked at ~150x before it was streamed
    code, out, err = cli("import", str(path))
    assert code == 1 and "a card over 128 KB" in out and "Traceback" not in err


def test_a_vcards_photo_is_left_out_before_parsing(tmp_path):
    from data.formats.contacts import read_contacts

    path = tmp_path / "photo.vcf"
    path.write_text(folded_card("Anna", 10, photo_chars=400_000))  # a 300 kB JPEG
    found = read_contacts(path, TODAY)
    assert [c.name for c in found.contacts] == ["Anna"] and not found.bad
    assert found.ignored["PHOTO"] == 1


@pytest.mark.parametrize("suffix", ["csv", "vcf"])
def test_a_file_of_more_rows_than_an_import_reads_is_refused_whole(
    cli, tmp_path, monkeypatch, suffix
):
    from data.formats import contact_file, contacts, vcards

    for module in (contact_file, contacts, vcards):
        monkeypatch.setattr(module, "IMPORT_ROW_LIMIT", 3)
    path = tmp_path / f"many.{suffix}"
    if suffix == "csv":
        path.write_text("Nimi\n" + "".join(f"Anna {i}\n" for i in range(4)))
    else:
        path.write_text("".join(folded_card(f"Anna {i}", 10) for i in range(4)))
    before = cli("customer", "list", "--json")[1]
    code, _, err = cli("import", str(path))
    assert code == 2 and "more than 3 rows; split the file" in err
    assert cli("customer", "list", "--json")[1] == before


def test_a_file_of_only_separators_is_empty_not_a_crash(cli, tmp_path):
    path = tmp_path / "commas.csv"
    path.write_text(",\n")
    code, _, err = cli("import", str(path))
    assert code == 2 and "the file is empty" in err and "Traceback" not in err


def test_a_whole_export_with_null_member_names_imports(cli, tmp_path, monkeypatch):
    import json

    exported = tmp_path / "all.json"
    assert cli("export", "--output", str(exported))[0] == 0
    facts = json.loads(exported.read_text())
    facts["events"][0]["changed_by"] = None
    facts["events"][1]["logged_by"] = None
    facts["customers"][0]["changed_by"] = None
    exported.write_text(json.dumps(facts))
    monkeypatch.setenv("LADDER_DB", str(tmp_path / "fresh.db"))
    code, _, err = cli("import", str(exported))
    assert code == 0 and "Traceback" not in err, err
