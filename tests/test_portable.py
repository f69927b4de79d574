"""Ladder runs where a co-op's members are, Windows laptops included: no module
of ours needs what only POSIX has (`fcntl`, `termios`, `pwd`) to be imported."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("ladder", "data", "present", "cli", "tui", "seat")

IMPORT_ALL = """
import importlib, pkgutil, sys
for posix_only in ("fcntl", "termios", "pwd", "grp", "tty"):
    sys.modules[posix_only] = None  # importing it now raises ImportError
for package in {packages!r}:
    root = importlib.import_module(package)
    for found in pkgutil.walk_packages(root.__path__, package + "."):
        importlib.import_module(found.name)
print("imported")
"""


def test_every_module_imports_without_posix_only_modules():
    done = subprocess.run(
        [sys.executable, "-c", IMPORT_ALL.format(packages=PACKAGES)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "imported"
