"""The `ladder` command: the TUI with no arguments, and every use case as a subcommand.

Errors are one line on stderr: exit 2 for misuse (an unknown option, a bad
date, an unknown kind), 1 for an operation that failed (an unknown customer,
an unreachable database). Never a traceback.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any, NoReturn

from data.backup import backup, restore
from data.db import DatabaseError, is_postgres, shown_location
from data.demo import demo_coop
from data.files import OutputRefused, database_files, write_private
from data.formats.columns import FIELDS, parse_overrides
from data.formats.contacts import read_contacts
from data.importer import apply_import, plan_import
from data.store import Store, StoreError
from data.transfer import ExportFileError, export_csv, export_json, read_export
from ladder import (
    Rulebook,
    RulebookError,
    Rung,
    default_rulebook,
    format_date,
    load_rulebook,
    parse_date,
    whatif,
)
from ladder.dates import DATE_FORMS
from ladder.text import visible
from tui import argparse_fi, output
from tui.exports import FORMATS, cards_document, followups_document
from tui.i18n import describe_error, t, tn
from tui.printing import PrintError, send_to_printer
from tui.settings import Settings, detect_lang, resolve

EXIT_FAILED = 1
EXIT_MISUSE = 2


class Misuse(Exception):
    """The command was called wrongly; exit 2. `key` names the message in i18n."""

    def __init__(self, message: str, key: str = "", **values: object) -> None:
        super().__init__(message)
        self.key = key
        self.values = values


class _Parser(argparse.ArgumentParser):
    """argparse that reports misuse in one line, without the usage block."""

    def error(self, message: str) -> NoReturn:
        raise Misuse(message)


class Words:
    """Help texts in the member's language: each is written here in both."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __call__(self, finnish: str, english: str) -> str:
        return finnish if self.lang == "fi" else english


