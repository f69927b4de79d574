"""File formats Ladder reads and writes: CSV, PDF, iCalendar, vCard, JSON.

These modules know the formats, not the words: the command and the app hand
them rows already written in the member's language.
"""
