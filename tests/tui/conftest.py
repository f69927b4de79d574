"""An app on a temp demo database, in either language, and helpers to drive it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from data.demo import demo_coop
from data.store import Store
from ladder import default_rulebook
from present.settings import Settings
from tests.conftest import TODAY
from tui.app import LadderApp

SIZE = (150, 44)


@pytest.fixture
def demo_path(tmp_path: Path) -> str:
    path = str(tmp_path / "demo.db")
    store = Store.open(path, default_rulebook(), TODAY)
    store.add_histories(demo_coop(TODAY), TODAY, member="Liisa")
    store.close()
    return path


@pytest.fixture
def store(demo_path: str) -> Iterator[Store]:
    opened = Store.open(demo_path, default_rulebook(), TODAY)
    yield opened
    opened.close()


def settings_for(location: str, lang: str = "en") -> Settings:
    return Settings(
        location=location,
        rules=default_rulebook(),
        today=TODAY,
        member="Liisa",
        lang=lang,
        sources={"database": "option", "member": "option"},  # as `--db` names it
    )


@pytest.fixture
def make_app(demo_path: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("LADDER_PRINT_DIR", str(tmp_path / "printed"))
    monkeypatch.setattr("present.printing.shutil.which", lambda name: None)

    def make(lang: str = "en") -> LadderApp:
        return LadderApp(settings_for(demo_path, lang))

    return make


async def settle(pilot) -> None:
    """Let the workers finish and the screen repaint."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