def build_parser(lang: str = "en", rules: Rulebook | None = None) -> argparse.ArgumentParser:
    """The whole command line; every --help text in `lang`."""
    w = Words(lang)
    argparse_fi.speak(lang)
    common = _Parser(add_help=False)
    where = common.add_argument_group(w("missä ja milloin", "where and when"))
    where.add_argument(
        "--db",
        default=argparse.SUPPRESS,
        help=w(
            "SQLite-tiedosto tai postgresql://-osoite (LADDER_DB)",
            "SQLite file or postgresql:// URL (env LADDER_DB)",
        ),
    )
    where.add_argument(
        "--rules",
        metavar=w("TIEDOSTO", "FILE"),
        default=argparse.SUPPRESS,
        help=w("sääntökirja (TOML, LADDER_RULES)", "rulebook TOML file (env LADDER_RULES)"),
    )
    where.add_argument(
        "--today",
        metavar=w("PÄIVÄ", "DATE"),
        default=argparse.SUPPRESS,
        help=w(
            "mitä päivää pidetään tänään (LADDER_TODAY)",
            "the date taken as today (env LADDER_TODAY)",
        ),
    )
    where.add_argument(
        "--member",
        metavar=w("NIMI", "NAME"),
        default=argparse.SUPPRESS,
        help=w(
            "kuka ohjelmaa käyttää (LADDER_MEMBER; oletus käyttäjätunnus)",
            "who is using the program (env LADDER_MEMBER; default login name)",
        ),
    )
    kinds = ", ".join(
        (k.names[1].lower() if lang == "fi" else k.id)
        + (f" ({', '.join(k.aliases)})" if k.aliases else "")
        for k in (rules or default_rulebook()).kinds.values()
    )
    parser = _Parser(
        prog="ladder",
        parents=[common],
        description=w(
            "Osuuskunnan asiakkuuksien tikapuut: kuluttaja → kokeilija → asiakas → lojalisti "
            "→ sanansaattaja. Ilman komentoa avautuu aamun näkymä.",
            "A co-op's customer ladder: kuluttaja → kokeilija → asiakas → lojalisti "
            "→ sanansaattaja. With no command, opens the morning view.",
        ),
        epilog=w(
            f"Päivät: {DATE_FORMS}. ASIAKAS on numero tai nimen yksiselitteinen osa.",
            f"Dates: {DATE_FORMS}. CUSTOMER is an id or a unique part of a name.",
        ),
    )
    commands = parser.add_subparsers(
        dest="command", metavar=w("KOMENTO", "COMMAND"), parser_class=_Parser
    )
    customer_arg = w("ASIAKAS", "CUSTOMER")
    file_arg = w("TIEDOSTO", "FILE")
    date_arg = w("PÄIVÄ", "DATE")
    text_arg = w("TEKSTI", "TEXT")

    def command(name: str, help_text: str, parent=commands) -> argparse.ArgumentParser:
        return parent.add_parser(name, help=help_text, description=help_text, parents=[common])

    def actions_of(parser: argparse.ArgumentParser, required: bool = True):
        return parser.add_subparsers(
            dest="action", metavar=w("TOIMINTO", "ACTION"), required=required, parser_class=_Parser
        )

    def json_option(parser: argparse.ArgumentParser) -> None:
        parser.add_argument(
            "--json",
            action="store_true",
            help=w("tulosta JSON-dokumentti", "print one JSON document"),
        )

    def replace_option(parser: argparse.ArgumentParser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help=w("korvaa olemassa oleva tiedosto", "replace an existing --output file"),
        )

    def force_option(parser: argparse.ArgumentParser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help=w(
                "hyväksy yli viisi vuotta vanha päivä", "accept a date more than five years back"
            ),
        )

    def contact_options(parser: argparse.ArgumentParser) -> None:
        parser.add_argument(
            "--organisation", "--org", help=w("yritys tai yhteisö", "company or organisation")
        )
        parser.add_argument("--email", help=w("sähköposti", "e-mail"))
        parser.add_argument("--phone", help=w("puhelin", "phone"))
        parser.add_argument("--address", help=w("osoite", "address"))
        parser.add_argument("--birthday", metavar=date_arg, help=w("syntymäpäivä", "birthday"))
        parser.add_argument("--tags", help=w("tunnisteet pilkuin eroteltuina", "comma-separated"))
        parser.add_argument("--notes", help=w("muistiinpanot", "notes"))

    def emotional_options(parser: argparse.ArgumentParser) -> None:
        group = parser.add_mutually_exclusive_group()
        group.add_argument(
            "--emotional",
            dest="emotional",
            action="store_true",
            default=None,
            help=w(
                "tunnetason kokemus (lasketaan kahdesti)", "an emotional experience (counts double)"
            ),
        )
        group.add_argument(
            "--not-emotional",
            dest="emotional",
            action="store_false",
            help=w(
                "ei tunnetason, vaikka laji yleensä on",
                "not emotional, even if the kind usually is",
            ),
        )

    demo = command(
        "demo",
        w("täytä tyhjä tietokanta demo-osuuskunnalla", "fill an empty database with a demo co-op"),
    )
    demo.add_argument(
        "--seed",
        type=int,
        default=2026,
        help=w("toinen siemen, toiset tarinat", "another seed, other stories"),
    )
    demo.set_defaults(run=run_demo)

    customer = command(
        "customer",
        w("lisää, listaa, näytä tai muokkaa asiakkaita", "add, list, show or edit customers"),
    )
    customers = actions_of(customer)
    add = command("add", w("lisää asiakas", "add a customer"), customers)
    add.add_argument("name", metavar=w("NIMI", "NAME"))
    contact_options(add)
    json_option(add)
    add.set_defaults(run=run_customer_add)
    listing = command(
        "list",
        w("asiakkaat ja heidän portaansa tänään", "list customers with their rung today"),
        customers,
    )
    listing.add_argument(
        "--rung",
        type=_rung,
        help=w("vain tämä porras (esim. lojalisti)", "only this rung (e.g. lojalisti)"),
    )
    listing.add_argument(
        "--search",
        default="",
        metavar=text_arg,
        help=w(
            "osa nimeä, sähköpostia, puhelinta tai tunnistetta", "part of name/e-mail/phone/tag"
        ),
    )
    listing.add_argument(
        "--at-risk", action="store_true", help=w("vain vaarassa olevat", "only customers at risk")
    )
    json_option(listing)
    listing.set_defaults(run=run_customer_list)
    show = command(
        "show",
        w(
            "näytä asiakas: porras, pisteet, tapahtumat, syyt",
            "show one customer: rung, score, events, reasons",
        ),
        customers,
    )
    show.add_argument("customer", metavar=customer_arg)
    json_option(show)
    show.set_defaults(run=run_customer_show)
    person = command(
        "export",
        w(
            "kaikki henkilöstä tallennettu, JSON-muodossa",
            "everything held about one person, as JSON",
        ),
        customers,
    )
    person.add_argument("customer", metavar=customer_arg)
    person.add_argument("--output", metavar=file_arg)
    replace_option(person)
    person.set_defaults(run=run_customer_export)
    erase = command(
        "erase",
        w(
            "poista henkilö ja kaikki hänen tietonsa (GDPR)",
            "remove a person and all about them (GDPR erasure)",
        ),
        customers,
    )
    erase.add_argument("customer", metavar=customer_arg)
    erase.add_argument(
        "--yes", action="store_true", help=w("älä kysy vahvistusta", "do not ask for confirmation")
    )
    erase.set_defaults(run=run_customer_erase)
    edit = command("edit", w("muuta asiakkaan tietoja", "change a customer's details"), customers)
    edit.add_argument("customer", metavar=customer_arg)
    edit.add_argument("--name", help=w("nimi", "name"))
    contact_options(edit)
    json_option(edit)
    edit.set_defaults(run=run_customer_edit)

    log = command(
        "log",
        w(
            "kirjaa tapahtuma (yhteydenotto, osto, reklamaatio, …)",
            "log an event (a contact, a purchase, a complaint, …)",
        ),
    )
    log.add_argument("customer", metavar=customer_arg)
    log.add_argument("kind", metavar=w("LAJI", "KIND"), help=kinds)
    log.add_argument(
        "--on",
        metavar=date_arg,
        help=w("milloin se tapahtui (oletus tänään)", "when it happened (default today)"),
    )
    emotional_options(log)
    log.add_argument("--note", default="", metavar=text_arg, help=w("muistiinpano", "a note"))
    force_option(log)
    json_option(log)
    log.set_defaults(run=run_log)

    event = command(
        "event", w("korjaa tai poista kirjattu tapahtuma", "correct or delete a logged event")
    )
    events = actions_of(event)
    event_edit = command(
        "edit",
        w(
            "korjaa tapahtuma; asiakas lasketaan uudelleen",
            "correct an event; the customer is re-derived",
        ),
        events,
    )
    event_edit.add_argument("event_id", type=_id, metavar=w("NUMERO", "EVENT_ID"))
    event_edit.add_argument("--kind", help=kinds)
    event_edit.add_argument(
        "--on", metavar=date_arg, help=w("milloin se tapahtui", "when it happened")
    )
    emotional_options(event_edit)
    event_edit.add_argument("--note", metavar=text_arg, help=w("muistiinpano", "a note"))
    force_option(event_edit)
    json_option(event_edit)
    event_edit.set_defaults(run=run_event_edit)
    event_delete = command(
        "delete", w("poista virheellinen tapahtuma", "delete a mistaken event"), events
    )
    event_delete.add_argument("event_id", type=_id, metavar=w("NUMERO", "EVENT_ID"))
    event_delete.set_defaults(run=run_event_delete)

    followups = command(
        "followups",
        w("tehtävälista, ja yhden tehtävän hoitaminen", "the follow-up list, and acting on one"),
    )
    followups.add_argument(
        "--days",
        type=_days,
        default=0,
        metavar="N",
        help=w("myös seuraavien N päivän tehtävät", "also list what is due in the next N days"),
    )
    followups.add_argument(
        "--mine", action="store_true", help=w("vain omat tehtävät", "only my follow-ups")
    )
    followups.add_argument(
        "--format",
        choices=FORMATS,
        help=w("tiedostomuoto taulukon sijaan", "a file format instead of a table"),
    )
    followups.add_argument(
        "--output",
        metavar=file_arg,
        help=w("kirjoita tiedostoon", "write to FILE instead of the screen"),
    )
    followups.add_argument(
        "--print", action="store_true", help=w("tulostimelle (lp)", "send to the printer (lp)")
    )
    replace_option(followups)
    json_option(followups)
    followups.set_defaults(run=run_followups)
    actions = actions_of(followups, required=False)
    f_add = command(
        "add",
        w("lisää oma tehtävä asiakkaasta", "add your own follow-up about a customer"),
        actions,
    )
    f_add.add_argument("customer", metavar=customer_arg)
    f_add.add_argument(
        "--on",
        required=True,
        metavar=date_arg,
        help=w("eräpäivä (tänään tai myöhemmin)", "when it is due (today or later)"),
    )
    f_add.add_argument(
        "--note", required=True, metavar=text_arg, help=w("mitä tehdä", "what to do")
    )
    f_add.add_argument(
        "--for",
        dest="owner",
        metavar=w("JÄSEN", "MEMBER"),
        help=w("toisen jäsenen tehtävä", "another member's task"),
    )
    json_option(f_add)
    f_add.set_defaults(run=run_followup_add)
    done = command(
        "done",
        w(
            "merkitse tehtävä tehdyksi; kirjaa samalla se mitä tehtiin (soitto, kortti, …)",
            "mark a follow-up done, logging what was done (the call, the card, …)",
        ),
        actions,
    )
    done.add_argument("followup_id", type=_id, metavar=w("NUMERO", "ID"))
    done_as = done.add_mutually_exclusive_group()
    done_as.add_argument(
        "--as",
        dest="kind",
        metavar=w("LAJI", "KIND"),
        help=w(
            "kirjattava tapahtuma (oletus tehtävän mukaan, esim. soitto → jälkimarkkinointisoitto)",
            "the event to log (default: what the follow-up stands for, e.g. the call)",
        ),
    )
    done_as.add_argument(
        "--no-event",
        action="store_true",
        help=w("kuittaa kirjaamatta yhteydenottoa", "close it without logging a contact"),
    )
    done.add_argument(
        "--note",
        default="",
        metavar=text_arg,
        help=w("muistiinpano tapahtumaan", "a note for the event"),
    )
    done.add_argument(
        "--on",
        metavar=date_arg,
        help=w("milloin se tehtiin (oletus tänään)", "when it was done (default today)"),
    )
    force_option(done)
    json_option(done)
    done.set_defaults(run=run_followup_done)
    dismiss = command("dismiss", w("hylkää tehtävä", "dismiss one"), actions)
    dismiss.add_argument("followup_id", type=_id, metavar=w("NUMERO", "ID"))
    dismiss.set_defaults(run=run_followup_dismiss)
    reopen = command(
        "reopen",
        w(
            "avaa tehty, hylätty tai siirretty tehtävä uudelleen",
            "open a done, dismissed or snoozed follow-up again",
        ),
        actions,
    )
    reopen.add_argument("followup_id", type=_id, metavar=w("NUMERO", "ID"))
    reopen.set_defaults(run=run_followup_reopen)
    snooze = command(
        "snooze", w("siirrä tehtävä myöhemmäksi", "move a follow-up to a later day"), actions
    )
    snooze.add_argument("followup_id", type=_id, metavar=w("NUMERO", "ID"))
    snooze.add_argument(
        "--until", required=True, metavar=date_arg, help=w("tänään tai myöhemmin", "today or later")
    )
    snooze.add_argument(
        "--earlier",
        action="store_true",
        help=w("salli aiempi päivä kuin eräpäivä", "allow a day before it is due"),
    )
    snooze.set_defaults(run=run_followup_snooze)
    reassign = command(
        "reassign",
        w("anna tehtävä toiselle jäsenelle", "give a follow-up to another member"),
        actions,
    )
    reassign.add_argument("followup_id", type=_id, metavar=w("NUMERO", "ID"))
    reassign.add_argument(
        "--to", required=True, metavar=w("JÄSEN", "MEMBER"), help=w("kenelle", "to whom")
    )
    reassign.set_defaults(run=run_followup_reassign)

    cards = command(
        "cards",
        w(
            "lähettämättömät joulukortit: osoitetarrat tai CSV",
            "the Christmas cards still to send: labels or a mail-merge CSV",
        ),
    )
    cards.add_argument(
        "--year",
        type=int,
        help=w("minkä vuoden kortit (oletus tämä vuosi)", "whose card of YEAR (default this year)"),
    )
    cards.add_argument(
        "--format",
        choices=("pdf", "csv"),
        help=w("tarrat (3x8 A4) tai CSV", "labels (3x8 on A4) or CSV"),
    )
    cards.add_argument("--output", metavar=file_arg)
    replace_option(cards)
    cards.add_argument(
        "--delimiter",
        choices=(";", ",", "tab"),
        default=";",
        help=w(
            "CSV:n erotin (oletus ; kuten suomalainen Excel)",
            "the CSV delimiter (default ; as Finnish Excel reads it)",
        ),
    )
    cards.set_defaults(run=run_cards)

    export = command(
        "export",
        w(
            "koko tietokanta JSON- (häviötön) tai CSV-tiedostoina",
            "the whole database as JSON (lossless) or CSV files",
        ),
    )
    export.add_argument("--format", choices=("json", "csv"), default="json")
    export.add_argument(
        "--output",
        metavar=w("POLKU", "PATH"),
        help=w("tiedosto (JSON) tai kansio (CSV)", "a file (JSON) or a folder (CSV)"),
    )
    replace_option(export)
    export.set_defaults(run=run_export)

    importing = command(
        "import",
        w(
            "asiakkaat CSV:stä tai vCardista, tai koko JSON-vienti",
            "contacts from CSV or vCard, or a whole JSON export",
        ),
    )
    importing.add_argument(
        "file",
        metavar=file_arg,
        help=w(".csv, .vcf tai Ladderin .json-vienti", ".csv, .vcf or a ladder export .json"),
    )
    importing.add_argument(
        "--dry-run",
        action="store_true",
        help=w("näytä vain mitä tapahtuisi", "only show what would happen"),
    )
    importing.add_argument(
        "--duplicates",
        choices=("skip", "merge"),
        default="skip",
        help=w(
            "sama sähköposti tai puhelin kuin asiakkaalla: ohita tai täydennä tiedot",
            "same e-mail or phone as a customer: skip, or fill in details",
        ),
    )
    importing.add_argument(
        "--map",
        action="append",
        default=[],
        metavar=w("SARAKE=KENTTÄ", "COLUMN=FIELD"),
        help=w(
            'lue sarake toisin, esim. "Puhelin 2=phone" (toistettavissa; kentät: '
            f"{', '.join(FIELDS)})",
            f'read a column otherwise, e.g. "Phone 2=phone" (repeatable; fields: '
            f"{', '.join(FIELDS)})",
        ),
    )
    importing.set_defaults(run=run_import)

    backup = command(
        "backup",
        w("kopioi koko tietokanta uuteen tiedostoon", "copy the whole database to a new file"),
    )
    backup.add_argument("file", metavar=file_arg)
    backup.set_defaults(run=run_backup)
    restore = command(
        "restore",
        w("palauta varmuuskopio tyhjään tietokantaan", "restore a backup onto an empty database"),
    )
    restore.add_argument("file", metavar=file_arg)
    restore.set_defaults(run=run_restore)

    pipeline = command(
        "pipeline",
        w(
            "montako asiakasta kullakin portaalla, ja viikon liikkeet",
            "how many customers stand on each rung, and the week's moves",
        ),
    )
    json_option(pipeline)
    pipeline.set_defaults(run=run_pipeline)

    rules_command = command(
        "rules", w("näytä, tarkista tai kokeile sääntökirjaa", "show, check or try out a rulebook")
    )
    rule_actions = actions_of(rules_command)
    command(
        "show", w("tulosta käytössä oleva sääntökirja", "print the rulebook in use"), rule_actions
    ).set_defaults(run=run_rules_show)
    check = command(
        "check",
        w(
            "tarkista sääntökirja ja luettele kaikki virheet",
            "check a rulebook file and list every problem",
        ),
        rule_actions,
    )
    check.add_argument("file", metavar=file_arg)
    check.set_defaults(run=run_rules_check)
    whatif = command(
        "whatif",
        w("ketä toinen sääntökirja siirtäisi", "how many customers another rulebook would move"),
        rule_actions,
    )
    whatif.add_argument("file", metavar=file_arg)
    json_option(whatif)
    whatif.set_defaults(run=run_rules_whatif)
    return parser


