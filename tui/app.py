"""The Textual app a co-op member opens every morning."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.binding import Binding
from textual.command import CommandPalette
from textual.screen import ModalScreen

from data import service
from data.locations import short_location
from data.member_files import OutputRefused
from data.records import CustomerInfo, MorningView
from data.service import DatabaseError, Duplicate, StoreError
from present.config import ConfigError, set_value
from present.i18n import KeyedError, alike_line, describe_error, moment, t
from present.printing import PrintError
from present.settings import Settings
from tui import writes
from tui.file_actions import FileActions
from tui.messages import DataChanged
from tui.palette import LadderCommands
from tui.screens.base import LadderScreen
from tui.screens.customer_form import CustomerFormModal
from tui.screens.customers import CustomersScreen
from tui.screens.duplicate import OPEN, DuplicateModal
from tui.screens.help import HelpModal, key_lines
from tui.screens.log_contact import LogContactModal, LogRequest
from tui.screens.morning import MOVES_SHOWN, ROWS_SHOWN, MorningScreen
from tui.screens.welcome import DEMO, Choice, WelcomeScreen, needs_welcome
from tui.undo import UndoStack

if TYPE_CHECKING:
    from data.service import ChangeWatch, Store


SMALL_SCREEN = 30  # rows: below this, notices come one at a time
DEMO_SEED = 2026  # the demo co-op `ladder demo` makes too
WELCOME_ACTIONS = {"help", "quit", "help_quit"}
LOOK_EVERY_S = 1.0  # how often an open app looks for colleagues' writes (shown within 2 s)


class LadderApp(FileActions, App[None]):
    """Ladder: the ladder, today's follow-ups, and logging what happened."""

    CSS_PATH = "app.tcss"
    # Only our own palette entries: Textual's built-in ones speak English alone.
    COMMANDS = {LadderCommands}
    BINDINGS = [
        Binding("l", "log_contact", "key.log"),
        Binding("n", "add_customer", "key.add"),
        Binding("c", "customers", "key.customers"),
        Binding("u,ctrl+z", "undo", "key.undo"),
        Binding("question_mark,f1", "help", "key.help"),
        Binding("q", "quit", "key.quit"),
        Binding("ctrl+p", "command_palette", "key.palette", show=False, priority=True),
    ]

    def __init__(self, settings: Settings, store: Store | None = None) -> None:
        super().__init__()
        self.settings = settings
        self.store = store
        self._owns_store = store is None
        self.opening = False  # the store is being opened (its rows may show already)
        self.title = t("app.title", settings.lang)
        self.undo = UndoStack()
        self.writes = writes.Writes(self)  # the one road for a write (`tui.writes`)
        self.colleagues: ChangeWatch | None = None  # their writes (`data.watch`)
        self.in_flight = 0  # use cases running: our own write is not a colleague's
        self.own_change = False  # the next reload follows this member's own doing

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity="information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every notice shows its text literally: it names customers, notes, paths;
        it starts with a capital, and on a small screen (24 rows) one at a time, so
        that notices never pile up over the list.

        (A name like "Liisa [vip]" read as markup would lose its words, and
        "[/]" would raise instead of telling anything.)
        """
        if self.size.height < SMALL_SCREEN:
            self.clear_notifications()
        message = message[:1].upper() + message[1:]
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The palette is the one key that reaches past a dialog (it is the app's
        priority key): while a dialog is open, it stays shut. On the first start's
        welcome only help and quit work: the rest need a database."""
        if isinstance(self.screen, WelcomeScreen):
            return action in WELCOME_ACTIONS
        return not (action == "command_palette" and isinstance(self.screen, ModalScreen))

    def action_command_palette(self) -> None:
        """Textual's palette, asking in the member's language."""
        # Textual types is_open's app as App[object], and an App's result type is invariant.
        if not CommandPalette.is_open(self):  # type: ignore[arg-type]
            placeholder = self.tr("palette.placeholder")
            self.push_screen(CommandPalette(id="--command-palette", placeholder=placeholder))

    @property
    def lang(self) -> str:
        return self.settings.lang

    def tr(self, key: str, **values: object) -> str:
        """This app's words in the member's language."""
        return t(key, self.settings.lang, **values)

    def action_help_quit(self) -> None:
        """ctrl+c: how to quit, in the member's language (Textual's own is English)."""
        self.notify(self.tr("app.how_to_quit"))

    def _fatal_error(self) -> None:
        """As Textual's crash report, without the local variables it would print: they
        hold the database's address (a password with it) and customers' data."""
        import rich
        from rich.segment import Segments
        from rich.traceback import Traceback

        self.bell()
        traceback = Traceback(show_locals=False, width=None, suppress=[rich])
        self._exit_renderables.append(
            Segments(self.console.render(traceback, self.console.options))
        )
        self._close_messages_no_wait()

    def whose(self) -> str:
        """The title bar's second part: who, and on which database (a demo says so),
        so that nobody logs into the wrong co-op."""
        where = short_location(self.settings.location)
        if where.startswith("demo"):
            where = f"{self.tr('app.demo')} ({where})"
        return f"{self.settings.member} · {where}"

    def on_mount(self) -> None:
        self.sub_title = self.whose()
        if self.store is None and needs_welcome(self.settings):
            self.push_screen(WelcomeScreen(), self._welcomed)
            return
        self._start()

    def _start(self, demo: bool = False) -> None:
        self.push_screen(MorningScreen())
        if self.store is None:
            self.run_worker(self._open_store(demo), exclusive=True, group="open")
        else:
            self._watch_colleagues()

    def _welcomed(self, choice: Choice | None) -> None:
        """Keep the member's choice (the next start goes straight to the morning), then
        open it; a demo is filled with the demo co-op."""
        if choice is None:
            self.exit()
            return
        try:
            set_value("database", choice.location)
            set_value("member", choice.member)
        except (ConfigError, OSError) as exc:
            self.notify(describe_error(exc, self.lang), severity="error", timeout=15)
        sources = {**self.settings.sources, "database": "file", "member": "file"}
        self.settings = replace(
            self.settings, location=choice.location, member=choice.member, sources=sources
        )
        self.sub_title = self.whose()
        self._start(demo=choice.how == DEMO)

    async def _open_store(self, demo: bool = False) -> None:
        settings = self.settings

        def open_store() -> Store:  # the use case is looked up, and loaded, off the UI thread
            return service.open_store(
                settings.location,
                settings.rules,
                settings.today,
                member=settings.member,
                country=settings.country,
                on_rederive=lambda done, total: self.call_from_thread(
                    self._rederiving, done, total
                ),
                chosen=settings.rules_chosen,
            )

        self.opening = True
        # The rows are read while the screen is laid out (the driver lets go of
        # the interpreter's lock as it reads); the database code loads only once
        # a frame is painted, rows or not: loading it holds that lock, and the
        # paint waited behind it (the rows at 10,000 customers: 0.81 -> 0.67 s).
        first = await asyncio.to_thread(self._first_read)
        if first is not None and isinstance(self.screen, MorningScreen):
            self.screen.show(first)
        await self._next_frame()
        try:
            store = await asyncio.to_thread(open_store)
        except (StoreError, DatabaseError, ValueError) as exc:
            self.sub_title = self.whose()  # a re-derive that failed half-way shows no progress
            error = describe_error(exc, self.lang)
            self.notify(self.tr("error.database", error=error), severity="error", timeout=30)
            return
        finally:
            self.opening = False
        self.store = store
        self.settings = replace(settings, rules=store.rules)  # the co-op's rulebook
        percent = await asyncio.to_thread(service.rederive_under_way, store)
        if percent is not None:
            self.notify(self.tr("store.rederive_elsewhere", percent=percent), severity="warning")
        if demo:
            await self.attempt(
                service.add_demo,
                settings.today,
                member=settings.member,
                seed=DEMO_SEED,
                where=short_location(settings.location),
            )
        self._watch_colleagues()
        if store.set_aside is not None:
            self.notify(self.tr("store.set_aside", path=store.set_aside), timeout=20)
        self.data_changed()

    async def _next_frame(self) -> None:
        painted = asyncio.Event()
        self.call_after_refresh(painted.set)
        await painted.wait()

    def _first_read(self) -> MorningView | None:
        """The morning view straight from the database while the store loads, if the
        database allows (`data.sql.first_read`); the rows are the same either way."""
        settings = self.settings
        return service.read_morning(
            settings.location,
            settings.rules,
            settings.today,
            member=None,
            reader=settings.member,
            moves=MOVES_SHOWN,
            rows=ROWS_SHOWN,
        )

    def _rederiving(self, done: int, total: int) -> None:
        """Say that every customer is worked out again, and show how far in the header."""
        if done == 0:
            self.notify(self.tr("store.rederiving"), timeout=20)
        if done == total:
            self.sub_title = self.whose()
        else:
            self.sub_title = self.tr("store.rederive_progress", percent=done * 100 // total)

    def _watch_colleagues(self) -> None:
        """Show what colleagues write as they write it: a look once a second, which
        costs a few microseconds (no query; see `data.watch`)."""
        try:
            self.colleagues = service.watch_changes(self.store)
        except (StoreError, DatabaseError, OSError) as exc:
            self.notify(describe_error(exc, self.lang), severity="warning")
            return
        self.set_interval(LOOK_EVERY_S, self._look_for_colleagues)

    def _look_for_colleagues(self) -> None:
        """Tell the screen on top when anyone wrote; not while our own use case runs,
        whose write it is told of after (the next look finds it, with nothing gone)."""
        if self.in_flight or self.colleagues is None or not self.colleagues.changed():
            return
        self.data_changed(colleague=True)

    def on_unmount(self) -> None:
        if self.colleagues is not None:
            self.colleagues.close()
        if self.store is not None and self._owns_store:
            self.store.close()

    async def db(self, use_case: Callable[..., Any], *args: Any, **kwargs: Any) -> tuple[bool, Any]:
        """Run a use case (`data.service`, given the store first) off the UI thread;
        a failure becomes a notification."""
        ok, found = await self.attempt(use_case, *args, **kwargs)
        if not ok and found is not None:
            self.notify(describe_error(found, self.lang), severity="error", timeout=10)
        return ok, found if ok else None

    async def attempt(
        self, use_case: Callable[..., Any], *args: Any, **kwargs: Any
    ) -> tuple[bool, Any]:
        """As `db`, but a failure is handed back, for the caller to say where it
        belongs (under a form's field, in an undo's notice): (False, the error)."""
        if self.store is None:
            if self.opening:  # rows from the first read are on the screen already
                self.notify(self.tr("store.opening"), severity="warning")
            return False, None
        self.in_flight += 1
        try:
            return True, await asyncio.to_thread(use_case, self.store, *args, **kwargs)
        except (StoreError, DatabaseError, PrintError, OutputRefused, ValueError, OSError) as exc:
            return False, exc
        finally:
            self.in_flight -= 1

    def data_changed(self, colleague: bool = False) -> None:
        """Something was written, by this member or (`colleague`) another: the screen
        on top reads again what it shows (`DataChanged`)."""
        if not colleague:
            self.own_change = True  # what leaves the list now is the member's own doing
        self.screen.post_message(DataChanged(colleague))

    # -- actions reachable from anywhere ---------------------------------------

    def action_log_contact(self, customer_id: int | None = None) -> None:
        if self.store is None:
            return
        self.push_screen(LogContactModal(customer_id=customer_id), self._logged)

    def _logged(self, request: LogRequest | None) -> None:
        if request is not None:
            self.writes.start(writes.log_contact(request, self.settings))

    def action_undo(self) -> None:
        step = self.undo.top()
        if step is None:
            self.notify(self.tr("undo.nothing"), severity="warning")
            return
        self.writes.start(writes.undo(step, self.undo, self.settings))

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpModal):
            self.run_worker(self._help(), group="help", exclusive=True)

    async def _help(self) -> None:
        """The keys of the screen on top, what the signs mean, and the rulebook in force."""
        screen = self.screen
        named = screen.HELP_TITLE if isinstance(screen, LadderScreen) else "app.title"
        title = self.tr("help.title", screen=self.tr(named))
        lines = key_lines(screen, self.BINDINGS, self.lang)
        signs = self.tr("help.signs", days=self.settings.rules.at_risk_after_days)
        ok, in_force = await self.attempt(service.rulebook_in_force)
        if ok:
            signs += "\n\n" + self.tr(
                "rules.in_force",
                number=in_force.id,
                who=in_force.applied_by or "–",
                when=moment(in_force.applied_at, self.lang),
            )
        self.push_screen(HelpModal(title, lines, signs))

    def action_add_customer(self) -> None:
        self.new_customer()

    def new_customer(
        self, name: str = "", then: Callable[[CustomerInfo], None] | None = None
    ) -> None:
        """The form for a new customer (named `name`); `then` hears of them once added."""
        if self.store is not None:
            submit = partial(self._add_customer, then=then)
            self.push_screen(CustomerFormModal(name=name, submit=submit))

    async def _add_customer(
        self, values: dict[str, Any], *, then: Callable[[CustomerInfo], None] | None
    ) -> BaseException | None:
        """Add a customer from the form; someone like them there already is asked
        about first: open that one, add anyway, or back to the form."""
        adding = writes.add_customer(values, self.settings, then=then)
        found = await self.writes.submit(adding)
        if not isinstance(found, Duplicate):
            return found
        answer = await self.push_screen_wait(DuplicateModal(found.alike))
        if answer is None:  # back to the form, which says how to go on from there
            return KeyedError("duplicate_kept", shown=alike_line(found.alike, self.lang))
        if answer.startswith(OPEN):
            self.call_later(self.open_customer, int(answer.split(":")[1]))
            return None
        anyway = writes.add_customer(values, self.settings, allow_duplicate=True, then=then)
        return await self.writes.submit(anyway)

    def action_customers(self, search: str = "") -> None:
        if not isinstance(self.screen, CustomersScreen):
            self.push_screen(CustomersScreen(search=search))

    def action_insights(self) -> None:
        from tui.screens.insights import InsightsScreen  # its charts load on first use (60 ms)

        if self.store is not None and not isinstance(self.screen, InsightsScreen):
            self.push_screen(InsightsScreen())

    def open_customer(self, customer_id: int) -> None:
        from tui.screens.card import CustomerCardScreen  # loaded on first use, after the morning

        self.push_screen(CustomerCardScreen(customer_id))
