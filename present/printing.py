"""The follow-up list on paper: laid out for A4, sent to `lp`, or saved to a file."""

from __future__ import annotations

import os
import shutil
import subprocess
import textwrap
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from platformdirs import user_documents_dir

from data.records import FollowupInfo
from ladder import Rulebook, format_date
from present.i18n import KeyedError, followup_reason, rule_label, t

A4_COLUMNS = 80


class PrintError(KeyedError, RuntimeError):
    """The list could not be printed or saved; `key` and `values` say why
    (`present.i18n.KeyedError`)."""


@dataclass(frozen=True)
class Printed:
    """Where the list went: a printer's name or a file's path."""

    printer: str | None = None
    path: Path | None = None


def followups_text(rows: list[FollowupInfo], today: date, rules: Rulebook, lang: str) -> str:
    """The list grouped by member, then by day, as plain text that fits A4."""
    lines = [t("print.heading", lang, day=format_date(today)), "=" * A4_COLUMNS, ""]
    if not rows:
        lines.append(t("morning.nothing_due", lang))
    by_member: dict[str, dict[date, list[FollowupInfo]]] = defaultdict(lambda: defaultdict(list))
    for row in rows:
        by_member[row.member or "–"][row.shown_due].append(row)
    for member in sorted(by_member):
        lines += [member, "-" * len(member)]
        for day in sorted(by_member[member]):
            late = f" ({t('overdue', lang)})" if day < today else ""
            lines.append(f"{format_date(day)}{late}")
            for row in by_member[member][day]:
                head = f"  [ ] {row.customer} · {reach(row, lang)} · {row.rung.label(lang)} · "
                body = f"{rule_label(row.rule, rules, lang)}: {followup_reason(row, rules, lang)}"
                lines += textwrap.wrap(
                    head + body, A4_COLUMNS, subsequent_indent=" " * 6, break_long_words=True
                )
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def reach(row: FollowupInfo, lang: str) -> str:
    """How the caller reaches the customer, or a plain word that they cannot."""
    return row.reach or t("print.no_reach", lang)


def send_to_printer(content: bytes, *, title: str = "ladder") -> str:
    """Print text or PDF with `lp`; PrintError says so clearly when there is no printer."""
    lp = shutil.which("lp")
    if lp is None:
        raise PrintError("no_lp")
    try:
        subprocess.run(
            [lp, "-t", title], input=content, check=True, capture_output=True, timeout=30
        )
    except subprocess.CalledProcessError as exc:
        detail = exc.stderr.decode("utf-8", "replace").strip() if exc.stderr else ""
        raise PrintError("lp_failed", why=detail) from None
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise PrintError("lp_failed", why=exc) from None
    return "lp"


def print_text(text: str, today: date, *, title: str = "ladder") -> Printed:
    """Send to the printer with `lp` if there is one, otherwise save a text file."""
    if shutil.which("lp"):
        return Printed(printer=send_to_printer(text.encode("utf-8"), title=title))
    folder = Path(os.environ.get("LADDER_PRINT_DIR") or user_documents_dir())
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path = _new_file(folder, f"ladder-followups-{today.isoformat()}", ".txt")
        with path.open("w", encoding="utf-8") as out:
            out.write(text)
    except OSError as exc:
        why = exc.strerror or exc
        raise PrintError("cannot_save_print", folder=folder, why=why) from None
    return Printed(path=path)


def _new_file(folder: Path, stem: str, suffix: str) -> Path:
    """A file that did not exist, created private (0600): `stem.txt`, else `stem-2.txt`, …

    A second print of the day never overwrites the first, which may be the
    one a colleague already ticked off.
    """
    for number in range(1, 1000):
        path = folder / (f"{stem}{suffix}" if number == 1 else f"{stem}-{number}{suffix}")
        try:
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        except FileExistsError:
            continue
        return path
    raise FileExistsError(f"{folder / stem}-*{suffix}")
