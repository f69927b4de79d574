"""What the member did in this session, newest first, so `u` can take it back.

Each entry knows whom it was about, what to call it in a notice, and the use
case that reverses it (`data.service.undo`: reopen a follow-up, delete a
logged event, put back a deleted one), one transaction each.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from data.service import Reverse

DEPTH = 50  # a morning's worth of slips


@dataclass(frozen=True)
class Undoable:
    """One step back: `reverse` runs in a worker thread against the store."""

    customer: str
    what: str
    reverse: Reverse


class UndoStack:
    """The last DEPTH steps of this session, newest on top."""

    def __init__(self) -> None:
        self._steps: list[Undoable] = []

    def push(self, step: Undoable) -> None:
        self._steps.append(step)
        del self._steps[:-DEPTH]

    def top(self) -> Undoable | None:
        """The newest step: it leaves the stack only once it is undone (`drop`), so a
        refused undo never lets the next `u` take back an older, unrelated one."""
        return self._steps[-1] if self._steps else None

    def drop(self, step: Undoable) -> None:
        self._steps = [kept for kept in self._steps if kept is not step]

    def __len__(self) -> int:
        return len(self._steps)
