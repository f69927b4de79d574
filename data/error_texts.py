"""Every error the data layer raises, in English, by its key: the one place each
sentence is written. An error carries only its key and values
(`data.errors.Explained`); the front ends say it in the member's language from
the same key (`present/error_words.py` holds the Finnish, and a test keeps the
two tables' keys equal).
"""

from __future__ import annotations

TEXTS: dict[str, str] = {
    "ahead_of_clock": (
        "the program's today {today} is after the real date {clock}: a later day can be "
        "looked at, never written"
    ),
    "ambiguous": "{text!r} matches several customers: {shown} – give the number",
    "backup_damaged": "backup failed: the copy is damaged ({why}); the database may be too",
    "backup_failed": "backup failed: {why}",
    "cannot_create": "cannot create {path}: {why}",
    "cannot_join": "cannot join the database: {why}",
    "cannot_open": "cannot open the database: {why}",
    "cannot_set_aside": "cannot copy the database aside before upgrading it: {why}",
    "card_too_big": "a card over {limit} KB",
    "cards_all_sent": "every Christmas card for {year} is sent already",
    "cards_none": "no Christmas cards for {year} left to send: no labels to print",
    "cells_beyond_header": "{cells} cells, the header has {width} (a quote left open?)",
    "changed_by": "{who} changed this ({thing}) {when} – nothing was changed",
    "changed_by_field": (
        "{who} changed this ({thing}) {when}: {field} is now {theirs}, yours {mine} – nothing"
        " was saved"
    ),
    "changed_meanwhile": "someone changed this at the same moment; look again and retry",
    "column_twice": "the column {name!r} is there twice; rename one, or --map it to ignore",
    "conflicts_with_stored": "the change conflicts with stored data: {why}",
    "db_failed": "database error: {why}",
    "demo_not_empty": (
        "{location} already has customers; the demo needs an empty database (try --db demo.db)"
    ),
    "done_before_made": "follow-up #{id} was made {made}: it cannot have been done on {on}",
    "duplicate": (
        "the customer may be there already: {shown}; add --allow-duplicate if this is someone else"
    ),
    "erase_copy_failed": "{name} was erased, but not from the copy {path}: {why}",
    "erase_log_busy": (
        "{name} was erased, but another program reading the database keeps old pages in its "
        "log until it closes: close the other Ladder windows"
    ),
    "file_empty": "the file is empty",
    "file_exists": "{path} already exists; choose a new file name",
    "file_too_big": "{path} is larger than {limit} MB; --max-size raises the limit",
    "file_unreadable": "cannot read {path}",
    "first_line_unreadable": "line 1: {why}",
    "followup_closed_by_event": (
        "follow-up #{id} was done by logging event #{event}: delete that event to reopen it "
        "(ladder event delete {event})"
    ),
    "followup_dismissed": "follow-up #{id} is already dismissed ({who}, {when})",
    "followup_done": "follow-up #{id} is already done ({who}, {when})",
    "followup_expired": "follow-up #{id} has expired: its last day passed with it undone",
    "followup_no_note": "a follow-up needs a note saying what to do",
    "followup_open": "follow-up #{id} is already open",
    "gone_meanwhile": "{thing} is gone – nothing was changed",
    "import_event_day": "events[{row}]: {day} is after today or before 1900 – nothing was imported",
    "import_kinds": "the rulebook lacks event kinds the file uses: {kinds}",
    "import_not_empty": (
        "the database is not empty: import a whole export only into a new database (try --db "
        "new.db)"
    ),
    "import_row": "{part}[{row}]: {why} – nothing was imported",
    "join_no_database": "the server has no database of that name",
    "join_no_host": "no server is found at that address; check the address",
    "join_not_postgres": "there is no PostgreSQL server at that address",
    "join_password": "the server does not accept the user name or the password",
    "join_refused": "the server refuses the connection (is PostgreSQL running, the right port?)",
    "join_timeout": "the server did not answer in time",
    "kinds_in_use": (
        "{source} leaves out event kinds in use (events): {kinds} – nothing was changed"
    ),
    "lock_is_link": "{path} is a symbolic link, not Ladder's lock file: remove it",
    "map_no_column": "--map {name!r}: the file has no such column",
    "map_pair": "--map {pair!r}: write COLUMN=FIELD, FIELD one of {fields}",
    "merge_self": "a customer cannot be merged with themselves",
    "no_backup": "no backup file {path}",
    "no_customer": "no customer #{id}",
    "no_event": "no event #{id}",
    "no_folder": "the folder {folder} does not exist",
    "no_followup": "no follow-up #{id}",
    "no_id": "no #{id}",
    "no_match": "no customer matches {text!r}",
    "no_member": "no member {name!r}",
    "no_name_column": "no name column (nimi/name) in the first line; found: {found}",
    "no_such_version": "{thing} is at version {version}, not {expected} – nothing was changed",
    "no_vcard": "no BEGIN:VCARD in the file",
    "not_a_backup": "{path} is not a Ladder backup",
    "not_a_backup_because": "{path} is not a Ladder backup ({why})",
    "not_a_file": "{path} is not a file (a folder, a device or a pipe?)",
    "not_a_url": "not a database URL (postgresql://…)",
    "not_ladder": "{path} is not a Ladder database; nothing in it was changed",
    "not_orders": (
        "not an orders export: it needs an order number, a date and a customer (--map "
        '"COLUMN=order", …); found: {found}'
    ),
    "not_valid_csv": "not valid CSV: {reason}",
    "orders_undo_later_events": (
        "customer #{id} has events logged since the import – nothing was undone"
    ),
    "output_exists": "{path} already exists; add --force to replace it",
    "output_is_database": "{path} is the database itself; choose another file",
    "output_is_folder": "{path} is a folder; give a file name",
    "output_sqlite": "{path} is a database (a backup?); choose another file",
    "password_short": "a password needs at least {count} characters",
    "rederive_busy": "another Ladder is re-deriving this database now; try again when it is done",
    "report_too_long": "a report covers at most ten years; give a shorter --from/--to",
    "restore_not_empty": (
        "the database already has customers: restore onto a new one (try --db restored.db)"
    ),
    "rulebook_lacks_kinds": "the rulebook lacks event kinds the database uses: {kinds}",
    "rules_differ": (
        "{source} is not the co-op's rulebook in the database: 'ladder rules whatif {source}'"
        " shows who would move, 'ladder rules apply {source}' changes it for everyone"
    ),
    "schema_newer": (
        "the database is from a newer Ladder (schema {revision}); update Ladder to open it"
    ),
    "snooze_earlier": (
        "follow-up #{id} is due {due}: {until} would bring it earlier (add --earlier if that "
        "is what you mean)"
    ),
    "too_many_rows": "more than {limit} rows; split the file",
    "tool_failed": "{tool} failed: {why}",
    "tool_missing": "{tool} is not installed (it comes with the PostgreSQL client)",
    "vcard_unreadable": "not a readable vCard line: {reason}",
}
