"""What the member did in this session, newest first, so `u` can take it back.

Each entry knows whom it was about, what to call it in a notice, and the store
call that reverses it (reopen a follow-up, delete a logged event, put back a
deleted one). The store does the reversing in one transaction each.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from data.records import EventInfo, FollowupChange, LogResult
from data.store import Store

DEPTH = 50  # a morning's worth of slips


@dataclass(frozen=True)
class Undoable:
    """One step back: `reverse` runs in a worker thread against the store."""

    customer: str
    what: str
    reverse: Callable[[Store, date], Any]


class UndoStack:
    """The last DEPTH steps of this session, newest on top."""

    def __init__(self) -> None:
        self._steps: list[Undoable] = []

    def push(self, step: Undoable) -> None:
        self._steps.append(step)
        del self._steps[:-DEPTH]

    def pop(self) -> Undoable | None:
        return self._steps.pop() if self._steps else None

    def __len__(self) -> int:
        return len(self._steps)


def followup_change(change: FollowupChange, what: str) -> Undoable:
    """Undo a done, dismiss or snooze: the follow-up as it was, and no event it logged."""
    logged = change.logged.event_id if change.logged is not None else None

    def reverse(store: Store, today: date) -> Any:
        return store.reopen_followup(
            change.followup.id, today, previous=change.before, event_id=logged
        )

    return Undoable(change.followup.customer, what, reverse)


def logged_event(customer: str, result: LogResult, what: str) -> Undoable:
    """Undo a log: delete the event, and with it what it made, closed or moved."""
    return Undoable(customer, what, lambda store, today: store.delete_event(result.event_id, today))


def deleted_event(customer: str, event: EventInfo, what: str) -> Undoable:
    """Undo a delete: the event back under its old number, its customer replayed."""
    return Undoable(customer, what, lambda store, today: store.restore_event(event, today))
