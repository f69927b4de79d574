"""Taking a member's change back: each change knows the one call that reverses it,
which the store runs in one transaction."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from data import records

if TYPE_CHECKING:
    from data.store import Store

Reverse = Callable[["Store", date], object]


def undo_followup_change(change: records.FollowupChange) -> Reverse:
    """A done, dismiss or snooze back: the follow-up as it was, and no event it logged."""
    logged = change.logged.event_id if change.logged is not None else None

    def reverse(store: Store, today: date) -> object:
        return store.reopen_followup(
            change.followup.id, today, previous=change.before, event_id=logged
        )

    return reverse


def undo_log(result: records.LogResult) -> Reverse:
    """A log back: the event deleted, and with it what it made, closed or moved."""
    return lambda store, today: store.delete_event(result.event_id, today)


def undo_delete(event: records.EventInfo) -> Reverse:
    """A delete back: the event under its old number, its customer replayed."""
    return lambda store, today: store.restore_event(event, today)
