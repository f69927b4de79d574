"""A signed-in browser: a cookie that says who and until when, signed with the
co-op's key (`service.signing_key`), so that nothing the browser sends can choose
another member."""

from __future__ import annotations

import base64
import hashlib
import hmac
import time

COOKIE = "ladder_seat"


def issue(member: str, key: bytes, lasts_s: float, now: float | None = None) -> str:
    """A cookie value for `member`, good for `lasts_s` seconds from `now`."""
    until = int((now if now is not None else time.time()) + lasts_s)
    payload = f"{until}|{member}".encode()
    mac = hmac.new(key, payload, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(payload + b"|" + mac).decode("ascii")


def member_of(value: str | None, key: bytes, now: float | None = None) -> str | None:
    """Whose cookie this is, if it is ours and still good; else None."""
    if not value:
        return None
    try:
        raw = base64.urlsafe_b64decode(value.encode("ascii"))
    except (ValueError, UnicodeEncodeError):
        return None
    size = hashlib.sha256().digest_size
    payload, mac = raw[: -size - 1], raw[-size:]
    expected = hmac.new(key, payload, hashlib.sha256).digest()
    if not hmac.compare_digest(mac, expected):
        return None
    until, _, member = payload.decode("utf-8", errors="replace").partition("|")
    if not until.isdigit() or int(until) < (now if now is not None else time.time()):
        return None
    return member or None
