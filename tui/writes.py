"""The app's one road for a write, and every write a member makes in the app, each
made once (harlequin's driver: the work apart from the screens).

A screen, or the app, names what the member did as a `Write` (its use case,
what it says — the sentences the command line prints, `present.words` — and
how `u` takes it back) and hands it to the road: `start` from a key, `submit`
from a form. The road runs the use case off the UI thread
(`LadderApp.attempt`, in a worker of the app's), keeps its undo step, says
what was done, and posts `DataChanged` to the screen on top, which reads
again. The live refresh posts the same message when a colleague writes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from textual.notifications import SeverityLevel

from data import service
from data.records import (
    CustomerInfo,
    CustomerSummary,
    Erased,
    EventInfo,
    FollowupChange,
    FollowupInfo,
    LogResult,
    Merged,
)
from ladder import format_date
from present.i18n import describe_error, kind_label, t, tn
from present.settings import Settings
from present.words import done_lines, log_lines, merged_lines
from tui.undo import Undoable, UndoStack

if TYPE_CHECKING:  # what the first frame does without: the import plans (they load the
    # database code) and the dialogs' requests (they load their screens)
    from data.importer import ImportPlan
    from data.service import Store
    from data.service.orders import OrderPlan, OrdersImported
    from tui.app import LadderApp
    from tui.screens.done import DoneRequest
    from tui.screens.log_contact import LogRequest
    from tui.screens.snooze import SnoozeRequest

Done = TypeVar("Done")


@dataclass(frozen=True)
class Said:
    """A notice: what it says, and how it shows."""

    text: str
    title: str = ""
    severity: SeverityLevel = "information"
    timeout: float | None = None


@dataclass(frozen=True)
class Write(Generic[Done]):
    """One write: its use case, given the store, and what follows once it is done."""

    run: Callable[[Store], Done]  # runs in a thread: reads nothing of the screen
    said: Callable[[Done], Said]
    undo: Callable[[Done], Undoable] | None = None  # the step `u` takes back
    then: Callable[[Done], None] | None = None  # anything else that follows (a card closes)
    refused: Callable[[BaseException], Said] | None = None  # else the error, said as it is


class Writes:
    """The road, one per app."""

    def __init__(self, app: LadderApp) -> None:
        self.app = app

    def start(self, write: Write[Any]) -> None:
        """From a key: a worker of the app's runs it, so that the notice and the undo
        step follow even when the screen that asked has closed; what stops it is said."""
        self.app.run_worker(self.run(write), group="write")

    async def submit(self, write: Write[Any]) -> BaseException | None:
        """From a form: what stops the write is handed back, for the form to say where
        it belongs (None: written, or the store is still opening, which is said)."""
        ok, found = await self.app.attempt(write.run)
        if not ok:
            return found
        if write.undo is not None:
            self.app.undo.push(write.undo(found))
        self.say(write.said(found))
        if write.then is not None:
            write.then(found)
        self.app.data_changed()
        return None

    async def run(self, write: Write[Any]) -> None:
        """From a worker that asked the member first (an import): the write, and what
        stops it said."""
        problem = await self.submit(write)
        if problem is None:
            return
        if write.refused is not None:
            self.say(write.refused(problem))
        else:
            self.say(Said(describe_error(problem, self.app.lang), severity="error", timeout=10))

    def say(self, said: Said) -> None:
        self.app.notify(said.text, title=said.title, severity=said.severity, timeout=said.timeout)


def log_contact(request: LogRequest, settings: Settings) -> Write[LogResult]:
    lang, rules = settings.lang, settings.rules
    name, kind = request.customer_name, request.kind
    return Write(
        lambda store: service.log(
            store,
            request.customer_id,
            kind,
            request.on,
            today=settings.today,
            member=settings.member,
            emotional=request.emotional,
            note=request.note,
            force=request.force,
        ),
        said=lambda result: Said(
            "\n".join(log_lines(name, kind, result, rules, lang, numbers=False)),
            title=t("log.title", lang),
            timeout=8,
        ),
        undo=lambda result: Undoable(
            name,
            t("undo.what_logged", lang, kind=kind_label(kind, rules, lang)),
            service.undo_log(result),
        ),
    )


def done(followup: FollowupInfo, request: DoneRequest, settings: Settings) -> Write[FollowupChange]:
    """Mark done, logging what was done; say what moved, as logging does."""
    lang = settings.lang
    return Write(
        lambda store: service.done(
            store,
            followup.id,
            settings.today,
            kind=request.kind,
            note=request.note,
            member=settings.member,
        ),
        said=lambda change: Said(
            "\n".join(done_lines(change, request.kind, settings.rules, lang, numbers=False)),
            title=t("followup.done", lang),
            timeout=8,
        ),
        undo=_followup_back("undo.what_done", lang),
    )


def done_many(followups: list[FollowupInfo], settings: Settings) -> Write[list[FollowupChange]]:
    """Many done at once, each logging what it stands for: one undo step."""
    lang = settings.lang
    ids = [f.id for f in followups]
    customers = t("undo.many_customers", lang, count=len({f.customer_id for f in followups}))
    return Write(
        lambda store: service.done_many(store, ids, settings.today, member=settings.member),
        said=lambda changes: Said(t("done.many", lang, count=len(changes))),
        undo=lambda changes: Undoable(
            customers, t("undo.what_done_many", lang), service.undo_followup_changes(changes)
        ),
    )


def dismiss(followup: FollowupInfo, settings: Settings) -> Write[FollowupChange]:
    lang = settings.lang
    return Write(
        lambda store: service.dismiss(store, followup.id, settings.today, member=settings.member),
        said=lambda _: Said(f"{t('followup.dismissed', lang)}: {followup.customer}"),
        undo=_followup_back("undo.what_dismissed", lang),
    )


def snooze(
    followup: FollowupInfo, request: SnoozeRequest, settings: Settings
) -> Write[FollowupChange]:
    lang, day = settings.lang, format_date(request.until)
    return Write(
        lambda store: service.snooze(
            store,
            followup.id,
            request.until,
            settings.today,
            earlier=request.earlier,
            member=settings.member,
        ),
        said=lambda _: Said(t("snooze.done", lang, day=day, customer=followup.customer)),
        undo=_followup_back("undo.what_snoozed", lang),
    )


def _followup_back(what: str, lang: str) -> Callable[[FollowupChange], Undoable]:
    return lambda change: Undoable(
        change.followup.customer, t(what, lang), service.undo_followup_change(change)
    )


def merge(kept: CustomerInfo, other: CustomerSummary, settings: Settings) -> Write[Merged]:
    """Merge `other` into `kept` (the same person twice): one undo step parts them."""
    lang = settings.lang
    return Write(
        lambda store: service.merge_customers(
            store, kept.id, other.id, settings.today, member=settings.member
        ),
        said=lambda merged: Said("\n".join(merged_lines(merged, lang))),
        undo=lambda merged: Undoable(
            kept.name, t("undo.what_merged", lang, other=other.name), service.undo_merge(merged)
        ),
    )


def delete_event(event: EventInfo, customer: str, settings: Settings) -> Write[EventInfo]:
    lang = settings.lang
    label = kind_label(event.kind, settings.rules, lang)
    return Write(
        lambda store: service.delete_event(store, event.id, settings.today, member=settings.member),
        said=lambda _: Said(f"{t('event.deleted', lang)}: {customer} – {label}"),
        undo=lambda gone: Undoable(
            customer, t("undo.what_deleted", lang, kind=label), service.undo_delete(gone)
        ),
    )


def add_customer(
    values: dict[str, Any],
    settings: Settings,
    *,
    allow_duplicate: bool = False,
    then: Callable[[CustomerInfo], None] | None = None,
) -> Write[CustomerInfo]:
    """A new customer from the form; someone like them there already is refused
    (`Duplicate`) unless `allow_duplicate`. `then` hears of them once added."""
    return Write(
        lambda store: service.add_customer(
            store,
            today=settings.today,
            member=settings.member,
            allow_duplicate=allow_duplicate,
            **values,
        ),
        said=lambda added: Said(t("customer.saved", settings.lang, name=added.name)),
        then=then,
    )


def edit_customer(
    info: CustomerInfo, values: dict[str, Any], settings: Settings
) -> Write[CustomerInfo] | None:
    """The fields the member changed (None: none); a colleague's change to one of them
    since the form opened is refused, not overwritten (`before`)."""
    changes = {field: value for field, value in values.items() if value != getattr(info, field)}
    if not changes:
        return None
    before = {field: getattr(info, field) for field in changes}
    return Write(
        lambda store: service.edit_customer(
            store, info.id, settings.today, member=settings.member, before=before, **changes
        ),
        said=lambda saved: Said(t("customer.saved", settings.lang, name=saved.name)),
    )


def correct_event(
    event: EventInfo, request: LogRequest, settings: Settings
) -> Write[EventInfo] | None:
    """As `edit_customer`: the changed fields only, never over a colleague's."""
    typed = {
        "kind": request.kind,
        "on": request.on,
        "emotional": request.emotional,
        "note": request.note,
    }
    changes = {field: value for field, value in typed.items() if value != getattr(event, field)}
    if not changes:
        return None
    before = {field: getattr(event, field) for field in changes}
    return Write(
        lambda store: service.edit_event(
            store,
            event.id,
            settings.today,
            member=settings.member,
            force=request.force,
            before=before,
            **changes,
        ),
        said=lambda _: Said(t("event.corrected", settings.lang)),
    )


