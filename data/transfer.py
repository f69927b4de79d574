"""The whole database as one JSON document (lossless) or as CSV files for spreadsheets.

`read_export` turns the JSON back into the facts `Store.load` takes, so that
export → import into an empty database → export gives the same document.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Float, Integer

from data.formats.safe_csv import csv_text
from data.member_files import check_output, private_folder, write_private
from data.store import Store
from data.store.whole import FACT_TABLES

FORMAT = "ladder-export"
VERSION = 1


MAX_INTEGER = 2**63 - 1  # what either database's integer column holds


class ExportFileError(ValueError):
    """A file that is not a Ladder export; the message says what is wrong."""


def export_document(store: Store) -> dict[str, Any]:
    facts = store.dump()
    return {
        "format": FORMAT,
        "version": VERSION,
        "rules_fingerprint": store.rules.fingerprint,
        "rulebook": store.rules.text,  # the co-op's, so that an import follows it too
        **{name: [_plain(row) for row in rows] for name, rows in facts.items()},
    }


def export_json(store: Store) -> str:
    return json.dumps(export_document(store), ensure_ascii=False, indent=1)


def export_csv(store: Store, folder: Path, *, force: bool = False) -> list[Path]:
    """One CSV file a table (members, customers, events, follow-ups) in `folder`.

    The folder is made private (0700) if new; one that is there is left as it
    is (a shared folder stays shared: each file in it is private). Each file is
    written as `data.member_files.write_private` writes, none replaced without `force`.
    """
    if not folder.is_dir():
        private_folder(folder)
    dump = store.dump()
    targets = {name: folder / f"{name}.csv" for name in dump}
    for path in targets.values():  # refuse before writing any, not half-way
        check_output(path, force=force)
    for name, rows in dump.items():
        columns = [c.name for c in FACT_TABLES[name].__table__.columns]
        body = [[_plain(row)[c] for c in columns] for row in rows]
        write_private(targets[name], csv_text(columns, body).encode("utf-8"), force=force)
    return list(targets.values())


def read_export(text: str) -> dict[str, list[dict[str, Any]]]:
    """The facts of an export document, typed as the tables want them."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ExportFileError(f"not JSON: {exc}") from None
    except RecursionError:
        raise ExportFileError("not a Ladder export: nested too deep") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ExportFileError('not a Ladder export (no "format": "ladder-export")')
    if document.get("version") != VERSION:
        raise ExportFileError(f"export version {document.get('version')!r} is not {VERSION}")
    known = {"format", "version", "rules_fingerprint", "rulebook", *FACT_TABLES}
    unknown = sorted(set(document) - known)
    if unknown:  # a table we do not know would be dropped in silence
        raise ExportFileError(f"unknown part(s) of the file: {', '.join(unknown)}")
    facts = {}
    for name, table in FACT_TABLES.items():
        rows = document.get(name, [])
        if not isinstance(rows, list):
            raise ExportFileError(f"{name}: expected a list")
        columns = {c.name: c for c in table.__table__.columns}
        typed = []
        for index, row in enumerate(rows):
            if not isinstance(row, dict) or set(row) - set(columns):
                raise ExportFileError(f"{name}[{index}]: unexpected fields")
            try:
                typed.append({key: _typed(columns[key].type, value) for key, value in row.items()})
            except (TypeError, ValueError) as exc:
                raise ExportFileError(f"{name}[{index}]: {exc}") from None
        facts[name] = typed
    rulebook = document.get("rulebook")
    if rulebook is not None and not isinstance(rulebook, str):
        raise ExportFileError("rulebook: expected the rulebook's text")
    facts[RULEBOOK] = [{"text": rulebook}] if rulebook else []
    return facts


RULEBOOK = "rulebook"  # the part of an export holding the co-op's rulebook (not a table)


def _plain(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, date | datetime) else v for k, v in row.items()}


def _typed(kind: Any, value: Any) -> Any:
    kind = getattr(kind, "impl", kind)  # SQLModel's own types decorate the plain ones
    if value is None:
        return None
    if isinstance(kind, DateTime):
        return datetime.fromisoformat(value)
    if isinstance(kind, Date):
        return date.fromisoformat(value)
    if isinstance(kind, Boolean):
        if not isinstance(value, bool):
            raise TypeError(f"expected true or false, got {value!r}")
        return value
    if isinstance(kind, Integer):
        if not isinstance(value, int) or isinstance(value, bool):
            raise TypeError(f"expected a whole number, got {value!r}")
        if not 0 <= value <= MAX_INTEGER:
            raise ValueError(f"{value} is out of range")
        return value
    if isinstance(kind, Float):
        return float(value)
    if not isinstance(value, str):
        raise TypeError(f"expected text, got {value!r}")
    return value
