"""`ladder followups …`: what is due, as a list or a file, and what a member does with one."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterable
from functools import partial
from typing import TYPE_CHECKING, Any

from cli import followup_list, output, streamed_table
from cli.common import (
    STORE,
    Commands,
    Misuse,
    day_of,
    days_arg,
    deliver,
    emit,
    id_arg,
    reads,
    say,
    with_store,
)
from data import service
from data.records import WEEK
from ladder import format_date, parse_date
from present import shapes
from present.exports import FOLLOWUP_FORMATS, followups_file
from present.formats import format_names
from present.i18n import kind_name, t
from present.settings import Settings

if TYPE_CHECKING:
    from data.records import FollowupInfo


def add_commands(c: Commands) -> None:
    followups = _listing(c)
    actions = c.actions_of(followups, required=False)
    _adding_and_done(c, actions)
    _other_actions(c, actions)


def _listing(c: Commands) -> argparse.ArgumentParser:
    """`followups`: the list, as text, JSON or a file."""
    followups = c.command(
        "followups",
        c.w("cli.the_follow_up_list_and_acting_on_one"),
    )
    followups.add_argument(
        "--days",
        type=days_arg,
        default=WEEK,
        metavar="N",
        help=c.w("cli.also_list_what_is_due_in_the_next_n_days"),
    )
    followups.add_argument("--mine", action="store_true", help=c.w("cli.only_my_follow_ups"))
    followups.add_argument(
        "--format",
        choices=format_names(FOLLOWUP_FORMATS),
        help=c.w("cli.a_file_format_instead_of_a_table"),
    )
    followups.add_argument(
        "--output",
        metavar=c.file_arg,
        help=c.w("cli.write_to_file_instead_of_the_screen"),
    )
    followups.add_argument("--print", action="store_true", help=c.w("cli.send_to_the_printer_lp"))
    followups.add_argument(
        "--tasks",
        action="store_true",
        help=c.w("cli.ics_as_to_dos_vtodo_instead_of_all_day_events"),
    )
    c.replace_option(followups)
    c.json_option(followups)
    followups.set_defaults(run=run_followups)
    return followups


def _adding_and_done(c: Commands, actions: Any) -> None:
    """`followups add` and `followups done`."""
    f_add = c.command(
        "add",
        c.w("cli.add_your_own_follow_up_about_a_customer"),
        actions,
    )
    f_add.add_argument("customer", metavar=c.customer_arg)
    f_add.add_argument(
        "--on",
        required=True,
        metavar=c.date_arg,
        help=c.w("cli.when_it_is_due_today_or_later"),
    )
    f_add.add_argument("--note", required=True, metavar=c.text_arg, help=c.w("cli.what_to_do"))
    f_add.add_argument(
        "--for",
        dest="owner",
        metavar=c.w("cli.member"),
        help=c.w("cli.another_member_s_task"),
    )
    c.json_option(f_add)
    f_add.set_defaults(run=run_followup_add)
    done = c.command(
        "done",
        c.w("cli.mark_a_follow_up_done_logging_what_was_done_the"),
        actions,
    )
    done.add_argument("followup_id", type=id_arg, metavar=c.w("cli.id"))
    done_as = done.add_mutually_exclusive_group()
    done_as.add_argument(
        "--as",
        dest="kind",
        metavar=c.w("cli.kind"),
        help=c.w("cli.the_event_to_log_default_what_the_follow_up_stan"),
    )
    done_as.add_argument(
        "--no-event",
        action="store_true",
        help=c.w("cli.close_it_without_logging_a_contact"),
    )
    done.add_argument(
        "--note",
        default="",
        metavar=c.text_arg,
        help=c.w("cli.a_note_for_the_event"),
    )
    done.add_argument(
        "--on",
        metavar=c.date_arg,
        help=c.w("cli.when_it_was_done_default_today"),
    )
    c.force_option(done)
    c.json_option(done)
    done.set_defaults(run=run_followup_done)


def _other_actions(c: Commands, actions: Any) -> None:
    """`followups dismiss|reopen|snooze|reassign`."""
    dismiss = c.command("dismiss", c.w("cli.dismiss_one"), actions)
    dismiss.add_argument("followup_id", type=id_arg, metavar=c.w("cli.id"))
    dismiss.set_defaults(run=run_followup_dismiss)
    reopen = c.command(
        "reopen",
        c.w("cli.open_a_done_dismissed_or_snoozed_follow_up_again"),
        actions,
    )
    reopen.add_argument("followup_id", type=id_arg, metavar=c.w("cli.id"))
    reopen.set_defaults(run=run_followup_reopen)
    snooze = c.command("snooze", c.w("cli.move_a_follow_up_to_a_later_day"), actions)
    snooze.add_argument("followup_id", type=id_arg, metavar=c.w("cli.id"))
    snooze.add_argument(
        "--until",
        required=True,
        metavar=c.date_arg,
        help=c.w("cli.today_or_later"),
    )
    snooze.add_argument(
        "--earlier",
        action="store_true",
        help=c.w("cli.allow_a_day_before_it_is_due"),
    )
    snooze.set_defaults(run=run_followup_snooze)
    reassign = c.command(
        "reassign",
        c.w("cli.give_a_follow_up_to_another_member"),
        actions,
    )
    reassign.add_argument("followup_id", type=id_arg, metavar=c.w("cli.id"))
    reassign.add_argument("--to", required=True, metavar=c.w("cli.member"), help=c.w("cli.to_whom"))
    reassign.set_defaults(run=run_followup_reassign)


def _listed(settled, args, settings: Settings) -> object:
    """The list through plain SQL, streamed; a file format goes through the store."""
    if args.format or args.output or args.print:
        return STORE
    member = settings.member if args.mine else None
    rows = settled.due(days=args.days, member=member)
    _show(args, rows, settings, lambda: settled.due_later(days=args.days, member=member))
    return None


@reads(_listed)
def run_followups(store: service.Store, args, settings: Settings) -> None:
    member = settings.member if args.mine else None
    if args.format or args.output or args.print:
        fmt = args.format or ("json" if args.json else "text")
        content = followups_file(
            store, settings, fmt, days=args.days, member=member, todos=args.tasks
        )
        deliver(content, fmt, args, settings)
        return
    rows = service.due(store, settings.today, days=args.days, member=member)
    later = partial(service.due_later, store, settings.today, days=args.days, member=member)
    _show(args, rows, settings, later)


def _show(
    args, rows: Iterable[FollowupInfo], settings: Settings, later: Callable[[], tuple[int, Any]]
) -> None:
    """The list, a row as it is read, as JSON or for people; then what it leaves out
    and how to see it."""
    if args.json:
        streamed_table.write_json(shapes.followup_json(f, settings) for f in rows)
        return
    followup_list.write_followups(rows, settings)
    count, last = later()
    if count and last is not None:
        reach = (last - settings.today).days
        say(output.text("followups.later", settings.lang, count=count, days=reach))


@with_store
def run_followup_add(store: service.Store, args, settings: Settings) -> None:
    customer = service.find_customer(store, args.customer)
    added = service.add_followup(
        store,
        customer.id,
        day_of(args.on, settings),
        args.note,
        today=settings.today,
        member=args.owner or settings.member,
    )
    emit(
        args,
        shapes.followup_json(added, settings),
        lambda: say(f"#{added.id} {format_date(added.due)} {added.customer}: {added.note}"),
    )


@with_store
def run_followup_done(store: service.Store, args, settings: Settings) -> None:
    followup = service.followup(store, args.followup_id, settings.today)
    offered = store.rules.done_kinds(followup.rule)
    if args.no_event:
        kind = None
    elif args.kind is not None:
        kind = store.rules.find_kind(args.kind).id
    elif len(offered) > 1:  # a complaint: resolved, or still open after the call?
        choices = " | ".join(f"--as {kind_name(k, store.rules, settings.lang)}" for k in offered)
        raise Misuse(
            "done_needs_as",
            id=followup.id,
            choices=choices,
        )
    else:
        kind = service.done_kind(store, followup)
    change = service.done(
        store,
        args.followup_id,
        settings.today,
        kind=kind,
        on=day_of(args.on, settings),
        note=args.note,
        member=settings.member,
        force=args.force,
    )
    document = {"followup": shapes.followup_json(change.followup, settings)}
    if change.logged is not None:
        document["logged"] = shapes.log_json(change.logged)
    emit(args, document, lambda: output.print_done(change, kind, settings))


@with_store
def run_followup_dismiss(store: service.Store, args, settings: Settings) -> None:
    change = service.dismiss(store, args.followup_id, settings.today, member=settings.member)
    say(f"{t('followup.dismissed', settings.lang)}: #{args.followup_id} {change.followup.customer}")


@with_store
def run_followup_reopen(store: service.Store, args, settings: Settings) -> None:
    reopened = service.reopen(store, args.followup_id, settings.today, member=settings.member)
    say(f"{t('followup.reopened', settings.lang)}: #{reopened.id} {reopened.customer}")


@with_store
def run_followup_snooze(store: service.Store, args, settings: Settings) -> None:
    until = parse_date(args.until, settings.today)
    change = service.snooze(
        store, args.followup_id, until, settings.today, earlier=args.earlier, member=settings.member
    )
    say(t("snooze.done", settings.lang, day=format_date(until), customer=change.followup.customer))


@with_store
def run_followup_reassign(store: service.Store, args, settings: Settings) -> None:
    service.reassign(store, args.followup_id, args.to, member=settings.member)
    say(f"#{args.followup_id} → {args.to}")
