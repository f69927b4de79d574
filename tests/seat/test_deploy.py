"""The deployment files README shows agree with `ladder serve`: the port, the
loopback address, the websocket upgrade, and no secret on a command line."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


def test_the_unit_and_the_proxies_point_at_the_same_seat():
    unit = (DEPLOY / "ladder.service").read_text()
    (start,) = [line for line in unit.splitlines() if line.startswith("ExecStart=")]
    assert "serve --host 127.0.0.1 --port 8000" in start and "postgresql://" not in start
    assert "EnvironmentFile=/etc/ladder/ladder.env" in unit
    assert "LADDER_DB=" in (DEPLOY / "ladder.env.example").read_text()
    assert "reverse_proxy 127.0.0.1:8000" in (DEPLOY / "Caddyfile").read_text()
    nginx = (DEPLOY / "nginx.conf").read_text()
    assert "proxy_pass http://127.0.0.1:8000;" in nginx
    assert "proxy_set_header Upgrade $http_upgrade;" in nginx


@pytest.mark.skipif(not shutil.which("systemd-analyze"), reason="systemd-analyze is not here")
def test_the_unit_file_is_one_systemd_reads(tmp_path):
    copy = tmp_path / "ladder.service"
    copy.write_text((DEPLOY / "ladder.service").read_text())
    checked = subprocess.run(
        ["systemd-analyze", "verify", str(copy)], capture_output=True, text=True
    )
    problems = [
        line
        for line in checked.stderr.splitlines()
        if "ladder.service" in line and "Command /opt/ladder" not in line
    ]
    assert problems == []
