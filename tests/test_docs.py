"""The docs name real files: a path a reader follows must lead somewhere."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("ladder", "data", "present", "cli", "tui", "seat")  # a table names paths inside one
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
# `data/store/derive/plan.py`, `tui/screens/`: a path with a folder in it, in backticks
NAMED_PATH = re.compile(r"`((?:[\w.-]+/)+[\w.-]*)`")


@pytest.mark.parametrize("doc", DOCS, ids=lambda path: path.name)
def test_every_path_a_doc_names_exists(doc: Path):
    named = {match for match in NAMED_PATH.findall(doc.read_text("utf-8"))}
    missing = sorted(
        path
        for path in named
        if not path.startswith(("~", "/"))
        and not any((base / path).exists() for base in (ROOT, *(ROOT / p for p in PACKAGES)))
    )
    assert not missing, f"{doc.name} names paths that do not exist: {missing}"