def _rung(text: str) -> Rung:
    try:
        return Rung.from_id(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _days(text: str) -> int:
    if not (text.isascii() and text.isdigit()) or int(text) > 3660:
        raise argparse.ArgumentTypeError(text)
    return int(text)


def _id(text: str) -> int:
    """A number as members read it off paper: `12` or `#12`."""
    cleaned = text.strip().lstrip("#")
    if not (cleaned.isascii() and cleaned.isdigit()) or len(cleaned) > 19:
        raise argparse.ArgumentTypeError(text)
    return int(cleaned)


# -- running --------------------------------------------------------------------


DATE_OPTIONS = ("--on", "--until", "--birthday", "--today")


def attach_negative_dates(argv: Sequence[str]) -> list[str]:
    """`--on -1d` as `--on=-1d`: argparse would take "-1d" for an option."""
    joined: list[str] = []
    for arg in argv:
        if joined and joined[-1] in DATE_OPTIONS and arg.startswith("-") and arg[1:2].isdigit():
            joined[-1] = f"{joined[-1]}={arg}"
        else:
            joined.append(arg)
    return joined


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `ladder` command."""
    lang = detect_lang()
    try:
        argv = sys.argv[1:] if argv is None else argv
        args = build_parser(lang, _rules_for_help()).parse_args(attach_negative_dates(argv))
        settings = resolve(
            getattr(args, "db", None),
            getattr(args, "rules", None),
            getattr(args, "today", None),
            getattr(args, "member", None),
        )
        if args.command is None:
            return _open_app(settings)
        return args.run(args, settings) or 0
    except Misuse as exc:
        return _fail(f"{describe_error(exc, lang)} ({t('cli.see_help', lang)})", EXIT_MISUSE)
    except _BadRows:
        return EXIT_FAILED
    except (ValueError, RulebookError) as exc:
        return _fail(describe_error(exc, lang), EXIT_MISUSE)
    except (StoreError, DatabaseError, PrintError, OutputRefused) as exc:
        return _fail(describe_error(exc, lang), EXIT_FAILED)
    except OSError as exc:
        return _fail(describe_error(exc, lang), EXIT_FAILED)
    except (OverflowError, RecursionError):  # a date or a number beyond every calendar
        return _fail(t("cli.out_of_range", lang), EXIT_MISUSE)
    except KeyboardInterrupt:
        return _fail(t("cli.interrupted", lang), 130)


def _rules_for_help() -> Rulebook | None:
    """The rulebook whose kinds `ladder log --help` lists; any problem shows later."""
    path = os.environ.get("LADDER_RULES")
    if not path:
        return None
    try:
        return load_rulebook(path)
    except RulebookError:
        return None


def say(text: str) -> None:
    """A line for the member; stored text is data, so a control character shows as `\\x1b`."""
    print(visible(text))


def _fail(message: str, code: int) -> int:
    print(f"ladder: {visible(' '.join(message.split()))}", file=sys.stderr)
    return code


def _open_app(settings: Settings) -> int:
    from tui.app import LadderApp

    # What is loaded by now lives for the whole session: frozen, the cyclic
    # collector stops walking it, and its full passes (30 ms here) no longer
    # land on a keystroke or a save.
    gc.freeze()
    LadderApp(settings).run()
    return 0


def _store(settings: Settings) -> Store:
    def announce(done: int, _total: int) -> None:
        if done == 0:  # said once, before the wait
            print(f"ladder: {output.text('store.rederiving', settings.lang)}", file=sys.stderr)

    store = Store.open(settings.location, settings.rules, settings.today, on_rederive=announce)
    if store.set_aside is not None:
        text = output.text("store.set_aside", settings.lang, path=store.set_aside)
        print(f"ladder: {text}", file=sys.stderr)
    return store


def _with_store(run: Callable[[Store, argparse.Namespace, Settings], Any]):
    """Open the store for one command and close it afterwards."""

    def runner(args: argparse.Namespace, settings: Settings) -> int:
        store = _store(settings)
        try:
            return run(store, args, settings) or 0
        finally:
            store.close()

    return runner


def _date(text: str | None, settings: Settings) -> date | None:
    return parse_date(text, settings.today) if text else None


def _emit(args: argparse.Namespace, document: Any, human: Callable[[], None]) -> None:
    if getattr(args, "json", False):
        print(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        human()


def run_demo(args, settings: Settings) -> int:
    store = _store(settings)
    try:
        if store.list_customers(settings.today):
            raise StoreError(
                f"{shown_location(settings.location)} already has customers; the demo needs an "
                "empty database (try --db demo.db)",
                "demo_not_empty",
                location=shown_location(settings.location),
            )
        ids = store.add_histories(
            demo_coop(settings.today, args.seed), settings.today, member=settings.member
        )
        print(tn("demo.done", len(ids), settings.lang))
    finally:
        store.close()
    return 0


@_with_store
def run_customer_add(store: Store, args, settings: Settings) -> None:
    info = store.add_customer(
        args.name,
        today=settings.today,
        member=settings.member,
        organisation=args.organisation or "",
        email=args.email or "",
        phone=args.phone or "",
        address=args.address or "",
        birthday=_date(args.birthday, settings),
        tags=args.tags or "",
        notes=args.notes or "",
    )
    document = {"id": info.id, "name": info.name, "rung": Rung.KULUTTAJA.id}
    _emit(args, document, lambda: say(f"#{info.id} {info.name}"))


@_with_store
def run_customer_list(store: Store, args, settings: Settings) -> None:
    found = store.list_customers(
        settings.today, rung=args.rung, search=args.search, at_risk=True if args.at_risk else None
    )
    _emit(
        args,
        [output.summary_json(c) for c in found],
        lambda: output.print_customers(found, settings),
    )


@_with_store
def run_customer_show(store: Store, args, settings: Settings) -> None:
    customer = store.find_customer(args.customer)
    card = store.customer_card(customer.id, settings.today)
    _emit(args, output.card_json(card, settings), lambda: output.print_card(card, settings))


@_with_store
def run_customer_edit(store: Store, args, settings: Settings) -> None:
    customer = store.find_customer(args.customer)
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
    if args.birthday is not None:
        changes["birthday"] = _date(args.birthday, settings)
    if not changes:
        raise Misuse("nothing to change: give --name, --email, --phone, …", "nothing_to_change")
    info = store.edit_customer(customer.id, settings.today, **changes)
    _emit(args, output.info_json(info), lambda: say(f"#{info.id} {info.name}"))


@_with_store
def run_log(store: Store, args, settings: Settings) -> None:
    kind = store.rules.find_kind(args.kind).id
    on = _date(args.on, settings) or settings.today
    customer = store.find_customer(args.customer)
    result = store.log_event(
        customer.id,
        kind,
        on,
        today=settings.today,
        member=settings.member,
        emotional=args.emotional,
        note=args.note,
        force=args.force,
    )
    _emit(
        args,
        output.log_json(result),
        lambda: output.print_log(customer.name, kind, result, settings),
    )


@_with_store
def run_event_edit(store: Store, args, settings: Settings) -> None:
    changes: dict[str, Any] = {}
    if args.kind is not None:
        changes["kind"] = store.rules.find_kind(args.kind).id
    if args.on is not None:
        changes["on"] = _date(args.on, settings)
    if args.emotional is not None:
        changes["emotional"] = args.emotional
    if args.note is not None:
        changes["note"] = args.note
    if not changes:
        raise Misuse(
            "nothing to change: give --kind, --on, --emotional or --note", "event_nothing_to_change"
        )
    info = store.edit_event(args.event_id, settings.today, force=args.force, **changes)
    _emit(
        args,
        output.event_json(info),
        lambda: print(f"#{info.id} {format_date(info.on)} {info.kind}"),
    )


@_with_store
def run_event_delete(store: Store, args, settings: Settings) -> None:
    store.delete_event(args.event_id, settings.today)
    print(output.text("event.deleted", settings.lang) + f": #{args.event_id}")


@_with_store
def run_followups(store: Store, args, settings: Settings) -> None:
    store.settle(settings.today)
    rows = store.due_followups(
        settings.today, days=args.days, member=settings.member if args.mine else None
    )
    if args.format or args.output or args.print:
        fmt = args.format or ("json" if args.json else "text")
        database_id = store.database_id() if fmt == "ics" else ""
        _deliver(followups_document(rows, settings, fmt, database_id), fmt, args, settings)
        return
    _emit(
        args,
        [output.followup_json(f, settings) for f in rows],
        lambda: output.print_followups(rows, settings),
    )


def _deliver(content: bytes, fmt: str, args, settings: Settings) -> None:
    """To the printer, to a file, or to the screen (text formats only)."""
    if getattr(args, "print", False):
        if fmt not in ("text", "pdf"):
            raise Misuse("--print sends text or pdf; choose --format text or pdf")
        printed = send_to_printer(content)
        print(output.text("print.sent", settings.lang, printer=printed))
    elif args.output:
        protected = database_files(settings.location)
        force = getattr(args, "force", False)
        write_private(Path(args.output), content, protected=protected, force=force)
        print(output.text("print.saved", settings.lang, path=args.output))
    elif fmt == "pdf":
        raise Misuse("a PDF goes to a file: add --output FILE (or --print)")
    else:
        sys.stdout.write(content.decode("utf-8"))


@_with_store
def run_followup_add(store: Store, args, settings: Settings) -> None:
    customer = store.find_customer(args.customer)
    added = store.add_followup(
        customer.id,
        _date(args.on, settings),
        args.note,
        today=settings.today,
        member=args.owner or settings.member,
    )
    _emit(
        args,
        output.followup_json(added, settings),
        lambda: say(f"#{added.id} {format_date(added.due)} {added.customer}: {added.note}"),
    )


@_with_store
def run_followup_done(store: Store, args, settings: Settings) -> None:
    followup = store.followup(args.followup_id, settings.today)
    if args.no_event:
        kind = None
    elif args.kind is not None:
        kind = store.rules.find_kind(args.kind).id
    else:
        kinds = store.rules.done_kinds(followup.rule)
        kind = kinds[0] if kinds else None
    change = store.complete_followup(
        args.followup_id,
        settings.today,
        kind=kind,
        on=_date(args.on, settings),
        note=args.note,
        member=settings.member,
        force=args.force,
    )
    document = {"followup": output.followup_json(change.followup, settings)}
    if change.logged is not None:
        document["logged"] = output.log_json(change.logged)
    _emit(args, document, lambda: output.print_done(change, kind, settings))


@_with_store
def run_followup_dismiss(store: Store, args, settings: Settings) -> None:
    change = store.close_followup(args.followup_id, settings.today, dismiss=True)
    say(f"{t('followup.dismissed', settings.lang)}: #{args.followup_id} {change.followup.customer}")


@_with_store
def run_followup_reopen(store: Store, args, settings: Settings) -> None:
    reopened = store.reopen_followup(args.followup_id, settings.today)
    say(f"{t('followup.reopened', settings.lang)}: #{reopened.id} {reopened.customer}")


@_with_store
def run_followup_snooze(store: Store, args, settings: Settings) -> None:
    until = _date(args.until, settings)
    change = store.snooze_followup(args.followup_id, until, settings.today, earlier=args.earlier)
    say(t("snooze.done", settings.lang, day=format_date(until), customer=change.followup.customer))


@_with_store
def run_followup_reassign(store: Store, args, settings: Settings) -> None:
    store.reassign_followup(args.followup_id, args.to)
    say(f"#{args.followup_id} → {args.to}")


@_with_store
def run_cards(store: Store, args, settings: Settings) -> None:
    year = args.year or settings.today.year
    store.settle(settings.today)
    due = store.christmas_cards(year, settings.today)
    people = [person for person, _ in due]
    if args.format == "pdf" and not people:
        raise StoreError(
            f"no Christmas cards for {year} left to send: no labels to print",
            "cards_none",
            year=year,
        )
    if args.format:
        delimiter = "\t" if args.delimiter == "tab" else args.delimiter
        document = cards_document(people, args.format, settings, delimiter=delimiter)
        _deliver(document, args.format, args, settings)
        return
    for person, _ in due:
        say(f"#{person.id} {person.name} · {person.address or '–'}")
    print(tn("cards.count", len(due), settings.lang, year=year))


@_with_store
def run_export(store: Store, args, settings: Settings) -> None:
    if args.format == "csv":
        if not args.output:
            raise Misuse("CSV export writes one file a table: add --output FOLDER")
        folder = Path(args.output).expanduser()
        for path in export_csv(store, folder, force=args.force):
            print(path)
        return
    _deliver((export_json(store) + "\n").encode("utf-8"), "json", args, settings)


def run_import(args, settings: Settings) -> int:
    """The file is read and checked before a database is opened; a new database
    file made for an import that then fails (or only a dry run) is removed."""
    path = Path(args.file).expanduser()
    fresh = not is_postgres(settings.location) and not Path(settings.location).exists()
    whole = path.suffix.lower() == ".json"
    found = (
        read_export(_read_text(path))
        if whole
        else read_contacts(path, settings.today, parse_overrides(args.map))
    )
    store = _store(settings)
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


def _import_whole(store: Store, facts, args, settings: Settings) -> bool:
    if not args.dry_run:
        store.load(facts, settings.today)
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


def _import_contacts(store: Store, found, args, settings: Settings) -> bool:
    plan = plan_import(found, store.contact_index())
    output.print_import_plan(plan, args.duplicates, settings, found)
    if plan.bad:
        raise _BadRows()
    if args.dry_run:
        return False
    with output.progress(len(plan.new), output.text("import.working", settings.lang)):
        added, merged = apply_import(
            store,
            plan,
            merge=args.duplicates == "merge",
            today=settings.today,
            member=settings.member,
        )
    print(tn("import.done", added, settings.lang, merged=merged))
    return True


class _BadRows(Exception):
    """The file had bad rows, listed already: nothing imported, exit 1."""


def _read_text(path: Path) -> str:
    try:
        return path.read_text("utf-8")
    except OSError as exc:
        raise StoreError(f"cannot read {path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise ExportFileError(f"{path} is not UTF-8 text") from None


def run_backup(args, settings: Settings) -> int:
    store = _store(settings)  # brings an old database up to date, and proves it opens
    store.close()
    backup(settings.location, Path(args.file).expanduser())
    print(output.text("backup.done", settings.lang, path=args.file))
    return 0


def run_restore(args, settings: Settings) -> int:
    store = _store(settings)
    empty = not store.list_customers(settings.today)
    store.close()
    restore(settings.location, Path(args.file).expanduser(), empty=empty)
    store = _store(settings)  # migrates an older backup and derives what it needs
    count = len(store.list_customers(settings.today))
    store.close()
    print(tn("restore.done", count, settings.lang))
    return 0


@_with_store
def run_customer_export(store: Store, args, settings: Settings) -> None:
    customer = store.find_customer(args.customer)
    document = output.person_json(store.export_customer(customer.id, settings.today), settings)
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    _deliver(text.encode("utf-8"), "json", args, settings)


@_with_store
def run_customer_erase(store: Store, args, settings: Settings) -> int:
    customer = store.find_customer(args.customer)
    if not args.yes:
        if not sys.stdin.isatty():
            raise Misuse("erasing needs confirmation: run in a terminal, or add --yes")
        question = output.text("erase.confirm", settings.lang, name=customer.name, id=customer.id)
        if input(f"{question} ").strip().casefold() not in ("y", "yes", "k", "kyllä"):
            print(output.text("erase.kept", settings.lang))
            return EXIT_FAILED
    erased = store.erase_customer(customer.id)
    print(output.text("erase.done", settings.lang, name=erased.name))
    return 0


@_with_store
def run_pipeline(store: Store, args, settings: Settings) -> None:
    counts = store.pipeline(settings.today)
    document = {
        "rungs": [
            {"rung": c.rung.id, "count": c.count, "up_7d": c.up_7d, "down_7d": c.down_7d}
            for c in counts
        ]
    }
    _emit(args, document, lambda: output.print_pipeline(counts, settings))


def run_rules_show(args, settings: Settings) -> int:
    output.print_rules(settings.rules, settings)
    return 0


def run_rules_check(args, settings: Settings) -> int:
    try:
        load_rulebook(args.file)
    except RulebookError as exc:
        for problem in exc.problems:
            print(f"{exc.source}: {problem}", file=sys.stderr)
        return EXIT_FAILED
    print(f"{args.file}: ok")
    return 0


@_with_store
def run_rules_whatif(store: Store, args, settings: Settings) -> None:
    proposed = load_rulebook(args.file)
    histories = store.histories()
    missing = {e.kind for history in histories for e in history} - set(proposed.kinds)
    if missing:
        raise StoreError(f"{args.file} lacks event kinds in use: {', '.join(sorted(missing))}")
    moves = whatif(histories, store.rules, proposed, settings.today)
    document = {
        "moves": [
            {"from": a.id, "to": b.id, "count": n} for (a, b), n in sorted(moves.items()) if a != b
        ],
        "unchanged": sum(n for (a, b), n in moves.items() if a == b),
    }
    _emit(args, document, lambda: output.print_whatif(moves, settings))


if __name__ == "__main__":
    sys.exit(main())
