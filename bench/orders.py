"""Importing a year of a busy co-op's orders: 50,000 rows of a Shopify export (20,000
orders, several items each, over 5,000 customers) into a 10,000-customer database.

The floor, issue 27's: the same file read and every order matched, without writing.
The figure: read, matched, and every purchase logged with its customer re-derived,
in one transaction, on a fresh copy of the database each time.
"""

from __future__ import annotations

import csv
import io
import random
import shutil
import time
from pathlib import Path

from bench.results import Row, row
from bench.store import TODAY, build

HEADER = ["Name", "Email", "Financial Status", "Paid at", "Total", "Created at", "Billing Name"]


def shopify_csv(rows: int, orders: int, customers: int, seed: int = 27) -> str:
    """An export of `orders` orders over `customers` of the bench co-op, `rows` rows."""
    rnd = random.Random(seed)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    extra = rows - orders  # the further items' rows, spread over the orders
    for number in range(orders):
        who = f"Asiakas {rnd.randrange(customers):06d}"
        day = f"2026-{rnd.randrange(1, 11):02d}-{rnd.randrange(1, 28):02d} 12:00:00 +0200"
        status = "refunded" if number % 50 == 0 else "paid"
        writer.writerow([f"#{1000 + number}", "", status, day, "19.90", day, who])
        for _ in range(extra // orders + (number < extra % orders)):
            writer.writerow([f"#{1000 + number}", "", "", "", "", "", ""])
    return out.getvalue()


def run(folder: Path, *, customers: int = 10_000, repeats: int = 3) -> Row:
    from data import service
    from data.formats.orders import read_orders
    from data.store import Store
    from ladder import default_rulebook

    base = folder / "orders-base.db"
    build(base, customers, per_customer=2.0)
    export = folder / "orders.csv"
    export.write_text(shopify_csv(50_000, 20_000, 5_000), "utf-8")
    floor, ours = [], []
    for attempt in range(repeats):
        copy = folder / f"orders-{attempt}.db"
        shutil.copy(base, copy)
        store = Store.open(str(copy), default_rulebook(), TODAY)
        started = time.perf_counter()
        service.plan_order_import(store, read_orders(export, TODAY))
        floor.append(time.perf_counter() - started)
        started = time.perf_counter()
        plan = service.plan_order_import(store, read_orders(export, TODAY))
        service.import_orders(store, plan, TODAY, member="bench")
        ours.append(time.perf_counter() - started)
        store.close()
        assert len(plan.purchases) == 20_000 - 400 and not plan.bad
    return row(
        "import: 50,000 Shopify rows (20,000 orders) into 10,000 customers, logged",
        ours,
        floor,
        "s",
        "<= 3x the same rows read and matched without writing",
    )
