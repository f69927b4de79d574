"""Ladder's records as JSON: the command's `--json` output, exports and a
person's right-of-access file share these shapes (keys may be added, never
renamed)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ladder import Transition
from ladder.phones import shown
from present.i18n import followup_reason
from present.settings import Settings

if TYPE_CHECKING:
    from data.records import (
        CustomerCard,
        CustomerInfo,
        CustomerSummary,
        Entry,
        EventInfo,
        FollowupInfo,
        LogResult,
        Merged,
    )


def entry_json(entry: Entry) -> dict[str, Any]:
    """One line of the record of who did what."""
    return {
        "id": entry.id,
        "at": entry.at.isoformat(),
        "member": entry.member,
        "action": entry.action,
        "customer_id": entry.customer_id,
        "customer": entry.customer or None,
        "record": entry.record,
    }


def _iso(day) -> str | None:
    return day.isoformat() if day else None


# -- JSON documents (keys may be added, never renamed) ---------------------------


def summary_json(customer: CustomerSummary) -> dict[str, Any]:
    return {
        "id": customer.id,
        "name": customer.name,
        "organisation": customer.organisation,
        "rung": customer.rung.id,
        "score": round(customer.score, 3),
        "at_risk": customer.at_risk,
        "last_event": _iso(customer.last_event_on),
        "email": customer.email,
        "phone": shown(customer.phone),
    }


def info_json(info: CustomerInfo) -> dict[str, Any]:
    return {
        "id": info.id,
        "name": info.name,
        "organisation": info.organisation,
        "email": info.email,
        "phone": shown(info.phone),
        "address": info.address,
        "birthday": _iso(info.birthday),
        "since": _iso(info.since),
        "tags": [tag for tag in info.tags.split(",") if tag],
        "notes": info.notes,
        "owner": info.owner,
        "version": info.version,
    }


def event_json(event: EventInfo) -> dict[str, Any]:
    return {
        "id": event.id,
        "kind": event.kind,
        "on": event.on.isoformat(),
        "emotional": event.emotional,
        "note": event.note,
        "logged_by": event.logged_by,
        "version": event.version,
    }


def transition_json(tr: Transition) -> dict[str, Any]:
    return {
        "on": tr.on.isoformat(),
        "from": tr.from_rung.id,
        "to": tr.to_rung.id,
        "reason": tr.reason.value,
        "event_id": tr.event_id,
        "score_before": round(tr.score_before, 3),
        "score_after": round(tr.score_after, 3),
    }


def card_json(card: CustomerCard, settings: Settings) -> dict[str, Any]:
    return {
        **info_json(card.info),
        "rung": card.rung.id,
        "score": round(card.score, 3),
        "at_risk": card.at_risk,
        "events": [event_json(e) for e in card.events],
        "transitions": [transition_json(tr) for tr in card.transitions],
        "followups": [
            {
                "id": f.id,
                "kind": f.rule,
                "due": f.shown_due.isoformat(),
                "state": f.state,
                "reason": followup_reason(f, settings.rules, settings.lang),
            }
            for f in card.followups
        ],
    }


def merged_json(merged: Merged) -> dict[str, Any]:
    return {
        "kept": info_json(merged.kept),
        "gone": {"id": merged.gone.id, "name": merged.gone.name},
        "events_moved": list(merged.events),
        "followups_moved": [row_id for row_id, _ in merged.followups],
        "filled": list(merged.filled),
    }


def log_json(result: LogResult) -> dict[str, Any]:
    move = result.transition
    return {
        "event_id": result.event_id,
        "rung": result.rung.id,
        "transition": None
        if move is None
        else {"from": move.from_rung.id, "to": move.to_rung.id, "reason": move.reason.value},
        "followups_created": [
            {"id": f.id, "kind": f.rule, "due": f.due.isoformat()} for f in result.created
        ],
        "followups_closed": result.closed,
    }


def followup_json(f: FollowupInfo, settings: Settings) -> dict[str, Any]:
    return {
        "id": f.id,
        "customer_id": f.customer_id,
        "customer": f.customer,
        "rung": f.rung.id,
        "kind": f.rule,
        "due": f.shown_due.isoformat(),
        "overdue": f.overdue(settings.today),
        "reason": followup_reason(f, settings.rules, settings.lang),
        "member": f.member,
        "state": f.state,
        "phone": shown(f.phone),
        "email": f.email,
    }


def person_json(export: dict[str, Any], settings: Settings) -> dict[str, Any]:
    """Everything held about one person (right of access), as plain JSON."""
    info = export["customer"]
    written = export["written"]
    created, updated = written["customer"]
    return {
        "customer": {
            **info_json(info),
            "created_at": _iso(created),
            "updated_at": _iso(updated),
        },
        "rung": export["rung"].id,
        "events": [
            {**event_json(e), "created_at": _iso(written["events"].get(e.id))}
            for e in export["events"]
        ],
        "transitions": [transition_json(tr) for tr in export["transitions"]],
        "followups": [
            {
                **followup_json(f, settings),
                "note": f.note,
                "made_on": _iso(f.made_on),
                "snoozed_until": _iso(f.snoozed_until),
                "closed_on": _iso(f.closed_on),
                "created_at": _iso(written["followups"].get(f.id)),
            }
            for f in export["followups"]
        ],
        "history": [entry_json(entry) for entry in export["history"]],
    }
