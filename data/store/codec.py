"""The fold's state as JSON, so a customer's next event can be stepped incrementally.

Python's float repr round-trips exactly, so a decoded state steps to exactly
the same numbers as a full replay would.
"""

from __future__ import annotations

import json
from datetime import date

from ladder import CustomerState, Rung
from ladder.fold import BreakSnapshot


def encode_state(state: CustomerState) -> str:
    """The state without its transitions (those live in their own table)."""
    broken = state.broken
    return json.dumps(
        {
            "rung": int(state.rung),
            "score": state.score,
            "last_event": [state.last_event[0].isoformat(), state.last_event[1]]
            if state.last_event
            else None,
            "events": state.events,
            "positives": state.positives,
            "emotional_positives": state.emotional_positives,
            "referrals": state.referrals,
            "negatives": state.negatives,
            "last_negative_on": _iso(state.last_negative_on),
            "broken": None
            if broken is None
            else {
                "on": broken.on.isoformat(),
                "score": broken.score,
                "positives": broken.positives,
                "emotional_positives": broken.emotional_positives,
                "referrals": broken.referrals,
            },
        }
    )


def decode_state(text: str) -> CustomerState:
    raw = json.loads(text)
    last = raw["last_event"]
    broken = raw["broken"]
    return CustomerState(
        rung=Rung(raw["rung"]),
        score=raw["score"],
        last_event=(date.fromisoformat(last[0]), last[1]) if last else None,
        events=raw["events"],
        positives=raw["positives"],
        emotional_positives=raw["emotional_positives"],
        referrals=raw["referrals"],
        negatives=raw["negatives"],
        last_negative_on=_date(raw["last_negative_on"]),
        broken=None
        if broken is None
        else BreakSnapshot(
            on=date.fromisoformat(broken["on"]),
            score=broken["score"],
            positives=broken["positives"],
            emotional_positives=broken["emotional_positives"],
            referrals=broken["referrals"],
        ),
    )


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None
