"""Sign-in attempts slowed per member and per address: at most a few failures a
minute each, answered the same whether the member exists or not."""

from __future__ import annotations

import time
from collections import defaultdict, deque

FAILURES_A_MINUTE = 5
WINDOW_S = 60.0


class SignInLimits:
    def __init__(self, allowed: int = FAILURES_A_MINUTE, window_s: float = WINDOW_S) -> None:
        self.allowed = allowed
        self.window_s = window_s
        self._failures: dict[str, deque[float]] = defaultdict(deque)

    def blocked(self, *keys: str, now: float | None = None) -> bool:
        """Whether any of `keys` (the member's name, the address) failed too often."""
        moment = time.monotonic() if now is None else now
        return any(len(self._recent(key, moment)) >= self.allowed for key in keys)

    def failed(self, *keys: str, now: float | None = None) -> None:
        moment = time.monotonic() if now is None else now
        for key in keys:
            self._recent(key, moment).append(moment)

    def _recent(self, key: str, now: float) -> deque[float]:
        times = self._failures[key]
        while times and now - times[0] > self.window_s:
            times.popleft()
        return times
