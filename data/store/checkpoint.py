"""Copying SQLite's write-ahead log back into the database, off the writer's path.

SQLite's automatic checkpoint runs inside whichever commit crosses its
threshold, so every sixtieth or so logged event waited for a full copy and
fsync of the database file. The store switches that off and lets this thread
checkpoint once writing pauses (or every few seconds of steady writing).
"""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

QUIET_SECONDS = 0.5  # checkpoint once no write has come for this long
LONGEST_WAIT_SECONDS = 5.0  # ... or after this long of steady writing


class Checkpointer:
    """A daemon thread that runs a PASSIVE checkpoint after writes settle."""

    def __init__(self, path: Path, busy_timeout_ms: int) -> None:
        self._path = path
        self._busy_timeout_ms = busy_timeout_ms
        self._wrote = threading.Event()
        self._stopping = False
        self._thread = threading.Thread(target=self._run, name="ladder-checkpoint", daemon=True)
        self._thread.start()

    def wrote(self) -> None:
        """Note that a write transaction committed."""
        self._wrote.set()

    def stop(self) -> None:
        """Checkpoint what is pending and end the thread."""
        self._stopping = True
        self._wrote.set()
        self._thread.join()

    def _run(self) -> None:
        connection: sqlite3.Connection | None = None
        while not self._stopping:
            self._wrote.wait()
            self._wrote.clear()
            started = time.monotonic()
            while (
                not self._stopping
                and time.monotonic() - started < LONGEST_WAIT_SECONDS
                and self._wrote.wait(QUIET_SECONDS)
            ):
                self._wrote.clear()
            try:
                connection = connection or self._connect()
                connection.execute("PRAGMA wal_checkpoint(PASSIVE)")
            except sqlite3.Error:
                continue  # busy or gone: the next write retries, and closing checkpoints anyway
        if connection is not None:
            connection.close()

    def _connect(self) -> sqlite3.Connection:
        connection = sqlite3.connect(self._path, isolation_level=None, check_same_thread=False)
        connection.execute(f"PRAGMA busy_timeout={self._busy_timeout_ms}")
        connection.execute("PRAGMA synchronous=FULL")
        return connection
