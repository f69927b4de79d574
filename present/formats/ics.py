"""Follow-ups as an iCalendar file, with UIDs that stay the same.

Each follow-up is an all-day event on its day, which every calendar shows
(Google Calendar and Outlook on the web ignore to-dos); as to-dos for the
calendars that have them on request. A calendar that imports the file again
updates each entry instead of adding a second copy, because a follow-up's UID
never changes. icalendar is imported only when a file is written, to keep it
out of the app's start-up.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta


@dataclass(frozen=True)
class CalendarItem:
    uid: str
    summary: str
    description: str
    due: date
    done: bool = False


def calendar_ics(items: Sequence[CalendarItem], stamp: datetime, *, todos: bool = False) -> bytes:
    """The items as all-day events (as to-dos with `todos`)."""
    from icalendar import Calendar, Event, Todo

    calendar = Calendar()
    calendar.add("prodid", "-//Ladder//customer ladder//FI")
    calendar.add("version", "2.0")
    for item in items:
        entry = Todo() if todos else Event()
        entry.add("uid", item.uid)
        entry.add("dtstamp", stamp)
        entry.add("summary", item.summary)
        entry.add("description", item.description)
        if todos:
            entry.add("due", item.due)
            entry.add("status", "COMPLETED" if item.done else "NEEDS-ACTION")
        else:
            entry.add("dtstart", item.due)
            entry.add("dtend", item.due + timedelta(days=1))
            entry.add("transp", "TRANSPARENT")  # a reminder, not a meeting: no busy time
        calendar.add_component(entry)
    return calendar.to_ical()
