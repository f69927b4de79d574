"""`ladder log` and `ladder event …`: what happened with a customer, and its corrections."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from cli import output
from cli.common import (
    EXIT_FAILED,
    Commands,
    Misuse,
    confirm,
    day_of,
    emit,
    id_arg,
    say,
    with_store,
)
from data import service
from ladder import format_date, parse_date
from present import shapes
from present.i18n import kind_label
from present.settings import Settings


def add_commands(c: Commands) -> None:
    log = c.command(
        "log",
        c.w("cli.log_an_event_a_contact_a_purchase_a_complaint"),
    )
    log.add_argument("customer", metavar=c.customer_arg)
    log.add_argument("kind", metavar=c.w("cli.kind"), help=c.kinds)
    log.add_argument(
        "--on",
        metavar=c.date_arg,
        help=c.w("cli.when_it_happened_default_today"),
    )
    c.emotional_options(log)
    log.add_argument("--note", default="", metavar=c.text_arg, help=c.w("cli.a_note"))
    c.force_option(log)
    c.json_option(log)
    log.set_defaults(run=run_log)

    event = c.command("event", c.w("cli.correct_or_delete_a_logged_event"))
    events = c.actions_of(event)
    event_edit = c.command(
        "edit",
        c.w("cli.correct_an_event_the_customer_is_re_derived"),
        events,
    )
    event_edit.add_argument("event_id", type=id_arg, metavar=c.w("cli.event_id"))
    event_edit.add_argument("--kind", help=c.kinds)
    event_edit.add_argument("--on", metavar=c.date_arg, help=c.w("cli.when_it_happened"))
    c.emotional_options(event_edit)
    event_edit.add_argument("--note", metavar=c.text_arg, help=c.w("cli.a_note"))
    c.expect_version_option(event_edit)
    c.force_option(event_edit)
    c.json_option(event_edit)
    event_edit.set_defaults(run=run_event_edit)
    event_delete = c.command("delete", c.w("cli.delete_a_mistaken_event"), events)
    event_delete.add_argument("event_id", type=id_arg, metavar=c.w("cli.event_id"))
    event_delete.add_argument("--yes", action="store_true", help=c.w("cli.do_not_ask_first"))
    event_delete.set_defaults(run=run_event_delete)


def run_log(args, settings: Settings) -> int | None:
    """Straight through the driver when the store would do nothing else on opening
    (`service.log_plainly`), else through the store."""
    logged = service.log_plainly(
        settings.location,
        settings.rules,
        args.customer,
        args.kind,
        day_of(args.on, settings),
        today=settings.today,
        chosen=settings.rules_chosen,
        country=settings.country,
        member=settings.member,
        emotional=args.emotional,
        note=args.note,
        force=args.force,
    )
    if logged is None:
        return _log_in_store(args, settings)
    shown = replace(settings, rules=logged.rules)  # the co-op's, as the store's path shows
    emit(
        args,
        shapes.log_json(logged.result),
        lambda: output.print_log(logged.customer, logged.kind, logged.result, shown),
    )
    return 0


@with_store
def _log_in_store(store: service.Store, args, settings: Settings) -> None:
    kind = store.rules.find_kind(args.kind).id
    on = day_of(args.on, settings) or settings.today
    customer = service.find_customer(store, args.customer)
    result = service.log(
        store,
        customer.id,
        kind,
        on,
        today=settings.today,
        member=settings.member,
        emotional=args.emotional,
        note=args.note,
        force=args.force,
    )
    emit(
        args,
        shapes.log_json(result),
        lambda: output.print_log(customer.name, kind, result, settings),
    )


@with_store
def run_event_edit(store: service.Store, args, settings: Settings) -> None:
    changes: dict[str, Any] = {}
    if args.kind is not None:
        changes["kind"] = store.rules.find_kind(args.kind).id
    if args.on is not None:
        changes["on"] = parse_date(args.on, settings.today)  # "" is no day, not "unchanged"
    if args.emotional is not None:
        changes["emotional"] = args.emotional
    if args.note is not None:
        changes["note"] = args.note
    if not changes:
        raise Misuse("event_nothing_to_change")
    info = service.edit_event(
        store,
        args.event_id,
        settings.today,
        member=settings.member,
        force=args.force,
        expect_version=args.expect_version,
        **changes,
    )
    label = kind_label(info.kind, settings.rules, settings.lang)
    emit(args, shapes.event_json(info), lambda: say(f"#{info.id} {format_date(info.on)} {label}"))


@with_store
def run_event_delete(store: service.Store, args, settings: Settings) -> int:
    if not args.yes:
        event = service.event(store, args.event_id)
        customer = service.customer(store, event.customer_id)
        label = kind_label(event.kind, settings.rules, settings.lang)
        shown = f"#{event.id} {format_date(event.on)} {label} – {customer.name}"
        if not confirm(output.text("event.confirm_delete", settings.lang, event=shown)):
            print(output.text("event.kept", settings.lang))
            return EXIT_FAILED
    service.delete_event(store, args.event_id, settings.today, member=settings.member)
    print(output.text("event.deleted", settings.lang) + f": #{args.event_id}")
    return 0
