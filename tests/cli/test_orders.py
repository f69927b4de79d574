"""`ladder import orders`: matched, created, skipped and never twice, on both databases."""

from __future__ import annotations

from pathlib import Path

from tests.cli.conftest import run_json

ORDERS = Path(__file__).parent.parent / "files" / "orders"
TILL_MAP = ["Kuitti=order", "Pvm=date", "Asiakas=name", "Puhelin=phone", "Summa=total"]


def test_importing_orders_matches_creates_skips_and_never_twice(ladder):
    run_json(ladder, "customer", "add", "Anna Laine", "--email", "anna.laine@example.fi")
    code, out, _ = ladder("import", "orders", str(ORDERS / "shopify.csv"), "--dry-run")
    assert code == 0 and "#1002 Pekka Puu: skipped (refunded)" in out
    assert "4 orders: 2 purchases for 1 customers and new ones: 1" in out
    assert run_json(ladder, "customer", "show", "Anna Laine")["events"] == []  # a dry run
    code, out, _ = ladder("import", "orders", str(ORDERS / "shopify.csv"))
    assert code == 0 and "Logged 2 purchases; new customers: 1" in out
    anna = run_json(ladder, "customer", "show", "Anna Laine")
    assert [(e["kind"], e["on"], e["note"]) for e in anna["events"]] == [
        ("purchase", "2026-11-03", "#1001 · 45.90")
    ]
    oili = run_json(ladder, "customer", "show", "Oili Ojala")
    assert oili["phone"] == "040 999 8887" and len(oili["events"]) == 1
    code, out, _ = ladder("import", "orders", str(ORDERS / "shopify.csv"))
    assert code == 0 and "2 imported before" in out and "Logged 0 purchases" in out
    event_id = str(anna["events"][0]["id"])
    assert ladder("event", "delete", event_id, "--yes")[0] == 0
    ladder("import", "orders", str(ORDERS / "shopify.csv"))
    assert run_json(ladder, "customer", "show", "Anna Laine")["events"] == []  # stays deleted
    ladder("import", "orders", str(ORDERS / "shopify.csv"), "--again")
    assert len(run_json(ladder, "customer", "show", "Anna Laine")["events"]) == 1
    entries = [e for e in run_json(ladder, "history") if e["action"] == "import"]
    assert entries and entries[0]["record"].startswith("orders (shopify)")


def test_an_order_matching_two_customers_is_listed_not_guessed_and_no_new_lists(ladder, tmp_path):
    run_json(ladder, "customer", "add", "Anna Laine")
    run_json(ladder, "customer", "add", "Anna Laine", "--allow-duplicate")
    code, out, _ = ladder("import", "orders", str(ORDERS / "till.csv"), *_map(), "--no-new")
    assert code == 0
    assert "K-77 Anna Laine: matches more than one customer (#1 Anna Laine, #2 Anna Laine)" in out
    assert "K-78 Uusi Ostaja: skipped (no such customer (--no-new))" in out
    assert [c["name"] for c in run_json(ladder, "customer", "list")] == ["Anna Laine"] * 2


def _map() -> list[str]:
    return [arg for pair in TILL_MAP for arg in ("--map", pair)]
