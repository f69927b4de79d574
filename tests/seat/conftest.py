"""A `ladder serve` of a demo co-op in its own process, with a member who signs in."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from data.demo import demo_coop
from data.service import set_password
from data.store import Store
from ladder import default_rulebook
from tests.conftest import TODAY

PASSWORD = "oikea-salasana"


@dataclass
class Served:
    url: str
    log: Path
    location: str

    def logged(self) -> str:
        return self.log.read_text()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    location = str(tmp_path / "coop.db")
    store = Store.open(location, default_rulebook(), TODAY)
    store.add_histories(demo_coop(TODAY), TODAY, member="Liisa")
    set_password(store, "Aino", PASSWORD, member="Aino")
    set_password(store, "Pekka", PASSWORD, member="Pekka")
    store.close()
    port = _free_port()
    log = tmp_path / "serve.log"
    environment = {**os.environ, "LADDER_DB": location, "LADDER_TODAY": "22.11.2026"}
    with log.open("w") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "tui.launch", "serve", "--port", str(port)],
            env=environment,
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=Path(__file__).resolve().parents[2],
        )
    try:
        deadline = time.monotonic() + 20
        while "serving Ladder" not in log.read_text():
            assert server.poll() is None, log.read_text()
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.1)
        yield Served(f"http://127.0.0.1:{port}", log, location)
    finally:
        server.terminate()
        server.wait(timeout=20)
