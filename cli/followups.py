"""`ladder followups …`: what is due, as a list or a file, and what a member does with one."""

from __future__ import annotations

import argparse
from typing import Any

from cli import output
from cli.common import Commands, Misuse, day_of, days_arg, deliver, emit, id_arg, say, with_store
from data import service
from ladder import format_date, parse_date
from present import shapes
from present.exports import FOLLOWUP_FORMATS, followups_file
from present.formats import format_names
from present.i18n import kind_name, t
from present.settings import Settings


def add_commands(c: Commands) -> None:
    followups = _listing(c)
    actions = c.actions_of(followups, required=False)
    _adding_and_done(c, actions)
    _other_actions(c, actions)


def _listing(c: Commands) -> argparse.ArgumentParser:
    """`followups`: the list, as text, JSON or a file."""
    followups = c.command(
        "followups",
        c.w("tehtävälista, ja yhden tehtävän hoitaminen", "the follow-up list, and acting on one"),
    )
    followups.add_argument(
        "--days",
        type=days_arg,
        default=0,
        metavar="N",
        help=c.w("myös seuraavien N päivän tehtävät", "also list what is due in the next N days"),
    )
    followups.add_argument(
        "--mine", action="store_true", help=c.w("vain omat tehtävät", "only my follow-ups")
    )
    followups.add_argument(
        "--format",
        choices=format_names(FOLLOWUP_FORMATS),
        help=c.w("tiedostomuoto taulukon sijaan", "a file format instead of a table"),
    )
    followups.add_argument(
        "--output",
        metavar=c.file_arg,
        help=c.w("kirjoita tiedostoon", "write to FILE instead of the screen"),
    )
    followups.add_argument(
        "--print", action="store_true", help=c.w("tulostimelle (lp)", "send to the printer (lp)")
    )
    followups.add_argument(
        "--tasks",
        action="store_true",
        help=c.w(
            "ics: tehtävinä (VTODO) koko päivän tapahtumien sijaan",
            "ics: as to-dos (VTODO) instead of all-day events",
        ),
    )
    c.replace_option(followups)
    c.json_option(followups)
    followups.set_defaults(run=run_followups)
    return followups


def _adding_and_done(c: Commands, actions: Any) -> None:
    """`followups add` and `followups done`."""
    f_add = c.command(
        "add",
        c.w("lisää oma tehtävä asiakkaasta", "add your own follow-up about a customer"),
        actions,
    )
    f_add.add_argument("customer", metavar=c.customer_arg)
    f_add.add_argument(
        "--on",
        required=True,
        metavar=c.date_arg,
        help=c.w("eräpäivä (tänään tai myöhemmin)", "when it is due (today or later)"),
    )
    f_add.add_argument(
        "--note", required=True, metavar=c.text_arg, help=c.w("mitä tehdä", "what to do")
    )
    f_add.add_argument(
        "--for",
        dest="owner",
        metavar=c.w("JÄSEN", "MEMBER"),
        help=c.w("toisen jäsenen tehtävä", "another member's task"),
    )
    c.json_option(f_add)
    f_add.set_defaults(run=run_followup_add)
    done = c.command(
        "done",
        c.w(
            "merkitse tehtävä tehdyksi; kirjaa samalla se mitä tehtiin (soitto, kortti, …)",
            "mark a follow-up done, logging what was done (the call, the card, …)",
        ),
        actions,
    )
    done.add_argument("followup_id", type=id_arg, metavar=c.w("NUMERO", "ID"))
    done_as = done.add_mutually_exclusive_group()
    done_as.add_argument(
        "--as",
        dest="kind",
        metavar=c.w("LAJI", "KIND"),
        help=c.w(
            "kirjattava tapahtuma (oletus tehtävän mukaan, esim. soitto → jälkimarkkinointisoitto)",
            "the event to log (default: what the follow-up stands for, e.g. the call)",
        ),
    )
    done_as.add_argument(
        "--no-event",
        action="store_true",
        help=c.w("kuittaa kirjaamatta yhteydenottoa", "close it without logging a contact"),
    )
    done.add_argument(
        "--note",
        default="",
        metavar=c.text_arg,
        help=c.w("muistiinpano tapahtumaan", "a note for the event"),
    )
    done.add_argument(
        "--on",
        metavar=c.date_arg,
        help=c.w("milloin se tehtiin (oletus tänään)", "when it was done (default today)"),
    )
    c.force_option(done)
    c.json_option(done)
    done.set_defaults(run=run_followup_done)


def _other_actions(c: Commands, actions: Any) -> None:
    """`followups dismiss|reopen|snooze|reassign`."""
    dismiss = c.command("dismiss", c.w("hylkää tehtävä", "dismiss one"), actions)
    dismiss.add_argument("followup_id", type=id_arg, metavar=c.w("NUMERO", "ID"))
    dismiss.set_defaults(run=run_followup_dismiss)
    reopen = c.command(
        "reopen",
        c.w(
            "avaa tehty, hylätty tai siirretty tehtävä uudelleen",
            "open a done, dismissed or snoozed follow-up again",
        ),
        actions,
    )
    reopen.add_argument("followup_id", type=id_arg, metavar=c.w("NUMERO", "ID"))
    reopen.set_defaults(run=run_followup_reopen)
    snooze = c.command(
        "snooze", c.w("siirrä tehtävä myöhemmäksi", "move a follow-up to a later day"), actions
    )
    snooze.add_argument("followup_id", type=id_arg, metavar=c.w("NUMERO", "ID"))
    snooze.add_argument(
        "--until",
        required=True,
        metavar=c.date_arg,
        help=c.w("tänään tai myöhemmin", "today or later"),
    )
    snooze.add_argument(
        "--earlier",
        action="store_true",
        help=c.w("salli aiempi päivä kuin eräpäivä", "allow a day before it is due"),
    )
    snooze.set_defaults(run=run_followup_snooze)
    reassign = c.command(
        "reassign",
        c.w("anna tehtävä toiselle jäsenelle", "give a follow-up to another member"),
        actions,
    )
    reassign.add_argument("followup_id", type=id_arg, metavar=c.w("NUMERO", "ID"))
    reassign.add_argument(
        "--to", required=True, metavar=c.w("JÄSEN", "MEMBER"), help=c.w("kenelle", "to whom")
    )
    reassign.set_defaults(run=run_followup_reassign)


@with_store
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
    emit(
        args,
        [shapes.followup_json(f, settings) for f in rows],
        lambda: output.print_followups(rows, settings),
    )


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
            f"follow-up #{followup.id} needs to be told what was done: {choices}",
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
