"""A colleague's write that lands in the middle of a re-derive's batch: after the
batch was read and replayed outside the write lock, before it is written.

The batch must see that the customer changed and replay them again under the
lock, so that what the colleague wrote is kept and the customer's rows are
wholly new, as a re-derive in one transaction leaves them; the insights' totals,
recounted a set at a time for each written part, equal the stored rows."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from sqlalchemy import select

from data import service
from data.store import Store
from data.store.db import make_engine
from data.store.derive import everyone
from data.store.tables import EventRow, FollowupRow, StateRow
from tests.conftest import TODAY, applied_not_derived
from tests.reliability.test_rederive_batches import GENEROUS, _coop
from tests.store.test_insight_totals import _counted, _totals
from tests.store.test_store import snapshot

CUSTOMER = 7  # of the demo co-op's sixty: one with events and open follow-ups


def _first(store: Store, column, *where) -> int:
    with store.read() as session:
        found = session.execute(select(column).where(*where).order_by(column).limit(1))
        return int(found.scalar_one())


def _log(store: Store) -> None:
    service.log(store, CUSTOMER, "wow", TODAY, today=TODAY, member="Colleague")


def _log_back_dated(store: Store) -> None:  # the customer's history is replayed
    service.log(store, CUSTOMER, "complaint", date(2026, 1, 5), today=TODAY, member="Colleague")


def _dismiss(store: Store) -> None:  # the follow-up's version, no event
    open_one = _first(
        store, FollowupRow.id, FollowupRow.customer_id == CUSTOMER, FollowupRow.state == "open"
    )
    service.dismiss(store, open_one, TODAY, member="Colleague")


def _birthday(store: Store) -> None:  # the customer's version: a new greeting
    service.edit_customer(store, CUSTOMER, TODAY, member="Colleague", birthday=date(1970, 12, 1))


def _delete_event(store: Store) -> None:  # a row gone
    event_id = _first(store, EventRow.id, EventRow.customer_id == CUSTOMER)
    service.delete_event(store, event_id, TODAY, member="Colleague")


@pytest.mark.parametrize(
    "colleague_does", [_log, _log_back_dated, _dismiss, _birthday, _delete_event]
)
def test_a_colleague_writing_between_a_batch_s_replay_and_its_write_is_kept(
    location: str, monkeypatch, colleague_does: Callable[[Store], None]
):
    _coop(location)
    applied_not_derived(location, GENEROUS)
    colleague = Store.open(location, GENEROUS, TODAY)
    before = snapshot(colleague, CUSTOMER)
    rederiving = Store(make_engine(location), GENEROUS)  # not opened: nothing re-derived yet
    prepared = everyone._prepared
    landed: list[int] = []

    def colleague_writes_meanwhile(session, rules, today, after_id, up_to, progress):
        batch = prepared(session, rules, today, after_id, up_to, progress)
        if after_id < CUSTOMER <= up_to:  # replayed as it was: now the colleague writes
            colleague_does(colleague)
            landed.append(CUSTOMER)
        return batch

    monkeypatch.setattr(everyone, "_prepared", colleague_writes_meanwhile)
    everyone.derive_in_batches(rederiving, TODAY, everyone.Told(None, 0), stale_under=None, most=5)
    assert landed == [CUSTOMER]
    assert _totals(colleague) == _counted(colleague)  # the insights' totals too
    written = snapshot(colleague)
    assert snapshot(colleague, CUSTOMER) != before  # the colleague's change is there

    with colleague.read() as session:
        under = set(session.execute(select(StateRow.derived_under)).scalars())
    assert under == {GENEROUS.fingerprint}
    monkeypatch.undo()
    colleague.rederive_all(TODAY)
    assert snapshot(colleague) == written  # every customer wholly new, nothing lost
    colleague.close()
    rederiving.close()


@pytest.mark.parametrize("colleague_does", [_log, _dismiss, _birthday])
def test_a_write_through_the_re_deriving_store_itself_is_kept(
    location: str, monkeypatch, colleague_does: Callable[[Store], None]
):
    """The same, with the write going through the re-deriver's own engine (another
    thread of the same app): on SQLite it commits on the very connection the batch
    was read on, which other connections' commits (`PRAGMA data_version`) do not
    count, so the check that skips the rows' second read counts this one's own."""
    _coop(location)
    applied_not_derived(location, GENEROUS)
    rederiving = Store(make_engine(location), GENEROUS)
    before = snapshot(rederiving, CUSTOMER)
    prepared = everyone._prepared
    landed: list[int] = []

    def colleague_writes_meanwhile(session, rules, today, after_id, up_to, progress):
        batch = prepared(session, rules, today, after_id, up_to, progress)
        if after_id < CUSTOMER <= up_to:
            session.commit()  # the read ends here, as a thread's would hand the connection on
            colleague_does(rederiving)
            landed.append(CUSTOMER)
        return batch

    monkeypatch.setattr(everyone, "_prepared", colleague_writes_meanwhile)
    everyone.derive_in_batches(rederiving, TODAY, everyone.Told(None, 0), stale_under=None, most=5)
    assert landed == [CUSTOMER]
    assert _totals(rederiving) == _counted(rederiving)
    written = snapshot(rederiving)
    assert snapshot(rederiving, CUSTOMER) != before
    monkeypatch.undo()
    rederiving.rederive_all(TODAY)
    assert snapshot(rederiving) == written  # every customer wholly new, nothing lost
    rederiving.close()


def test_a_write_before_a_batch_s_first_part_is_kept_in_its_later_parts(location: str, monkeypatch):
    """A colleague's write that lands after a batch is read, on a customer of its
    second part: the first part sees that someone wrote and compares its rows;
    the second must compare its own too, not take the first part's check for
    its own (the check that skips the second read holds only while nobody wrote)."""
    _coop(location)
    applied_not_derived(location, GENEROUS)
    colleague = Store.open(location, GENEROUS, TODAY)
    later = 55  # the first part is FIRST (50) customers: this one is in the second
    before = snapshot(colleague, later)
    rederiving = Store(make_engine(location), GENEROUS)
    prepared = everyone._prepared

    def colleague_writes_meanwhile(session, rules, today, after_id, up_to, progress):
        batch = prepared(session, rules, today, after_id, up_to, progress)
        service.log(colleague, later, "wow", TODAY, today=TODAY, member="Colleague")
        return batch

    monkeypatch.setattr(everyone, "_prepared", colleague_writes_meanwhile)
    everyone.derive_in_batches(rederiving, TODAY, everyone.Told(None, 0), stale_under=None)
    assert _totals(colleague) == _counted(colleague)
    written = snapshot(colleague)
    assert snapshot(colleague, later) != before
    monkeypatch.undo()
    colleague.rederive_all(TODAY)
    assert snapshot(colleague) == written  # every customer wholly new, nothing lost
    colleague.close()
    rederiving.close()
