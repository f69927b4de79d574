"""Peak memory of reading an import file, against the file's own size.

Each file is read in a process of its own, and so is a baseline that imports the
same reader and reads nothing: the row is the growth of the peak (VmHWM) over
that baseline, the ratio that growth over the file size. The target is under
five times the file: a file is read as a stream and only the checked contacts
are kept.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bench.imports import TODAY, google_csv
from bench.results import Row, row

READER = """
import sys
from datetime import date
from pathlib import Path
from data.formats.contacts import read_contacts
if sys.argv[1] != "-":
    found = read_contacts(Path(sys.argv[1]), date.fromisoformat(sys.argv[2]))
    assert found.contacts or found.bad
status = open("/proc/self/status").read()
print(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM")))
"""
MB = 1024 * 1024


def run(folder: Path) -> list[Row]:
    """The rows for a CSV and a vCard of 10 MB and of 49 MB (under the 50 MB limit),
    and for one vCard of a single 24 MB folded note (which once peaked at 2.7 GB)."""
    rows = []
    for megabytes in (10, 49):
        for kind, write in (("Google Contacts CSV", _csv), ("vCard", _vcards)):
            path = folder / f"contacts-{megabytes}.{'csv' if 'CSV' in kind else 'vcf'}"
            write(path, megabytes * MB)
            rows.append(_row(f"import: peak memory reading a {megabytes} MB {kind}", path))
    huge = folder / "one-note.vcf"
    huge.write_text(_card(0, note=24 * MB), "utf-8")
    rows.append(_row("import: peak memory reading a 24 MB vCard of one folded note", huge))
    return rows


def _row(figure: str, path: Path) -> Row:
    grown = [_peak(path) - _peak(None) for _ in range(3)]
    size = path.stat().st_size
    return row(figure, grown, [size], "MiB", "< 5x the file size (baseline: the file's size)")


def _peak(path: Path | None) -> float:
    argv = [sys.executable, "-c", READER, str(path) if path else "-", TODAY.isoformat()]
    done = subprocess.run(argv, capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(done.stderr.strip().splitlines()[-1])
    return float(done.stdout) * 1024


def _csv(path: Path, size: int) -> None:
    rows = 1000
    text = google_csv(rows)
    while len(text.encode()) < size:
        rows = int(rows * size / len(text.encode())) + 1
        text = google_csv(rows)
    path.write_text(text[: text.rfind("\r\n", 0, size) + 2], "utf-8")


def _vcards(path: Path, size: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        number = 0
        while out.tell() < size - 2048:
            out.write(_card(number, note=600))
            number += 1


def _card(number: int, note: int) -> str:
    """One card as a phone exports it, its NOTE folded over 75-character lines."""
    text = "NOTE:" + ("Asiakas kävi kahvilla ja kysyi joulupöydästä. " * (note // 47 + 1))[:note]
    folded = [text[:75]] + [" " + text[i : i + 74] for i in range(75, len(text), 74)]
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        f"FN:Aino Äijälä {number}",
        f"N:Äijälä {number};Aino;;;",
        f"EMAIL;TYPE=HOME:aino{number}@example.fi",
        f"TEL;TYPE=CELL:+358 40 {number:07d}",
        f"ADR;TYPE=HOME:;;Katu {number};Helsinki;;00100;Finland",
        *folded,
        "END:VCARD",
    ]
    return "\r\n".join(lines) + "\r\n"
