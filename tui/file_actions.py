"""What the app does with files: exports, labels, imports, backups and GDPR requests.

The same work as the command's `followups --format`, `cards`, `import`,
`backup` and `customer export|erase`, reachable from the command palette and
the customer card.

The file formats' modules load when a file is asked for, not before the
morning view's first frame.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from platformdirs import user_documents_dir
from textual import work

from data import service
from data.member_files import database_files, write_private
from present import shapes, words
from present.formats import FILE_TYPES, format_names
from present.i18n import describe_error
from tui import writes
from tui.screens.confirm import ConfirmModal
from tui.screens.file_dialog import FileChoice, FileModal

if TYPE_CHECKING:
    from textual.app import App

    from present.settings import Settings
    from tui.undo import UndoStack
    from tui.writes import Writes

    class _App(App[None]):
        """What the app gives what is mixed into it (`tui.app.LadderApp`)."""

        settings: Settings
        undo: UndoStack
        writes: Writes

        @property
        def lang(self) -> str: ...
        def tr(self, key: str, **values: object) -> str: ...
        async def db(
            self, use_case: Callable[..., Any], *args: Any, **kwargs: Any
        ) -> tuple[bool, Any]: ...
        def data_changed(self) -> None: ...
else:
    _App = object


def documents(name: str) -> Path:
    return Path(user_documents_dir()) / name


class FileActions(_App):
    """Mixed into the app: each action asks for a file, then works off the UI thread."""

    def action_export_followups(self) -> None:
        from present.exports import FOLLOWUP_FORMATS

        names = format_names(FOLLOWUP_FORMATS)
        offered = ("pdf", *(fmt for fmt in names if fmt != "pdf"))  # paper first
        day = self.settings.today.isoformat()
        modal = FileModal(
            self.tr("file.export_followups"),
            documents(f"ladder-followups-{day}{FILE_TYPES[offered[0]].suffix}"),
            offered,
        )
        self._ask(modal, self._export_followups)

    @work(group="files")
    async def _export_followups(self, choice: FileChoice | None) -> None:
        if choice is None:
            return
        from present.exports import followups_file

        settings = self.settings

        def write(store: service.Store) -> None:
            content = followups_file(store, settings, choice.fmt, days=service.WEEK, member=None)
            self._save(choice.path, content)

        await self._write_file(write, choice.path)

    def action_card_labels(self) -> None:
        from present.exports import CARD_FORMATS

        offered = format_names(CARD_FORMATS)
        year = self.settings.today.year
        modal = FileModal(
            self.tr("file.card_labels"),
            documents(f"joulukortit-{year}{FILE_TYPES[offered[0]].suffix}"),
            offered,
        )
        self._ask(modal, self._card_labels)

    @work(group="files")
    async def _card_labels(self, choice: FileChoice | None) -> None:
        if choice is None:
            return
        from present.exports import cards_document

        settings = self.settings

        def write(store: service.Store) -> None:
            people = service.christmas_cards(
                store, settings.today.year, settings.today, for_labels=choice.fmt == "pdf"
            )
            content = cards_document(people, choice.fmt, settings)
            self._save(choice.path, content)

        await self._write_file(write, choice.path)

    def action_export_database(self) -> None:
        modal = FileModal(
            self.tr("file.export_database"),
            documents(f"ladder-{self.settings.today.isoformat()}.json"),
        )
        self._ask(modal, self._export_database)

    @work(group="files")
    async def _export_database(self, choice: FileChoice | None) -> None:
        if choice is not None:
            await self._write_file(
                lambda store: self._save(
                    choice.path, service.export_whole_json(store).encode("utf-8")
                ),
                choice.path,
            )

    def action_backup(self) -> None:
        modal = FileModal(
            self.tr("file.backup"), documents(f"ladder-backup-{self.settings.today.isoformat()}.db")
        )
        self._ask(modal, self._backup)

    @work(group="files")
    async def _backup(self, choice: FileChoice | None) -> None:
        if choice is not None:
            location = self.settings.location
            await self._write_file(
                lambda _store: service.backup(location, choice.path), choice.path
            )

    def action_import_contacts(self) -> None:
        self._ask(
            FileModal(self.tr("file.import"), documents("asiakkaat.csv")), self._import_contacts
        )

    @work(group="files")
    async def _import_contacts(self, choice: FileChoice | None) -> None:
        if choice is None:
            return
        from data.formats.contacts import read_contacts

        planned = await self._read_and_plan(read_contacts, choice.path, service.plan_contact_import)
        if planned is None:
            return
        found, plan = planned
        summary = self.tr(
            "import.summary", new=len(plan.new), duplicates=len(plan.duplicates), bad=len(plan.bad)
        )
        mapping = words.mapping_lines(found, self.lang)
        if plan.bad:
            lines = [words.bad_row_line(b, self.lang) for b in plan.bad[:8]]
            self.notify(
                "\n".join([summary, *lines, self.tr("import.nothing")]),
                severity="error",
                timeout=30,
            )
            return
        question = "\n\n".join([*mapping, f"{summary}. {self.tr('import.ask')}"])
        if not await self.push_screen_wait(ConfirmModal(question)):
            return
        await self.writes.run(writes.import_contacts(plan, self.settings))

    async def _read_and_plan(
        self, read: Callable[..., Any], path: Path, plan: Callable[..., Any]
    ) -> tuple[Any, Any] | None:
        """A file read off the UI thread, then what importing it would do; None when
        it cannot be read (a file the readers refuse, said) or planned."""
        settings = self.settings
        try:
            found = await asyncio.to_thread(read, path, settings.today, None, settings.country)
        except ValueError as exc:  # every reader's refusal: not a file, too big, no columns
            self.notify(describe_error(exc, self.lang), severity="error", timeout=15)
            return None
        ok, planned = await self.db(plan, found)
        return (found, planned) if ok else None

    def action_import_orders(self) -> None:
        self._ask(
            FileModal(self.tr("file.import_orders"), documents("orders_export.csv")),
            self._import_orders,
        )

    @work(group="files")
    async def _import_orders(self, choice: FileChoice | None) -> None:
        """A shop's export: what it would do first, then the purchases in one step
        (as `ladder import orders`, whose words it says)."""
        if choice is None:
            return
        from data.formats.orders import read_orders

        planned = await self._read_and_plan(read_orders, choice.path, service.plan_order_import)
        if planned is None:
            return
        _, plan = planned
        summary = self.tr("orders.summary", **plan.counts())
        if plan.bad or not plan.purchases:
            self.notify(summary, severity="error" if plan.bad else "information", timeout=20)
            return
        if not await self.push_screen_wait(ConfirmModal(f"{summary}. {self.tr('import.ask')}")):
            return
        await self.writes.run(writes.import_orders(plan, self.settings, choice.path.name))

    def export_person(self, customer_id: int, name: str) -> None:
        modal = FileModal(
            self.tr("file.export_person"), documents(f"{name.replace(' ', '-').lower()}.json")
        )
        self._ask(modal, lambda choice: self._export_person(customer_id, choice))

    @work(group="files")
    async def _export_person(self, customer_id: int, choice: FileChoice | None) -> None:
        if choice is None:
            return
        settings = self.settings

        def write(store: service.Store) -> None:
            document = shapes.person_json(
                service.export_customer(store, customer_id, settings.today), settings
            )
            content = json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")
            self._save(choice.path, content)

        await self._write_file(write, choice.path)

    def _ask(self, modal: FileModal, then: Callable[[FileChoice | None], object]) -> None:
        """Open `modal`, then start `then` (a worker) with the member's choice or None.

        Textual ignores what a dialog's callback returns (here the worker's handle),
        though it types the callback as returning nothing.
        """
        self.push_screen(modal, cast(Callable[[FileChoice | None], None], then))

    def _save(self, path: Path, content: bytes) -> None:
        """Private, whole or not at all, and never over the database (data.member_files)."""
        write_private(path, content, protected=database_files(self.settings.location))

    async def _write_file(self, write: Callable[[service.Store], None], path: Path) -> None:
        """Run `write` (given the store) off the UI thread; say where the file went."""
        ok, _ = await self.db(write)
        if ok:
            self.notify(self.tr("print.saved", path=path), timeout=15)
