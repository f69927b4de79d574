"""`ladder import orders FILE`: a shop's orders as purchases, each order once."""

from __future__ import annotations

from pathlib import Path

from cli import output
from cli.common import BadRows, open_store, say
from data import service
from data.formats.orders import parse_order_map, read_orders
from present.i18n import t
from present.settings import Settings
from present.words import bad_row_line


def run_import_orders(args, settings: Settings) -> int:
    """Read and check the file first; then what would happen, and (unless --dry-run) do it."""
    lang = settings.lang
    found = read_orders(
        Path(args.orders_file).expanduser(),
        settings.today,
        parse_order_map(args.map),
        settings.country,
        args.max_size,
    )
    store = open_store(settings)
    try:
        plan = service.plan_order_import(store, found, create=not args.no_new, again=args.again)
        _say_plan(plan, found, lang)
        if plan.bad:
            raise BadRows()
        if args.dry_run:
            return 0
        done = service.import_orders(store, plan, settings.today, member=settings.member)
    finally:
        store.close()
    say(t("orders.done", lang, purchases=done.purchases, new=done.new_customers))
    for rung, count in sorted(done.climbed.items()):
        say(t("orders.climbed", lang, count=count, rung=rung.label(lang)))
    return 0


def _say_plan(plan, found, lang: str) -> None:
    say(t("orders.columns", lang, columns=", ".join(f"{c} → {f}" for c, f in found.mapping)))
    for bad in plan.bad:
        say(bad_row_line(bad, lang))
    for order, why in plan.skipped:
        shown = f"{order.reference} {order.name}"
        if why == "ambiguous":
            matches = ", ".join(f"#{c.id} {c.name}" for c in plan.ambiguous[order.reference])
            say(t("orders.ambiguous", lang, order=shown, matches=matches))
        elif why != "already":
            say(t("orders.skipped", lang, order=shown, why=t(f"orders.why_{why}", lang)))
    output.console.print(t("orders.summary", lang, **plan.counts()))