def erase(info: CustomerInfo, settings: Settings, then: Callable[[Erased], None]) -> Write[Erased]:
    """Everything held about the customer goes (a GDPR request): it cannot be undone."""
    return Write(
        lambda store: service.erase_customer(store, info.id, member=settings.member),
        said=lambda erased: Said(t("erase.done", settings.lang, name=erased.customer.name)),
        then=then,
    )


def undo(step: Undoable, steps: UndoStack, settings: Settings) -> Write[object]:
    """Take `step` back; one that cannot be (a colleague has changed it since) stays
    on `steps`, and the notice says who and when."""
    lang = settings.lang
    return Write(
        lambda store: step.reverse(store, settings.today, settings.member),
        said=lambda _: Said(t("undo.done", lang, customer=step.customer, what=step.what)),
        then=lambda _: steps.drop(step),
        refused=lambda problem: Said(
            t(
                "undo.refused",
                lang,
                customer=step.customer,
                what=step.what,
                why=describe_error(problem, lang),
            ),
            severity="warning",
            timeout=15,
        ),
    )


def import_contacts(plan: ImportPlan, settings: Settings) -> Write[tuple[int, int]]:
    """The new customers of a contacts file, all in one step (duplicates skipped)."""
    lang = settings.lang
    return Write(
        lambda store: service.import_contacts(
            store, plan, merge=False, today=settings.today, member=settings.member
        ),
        said=lambda counts: Said(tn("import.done", counts[0], lang, merged=counts[1])),
    )


def import_orders(plan: OrderPlan, settings: Settings, file_name: str) -> Write[OrdersImported]:
    """A shop's orders as purchases, in one step that `u` takes back whole."""
    lang = settings.lang

    def said(done: OrdersImported) -> Said:
        lines = [t("orders.done", lang, purchases=done.purchases, new=done.new_customers)]
        lines += [
            t("orders.climbed", lang, count=count, rung=rung.label(lang))
            for rung, count in sorted(done.climbed.items())
        ]
        return Said("\n".join(lines), timeout=15)

    return Write(
        lambda store: service.import_orders(store, plan, settings.today, member=settings.member),
        said=said,
        undo=lambda done: Undoable(
            file_name,
            t("undo.what_orders", lang, count=done.purchases),
            service.undo_orders(done),
        ),
    )
