"""A re-derive after a rulebook change runs in batches of customers, each its own
transaction: it gives what one transaction gives, a colleague logs meanwhile,
and one killed half-way leaves every customer wholly old or wholly new and is
finished by the next open."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import threading
from datetime import date
from pathlib import Path

import ladder
from data import service
from data.demo import demo_coop
from data.store import Store
from data.store.db import make_engine
from ladder import default_rulebook, default_rules_text
from tests.conftest import TODAY, applied_not_derived
from tests.store.test_store import snapshot

GENEROUS_TEXT = default_rules_text().replace("score = 4\npositives = 2", "score = 4\npositives = 1")
GENEROUS = ladder.parse_rulebook(GENEROUS_TEXT)
ROOT = Path(__file__).resolve().parents[2]

KILLED_HALF_WAY = """
import os, signal, sys
from datetime import date
import ladder
from data.store import Store

location, rules_file = sys.argv[1], sys.argv[2]
today = date(2026, 11, 22)
from data.store.db import make_engine
from data import service
changed = Store(make_engine(location), ladder.load_rulebook(rules_file))  # no open: no re-derive

def kill_half_way(done, total):
    if done >= total // 2:
        os.kill(os.getpid(), signal.SIGKILL)

changed.rederive_all(today, kill_half_way, only_if_stale=True, batch=5)
"""


def _coop(location: str) -> None:
    store = Store.open(location, default_rulebook(), TODAY)
    store.add_histories(demo_coop(TODAY), TODAY, member="Liisa")
    store.close()


def test_batches_give_what_one_transaction_gives(location):
    _coop(location)
    applied_not_derived(location, GENEROUS)
    store = Store.open(location, GENEROUS, TODAY)  # the open itself re-derives
    store.rederive_all(TODAY, batch=7)
    batched = snapshot(store)
    store.rederive_all(TODAY, batch=1_000_000)
    assert snapshot(store) == batched
    assert {row["derived_under"] for row in _states(store)} == {GENEROUS.fingerprint}
    assert store.follow_rulebook(TODAY) is False
    store.close()


def test_a_colleague_logs_while_everyone_is_re_derived(location):
    _coop(location)
    applied_not_derived(location, GENEROUS)
    colleague = Store.open(location, GENEROUS, TODAY)
    rederiving = Store(make_engine(location), GENEROUS)
    failures: list[BaseException] = []

    def rederive() -> None:
        try:
            rederiving.rederive_all(TODAY, batch=3)
        except BaseException as exc:  # reported below, with the colleague's
            failures.append(exc)

    worker = threading.Thread(target=rederive)
    worker.start()
    logged = [
        service.log(colleague, customer, "contact", TODAY, today=TODAY).event_id
        for customer in range(1, 21)
    ]
    worker.join()
    assert failures == [] and len(logged) == 20
    after = snapshot(colleague)
    colleague.rederive_all(TODAY)
    assert snapshot(colleague) == after  # the logs and the batches left a true cache
    colleague.close()
    rederiving.close()


def test_a_re_derive_killed_half_way_is_consistent_and_finished_on_the_next_open(
    tmp_path: Path,
):
    path = tmp_path / "ladder.db"
    _coop(str(path))
    old_copy, new_copy = tmp_path / "old.db", tmp_path / "new.db"
    shutil.copy(path, old_copy)
    applied_not_derived(str(path), GENEROUS)
    shutil.copy(path, new_copy)
    rules_file = tmp_path / "generous.toml"
    rules_file.write_text(GENEROUS_TEXT, encoding="utf-8")

    killed = subprocess.run(
        [sys.executable, "-c", KILLED_HALF_WAY, str(path), str(rules_file)], cwd=ROOT
    )
    assert killed.returncode == -9

    raw = sqlite3.connect(path)
    assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    under = dict(raw.execute("SELECT customer_id, derived_under FROM customer_state"))
    stored = raw.execute("SELECT value FROM meta WHERE key = 'rules_fingerprint'").fetchone()
    raw.close()
    old, new = default_rulebook().fingerprint, GENEROUS.fingerprint
    assert stored == (old,)  # not finished: the database still says so
    assert set(under.values()) == {old, new}  # killed half-way, between batches

    as_killed = Store(make_engine(str(path)), GENEROUS)  # no open: nothing is re-derived
    reference = {
        old: Store(make_engine(str(old_copy)), default_rulebook()),  # as derived before
        new: Store.open(str(new_copy), GENEROUS, TODAY),
    }
    for customer, rulebook in under.items():  # each customer wholly old or wholly new
        assert snapshot(as_killed, customer) == snapshot(reference[rulebook], customer)
    as_killed.close()

    heard: list[tuple[int, int]] = []
    resumed = Store.open(str(path), GENEROUS, TODAY, on_rederive=lambda *p: heard.append(p))
    stale = sum(1 for rulebook in under.values() if rulebook == old)
    assert heard[0] == (0, stale) and heard[-1] == (stale, stale)  # only what was left
    assert snapshot(resumed) == snapshot(reference[new])
    assert resumed.follow_rulebook(date(2026, 11, 23)) is False
    resumed.close()
    for store in reference.values():
        store.close()


def _states(store: Store) -> list[dict]:
    return [dict(row) for row in snapshot(store)["state"]]
