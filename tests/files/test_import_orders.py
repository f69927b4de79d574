"""A shop's orders become purchases, each order once: Shopify (orders of several rows,
refunded, cancelled), WooCommerce (a Finnish name in Windows-1252), a till's sheet
read with --map; idempotent however the exports overlap, on SQLite and PostgreSQL."""

from __future__ import annotations

import itertools
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from data import service
from data.formats.orders import parse_order_map, read_orders
from tests.conftest import TODAY

ORDERS = Path(__file__).with_name("orders")
TILL_MAP = ["Kuitti=order", "Pvm=date", "Asiakas=name", "Puhelin=phone", "Summa=total"]


def test_a_shopify_export_is_read_one_order_once_with_why_others_make_no_purchase():
    found = read_orders(ORDERS / "shopify.csv", TODAY)
    assert found.source == "shopify" and found.bad == []
    first, refunded, cancelled, partly = found.orders
    assert (first.reference, first.day, first.name, first.email, first.phone, first.total) == (
        "#1001",
        date(2026, 11, 3),  # paid, not made
        "Anna Laine",
        "anna.laine@example.fi",
        "+358401234567",
        "45.90",
    )
    assert first.note == "#1001 · 45.90" and first.skipped == ""
    assert (refunded.reference, refunded.skipped) == ("#1002", "refunded")
    assert (cancelled.reference, cancelled.skipped, cancelled.day) == (
        "#1003",
        "cancelled",
        date(2026, 11, 6),
    )
    assert (partly.reference, partly.skipped, partly.phone) == ("#1004", "", "+358409998887")


def test_a_woocommerce_export_in_windows_1252_and_a_till_sheet_through_map():
    woo = read_orders(ORDERS / "woocommerce.csv", TODAY)
    assert woo.source == "woocommerce"
    assert [(o.reference, o.name, o.skipped) for o in woo.orders] == [
        ("501", "Anna Laine", ""),
        ("502", "Timo Tuuli", "cancelled"),
        ("503", "Järvi Äijälä", ""),
    ]
    assert woo.orders[0].email.casefold() == "anna.laine@example.fi"
    till = read_orders(ORDERS / "till.csv", TODAY, parse_order_map(TILL_MAP))
    assert till.source == "sheet"
    assert [(o.reference, o.day, o.name, o.total) for o in till.orders] == [
        ("K-77", date(2026, 11, 2), "Anna Laine", "12,50"),
        ("K-78", date(2026, 11, 3), "Uusi Ostaja", "8,00"),
    ]


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    count=st.integers(min_value=1, max_value=12),
    cuts=st.lists(st.tuples(st.integers(0, 12), st.integers(0, 12)), min_size=1, max_size=5),
)
def test_any_overlapping_exports_import_each_order_exactly_once(store, tmp_path, count, cuts):
    run = next(_RUNS)
    lines = [f"R{run}-{n};{1 + n % 20}.11.2026;Ostaja {run}-{n % 4};" for n in range(count)]
    exports = [lines[min(a, b) : max(a, b) + 1] for a, b in cuts] + [lines]
    for number, chunk in enumerate(exports):
        sheet = tmp_path / f"export-{run}-{number}.csv"
        sheet.write_text("Kuitti;Pvm;Asiakas;Summa\n" + "\n".join(chunk) + "\n")
        found = read_orders(sheet, TODAY, parse_order_map([*TILL_MAP[:3], "Summa=total"]))
        plan = service.plan_order_import(store, found)
        service.import_orders(store, plan, TODAY, member="Aino")
    notes = [
        event.note
        for customer in service.list_customers(store, TODAY)
        if customer.name.startswith(f"Ostaja {run}-")
        for event in service.customer_card(store, customer.id, TODAY).events
    ]
    assert sorted(notes) == sorted(f"R{run}-{n}" for n in range(count))


_RUNS = itertools.count()


def test_a_large_import_leaves_what_a_replay_of_everyone_gives(location, tmp_path):
    from data.records import NewCustomer
    from data.store import Store
    from ladder import default_rulebook
    from tests.store.test_store import snapshot

    store = Store.open(location, default_rulebook(), TODAY)
    store.add_histories(
        [NewCustomer(details={"name": f"Asiakas {n:03d}"}) for n in range(300)], TODAY
    )
    rows = [f"O{n};{1 + n % 20}.11.2026;Asiakas {n % 260:03d}" for n in range(600)]
    sheet = tmp_path / "kassa.csv"
    sheet.write_text("Kuitti;Pvm;Asiakas\n" + "\n".join(rows) + "\n")
    found = read_orders(sheet, TODAY, parse_order_map(TILL_MAP[:3]))
    plan = service.plan_order_import(store, found)
    done = service.import_orders(store, plan, TODAY, member="Aino")
    assert (done.purchases, done.new_customers) == (600, 0)  # 260 customers: one replay
    imported = snapshot(store)
    store.rederive_all(TODAY)
    assert snapshot(store) == imported
    store.close()


def test_an_orders_import_is_undone_whole_unless_a_colleague_changed_it(store):
    from data.errors import ChangedMeanwhile

    anna = service.add_customer(store, "Anna Laine", today=TODAY, email="anna.laine@example.fi").id
    found = read_orders(ORDERS / "shopify.csv", TODAY)
    done = service.import_orders(
        store, service.plan_order_import(store, found), TODAY, member="Aino"
    )
    (first, _) = done.events
    service.edit_event(store, first, TODAY, member="Pekka", note="korjattu")
    with pytest.raises(ChangedMeanwhile, match="Pekka"):
        service.undo_orders(done)(store, TODAY, "Aino")
    assert len(service.customer_card(store, anna, TODAY).events) == 1  # nothing undone
    service.edit_event(store, first, TODAY, member="Aino", note="#1001 · 45.90")
    fresh = service.import_orders(
        store,
        service.plan_order_import(
            store, read_orders(ORDERS / "till.csv", TODAY, parse_order_map(TILL_MAP))
        ),
        TODAY,
        member="Aino",
    )
    service.undo_orders(fresh)(store, TODAY, "Aino")
    assert [c.name for c in service.list_customers(store, TODAY, search="Uusi Ostaja")] == []
