"""What a member does with a follow-up: done (logging what was done), dismissed,
snoozed, reopened, given to a colleague, or a new one of their own. Each use case
is one write transaction of the store."""

from __future__ import annotations

import uuid
from datetime import date

import ladder
from data import records
from data.errors import StoreError
from data.records import FollowupSnapshot, FollowupState
from data.service.events import log
from data.store import Store, audit, rows
from data.store.derive import one_customer
from data.store.followup_rows import close_by_hand, complete, reopen_in, snapshot
from data.store.tables import FollowupRow
from ladder.contact import check_name, check_text
from ladder.dates import check_due_date


def followup(store: Store, followup_id: int, today: date) -> records.FollowupInfo:
    """One follow-up, whatever its state."""
    with store.read() as session:
        rows.followup_row(session, followup_id)
        return rows.followup_info(session, followup_id, today)


def done_kind(store: Store, followup: records.FollowupInfo) -> str | None:
    """The event a done follow-up logs unless the member says otherwise: the
    rulebook's first `done_as` for its rule (docs/rules.md, "Follow-ups")."""
    kinds = store.rules.done_kinds(followup.rule)
    return kinds[0] if kinds else None


def done(
    store: Store,
    followup_id: int,
    today: date,
    *,
    kind: str | None,
    member: str = "",
    note: str = "",
    on: date | None = None,
    force: bool = False,
) -> records.FollowupChange:
    """Mark done by logging what was done (`kind`), in one transaction.

    The call made, the card sent: the event moves the customer as logging it
    would, and closes the follow-up if the rules say it does; if not (a
    complaint still open after the callback), the follow-up is closed by hand.
    `kind=None` closes it with no contact logged. If a colleague closed it a
    moment ago, the contact the member made is logged all the same (what they
    typed is never lost), and the change says by whom."""
    new = None
    if kind is not None:
        new = one_customer.new_event(
            store.rules, kind, on or today, today, emotional=None, note=note, force=force
        )
    try:
        with store.write() as session:
            return complete(session, store.rules, followup_id, new, today, member)
    except StoreError as exc:
        if kind is None or exc.key not in CLOSED_MEANWHILE:
            raise
        closed = followup(store, followup_id, today)
        logged = log(
            store,
            closed.customer_id,
            kind,
            on or today,
            today=today,
            member=member,
            note=note,
            force=force,
        )
        before = records.FollowupSnapshot(closed.state, closed.snoozed_until, closed.closed_on)
        return records.FollowupChange(closed, before, logged, str(exc.values.get("who", "")))


CLOSED_MEANWHILE = ("followup_done", "followup_dismissed", "followup_expired")


def done_many(
    store: Store, followup_ids: list[int], today: date, *, member: str
) -> list[records.FollowupChange]:
    """Mark many follow-ups done at once (28 Christmas cards after a label run), each
    logging what its rule stands for, all in one transaction: all or none."""
    rules = store.rules
    with store.write() as session:
        followups = [rows.followup_row(session, i) for i in followup_ids]
        changes = []
        for followup in sorted(followups, key=lambda f: (f.customer_id, f.id)):  # lock order
            kinds = rules.done_kinds(followup.rule)
            new = None
            if kinds:
                new = one_customer.new_event(
                    rules, kinds[0], today, today, emotional=None, note="", force=False
                )
            changes.append(complete(session, rules, rows.stored_id(followup), new, today, member))
        return changes


def christmas_cards_done(
    store: Store, year: int, today: date, *, member: str
) -> list[records.FollowupChange]:
    """Every card of `year` the labels print, marked sent, as one step."""
    people = store.christmas_cards(year, today)
    if not people:
        raise StoreError("cards_all_sent", year=year)
    return done_many(store, [followup.id for _, followup in people], today, member=member)


