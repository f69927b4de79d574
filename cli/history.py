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
        c.w(
            "kuka teki mitä ja milloin: asiakkaan, jäsenen tai kaikkien",
            "who did what and when: of a customer, a member or everyone",
        ),
    )
    history.add_argument("customer", nargs="?", metavar=c.customer_arg)
    history.add_argument(
        "--by", metavar=c.w("NIMI", "NAME"), help=c.w("vain tämän jäsenen", "only this member's")
    )
    history.add_argument(
        "--since", metavar=c.w("PÄIVÄ", "DATE"), help=c.w("tästä päivästä", "from this day on")
    )
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
