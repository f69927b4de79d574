"""The app's one road for a write (harlequin's driver: the work apart from the screens).

A screen, or the app, names what the member did as a `Write` (each kind made
once, in `tui.member_writes`) and hands it to the road: `start` from a key,
`submit` from a form. The road runs the use case off the UI thread
(`LadderApp.attempt`, in a worker of the app's), keeps its undo step, says
what was done, and posts `DataChanged` to the screen on top, which reads
again. The live refresh posts the same message when a colleague writes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from textual.notifications import SeverityLevel

from present.i18n import describe_error
from tui.undo import Undoable

if TYPE_CHECKING:
    from data.service import Store
    from tui.app import LadderApp

Done = TypeVar("Done")


@dataclass(frozen=True)
class Said:
    """A notice: what it says, and how it shows."""

    text: str
    title: str = ""
    severity: SeverityLevel = "information"
    timeout: float | None = None


@dataclass(frozen=True)
class Write(Generic[Done]):
    """One write: its use case, given the store, and what follows once it is done."""

    run: Callable[[Store], Done]  # runs in a thread: reads nothing of the screen
    said: Callable[[Done], Said]
    undo: Callable[[Done], Undoable] | None = None  # the step `u` takes back
    then: Callable[[Done], None] | None = None  # anything else that follows (a card closes)
    refused: Callable[[BaseException], Said] | None = None  # else the error, said as it is


class Writes:
    """The road, one per app."""

    def __init__(self, app: LadderApp) -> None:
        self.app = app

    def start(self, write: Write[Any]) -> None:
        """From a key: a worker of the app's runs it, so that the notice and the undo
        step follow even when the screen that asked has closed; what stops it is said."""
        self.app.run_worker(self.run(write), group="write")

    async def submit(self, write: Write[Any]) -> BaseException | None:
        """From a form: what stops the write is handed back, for the form to say where
        it belongs (None: written, or the store is still opening, which is said)."""
        ok, found = await self.app.attempt(write.run)
        if not ok:
            return found
        if write.undo is not None:
            self.app.undo.push(write.undo(found))
        self.say(write.said(found))
        if write.then is not None:
            write.then(found)
        self.app.data_changed()
        return None

    async def run(self, write: Write[Any]) -> None:
        """From a worker that asked the member first (an import): the write, and what
        stops it said."""
        problem = await self.submit(write)
        if problem is None:
            return
        if write.refused is not None:
            self.say(write.refused(problem))
        else:
            self.say(Said(describe_error(problem, self.app.lang), severity="error", timeout=10))

    def say(self, said: Said) -> None:
        self.app.notify(said.text, title=said.title, severity=said.severity, timeout=said.timeout)