def dismiss(
    store: Store, followup_id: int, today: date, *, member: str = ""
) -> records.FollowupChange:
    """Set a follow-up aside as not worth doing, with no event logged."""
    with store.write() as session:
        row = rows.open_followup_row(session, followup_id)
        before = snapshot(row)
        close_by_hand(session, store.rules, row, today, FollowupState.DISMISSED, member)
        what = f"follow-up #{followup_id}"
        audit.record(session, row.changed_by, "dismiss", row.customer_id, what)
        return records.FollowupChange(
            rows.followup_info(session, rows.stored_id(row), today), before
        )


def snooze(
    store: Store,
    followup_id: int,
    until: date,
    today: date,
    *,
    earlier: bool = False,
    member: str = "",
) -> records.FollowupChange:
    """Move a follow-up to `until` (today or later).

    Never to before it was due unless `earlier`: a snooze is for putting
    off, and a slip ("+3d" on one due next week) would bring it forward.
    """
    check_due_date(until, today)
    with store.write() as session:
        row = rows.open_followup_row(session, followup_id)
        snoozed = row.state == FollowupState.SNOOZED
        due = row.snoozed_until if snoozed and row.snoozed_until else row.due
        if until < due and not earlier:
            raise StoreError(
                "snooze_earlier",
                id=followup_id,
                due=ladder.format_date(due),
                until=ladder.format_date(until),
            )
        before = snapshot(row)
        row.state = FollowupState.SNOOZED
        row.snoozed_until = until
        rows.stamp(row, rows.ensure_member(session, member))
        session.flush()
        what = f"follow-up #{followup_id} until {until.isoformat()}"
        audit.record(session, row.changed_by, "snooze", row.customer_id, what)
        return records.FollowupChange(
            rows.followup_info(session, rows.stored_id(row), today), before
        )


def reopen(
    store: Store,
    followup_id: int,
    today: date,
    *,
    member: str = "",
    previous: FollowupSnapshot | None = None,
    event_id: int | None = None,
    expect: tuple[records.Left, ...] = (),
) -> records.FollowupInfo:
    """Open a done, dismissed or snoozed follow-up again (or put back `previous`).

    An undo passes what the follow-up was before, the event its "done"
    logged (deleted in the same transaction) and what its change left
    (`expect`): if a colleague has changed any of it since, nothing is
    undone and the colleague is named. One closed by a logged event reopens
    only by deleting that event, which says so.
    """
    with store.write() as session:
        return reopen_in(
            session, store.rules, followup_id, today, member, previous, event_id, expect
        )


def reassign(store: Store, followup_id: int, to: str, *, member: str = "") -> None:
    """Give a follow-up to the member `to`, as `member` asks."""
    if not to.strip():
        raise ValueError("name the member to give the follow-up to")
    to = check_name(to, "member")  # a name every colleague's list shows: no escapes
    with store.write() as session:
        row = rows.followup_row(session, followup_id)
        row.member = rows.ensure_member(session, to)
        rows.stamp(row, rows.ensure_member(session, member))
        what = f"follow-up #{followup_id} to {row.member}"
        audit.record(session, row.changed_by, "reassign", row.customer_id, what)


def add_followup(
    store: Store, customer_id: int, due: date, note: str, *, today: date, member: str = ""
) -> records.FollowupInfo:
    """A member's own reminder about a customer."""
    note = check_text("note", note)
    if not note.strip():
        raise StoreError("followup_no_note")
    check_due_date(due, today)
    with store.write() as session:
        rows.lock_customer(session, customer_id)
        member = rows.ensure_member(session, member)
        now = rows.now()
        row = FollowupRow(
            customer_id=customer_id,
            key=f"manual:{uuid.uuid4().hex}",
            rule="manual",
            trigger="manual",
            made_on=min(today, due),
            due=due,
            member=member,
            note=note.strip(),
            state=FollowupState.OPEN,
            created_at=now,
            changed_by=member,
            changed_at=now,
        )
        session.add(row)
        session.flush()
        audit.record(session, member, "followup_add", customer_id, f"follow-up #{row.id}")
        return rows.followup_info(session, rows.stored_id(row), today)
