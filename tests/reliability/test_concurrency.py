"""Several members logging at the same moment: nobody sees an error, nothing is lost."""

from __future__ import annotations

import multiprocessing
from datetime import date

import pytest

from data.store import Store
from ladder import default_rulebook
from tests.conftest import TODAY

PER_PROCESS = 20


def _log(location: str, customer_ids: list[int], worker: int, errors) -> None:
    store = Store.open(location, default_rulebook(), TODAY)
    try:
        for i in range(PER_PROCESS):
            customer = customer_ids[(worker + i) % len(customer_ids)]
            store.log_event(
                customer,
                "purchase",
                date(2026, 1, 1 + i),
                today=TODAY,
                member=f"jäsen {(worker + i) % 3}",
                note=f"w{worker}-{i}",
            )
    except Exception as exc:  # reported to the test, which fails on any
        errors.put(f"{type(exc).__name__}: {exc}")
    finally:
        store.close()


@pytest.mark.parametrize("processes", [2, 4])
def test_members_logging_at_once(location: str, processes: int):
    store = Store.open(location, default_rulebook(), TODAY)
    ids = [store.add_customer(n, today=TODAY).id for n in ("Anna", "Matti")]  # shared rows
    context = multiprocessing.get_context("spawn")
    errors = context.Queue()
    workers = [
        context.Process(target=_log, args=(location, ids, w, errors)) for w in range(processes)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(180)
    found = []
    while not errors.empty():
        found.append(errors.get())
    assert found == [] and [w.exitcode for w in workers] == [0] * processes
    notes = sorted(e.note for i in ids for e in store.events_of(i))
    assert notes == sorted(f"w{w}-{i}" for w in range(processes) for i in range(PER_PROCESS))
    before = [store.customer_card(i, TODAY) for i in ids]
    store.rederive_all(TODAY)
    assert [store.customer_card(i, TODAY) for i in ids] == before
    store.close()
