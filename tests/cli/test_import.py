"""`ladder import` says how it read each column and names what it did not import."""

from __future__ import annotations

from pathlib import Path

from tests.cli.conftest import run_json

FILES = Path(__file__).parent.parent / "files" / "contacts"


def test_a_dry_run_shows_the_mapping_and_the_ignored_columns(ladder):
    code, out, _ = ladder("import", str(FILES / "google.csv"), "--dry-run")
    assert code == 0
    assert "Phone 1 - Value → Phone" in out and "Organization Name → Organisation" in out
    assert "Ignored: Nickname (1 row), Organization Title (1 row), Website 1 - Value (1 row)" in out
    assert run_json(ladder, "customer", "list") == []  # a dry run writes nothing


def test_map_overrides_a_column_and_a_real_import_says_the_same(ladder):
    code, out, _ = ladder(
        "import",
        str(FILES / "google.csv"),
        "--map",
        "Nickname=notes",
        "--map",
        "Website 1 - Value=ignore",
    )
    assert code == 0 and "3 customers imported" in out
    assert "Ignored: Organization Title (1 row)" in out
    aino = run_json(ladder, "customer", "show", "aijala")
    assert aino["notes"].startswith("Ainska") or "Ainska" in aino["notes"]
    assert aino["organisation"] == "" and aino["phone"] == "040 765 4321"  # as Finns write it
    code, _, err = ladder("import", str(FILES / "google.csv"), "--map", "Nickname")
    assert code == 2 and "COLUMN=FIELD" in err


def test_duplicates_are_found_by_name_and_a_merge_says_what_it_fills(ladder):
    run_json(ladder, "customer", "add", "Kalle Kärkkäinen", "--phone", "040 999 0000")
    code, out, _ = ladder("import", str(FILES / "excel-fi.csv"), "--duplicates", "merge")
    assert code == 0 and "same name" in out and "fills" not in out  # a name alone: asked for
    assert not run_json(ladder, "customer", "show", "kalle")["email"]
    code, out, _ = ladder(
        "import", str(FILES / "excel-fi.csv"), "--duplicates", "merge", "--merge-by-name"
    )
    assert code == 0
    assert "same name" in out and "fills: E-mail, Address, Birthday, Tags, Notes" in out
    kalle = run_json(ladder, "customer", "show", "kalle")
    assert (kalle["phone"], kalle["email"]) == ("040 999 0000", "kalle@example.fi")


def test_organisation_on_the_command_line(ladder):
    added = run_json(ladder, "customer", "add", "Pekka", "--org", "Verstas Oy")
    assert run_json(ladder, "customer", "show", str(added["id"]))["organisation"] == "Verstas Oy"
    assert [c["name"] for c in run_json(ladder, "customer", "list", "--search", "verstas")] == [
        "Pekka"
    ]


def test_a_finnish_member_reads_the_import_problems_in_finnish(ladder, monkeypatch, tmp_path):
    monkeypatch.setenv("LADDER_LANG", "fi")
    bad = tmp_path / "huono.csv"
    bad.write_text("nimi;sähköposti\nAnna;ei-osoite\n", "utf-8")
    code, out, _ = ladder("import", str(bad))
    assert code == 1 and "rivi 2: Sähköposti: ei ole sähköpostiosoite" in out
    empty = tmp_path / "tyhja.csv"
    empty.write_text("", "utf-8")
    code, _, err = ladder("import", str(empty))
    assert code == 2 and err == "ladder: tiedosto on tyhjä\n"
