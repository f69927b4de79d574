"""`ladder customer …`: add, list, show, edit, export (right of access) and erase."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from cli import customer_list, output, streamed_table
from cli.common import (
    EXIT_FAILED,
    Commands,
    Misuse,
    confirm,
    day_of,
    deliver,
    emit,
    reads,
    rung_arg,
    say,
    with_store,
)
from data import service
from ladder import Rung
from present import shapes
from present.settings import Settings

if TYPE_CHECKING:
    from data.records import CustomerSummary


def add_commands(c: Commands) -> None:
    customer = c.command(
        "customer",
        c.w("cli.add_list_show_or_edit_customers"),
    )
    customers = c.actions_of(customer)
    _adding_and_listing(c, customers)
    _showing_and_changing(c, customers)


def _adding_and_listing(c: Commands, customers: Any) -> None:
    """`customer add` and `customer list`."""
    add = c.command("add", c.w("cli.add_a_customer"), customers)
    add.add_argument("name", metavar=c.w("cli.name"))
    c.contact_options(add)
    c.json_option(add)
    add.set_defaults(run=run_customer_add)
    listing = c.command(
        "list",
        c.w("cli.list_customers_with_their_rung_today"),
        customers,
    )
    listing.add_argument(
        "--rung",
        type=rung_arg,
        help=c.w("cli.only_this_rung_e_g_lojalisti"),
    )
    listing.add_argument(
        "--search",
        default="",
        metavar=c.text_arg,
        help=c.w("cli.part_of_name_e_mail_phone_tag"),
    )
    listing.add_argument("--at-risk", action="store_true", help=c.w("cli.only_customers_at_risk"))
    c.json_option(listing)
    listing.set_defaults(run=run_customer_list)


def _showing_and_changing(c: Commands, customers: Any) -> None:
    """`customer show|export|erase|edit`."""
    show = c.command(
        "show",
        c.w("cli.show_one_customer_rung_score_events_reasons"),
        customers,
    )
    show.add_argument("customer", metavar=c.customer_arg)
    c.json_option(show)
    show.set_defaults(run=run_customer_show)
    person = c.command(
        "export",
        c.w("cli.everything_held_about_one_person_as_json"),
        customers,
    )
    person.add_argument("customer", metavar=c.customer_arg)
    person.add_argument("--output", metavar=c.file_arg)
    c.replace_option(person)
    person.set_defaults(run=run_customer_export)
    erase = c.command(
        "erase",
        c.w("cli.remove_a_person_and_all_about_them_gdpr_erasure"),
        customers,
    )
    erase.add_argument("customer", metavar=c.customer_arg)
    erase.add_argument(
        "--yes",
        action="store_true",
        help=c.w("cli.do_not_ask_for_confirmation"),
    )
    erase.set_defaults(run=run_customer_erase)
    merge = c.command(
        "merge",
        c.w("cli.make_two_records_of_one_person_one_b_s_events_fo"),
        customers,
    )
    merge.add_argument("kept", metavar="A")
    merge.add_argument("gone", metavar="B")
    merge.add_argument("--yes", action="store_true", help=c.w("cli.do_not_ask_first"))
    c.json_option(merge)
    merge.set_defaults(run=run_customer_merge)
    edit = c.command("edit", c.w("cli.change_a_customer_s_details"), customers)
    edit.add_argument("customer", metavar=c.customer_arg)
    edit.add_argument("--name", help=c.w("cli.name_2"))
    c.contact_options(edit)
    c.expect_version_option(edit)
    c.json_option(edit)
    edit.set_defaults(run=run_customer_edit)


@with_store
def run_customer_add(store: service.Store, args, settings: Settings) -> None:
    info = service.add_customer(
        store,
        args.name,
        today=settings.today,
        member=settings.member,
        organisation=args.organisation or "",
        email=args.email or "",
        phone=args.phone or "",
        address=args.address or "",
        birthday=day_of(args.birthday, settings),
        since=day_of(args.since, settings),
        tags=args.tags or "",
        notes=args.notes or "",
        allow_duplicate=args.allow_duplicate,
    )
    document = {"id": info.id, "name": info.name, "rung": Rung.KULUTTAJA.id}
    emit(args, document, lambda: say(f"#{info.id} {info.name}"))


def _listed(settled, args, settings: Settings) -> None:
    at_risk = True if args.at_risk else None
    _show_list(
        settled.list_customers(rung=args.rung, search=args.search, at_risk=at_risk), args, settings
    )


@reads(_listed)
def run_customer_list(store: service.Store, args, settings: Settings) -> None:
    found = service.list_customers(
        store,
        settings.today,
        rung=args.rung,
        search=args.search,
        at_risk=True if args.at_risk else None,
    )
    _show_list(found, args, settings)


def _show_list(found: Iterable[CustomerSummary], args, settings: Settings) -> None:
    """As JSON, or for people: a customer at a time, as each is read."""
    if args.json:
        streamed_table.write_json(shapes.summary_json(c) for c in found)
    else:
        customer_list.write_customers(found, settings)


def _shown(settled, args, settings: Settings) -> None:
    card = settled.customer_card(settled.find_customer(args.customer).id)
    emit(args, shapes.card_json(card, settings), lambda: output.print_card(card, settings))


@reads(_shown)
def run_customer_show(store: service.Store, args, settings: Settings) -> None:
    customer = service.find_customer(store, args.customer)
    card = service.customer_card(store, customer.id, settings.today)
    emit(args, shapes.card_json(card, settings), lambda: output.print_card(card, settings))


@with_store
def run_customer_edit(store: service.Store, args, settings: Settings) -> None:
    customer = service.find_customer(store, args.customer)
    changes = {
        field: value
        for field, value in {
            "name": args.name,
            "organisation": args.organisation,
            "email": args.email,
            "phone": args.phone,
            "address": args.address,
            "tags": args.tags,
            "notes": args.notes,
        }.items()
        if value is not None
    }
    for day in ("birthday", "since"):
        if getattr(args, day) is not None:
            changes[day] = day_of(getattr(args, day), settings)
    if not changes:
        raise Misuse("nothing_to_change")
    info = service.edit_customer(
        store,
        customer.id,
        settings.today,
        member=settings.member,
        expect_version=args.expect_version,
        allow_duplicate=args.allow_duplicate,
        **changes,
    )
    emit(args, shapes.info_json(info), lambda: say(f"#{info.id} {info.name}"))


@with_store
def run_customer_merge(store: service.Store, args, settings: Settings) -> int:
    kept = service.find_customer(store, args.kept)
    gone = service.find_customer(store, args.gone)
    if not args.yes:
        for label, info in (("A", kept), ("B", gone)):
            card = service.customer_card(store, info.id, settings.today)
            say(output.customer_line(label, card, settings))
        question = output.text("merge.confirm", settings.lang, kept=kept.name, gone=gone.name)
        if not confirm(question):
            print(output.text("merge.kept_apart", settings.lang))
            return EXIT_FAILED
    merged = service.merge_customers(
        store, kept.id, gone.id, settings.today, member=settings.member
    )
    emit(args, shapes.merged_json(merged), lambda: output.print_merged(merged, settings))
    return 0


@with_store
def run_customer_export(store: service.Store, args, settings: Settings) -> None:
    customer = service.find_customer(store, args.customer)
    held = service.export_customer(store, customer.id, settings.today)
    document = shapes.person_json(held, settings)
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    deliver(text.encode("utf-8"), "json", args, settings)


@with_store
def run_customer_erase(store: service.Store, args, settings: Settings) -> int:
    customer = service.find_customer(store, args.customer)
    if not args.yes:
        question = output.text("erase.confirm", settings.lang, name=customer.name, id=customer.id)
        if not confirm(question):
            print(output.text("erase.kept", settings.lang))
            return EXIT_FAILED
    erased = service.erase_customer(store, customer.id, member=settings.member)
    print(output.text("erase.done", settings.lang, name=erased.customer.name))
    if erased.copies:
        print(output.text("erase.copies", settings.lang, count=erased.copies))
    return 0
