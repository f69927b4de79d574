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
        c.w(
            "täytä tyhjä tietokanta demo-osuuskunnalla", "fill an empty database with a demo co-op"
        ),
    )
    demo.add_argument(
        "--seed",
        type=int,
        default=2026,
        help=c.w("toinen siemen, toiset tarinat", "another seed, other stories"),
    )
    demo.set_defaults(run=run_demo)


def add_commands(c: Commands) -> None:
    _cards_and_export(c)
    _import_backup_restore(c)


def _cards_and_export(c: Commands) -> None:
    """`cards` and `export`."""
    cards = c.command(
        "cards",
        c.w(
            "lähettämättömät joulukortit: osoitetarrat tai CSV",
            "the Christmas cards still to send: labels or a mail-merge CSV",
        ),
    )
    cards.add_argument(
        "--year",
        type=int,
        help=c.w(
            "minkä vuoden kortit (oletus tämä vuosi)", "whose card of YEAR (default this year)"
        ),
    )
    cards.add_argument(
        "--format",
        choices=format_names(CARD_FORMATS),
        help=c.w("tarrat (3x8 A4) tai CSV", "labels (3x8 on A4) or CSV"),
    )
    cards.add_argument("--output", metavar=c.file_arg)
    c.replace_option(cards)
    cards.add_argument(
        "--delimiter",
        choices=(";", ",", "tab"),
        default=";",
        help=c.w(
            "CSV:n erotin (oletus ; kuten suomalainen Excel)",
            "the CSV delimiter (default ; as Finnish Excel reads it)",
        ),
    )
    cards.set_defaults(run=run_cards)
    done = c.command(
        "done",
        c.w(
            "merkitse vuoden kaikki tarroille tulostuvat kortit lähetetyiksi (kirjaa joulukortin)",
            "mark every card of the year the labels print as sent (logs the Christmas card)",
        ),
        c.actions_of(cards, required=False),
    )
    done.add_argument(
        "--year",
        type=int,
        help=c.w("minkä vuoden kortit (oletus tämä vuosi)", "whose cards (default this year)"),
    )
    c.json_option(done)
    done.set_defaults(run=run_cards_done)

    export = c.command(
        "export",
        c.w(
            "koko tietokanta JSON- (häviötön) tai CSV-tiedostoina",
            "the whole database as JSON (lossless) or CSV files",
        ),
    )
    export.add_argument("--format", choices=("json", "csv"), default="json")
    export.add_argument(
        "--output",
        metavar=c.w("POLKU", "PATH"),
        help=c.w("tiedosto (JSON) tai kansio (CSV)", "a file (JSON) or a folder (CSV)"),
    )
    c.replace_option(export)
    export.set_defaults(run=run_export)


def _import_backup_restore(c: Commands) -> None:
    """`import`, `backup` and `restore`."""
    importing = c.command(
        "import",
        c.w(
            "asiakkaat CSV:stä tai vCardista, tai koko JSON-vienti",
            "contacts from CSV or vCard, or a whole JSON export",
        ),
    )
    importing.add_argument(
        "file",
        metavar=c.file_arg,
        help=c.w(".csv, .vcf tai Ladderin .json-vienti", ".csv, .vcf or a ladder export .json"),
    )
    importing.add_argument(
        "orders_file",
        nargs="?",
        metavar=c.w("TILAUKSET", "ORDERS"),
        help=c.w(
            "ladder import orders TIEDOSTO: verkkokaupan tilaukset ostoiksi (Shopify, "
            "WooCommerce tai --map)",
            "ladder import orders FILE: a shop's orders as purchases (Shopify, WooCommerce "
            "or --map)",
        ),
    )
    importing.add_argument(
        "--no-new",
        action="store_true",
        help=c.w(
            "tilaukset: älä lisää uusia asiakkaita, luettele ne",
            "orders: add no new customers, list them",
        ),
    )
    importing.add_argument(
        "--again",
        action="store_true",
        help=c.w(
            "tilaukset: tuo uudelleen ostot, jotka jäsen on poistanut",
            "orders: bring back purchases a member deleted",
        ),
    )
    importing.add_argument(
        "--dry-run",
        action="store_true",
        help=c.w("näytä vain mitä tapahtuisi", "only show what would happen"),
    )
    importing.add_argument(
        "--duplicates",
        choices=("skip", "merge"),
        default="skip",
        help=c.w(
            "sama sähköposti tai puhelin kuin asiakkaalla: ohita tai täydennä tiedot",
            "same e-mail or phone as a customer: skip, or fill in details",
        ),
    )
    importing.add_argument(
        "--map",
        action="append",
        default=[],
        metavar=c.w("SARAKE=KENTTÄ", "COLUMN=FIELD"),
        help=c.w(
            'lue sarake toisin, esim. "Puhelin 2=phone" (toistettavissa; kentät: '
            f"{', '.join(FIELDS)})",
            f'read a column otherwise, e.g. "Phone 2=phone" (repeatable; fields: '
            f"{', '.join(FIELDS)})",
        ),
    )
    importing.add_argument(
        "--merge-by-name",
        action="store_true",
        help=c.w(
            "täydennä myös pelkän nimen perusteella löytynyt asiakas (ei oletuksena)",
            "fill in a customer found by the same name alone too (not by default)",
        ),
    )
    importing.add_argument(
        "--max-size",
        type=int,
        default=IMPORT_LIMIT_MB,
        metavar="MB",
        help=c.w(
            f"suurin luettava tiedosto megatavuina (oletus {IMPORT_LIMIT_MB})",
            f"the largest file read, in megabytes (default {IMPORT_LIMIT_MB})",
        ),
    )
    importing.set_defaults(run=run_import)

    backup = c.command(
        "backup",
        c.w("kopioi koko tietokanta uuteen tiedostoon", "copy the whole database to a new file"),
    )
    backup.add_argument("file", metavar=c.file_arg)
    backup.set_defaults(run=run_backup)
    restore = c.command(
        "restore",
        c.w("palauta varmuuskopio tyhjään tietokantaan", "restore a backup onto an empty database"),
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
            raise Misuse(
                "CSV export writes one file a table: add --output FOLDER", "csv_export_folder"
            )
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
