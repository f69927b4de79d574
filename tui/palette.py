"""The command palette: every action by name, and a jump to any customer."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.markup import escape

from data import service
from data.records import CustomerSummary

if TYPE_CHECKING:
    from tui.app import LadderApp

ACTIONS = (
    ("key.log", "log_contact"),
    ("customer.add_title", "add_customer"),
    ("key.undo", "undo"),
    ("key.customers", "customers"),
    ("insights.title", "insights"),
    ("key.print", "screen.print"),
    ("key.mine", "screen.toggle_mine"),
    ("key.refresh", "screen.reload"),
    ("file.export_followups", "export_followups"),
    ("file.card_labels", "card_labels"),
    ("file.import", "import_contacts"),
    ("file.import_orders", "import_orders"),
    ("file.export_database", "export_database"),
    ("file.backup", "backup"),
    ("file.export_person", "screen.export_person"),
    ("key.erase", "screen.erase_person"),
    ("key.help", "help"),
    ("key.quit", "quit"),
)


class LadderCommands(Provider):
    """Actions in the member's language, then customers by name."""

    @property
    def ladder_app(self) -> LadderApp:
        """The app, typed: the palette opens only in a `LadderApp`."""
        return cast("LadderApp", self.app)

    async def startup(self) -> None:
        app = self.ladder_app
        self.customers: list[CustomerSummary] = []
        if app.store is not None:
            ok, found = await app.db(service.list_customers, app.settings.today)
            if ok:
                self.customers = found

    def _actions(self) -> Iterator[tuple[str, str]]:
        app = self.ladder_app
        screen_actions = {name for _, name in ACTIONS if name.startswith("screen.")}
        for key, action in ACTIONS:
            if action in screen_actions and not hasattr(app.screen, f"action_{action[7:]}"):
                continue
            yield app.tr(key), action

    async def _run(self, action: str) -> None:
        await self.ladder_app.run_action(action)

    async def discover(self) -> Hits:
        for label, action in self._actions():
            yield DiscoveryHit(label, partial(self._run, action))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        app = self.ladder_app
        for label, action in self._actions():
            score = matcher.match(label)
            if score > 0:
                yield Hit(score, matcher.highlight(label), partial(self._run, action))
        opener = app.tr("palette.customer")
        for customer in self.customers:
            text = f"{opener}: {customer.name}"
            score = matcher.match(text)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(escape(text)),  # highlight reads markup; a name is text
                    partial(app.open_customer, customer.id),
                    help=customer.rung.label(app.lang),
                )
            await asyncio.sleep(0)
