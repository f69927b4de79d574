"""Whole files in and out: contacts from a phone or a sheet, the demo co-op,
the whole database as JSON or CSV, and a what-if over every history."""

from __future__ import annotations

import uuid
from collections import Counter
from datetime import date
from pathlib import Path

from data import backup as backups
from data.demo import demo_coop
from data.errors import KindsInUse
from data.formats.contact_file import ContactFile
from data.importer import ImportPlan, plan_import
from data.member_files import IMPORT_LIMIT_MB, read_import
from data.records import NewCustomer
from data.service.coop import apply_rules
from data.service.customers import list_customers
from data.store import Store, StoreError
from data.store.tables import MetaRow
from data.store.whole import DATABASE_KEY, Facts
from data.transfer import RULEBOOK, ExportFileError, export_csv, export_json, read_export
from ladder import Rulebook, Rung, parse_rulebook, whatif


def plan_contact_import(store: Store, found: ContactFile) -> ImportPlan:
    """What importing `found` would do: new, duplicates of whom and by what, bad rows."""
    return plan_import(found, store.contact_index())


def import_contacts(
    store: Store,
    plan: ImportPlan,
    *,
    merge: bool,
    today: date,
    member: str,
    by_name: bool = False,
) -> tuple[int, int]:
    """The plan's new customers added (and duplicates filled in if `merge`: on the same
    e-mail or phone, and on the same name only `by_name`), in one transaction: all or
    none, and nothing from a file with bad rows."""
    if plan.bad:
        raise ValueError("the file has bad rows; nothing was imported")
    merges = [
        (d.customer_id, d.contact.details())
        for d in plan.duplicates
        if d.merged(merge, by_name) and d.customer_id is not None
    ]
    added = store.add_histories(
        [NewCustomer(details=c.details()) for c in plan.new], today, member=member, merges=merges
    )
    return len(added), len(merges)


def read_whole_export(path: Path, limit_mb: int = IMPORT_LIMIT_MB) -> Facts:
    """A whole-database export read and checked, before any database is opened."""
    try:
        text = read_import(path, limit_mb).decode("utf-8")
    except UnicodeDecodeError:
        raise ExportFileError(f"{path} is not UTF-8 text") from None
    return read_export(text)


def backup(location: str, target: Path) -> None:
    """A consistent copy of the whole database in a new private file."""
    backups.backup(location, target)


def restore(location: str, source: Path, *, empty: bool) -> None:
    """A backup put back, into an empty database only unless the member said so."""
    backups.restore(location, source, empty=empty)


def import_whole(store: Store, facts: Facts, today: date, *, member: str = "") -> None:
    """A whole export into an empty database, ids and all, and the co-op's rulebook
    it was exported with made this database's (on record, as `rules apply` does)."""
    exported = facts.pop(RULEBOOK, [])
    store.load(facts, today)
    if exported:
        rules = parse_rulebook(exported[0]["text"], source="the export's rulebook")
        apply_rules(store, rules, today, member=member)


def export_whole_json(store: Store) -> str:
    return export_json(store)


def export_whole_csv(store: Store, folder: Path, *, force: bool = False) -> list[Path]:
    return export_csv(store, folder, force=force)


def calendar_id(store: Store) -> str:
    """A name for this database that never changes, so a calendar keeps its entries' UIDs."""
    with store.write() as session:
        row = session.get(MetaRow, DATABASE_KEY)
        if row is None:
            row = MetaRow(key=DATABASE_KEY, value=uuid.uuid4().hex)
            session.add(row)
        return row.value


def add_demo(store: Store, today: date, *, member: str, seed: int, where: str) -> int:
    """The demo co-op, into an empty database only (`where` names it to the member)."""
    if list_customers(store, today):
        raise StoreError(
            "demo_not_empty",
            location=where,
        )
    return len(store.add_histories(demo_coop(today, seed), today, member=member))


def what_if(
    store: Store, proposed: Rulebook, today: date, *, name: str
) -> Counter[tuple[Rung, Rung]]:
    """How every customer's rung would differ under `proposed`, the rulebook file `name`
    (from → to: how many)."""
    histories = store.histories()
    used = Counter(e.kind for history in histories for e in history)
    missing = {kind: count for kind, count in used.items() if kind not in proposed.kinds}
    if missing:
        raise KindsInUse(name, missing)
    return whatif(histories, store.rules, proposed, today)
