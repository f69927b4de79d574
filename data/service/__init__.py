"""The use cases both front ends call: one function per thing a member does.

The app (`tui/`) and the command line (`cli/`) turn a key press or an argument
into one of these calls, and the result into words; neither settles, queries
or applies a rule itself. Each function runs over the store, whose every
method is one transaction (its unit of work, `data.store.core`); where a use
case takes two steps, such as letting time do its work before reading what is
due, the order is decided here, once.
"""

from __future__ import annotations

import importlib
from typing import Any

from data.errors import (
    AheadOfClock,
    Ambiguous,
    ChangedMeanwhile,
    DatabaseError,
    Duplicate,
    KindsInUse,
    NotFound,
    RulesDiffer,
    StoreError,
)
from data.records import WEEK

# Where each use case lives. They are loaded on first use, so that importing
# the service (as every screen does) costs nothing before the database is
# opened, and the app draws its first frame without the database code.
_HOME = {
    "MorningView": "data.records",
    "Reverse": "data.service.undo",
    "Store": "data.store",
    "ChangeWatch": "data.watch",
    "watch_changes": "data.service.opening",
    "database_health": "data.service.opening",
    "join_database": "data.service.opening",
    "rederive_under_way": "data.service.opening",
    "add_customer": "data.service.customers",
    "plan_order_import": "data.service.orders",
    "import_orders": "data.service.orders",
    "undo_orders": "data.service.orders",
    "set_password": "data.service.members",
    "remove_password": "data.service.members",
    "list_members": "data.service.members",
    "anyone_signs_in": "data.service.members",
    "check_password": "data.service.members",
    "signing_key": "data.service.members",
    "apply_rules": "data.service.coop",
    "history": "data.service.coop",
    "rulebook_in_force": "data.service.coop",
    "add_demo": "data.service.transfers",
    "backup": "data.service.transfers",
    "read_whole_export": "data.service.transfers",
    "restore": "data.service.transfers",
    "add_followup": "data.service.followups",
    "calendar_id": "data.service.transfers",
    "christmas_cards": "data.service.reading",
    "customer": "data.service.customers",
    "customer_card": "data.service.customers",
    "event": "data.service.events",
    "default_period": "data.service.figures",
    "delete_event": "data.service.events",
    "restore_event": "data.service.events",
    "dismiss": "data.service.followups",
    "done": "data.service.followups",
    "done_kind": "data.service.followups",
    "done_many": "data.service.followups",
    "christmas_cards_done": "data.service.followups",
    "undo_followup_changes": "data.service.undo",
    "due": "data.service.reading",
    "due_later": "data.service.reading",
    "edit_customer": "data.service.customers",
    "edit_event": "data.service.events",
    "erase_customer": "data.service.customers",
    "export_customer": "data.service.customers",
    "export_whole_csv": "data.service.transfers",
    "export_whole_json": "data.service.transfers",
    "find_customer": "data.service.customers",
    "followup": "data.service.followups",
    "insights": "data.service.figures",
    "import_contacts": "data.service.transfers",
    "import_whole": "data.service.transfers",
    "list_customers": "data.service.customers",
    "log": "data.service.events",
    "merge_customers": "data.service.merging",
    "undo_merge": "data.service.merging",
    "moved_customers": "data.service.figures",
    "morning": "data.service.reading",
    "open_store": "data.service.opening",
    "pipeline": "data.service.reading",
    "plan_contact_import": "data.service.transfers",
    "read_morning": "data.sql.first_read",
    "holds_customers": "data.sql.first_read",
    "settled_reading": "data.sql.settled",
    "log_plainly": "data.store.plain_log",
    "reassign": "data.service.followups",
    "reopen": "data.service.followups",
    "snooze": "data.service.followups",
    "undo_delete": "data.service.undo",
    "undo_followup_change": "data.service.undo",
    "undo_log": "data.service.undo",
    "what_if": "data.service.transfers",
}

__all__ = [
    "WEEK",
    "AheadOfClock",
    "Ambiguous",
    "ChangedMeanwhile",
    "DatabaseError",
    "Duplicate",
    "KindsInUse",
    "NotFound",
    "RulesDiffer",
    "StoreError",
    *_HOME,
]


def __getattr__(name: str) -> Any:
    if name not in _HOME:
        raise AttributeError(f"module 'data.service' has no attribute {name!r}")
    value = getattr(importlib.import_module(_HOME[name]), name)
    globals()[name] = value  # found once, then an ordinary attribute
    return value
