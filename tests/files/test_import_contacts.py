"""Importing contacts from spreadsheets and phones: every format, every bad row."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from data import service
from data.formats.contacts import ContactFileError, read_contacts
from data.importer import plan_import
from data.store import Store
from ladder import default_rulebook
from ladder.phones import canonical, shown
from tests.conftest import TODAY

FINNISH_EXCEL = (
    "Nimi;Sähköposti;Puhelin;Osoite;Postinumero;Postitoimipaikka;Syntymäpäivä\r\n"
    "Äijälä Öljy Oy;info@aijala.fi;+358 40 111 2222;Satamakatu 3;40100;Jyväskylä;\r\n"
    "Maija Meikäläinen;maija@example.fi;040-333 4444;;;;24.12.1980\r\n"
)
ENGLISH_CSV = (
    "First name,Last name,E-mail,Phone,Notes\n"
    'Anna,Virtanen,anna@example.fi,0401234567,"Likes coffee, black"\n'
)
VCARDS = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Pekka Puhelin\r\nN:Puhelin;Pekka;;;\r\n"
    "TEL;TYPE=CELL:+358 50 765 4321\r\nEMAIL:pekka@example.fi\r\nBDAY:1975-06-01\r\n"
    "ADR;TYPE=HOME:;;Kirkkokatu 1;Kuopio;;70100;Finland\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Liisa Läppäri\r\nEMAIL:liisa@example.fi\r\n"
    "BDAY:19820315\r\nNOTE:Tapasimme messuilla\r\nEND:VCARD\r\n"
)


def write(tmp_path: Path, name: str, content: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(content.encode(encoding))
    return path


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_finnish_excel_csv_in_any_encoding(tmp_path, encoding):
    found = read_contacts(write(tmp_path, "asiakkaat.csv", FINNISH_EXCEL, encoding), TODAY)
    assert found.bad == []
    first, second = found.contacts
    assert (first.name, first.email, first.address) == (
        "Äijälä Öljy Oy",
        "info@aijala.fi",
        "Satamakatu 3, 40100 Jyväskylä",
    )
    assert (second.line, second.birthday) == (3, date(1980, 12, 24))


def test_english_columns_and_quoted_commas(tmp_path):
    (anna,) = read_contacts(write(tmp_path, "people.csv", ENGLISH_CSV), TODAY).contacts
    assert (anna.name, anna.notes, anna.phone) == (
        "Anna Virtanen",
        "Likes coffee, black",
        "+358401234567",  # in its one form
    )


def test_vcards_from_phones_and_mail_programs(tmp_path):
    pekka, liisa = read_contacts(write(tmp_path, "contacts.vcf", VCARDS), TODAY).contacts
    assert (pekka.name, pekka.phone, pekka.birthday, pekka.address, pekka.line) == (
        "Pekka Puhelin",
        "+358507654321",
        date(1975, 6, 1),
        "Kirkkokatu 1, 70100 Kuopio",
        1,
    )
    assert (liisa.birthday, liisa.notes, liisa.line) == (
        date(1982, 3, 15),
        "Tapasimme messuilla",
        10,
    )


def test_every_bad_row_is_listed_with_its_line(tmp_path):
    text = (
        "nimi,sähköposti,puhelin,syntymäpäivä\n"
        "Hyvä Rivi,hyva@example.fi,,\n"
        ",tyhja@example.fi,,\n"
        "Huono Posti,ei-osoite,,\n"
        "Huono Päivä,,,31.2.1980\n"
        "Huono Puhelin,,soita,\n"
    )
    found = read_contacts(write(tmp_path, "x.csv", text), TODAY)
    assert [(b.line, b.reason.split(":")[0]) for b in found.bad] == [
        (3, "name"),
        (4, "email"),
        (5, "birthday"),
        (6, "phone"),
    ]


def test_a_file_without_a_name_column_is_refused(tmp_path):
    with pytest.raises(ContactFileError, match="no name column"):
        read_contacts(write(tmp_path, "x.csv", "email,phone\na@b.fi,040123\n"), TODAY)


def test_duplicates_are_skipped_or_merged(tmp_path, store: Store):
    anna = service.add_customer(store, "Anna Virtanen", today=TODAY, email="anna@example.fi").id
    text = (
        "nimi,sähköposti,puhelin,osoite\n"
        "Anna V.,ANNA@example.fi,,Kauppakatu 1\n"
        "Uusi Asiakas,uusi@example.fi,+358 40 123 4567,\n"
        "Sama Puhelin,,040-1234567,\n"
    )
    found = read_contacts(write(tmp_path, "x.csv", text), TODAY)
    plan = plan_import(found, store.contact_index())
    assert [c.name for c in plan.new] == ["Uusi Asiakas"]
    assert [(d.contact.line, d.by, d.customer_id) for d in plan.duplicates] == [
        (2, "email", anna),
        (4, "phone", None),
    ]
    assert service.import_contacts(store, plan, merge=True, today=TODAY, member="liisa") == (1, 1)
    merged = service.customer(store, anna)
    assert (merged.name, merged.address) == ("Anna Virtanen", "Kauppakatu 1")
    assert len(service.list_customers(store, TODAY)) == 2


def test_a_file_with_bad_rows_imports_nothing(tmp_path, store: Store):
    found = read_contacts(
        write(tmp_path, "x.csv", "nimi,sähköposti\nHyvä,h@x.fi\n,\n Huono,x\n"), TODAY
    )
    plan = plan_import(found, [])
    with pytest.raises(ValueError, match="nothing was imported"):
        service.import_contacts(store, plan, merge=False, today=TODAY, member="")
    assert service.list_customers(store, TODAY) == []


def test_phone_numbers_compare_in_any_notation():
    typed = ("+358 40 123 4567", "040-123 4567", "0401234567", "00358 40 1234567", "(040) 1234567")
    assert {canonical(number) for number in typed} == {"+358401234567"}
    assert shown("+358401234567") == "040 123 4567"
    assert shown(canonical("+46 8 123 456 78")) == "+46 8 123 456 78"


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    content=st.one_of(
        st.binary(max_size=600),
        st.text(max_size=400).map(lambda t: "nimi;sähköposti;puhelin\n" + t),
        st.text(max_size=400).map(lambda t: "BEGIN:VCARD\nVERSION:3.0\n" + t),
    )
)
def test_no_file_crashes_the_importer_or_leaves_a_partial_import(tmp_path_factory, content):
    folder = tmp_path_factory.mktemp("fuzz")
    path = folder / "fuzz.csv"
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    store = Store.open(str(folder / "ladder.db"), default_rulebook(), TODAY)
    try:
        try:
            found = read_contacts(path, TODAY)
        except ContactFileError:
            assert service.list_customers(store, TODAY) == []
            return
        plan = plan_import(found, store.contact_index())
        if plan.bad:
            with pytest.raises(ValueError):
                service.import_contacts(store, plan, merge=False, today=TODAY, member="")
            assert service.list_customers(store, TODAY) == []
        else:
            added, _ = service.import_contacts(store, plan, merge=False, today=TODAY, member="")
            assert len(service.list_customers(store, TODAY)) == added == len(plan.new)
    finally:
        store.close()
