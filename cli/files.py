"""Whole files: the demo co-op, Christmas cards, exports, imports, backup and restore."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from cli import output
from cli.common import (
    EXIT_FAILED,
    BadRows,
    Commands,
    Misuse,
    deliver,
    emit,
    open_store,
    say,
    with_store,
)
from data import service
from data.formats.columns import FIELDS, parse_overrides
from data.formats.contacts import read_contacts
from data.locations import is_postgres, shown_location
from data.member_files import IMPORT_LIMIT_MB, database_files
from present import shapes
from present.exports import CARD_FORMATS, cards_document
from present.formats import format_names
from present.i18n import tn
from present.settings import Settings


def add_demo(c: Commands) -> None:
    demo = c.command(
        "demo",
        c.w("cli.fill_an_empty_database_with_a_demo_co_op"),
    )
    demo.add_argument(
        "--seed",
        type=int,
        default=2026,
        help=c.w("cli.another_seed_other_stories"),
    )
    demo.set_defaults(run=run_demo)


def add_commands(c: Commands) -> None:
    _cards_and_export(c)
    _import_backup_restore(c)


def _cards_and_export(c: Commands) -> None:
    """`cards` and `export`."""
    cards = c.command(
        "cards",
        c.w("cli.the_christmas_cards_still_to_send_labels_or_a_ma"),
    )
    cards.add_argument(
        "--year",
        type=int,
        help=c.w("cli.whose_card_of_year_default_this_year"),
    )
    cards.add_argument(
        "--format",
        choices=format_names(CARD_FORMATS),
        help=c.w("cli.labels_3x8_on_a4_or_csv"),
    )
    cards.add_argument("--output", metavar=c.file_arg)
    c.replace_option(cards)
    cards.add_argument(
        "--delimiter",
        choices=(";", ",", "tab"),
        default=";",
        help=c.w("cli.the_csv_delimiter_default_as_finnish_excel_reads"),
    )
    cards.set_defaults(run=run_cards)
    done = c.command(
        "done",
        c.w("cli.mark_every_card_of_the_year_the_labels_print_as"),
        c.actions_of(cards, required=False),
    )
    done.add_argument(
        "--year",
        type=int,
        help=c.w("cli.whose_cards_default_this_year"),
    )
    c.json_option(done)
    done.set_defaults(run=run_cards_done)

    export = c.command(
        "export",
        c.w("cli.the_whole_database_as_json_lossless_or_csv_files"),
    )
    export.add_argument("--format", choices=("json", "csv"), default="json")
    export.add_argument(
        "--output",
        metavar=c.w("cli.path"),
        help=c.w("cli.a_file_json_or_a_folder_csv"),
    )
    c.replace_option(export)
    export.set_defaults(run=run_export)


def _import_backup_restore(c: Commands) -> None:
    """`import`, `backup` and `restore`."""
    importing = c.command(
        "import",
        c.w("cli.contacts_from_csv_or_vcard_or_a_whole_json_expor"),
    )
    importing.add_argument(
        "file",
        metavar=c.file_arg,
        help=c.w("cli.csv_vcf_or_a_ladder_export_json"),
    )
    importing.add_argument(
        "orders_file",
        nargs="?",
        metavar=c.w("cli.orders"),
        help=c.w("cli.ladder_import_orders_file_a_shop_s_orders_as_pur"),
    )
    importing.add_argument(
        "--no-new",
        action="store_true",
        help=c.w("cli.orders_add_no_new_customers_list_them"),
    )
    importing.add_argument(
        "--again",
        action="store_true",
        help=c.w("cli.orders_bring_back_purchases_a_member_deleted"),
    )
    importing.add_argument(
        "--dry-run",
        action="store_true",
        help=c.w("cli.only_show_what_would_happen"),
    )
    importing.add_argument(
        "--duplicates",
        choices=("skip", "merge"),
        default="skip",
        help=c.w("cli.same_e_mail_or_phone_as_a_customer_skip_or_fill"),
    )
    importing.add_argument(
        "--map",
        action="append",
        default=[],
        metavar=c.w("cli.column_field"),
        help=c.w("cli.read_a_column_otherwise", fields=", ".join(FIELDS)),
    )
    importing.add_argument(
        "--merge-by-name",
        action="store_true",
        help=c.w("cli.fill_in_a_customer_found_by_the_same_name_alone"),
    )
    importing.add_argument(
        "--max-size",
        type=int,
        default=IMPORT_LIMIT_MB,
        metavar="MB",
        help=c.w("cli.the_largest_file_read_in_megabytes", limit=IMPORT_LIMIT_MB),
    )
    importing.set_defaults(run=run_import)

    backup = c.command(
        "backup",
        c.w("cli.copy_the_whole_database_to_a_new_file"),
    )
    backup.add_argument("file", metavar=c.file_arg)
    backup.set_defaults(run=run_backup)
    restore = c.command(
        "restore",
        c.w("cli.restore_a_backup_onto_an_empty_database"),
    )
    restore.add_argument("file", metavar=c.file_arg)
    restore.set_defaults(run=run_restore)


def run_demo(args, settings: Settings) -> int:
    store = open_store(settings)
    settings = replace(settings, rules=store.rules)
    try:
        where = shown_location(settings.location)
        added = service.add_demo(
            store, settings.today, member=settings.member, seed=args.seed, where=where
        )
        print(tn("demo.done", added, settings.lang))
    finally:
        store.close()
    return 0


@with_store
def run_cards(store: service.Store, args, settings: Settings) -> None:
    year = args.year or settings.today.year
    people = service.christmas_cards(store, year, settings.today, for_labels=args.format == "pdf")
    if args.format:
        delimiter = "\t" if args.delimiter == "tab" else args.delimiter
        document = cards_document(people, args.format, settings, delimiter=delimiter)
        deliver(document, args.format, args, settings)
        return
    for person in people:
        say(f"#{person.id} {person.name} · {person.address or '–'}")
    print(tn("cards.count", len(people), settings.lang, year=year))


@with_store
def run_cards_done(store: service.Store, args, settings: Settings) -> None:
    year = args.year or settings.today.year
    changes = service.christmas_cards_done(store, year, settings.today, member=settings.member)
    document = [shapes.followup_json(change.followup, settings) for change in changes]
    emit(
        args,
        document,
        lambda: print(tn("cards.done", len(changes), settings.lang, year=year)),
    )


@with_store
def run_export(store: service.Store, args, settings: Settings) -> None:
    if args.format == "csv":
        if not args.output:
            raise Misuse("csv_export_folder")
        folder = Path(args.output).expanduser()
        for path in service.export_whole_csv(store, folder, force=args.force):
            print(path)
        return
    deliver((service.export_whole_json(store) + "\n").encode("utf-8"), "json", args, settings)


def run_import(args, settings: Settings) -> int:
    """The file is read and checked before a database is opened; a new database
    file made for an import that then fails (or only a dry run) is removed."""
    if args.file == "orders" and args.orders_file:  # `ladder import orders FILE`
        from cli.orders import run_import_orders

        return run_import_orders(args, settings)
    path = Path(args.file).expanduser()
    fresh = not is_postgres(settings.location) and not Path(settings.location).exists()
    whole = path.suffix.lower() == ".json"
    limit = args.max_size
    found = (
        service.read_whole_export(path, limit)
        if whole
        else read_contacts(path, settings.today, parse_overrides(args.map), settings.country, limit)
    )
    store = open_store(settings)
    settings = replace(settings, rules=store.rules)
    imported = False
    try:
        if whole:
            imported = _import_whole(store, found, args, settings)
        else:
            imported = _import_contacts(store, found, args, settings)
    finally:
        store.close()
        if fresh and not imported:
            for file in database_files(settings.location):
                file.unlink(missing_ok=True)
    return 0 if imported or args.dry_run else EXIT_FAILED


def _import_whole(store: service.Store, facts, args, settings: Settings) -> bool:
    if not args.dry_run:
        service.import_whole(store, facts, settings.today, member=settings.member)
    print(
        output.text(
            "import.whole",
            settings.lang,
            customers=len(facts["customers"]),
            events=len(facts["events"]),
            dry=" (dry run)" if args.dry_run else "",
        )
    )
    return not args.dry_run


def _import_contacts(store: service.Store, found, args, settings: Settings) -> bool:
    plan = service.plan_contact_import(store, found)
    output.print_import_plan(plan, args.duplicates, settings, found, args.merge_by_name)
    if plan.bad:
        raise BadRows()
    if args.dry_run:
        return False
    with output.progress(len(plan.new), output.text("import.working", settings.lang)):
        added, merged = service.import_contacts(
            store,
            plan,
            merge=args.duplicates == "merge",
            today=settings.today,
            member=settings.member,
            by_name=args.merge_by_name,
        )
    print(tn("import.done", added, settings.lang, merged=merged))
    return True


def run_backup(args, settings: Settings) -> int:
    store = open_store(settings)  # brings an old database up to date, and proves it opens
    store.close()
    service.backup(settings.location, Path(args.file).expanduser())
    print(output.text("backup.done", settings.lang, path=args.file))
    return 0


def run_restore(args, settings: Settings) -> int:
    store = open_store(settings)
    empty = not service.list_customers(store, settings.today)
    store.close()
    service.restore(settings.location, Path(args.file).expanduser(), empty=empty)
    store = open_store(settings)  # migrates an older backup and derives what it needs
    count = len(service.list_customers(store, settings.today))
    store.close()
    print(tn("restore.done", count, settings.lang))
    return 0
