"""What the app's parts tell each other, as Textual messages (harlequin's and toolong's way)."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


@dataclass
class DataChanged(Message, bubble=False):
    """The database changed: the screen on top reads again what it shows.

    Posted once a member's own write is done (`tui.writes`) and when the live
    refresh finds a colleague's (`colleague`: then a row that leaves from
    under the cursor is said).
    """

    colleague: bool = False

    def can_replace(self, message: Message) -> bool:
        """A burst is read once: a later change that says as much stands for this one."""
        return isinstance(message, DataChanged) and (message.colleague or not self.colleague)
