"""Sentences both front ends say the same way: what logging or marking a
follow-up done did, and how an import read a file's columns."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ladder import Rulebook, explain, format_date
from ladder.phones import shown
from ladder.text import visible
from present.i18n import STRINGS, describe_error, kind_label, rule_label, t, tn

if TYPE_CHECKING:  # the file readers load only when a file is read
    from data.formats.contact_file import BadRow
    from data.records import CustomerInfo, Entry, FollowupChange, LogResult, Merged


def contact_lines(info: CustomerInfo, lang: str, *, notes: bool) -> list[str]:
    """A customer's details, one "Field: value" line each, the empty ones left out."""
    fields = [
        ("field.organisation", info.organisation),
        ("field.email", info.email),
        ("field.phone", shown(info.phone)),
        ("field.address", info.address),
        ("field.birthday", format_date(info.birthday) if info.birthday else ""),
        ("field.tags", ", ".join(tag for tag in info.tags.split(",") if tag)),
    ]
    if notes:
        fields.append(("field.notes", info.notes))
    return [f"{t(key, lang)}: {value}" for key, value in fields if value]


def log_lines(
    customer: str, kind: str, result: LogResult, rules: Rulebook, lang: str, *, numbers: bool
) -> list[str]:
    """What logging did: the event, the move, follow-ups made and closed. With
    `numbers`, the numbers a command can be given next (the command line)."""
    saved = t("log.saved", lang, customer=customer, kind=kind_label(kind, rules, lang))
    lines = [saved + (f" (#{result.event_id})" if numbers else "")]
    if result.transition is not None:
        lines.append(explain(result.transition, lang))
    for f in result.created:
        item = f"{rule_label(f.rule, rules, lang)} {format_date(f.due)}"
        lines.append(t("log.created", lang, items=item) + (f" (#{f.id})" if numbers else ""))
    if result.closed:
        closed = tn("log.closed", len(result.closed), lang)
        lines.append(closed + (" " + ", ".join(f"#{i}" for i in result.closed) if numbers else ""))
    return lines


def done_lines(
    change: FollowupChange, kind: str | None, rules: Rulebook, lang: str, *, numbers: bool
) -> list[str]:
    """What marking a follow-up done did: the task closed, and the event it logged."""
    f = change.followup
    task = rule_label(f.rule, rules, lang)
    number = f"#{f.id} " if numbers else ""
    if kind is None or change.logged is None:
        return [number + t("done.closed", lang, customer=f.customer, task=task)]
    label = kind_label(kind, rules, lang)
    _logged, *moved = log_lines(f.customer, kind, change.logged, rules, lang, numbers=numbers)
    key = "done.logged" if change.closed_before_by is None else "done.closed_before"
    who = change.closed_before_by or t("who.rules", lang)
    logged = t(key, lang, customer=f.customer, task=task, kind=label, who=who)
    if numbers:
        logged += f" (#{change.logged.event_id})"
    return [number + logged, *moved]


def merged_lines(merged: Merged, lang: str) -> list[str]:
    """What a merge did: whose record went where, what moved, what was filled in."""
    lines = [
        t(
            "merge.done",
            lang,
            gone=f"#{merged.gone.id} {merged.gone.name}",
            kept=f"#{merged.kept.id} {merged.kept.name}",
        ),
        tn("merge.events", len(merged.events), lang)
        + ", "
        + tn("merge.followups", len(merged.followups), lang),
    ]
    if merged.filled:
        fields = ", ".join(field_word(field, lang) for field in merged.filled)
        lines.append(t("import.fills", lang, fields=fields))
    return lines


def bad_row_reason(bad: BadRow, lang: str) -> str:
    """Why an import cannot take a row, in `lang` when the reader said it by key."""
    return describe_error(bad.error, lang) if bad.error is not None else bad.reason


def bad_row_line(bad: BadRow, lang: str) -> str:
    """A row an import cannot take, as every front end lists it: "rivi 3: why"."""
    return f"{t('import.line', lang)} {bad.line}: {bad_row_reason(bad, lang)}"


def field_word(field: str, lang: str) -> str:
    """A customer field's name as a member reads it."""
    key = f"field.{field}"
    return t(key, lang) if key in STRINGS else field


def mapping_lines(found, lang: str) -> list[str]:
    """How each column was read, then the columns not imported with how many rows had them.

    A column's title is the file's, unchecked like no value is: shown, never obeyed."""
    lines = [
        t(
            "import.mapped",
            lang,
            items=", ".join(
                f"{visible(title)} → {field_word(field, lang)}" for title, field in found.mapping
            ),
        )
    ]
    if found.ignored:
        items = ", ".join(
            f"{visible(title)} ({tn('import.rows', count, lang)})"
            for title, count in found.ignored.items()
        )
        lines.append(t("import.ignored", lang, items=items))
    return lines


def action_line(entry: Entry, lang: str) -> str:
    """What an entry of the record says was done: `Kirjasi tapahtuman #12`."""
    return (
        f"{t(f'action.{entry.action}', lang)}: {entry.record}"
        if entry.record
        else t(f"action.{entry.action}", lang)
    )
