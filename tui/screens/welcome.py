"""The first start: start a co-op here, join the co-op's shared database, or try
the demo; and the member's name. The choice is kept in the settings file, so the
next start goes straight to the morning (README, "Joining your co-op")."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

from data import service
from data.locations import default_location
from data.service import DatabaseError
from present.i18n import describe_error
from present.settings import Settings
from tui.screens.base import LadderScreen
from tui.widgets.fitting_footer import FittingFooter

NEW, JOIN, DEMO = "new", "join", "demo"


def needs_welcome(settings: Settings) -> bool:
    """Nobody said which database, and the one in the data folder holds no customer
    (none yet, or one a command made before the app was first opened): a first start,
    which must not quietly make a second, empty co-op."""
    return not settings.database_chosen and not service.holds_customers(settings.location)


@dataclass(frozen=True)
class Choice:
    """Where the member's co-op is (a file, or an address without its password)."""

    how: str  # NEW, JOIN or DEMO
    location: str
    member: str


class WelcomeScreen(LadderScreen[Choice]):
    """Shown when no database is set and there is none yet in the data folder."""

    HELP_TITLE = "welcome.title"

    def compose(self) -> ComposeResult:
        app = self.ladder_app
        with Vertical(classes="dialog", id="welcome-dialog"):
            yield Label(app.tr("welcome.title"), classes="dialog-title")
            yield Static(app.tr("welcome.intro"), id="welcome-intro")
            yield Label(app.tr("welcome.name"))
            yield Input(app.settings.member, id="welcome-name", compact=True)
            with Vertical(id="choices"):
                yield Button(app.tr("welcome.new"), id=NEW, variant="primary", compact=True)
                yield Button(app.tr("welcome.join"), id=JOIN, compact=True)
                yield Button(app.tr("welcome.demo"), id=DEMO, compact=True)
            with Vertical(id="join-fields"):
                yield Label(app.tr("welcome.server"))
                yield Input(placeholder="db.osuuskunta.fi", id="join-server", compact=True)
                yield Label(app.tr("welcome.database"))
                yield Input("ladder", id="join-database", compact=True)
                yield Label(app.tr("welcome.user"))
                yield Input(placeholder="aino", id="join-user", compact=True)
                yield Label(app.tr("welcome.password"))
                yield Input(password=True, id="join-password", compact=True)
                with Horizontal(classes="buttons"):
                    yield Button(
                        app.tr("welcome.connect"), id="connect", variant="primary", compact=True
                    )
                    yield Button(app.tr("key.back"), id="back", compact=True)
            yield Static("", id="welcome-problem", markup=False)
        yield FittingFooter(show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#join-fields").display = False
        self.query_one("#welcome-name", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter moves on, as in every form: from the name to the first choice, from a
        field of the address to the next, and from the password it connects."""
        event.stop()
        order = ["welcome-name", *(f"join-{key}" for key in JOIN_KEYS), "join-password"]
        here = event.input.id or ""
        if here == "join-password":
            name = self._typed_name()
            if name is not None:
                self.connect(name)
        elif here == "welcome-name":
            joining = self.query_one("#join-fields").display
            self.query_one("#join-server" if joining else f"#{NEW}").focus()
        elif here in order:
            self.query_one(f"#{order[order.index(here) + 1]}").focus()

    def _typed_name(self) -> str | None:
        name = self.query_one("#welcome-name", Input).value.strip()
        if not name:
            self._tell(self.ladder_app.tr("welcome.name_needed"))
            return None
        return name

    def _tell(self, text: str) -> None:
        self.query_one("#welcome-problem", Static).update(Text(text))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        name = self._typed_name()
        if name is None:
            return
        if event.button.id == NEW:
            self.dismiss(Choice(NEW, str(default_location()), name))
        elif event.button.id == DEMO:
            self.dismiss(Choice(DEMO, str(default_location().with_name("demo.db")), name))
        elif event.button.id in (JOIN, "back"):
            joining = event.button.id == JOIN
            self.query_one("#join-fields").display = joining
            self.query_one("#choices").display = not joining
            user = self.query_one("#join-user", Input)
            if joining and not user.value:
                user.value = name.split()[0].lower()  # as a server's user names usually are
            self.query_one("#welcome-intro").display = not joining
            self._tell("")
            self.query_one("#join-server" if joining else f"#{JOIN}").focus()
        elif event.button.id == "connect":
            self.connect(name)

    @work(exclusive=True, group="join")
    async def connect(self, name: str) -> None:
        """Try the address with the password; only when it opens is anything kept."""
        app = self.ladder_app
        value = {key: self.query_one(f"#join-{key}", Input).value.strip() for key in JOIN_KEYS}
        if not value["server"]:
            self._tell(app.tr("welcome.server_needed"))
            return
        self._tell(app.tr("welcome.trying"))
        try:
            location = await asyncio.to_thread(
                service.join_database,
                value["server"],
                value["database"],
                value["user"],
                self.query_one("#join-password", Input).value,
            )
        except (DatabaseError, ValueError, OSError) as exc:  # said in one line
            self._tell(describe_error(exc, app.lang))
            return
        self.dismiss(Choice(JOIN, location, name))


JOIN_KEYS = ("server", "database", "user")
