"""What a member does with a follow-up: done (logging what was done), dismissed,
snoozed, reopened, given to a colleague, or a new one of their own."""

from __future__ import annotations

from datetime import date

from data import records
from data.errors import StoreError
from data.service.events import log
from data.store import Store, rows
from data.store.derive import one_customer
from data.store.followups import complete


def followup(store: Store, followup_id: int, today: date) -> records.FollowupInfo:
    return store.followup(followup_id, today)


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
    """Mark done by logging `kind` (None: closed with no contact logged), one transaction.

    If a colleague closed it a moment ago, the contact the member made is logged
    all the same (what they typed is never lost), and the change says by whom."""
    try:
        return store.complete_followup(
            followup_id, today, kind=kind, on=on, note=note, member=member, force=force
        )
    except StoreError as exc:
        if kind is None or exc.key not in CLOSED_MEANWHILE:
            raise
        closed = store.followup(followup_id, today)
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
        raise StoreError(
            f"every Christmas card for {year} is sent already", "cards_all_sent", year=year
        )
    return done_many(store, [followup.id for _, followup in people], today, member=member)


def dismiss(
    store: Store, followup_id: int, today: date, *, member: str = ""
) -> records.FollowupChange:
    return store.close_followup(followup_id, today, dismiss=True, member=member)


def snooze(
    store: Store,
    followup_id: int,
    until: date,
    today: date,
    *,
    earlier: bool = False,
    member: str = "",
) -> records.FollowupChange:
    return store.snooze_followup(followup_id, until, today, earlier=earlier, member=member)


def reopen(
    store: Store, followup_id: int, today: date, *, member: str = ""
) -> records.FollowupInfo:
    return store.reopen_followup(followup_id, today, member=member)


def reassign(store: Store, followup_id: int, to: str, *, member: str = "") -> None:
    store.reassign_followup(followup_id, to, member=member)


def add_followup(
    store: Store, customer_id: int, due: date, note: str, *, today: date, member: str = ""
) -> records.FollowupInfo:
    return store.add_followup(customer_id, due, note, today=today, member=member)
