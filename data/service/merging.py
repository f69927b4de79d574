"""Two customers who are one person made one, and parted again by an undo.

Everything held about the one merged away (`gone`) moves to the one kept: its
events, its follow-ups and its notes; the kept one's empty fields are filled in
from it. The kept customer is then derived afresh from all the events, so the
ladder, the record and the GDPR export and erase see the person whole.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sqlalchemy import delete, select, update
from sqlmodel import Session, col

from data import records
from data.errors import StoreError
from data.records import CLOSED_STATES, CUSTOMER_FIELDS, FollowupState
from data.service.undo import Reverse
from data.store import Store, audit, rows
from data.store.derive import one_customer
from data.store.details import checked_details, customer_info
from data.store.tables import AuditRow, CustomerRow, EventRow, FollowupRow

KEEP_AS_IS = ("name", "owner", "since")  # the kept customer's own, whatever the other had


def merge_customers(
    store: Store, kept_id: int, gone_id: int, today: date, *, member: str
) -> records.Merged:
    """Move everything of `gone_id` onto `kept_id` and remove `gone_id`, in one
    transaction; the kept customer is derived afresh."""
    if kept_id == gone_id:
        raise StoreError("merge_self")
    with store.write() as session:
        member = rows.ensure_member(session, member)
        for customer_id in sorted((kept_id, gone_id)):  # locked in id order, as everywhere
            rows.lock_customer(session, customer_id)
        kept = rows.customer_row(session, kept_id)
        gone = rows.customer_row(session, gone_id)
        session.refresh(kept)
        before, gone_info = customer_info(kept), customer_info(gone)
        filled = _fill(kept, gone, today, store.country)
        if filled:
            rows.stamp(kept, member)
        events = _move_events(session, gone_id, kept_id, member)
        followups = _move_followups(session, gone_id, kept_id, member)
        session.execute(delete(CustomerRow).where(col(CustomerRow.id) == gone_id))
        session.execute(  # the record of the other card is this person's record now
            update(AuditRow).where(col(AuditRow.customer_id) == gone_id).values(customer_id=kept_id)
        )
        session.flush()
        one_customer.rederive(session, store.rules, customer_info(kept), today, who=member)
        what = f"customer #{gone_id} into customer #{kept_id}"
        audit.record(session, member, "merge", kept_id, what)
        return records.Merged(
            kept=customer_info(kept),
            gone=gone_info,
            events=tuple(events),
            followups=tuple(followups),
            filled=filled,
            before=before,
            left=(
                records.Left("customer", kept_id, kept.version),
                *rows.left_of(session, "event", events),
                *rows.left_of(session, "followup", [row_id for row_id, _ in followups]),
            ),
        )


def _fill(kept: CustomerRow, gone: CustomerRow, today: date, country: str) -> tuple[str, ...]:
    """The kept customer's empty fields from the other's; notes and tags joined."""
    current = {field: getattr(kept, field) for field in CUSTOMER_FIELDS}
    merged = dict(current)
    for field in CUSTOMER_FIELDS:
        theirs = getattr(gone, field)
        if field in KEEP_AS_IS or not theirs or theirs == current[field]:
            continue
        if field == "notes" and current["notes"]:
            merged["notes"] = f"{current['notes']}\n{theirs}"
        elif field == "tags" and current["tags"]:
            merged["tags"] = ",".join(
                dict.fromkeys([*current["tags"].split(","), *theirs.split(",")])
            )
        elif not current[field]:
            merged[field] = theirs
    merged["since"] = min(kept.since, gone.since)
    checked = checked_details(merged, today, country)
    filled = tuple(field for field in CUSTOMER_FIELDS if checked[field] != current[field])
    for field in filled:
        setattr(kept, field, checked[field])
    return filled


def _move_events(session: Session, gone_id: int, kept_id: int, member: str) -> list[int]:
    events = list(
        session.execute(
            select(col(EventRow.id)).where(col(EventRow.customer_id) == gone_id)
        ).scalars()
    )
    if events:
        session.execute(
            update(EventRow)
            .where(col(EventRow.id).in_(events))
            .values(
                customer_id=kept_id,
                version=col(EventRow.version) + 1,
                changed_by=member,
                changed_at=rows.now(),
            )
        )
    return events


def _move_followups(
    session: Session, gone_id: int, kept_id: int, member: str
) -> list[tuple[int, str]]:
    """The other's follow-ups over to the kept customer. One the kept customer has
    already (last year's card) stays twice if members acted on both, under a key
    of its own; one nobody acted on goes, as the kept customer's is the same task."""
    taken = set(
        session.execute(
            select(col(FollowupRow.key)).where(col(FollowupRow.customer_id) == kept_id)
        ).scalars()
    )
    moved = []
    for row in session.execute(
        select(FollowupRow).where(col(FollowupRow.customer_id) == gone_id)
    ).scalars():
        own_key = row.key
        if row.key in taken:
            acted = row.state in (*CLOSED_STATES, FollowupState.SNOOZED)
            if not acted:
                session.delete(row)
                continue
            row.key = f"{row.key}~{gone_id}"
        row.customer_id = kept_id
        rows.stamp(row, member)
        moved.append((row.id, own_key))
    session.flush()
    return moved


def undo_merge(merged: records.Merged) -> Reverse:
    """A merge taken back: the other customer back under their own number, with
    their events and follow-ups, and the kept one's fields as they were, if nobody
    has changed any of it since."""

    def reverse(store: Store, today: date, member: str) -> object:
        with store.write() as session:
            member = rows.ensure_member(session, member)
            rows.lock_customer(session, merged.kept.id)
            rows.check_left(session, merged.left)
            kept = rows.customer_row(session, merged.kept.id)
            gone = merged.gone
            now = rows.now()
            session.add(
                CustomerRow(
                    **{f: getattr(gone, f) for f in CUSTOMER_FIELDS},
                    id=gone.id,
                    name_key=checked_details(
                        {f: getattr(gone, f) for f in CUSTOMER_FIELDS}, today, store.country
                    )["name_key"],
                    created_at=now,
                    updated_at=now,
                    changed_by=member,
                )
            )
            session.flush()
            rows.add_state(session, gone.id, store.rules)
            session.flush()
            for field in merged.filled:
                setattr(kept, field, getattr(merged.before, field))
            rows.stamp(kept, member)
            session.execute(
                update(EventRow)
                .where(col(EventRow.id).in_(merged.events))
                .values(customer_id=gone.id, changed_by=member, changed_at=now)
            )
            for row_id, key in merged.followups:
                session.execute(
                    update(FollowupRow)
                    .where(col(FollowupRow.id) == row_id)
                    .values(customer_id=gone.id, key=key, changed_by=member, changed_at=now)
                )
            session.flush()
            one_customer.rederive(session, store.rules, customer_info(kept), today, who=member)
            back = rows.customer_row(session, gone.id)
            one_customer.rederive(session, store.rules, customer_info(back), today, who=member)
            what = f"merge: customer #{gone.id} back from customer #{merged.kept.id}"
            audit.record(session, member, "undo", merged.kept.id, what)
            return replace(merged, kept=customer_info(kept))

    return reverse
