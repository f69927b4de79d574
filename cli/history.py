"""`ladder history`: who did what, when, to which record (docs/rules.md)."""

from __future__ import annotations

from cli import output
from cli.common import Commands, day_of, emit, with_store
from data import service
from present import shapes
from present.settings import Settings


def add_commands(c: Commands) -> None:
    history = c.command(
        "history",
        c.w("cli.who_did_what_and_when_of_a_customer_a_member_or"),
    )
    history.add_argument("customer", nargs="?", metavar=c.customer_arg)
    history.add_argument("--by", metavar=c.w("cli.name"), help=c.w("cli.only_this_member_s"))
    history.add_argument("--since", metavar=c.w("cli.date"), help=c.w("cli.from_this_day_on"))
    c.json_option(history)
    history.set_defaults(run=run_history)


@with_store
def run_history(store: service.Store, args, settings: Settings) -> None:
    customer_id = None
    if args.customer:
        customer_id = service.find_customer(store, args.customer).id
    entries = service.history(
        store,
        customer_id=customer_id,
        member=args.by or "",
        since=day_of(args.since, settings),
    )
    emit(
        args,
        [shapes.entry_json(entry) for entry in entries],
        lambda: output.print_history(entries, settings),
    )
