"""Contacts as members really export them: Google, Outlook, phones, a Finnish sheet.

The files under `contacts/` are written in each program's own format (headers,
encodings, quoted-printable vCard 2.1); every field of every customer is checked.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from data import service
from data.formats.columns import MappingError, map_columns, parse_overrides
from data.formats.contacts import read_contacts, read_csv
from data.importer import plan_import
from data.store import Store
from ladder.phones import shown
from tests.conftest import TODAY

FILES = Path(__file__).with_name("contacts")


def imported(store: Store, name: str, **options) -> dict[str, dict]:
    found = read_contacts(FILES / name, TODAY, **options)
    assert found.bad == []
    plan = plan_import(found, store.contact_index())
    service.import_contacts(store, plan, merge=False, today=TODAY, member="liisa")
    return {  # each phone as the member sees it (kept in its one form)
        c.name: {
            **service.customer(store, c.id).__dict__,
            "phone": shown(service.customer(store, c.id).phone),
        }
        for c in service.list_customers(store, TODAY)
    }


def test_google_contacts_current_export(store):
    people = imported(store, "google.csv")
    aino = people["Aino Äijälä"]
    assert aino["email"] == "aino.aijala@example.fi"
    assert aino["phone"] == "040 765 4321"  # the mobile, not the first column
    assert aino["address"] == "Kotitie 5 B 7, 33100 Tampere"  # home before work
    assert aino["birthday"] == date(1980, 5, 3)
    assert aino["tags"] == "Kestotilaajat,VIP"  # Google's own "* myContacts" left out
    assert aino["notes"] == "Tilaa kakut\nHome: 09 123 4567\nWork: Työkatu 2, 00100 Helsinki"
    pekka = people["Pekka Puusepp"]
    assert (pekka["organisation"], pekka["phone"], pekka["address"]) == (
        "Puusepän Verstas Oy",
        "03 222 3333",
        "Sahatie 1, 15100 Lahti",
    )
    cafe = people["Kahvila Kanerva"]  # only an organisation: named after it
    assert (cafe["organisation"], cafe["phone"], cafe["tags"]) == (
        "Kahvila Kanerva",
        "050 111 2222",
        "Kahvilat",
    )


def test_google_contacts_older_export(store):
    liisa = imported(store, "google-old.csv")["Liisa Laine"]
    assert (liisa["email"], liisa["phone"], liisa["organisation"]) == (
        "liisa@example.fi",
        "040 555 6666",
        "Laineen Leipomo",
    )
    assert (liisa["address"], liisa["birthday"], liisa["tags"], liisa["notes"]) == (
        "Rantatie 3, 70100 Kuopio",
        date(1975, 12, 24),
        "Asiakkaat",
        "Work: 03 444 5555",
    )


def test_outlook_with_english_headers_in_windows_1252(store):
    matti = imported(store, "outlook.csv")["Matti Mäkelä"]
    assert (matti["email"], matti["phone"], matti["organisation"]) == (
        "matti.makela@example.fi",
        "050 123 4567",
        "Mäkelän Maalaus Ky",
    )
    assert (matti["address"], matti["birthday"], matti["tags"]) == (
        "Kotikuja 1, 02100 Espoo",
        date(1980, 5, 3),
        "Asiakkaat,Maalarit",
    )
    assert matti["notes"].splitlines() == [
        "Soita aamulla",
        "Home Phone: 09 765 4321",
        "Business Phone: 03 111 2222",
        "Business Street: Konttorikatu 9, 00200 Helsinki",
    ]


def test_outlook_with_finnish_headers(store):
    sanna = imported(store, "outlook-fi.csv")["Sanna Öhman"]
    assert (sanna["email"], sanna["phone"], sanna["address"]) == (
        "sanna.ohman@example.fi",
        "045 678 9012",
        "Koivutie 4, 90100 Oulu",
    )
    assert (sanna["birthday"], sanna["tags"]) == (date(1990, 12, 24), "Kanta-asiakkaat")
    assert sanna["notes"].splitlines() == [
        "Gluteeniton",
        "Kotipuhelin: 08 123 456",
        "Työosoite, katu: Toimistotie 1, 90500 Oulu",
    ]


def test_iphone_android_and_vcard_4(store):
    people = imported(store, "iphone.vcf")
    anna = people["Anna Virtanen"]
    assert (anna["phone"], anna["email"], anna["organisation"]) == (
        "040 111 2233",
        "anna@example.fi",
        "Virtasen Villa",
    )
    assert (anna["address"], anna["birthday"], anna["tags"]) == (
        "Kotikatu 3 A 1, 00500 Helsinki",
        date(1985, 7, 14),
        "Asiakkaat,VIP",
    )
    assert anna["notes"] == "Allergia: pähkinä\nhome: 09 888 7777\nwork: Työtie 1, 01300 Vantaa"
    paivi = imported(store, "android.vcf")["Päivi Järvinen"]  # quoted-printable UTF-8
    assert (paivi["phone"], paivi["organisation"], paivi["address"]) == (
        "040 123 4567",
        "Järvisen Kukka",
        "Järvitie 2, 15100 Lahti",
    )
    assert (paivi["email"], paivi["birthday"], paivi["notes"]) == (
        "paivi@example.fi",
        date(1992, 3, 9),
        "work: 03 999 8888",
    )
    timo = imported(store, "v4.vcf")["Timo Tuomi"]
    assert (timo["phone"], timo["organisation"], timo["tags"]) == (
        "040 555 0102",
        "Tuomen Taksi",
        "Kuljetus",
    )
    assert timo["notes"] == "work: +358-3-555-0101\nBDAY: --0412"  # a birthday with no year


def test_a_finnish_excel_sheet(store):
    kalle = imported(store, "excel-fi.csv")["Kalle Kärkkäinen"]
    assert (kalle["phone"], kalle["email"], kalle["address"]) == (
        "040 333 4444",
        "kalle@example.fi",
        "Mäkitie 8, 40100 Jyväskylä",
    )
    assert (kalle["birthday"], kalle["tags"], kalle["notes"]) == (
        date(1966, 2, 1),
        "kesäasukas",
        "Mökki Päijänteellä",
    )


def test_the_report_names_every_column_it_did_not_import():
    found = read_contacts(FILES / "google.csv", TODAY)
    assert dict(found.ignored) == {"Nickname": 1, "Organization Title": 1, "Website 1 - Value": 1}
    assert ("Phone 1 - Value", "phone") in found.mapping
    assert ("Organization Name", "organisation") in found.mapping
    overridden = read_contacts(
        FILES / "google.csv", TODAY, overrides=parse_overrides(["nickname=notes"])
    )
    assert "Nickname" not in overridden.ignored
    assert "Ainska" in overridden.contacts[0].notes
    with pytest.raises(MappingError, match="COLUMN=FIELD"):
        parse_overrides(["Puhelin 2"])
    with pytest.raises(MappingError):
        parse_overrides(["Puhelin 2=fax"])


TITLES = st.sampled_from(
    [
        "Nimi",
        "Nickname",
        "Phone 1 - Value",
        "Phone 1 - Label",
        "Home Fax",
        "Spouse",
        "Sähköpostiosoite",
        "Address 1 - Region",
        "Website 1 - Value",
        "Kotiosoite, katu",
        "Lempinimi",
        "Home Country/Region",
        "Kenkänumero",
    ]
)


@settings(max_examples=150, deadline=None)
@given(
    titles=st.lists(TITLES, min_size=1, max_size=8, unique=True),
    rows=st.lists(st.lists(st.sampled_from(["", "x", "040 1", "Anna"]), min_size=8, max_size=8)),
)
def test_no_column_with_something_in_it_is_dropped_without_being_named(titles, rows):
    header = ["Nimi", *[t for t in titles if t != "Nimi"]]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow(["Anna", *row[: len(header) - 1]])
    found = read_csv(io.StringIO(out.getvalue(), newline=""), TODAY)
    mapped = {title for title, _ in found.mapping}
    labels = {c.title for c in map_columns(header) if c.field == "label"}
    for index, title in enumerate(header):
        filled = sum(1 for row in rows if index and row[index - 1].strip())
        if title in labels:
            continue  # a Google label says what the value beside it is
        assert title in mapped or found.ignored[title] == filled


def test_duplicates_by_name_and_a_merge_fills_only_empty_fields(store):
    anna = service.add_customer(store, "Aino Äijälä", today=TODAY, phone="09 123 4567").id
    found = read_contacts(FILES / "google.csv", TODAY)
    plan = plan_import(found, store.contact_index())
    (same,) = plan.duplicates
    assert (same.by, same.customer_id) == ("name", anna) or (same.by, same.customer_id) == (
        "phone",
        anna,
    )
    assert "phone" not in same.fills and {"email", "address", "birthday"} <= set(same.fills)
    service.import_contacts(store, plan, merge=True, today=TODAY, member="liisa", by_name=True)
    merged = service.customer(store, anna)
    assert shown(merged.phone) == "09 123 4567"  # kept as it was
    assert (merged.email, merged.birthday) == ("aino.aijala@example.fi", date(1980, 5, 3))


def test_a_vcard_line_the_parser_cannot_read_is_a_bad_row(tmp_path):
    path = tmp_path / "broken.vcf"
    path.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Hyvä Kortti\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Huono Kortti\r\nthis line is not a property\r\n"
        "END:VCARD\r\n",
        "utf-8",
    )
    found = read_contacts(path, TODAY)
    assert [c.name for c in found.contacts] == ["Hyvä Kortti"]
    (bad,) = found.bad
    assert bad.line == 8 and "not a readable vCard line" in bad.reason
