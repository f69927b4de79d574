"""Several members logging at the same moment: nobody sees an error, nothing is lost."""

from __future__ import annotations

import multiprocessing
from datetime import date

import pytest

from data import service
from data.store import Store
from ladder import default_rulebook, parse_rulebook
from tests.conftest import TODAY, applied_not_derived

PER_PROCESS = 20


def _log(location: str, customer_ids: list[int], worker: int, errors) -> None:
    store = Store.open(location, default_rulebook(), TODAY)
    try:
        for i in range(PER_PROCESS):
            customer = customer_ids[(worker + i) % len(customer_ids)]
            service.log(
                store,
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
    ids = [service.add_customer(store, n, today=TODAY).id for n in ("Anna", "Matti")]  # shared rows
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
    before = [service.customer_card(store, i, TODAY) for i in ids]
    store.rederive_all(TODAY)
    assert [service.customer_card(store, i, TODAY) for i in ids] == before
    store.close()


def _open(location: str, rules_text: str, reports) -> None:
    from ladder import parse_rulebook

    try:
        store = Store.open(
            location,
            parse_rulebook(rules_text),
            TODAY,
            on_rederive=lambda done, total: reports.put("rederived") if done == 0 else None,
        )
        store.close()
    except Exception as exc:  # reported to the test, which fails on any
        reports.put(f"{type(exc).__name__}: {exc}")


def _settle(location: str, today: date, reports) -> None:
    try:
        store = Store.open(location, default_rulebook(), today)
        store.settle(today)
        store.close()
    except Exception as exc:
        reports.put(f"{type(exc).__name__}: {exc}")


def _at_once(target, args_of, processes: int) -> list[str]:
    """Run `processes` copies of `target` at once; what they reported, re-derives counted."""
    context = multiprocessing.get_context("spawn")
    reports = context.Queue()
    workers = [
        context.Process(target=target, args=(*args_of(w), reports)) for w in range(processes)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(180)
    found = []
    while not reports.empty():
        found.append(reports.get())
    rederived = found.count("rederived")
    found = [report for report in found if report != "rederived"]
    if target is _open:
        found.append(f"rederived {rederived}")
    return found + [f"exit {w.exitcode}" for w in workers if w.exitcode]


def test_first_opens_of_an_empty_database_at_once(location: str):
    from ladder import default_rules_text

    found = _at_once(_open, lambda w: (location, default_rules_text()), 3)
    assert found == ["rederived 0"]
    store = Store.open(location, default_rulebook(), TODAY)
    assert service.list_customers(store, TODAY) == []
    store.close()


def test_colleagues_opening_an_old_file_at_once_upgrade_it_once(tmp_path):
    """After an update of the app, the first opens find an older schema: one sets
    the file aside and upgrades, the others wait and find it done."""
    from alembic import command

    from data.store.db import make_engine
    from data.store.migrate import alembic_config, current_revision
    from ladder import default_rules_text

    path = tmp_path / "ladder.db"
    store = Store.open(str(path), default_rulebook(), TODAY)
    anna = service.add_customer(store, "Anna", today=TODAY).id
    service.log(store, anna, "purchase", date(2026, 3, 1), today=TODAY)
    store.close()
    engine = make_engine(str(path))
    config = alembic_config()
    with engine.connect() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0005")
        connection.commit()
    engine.dispose()

    found = _at_once(_open, lambda w: (str(path), default_rules_text()), 3)
    assert found == ["rederived 0"]
    copies = list(tmp_path.glob("ladder.db.before-*"))
    assert [copy.name.split("-")[1] for copy in copies] == ["0005"]
    assert current_revision(make_engine(str(copies[0]))) == "0005"


def test_three_colleagues_opening_with_a_new_rulebook_re_derive_once(location: str):
    from ladder import default_rules_text

    store = Store.open(location, default_rulebook(), TODAY)
    for i in range(30):
        customer = service.add_customer(store, f"Asiakas {i}", today=TODAY).id
        service.log(store, customer, "purchase", date(2026, 3, 1 + i % 20), today=TODAY)
    store.close()
    changed = default_rules_text().replace("score = 4\npositives = 2", "score = 5\npositives = 2")
    applied_not_derived(location, parse_rulebook(changed))
    found = _at_once(_open, lambda w: (location, changed), 3)
    assert found == ["rederived 1"]  # one did it; the others saw it done and went on


def test_settles_at_once_store_each_lapse_once(location: str):
    earlier = date(2024, 1, 1)
    store = Store.open(location, default_rulebook(), earlier)
    for i in range(20):
        customer = service.add_customer(store, f"Lojalisti {i}", today=earlier).id
        for day in range(1, 6):
            service.log(store, customer, "wow", date(2023, 3, day + i % 5), today=earlier)
    store.close()
    later = TODAY
    assert _at_once(_settle, lambda w: (location, later), 4) == []
    store = Store.open(location, default_rulebook(), later)
    cached = _rows(store)
    store.rederive_all(later)
    assert _rows(store) == cached  # no lapse stored twice, nothing missing
    store.close()


def _rows(store: Store):
    from tests.store.test_store import snapshot

    return snapshot(store)
