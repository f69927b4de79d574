"""The use cases both front ends call: one function per thing a member does.

The app (`tui/`) and the command line (`cli/`) turn a key press or an argument
into one of these calls, and the result into words; neither settles, queries
or applies a rule itself. Each function runs over the store, whose every
method is one transaction (its unit of work, `data.store.core`); where a use
case takes two steps, such as letting time do its work before reading what is
due, the order is decided here, once.
"""

from data.db import DatabaseError
from data.service.customers import (
    add_customer,
    customer_card,
    edit_customer,
    erase_customer,
    export_customer,
    find_customer,
    list_customers,
)
from data.service.events import delete_event, edit_event, log
from data.service.files import (
    add_demo,
    calendar_id,
    export_whole_csv,
    export_whole_json,
    import_contacts,
    import_whole,
    plan_contact_import,
    what_if,
)
from data.service.followups import (
    add_followup,
    dismiss,
    done,
    done_kind,
    followup,
    reassign,
    reopen,
    snooze,
)
from data.service.morning import MorningView, christmas_cards, due, morning, pipeline
from data.service.opening import open_store
from data.service.undo import Reverse, undo_delete, undo_followup_change, undo_log
from data.store import WEEK, Ambiguous, NotFound, Store, StoreError

__all__ = [
    "WEEK",
    "Ambiguous",
    "DatabaseError",
    "MorningView",
    "NotFound",
    "Reverse",
    "Store",
    "StoreError",
    "add_customer",
    "add_demo",
    "add_followup",
    "calendar_id",
    "christmas_cards",
    "customer_card",
    "delete_event",
    "dismiss",
    "done",
    "done_kind",
    "due",
    "edit_customer",
    "edit_event",
    "erase_customer",
    "export_customer",
    "export_whole_csv",
    "export_whole_json",
    "find_customer",
    "followup",
    "import_contacts",
    "import_whole",
    "list_customers",
    "log",
    "morning",
    "open_store",
    "pipeline",
    "plan_contact_import",
    "reassign",
    "reopen",
    "snooze",
    "undo_delete",
    "undo_followup_change",
    "undo_log",
    "what_if",
]
