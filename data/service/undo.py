"""Taking a member's change back: each change knows the one call that reverses it,
which the store runs in one transaction, and what it left: a colleague's change
since is never undone (`records.Left`)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from data import records
from data.service.events import delete_event, restore_event
from data.service.followups import reopen
from data.store.followup_rows import reopen_in

if TYPE_CHECKING:
    from data.store import Store

Reverse = Callable[["Store", date, str], object]  # (store, today, member)


def undo_followup_change(change: records.FollowupChange) -> Reverse:
    """A done, dismiss or snooze back: the follow-up as it was, and no event it logged,
    if nobody has changed them since."""
    if change.closed_before_by is not None and change.logged is not None:
        return undo_log(change.logged)  # the colleague's close is theirs: only the log goes
    logged = change.logged.event_id if change.logged is not None else None

    def reverse(store: Store, today: date, member: str) -> object:
        return reopen(
            store,
            change.followup.id,
            today,
            member=member,
            previous=change.before,
            event_id=logged,
            expect=change.left,
        )

    return reverse


def undo_followup_changes(changes: list[records.FollowupChange]) -> Reverse:
    """Many done at once back, as one step: each as it was, or none if anybody has
    changed any of them since."""

    def reverse(store: Store, today: date, member: str) -> object:
        with store.write() as session:
            for change in reversed(changes):
                logged = change.logged.event_id if change.logged is not None else None
                reopen_in(
                    session,
                    store.rules,
                    change.followup.id,
                    today,
                    member,
                    change.before,
                    logged,
                    change.left,
                )
        return None

    return reverse


def undo_log(result: records.LogResult) -> Reverse:
    """A log back: the event deleted, and with it what it made, closed or moved, if
    nobody has changed them since."""
    return lambda store, today, member: delete_event(
        store, result.event_id, today, member=member, expect=result.left
    )


def undo_delete(event: records.EventInfo) -> Reverse:
    """A delete back: the event under its old number, its customer replayed."""
    return lambda store, today, member: restore_event(store, event, today, member=member)
