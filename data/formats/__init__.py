"""The files members bring in: contacts (CSV from a spreadsheet, Google or Outlook;
vCards from a phone) and a shop's orders, read as a stream and checked row by row.

The documents Ladder writes out (PDF, iCalendar) are `present.formats`.
"""
