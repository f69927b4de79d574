"""Follow-ups as an iCalendar file of to-dos, with UIDs that stay the same.

A calendar that imports the file again updates each to-do instead of adding
a second copy, because a follow-up's UID never changes. icalendar is imported
only when a file is written, to keep it out of the app's start-up.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class CalendarItem:
    uid: str
    summary: str
    description: str
    due: date
    done: bool = False


def todos_ics(items: Sequence[CalendarItem], stamp: datetime) -> bytes:
    from icalendar import Calendar, Todo

    calendar = Calendar()
    calendar.add("prodid", "-//Ladder//customer ladder//FI")
    calendar.add("version", "2.0")
    for item in items:
        todo = Todo()
        todo.add("uid", item.uid)
        todo.add("dtstamp", stamp)
        todo.add("summary", item.summary)
        todo.add("description", item.description)
        todo.add("due", item.due)
        todo.add("status", "COMPLETED" if item.done else "NEEDS-ACTION")
        calendar.add_component(todo)
    return calendar.to_ical()
