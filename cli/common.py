"""What every command group shares: its words in two languages, the shared
options, opening the store for one command, and printing or delivering output.

Errors are one line on stderr: exit 2 for misuse (an unknown option, a bad
date, an unknown kind), 1 for an operation that failed (an unknown customer,
an unreachable database). Never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any, NoReturn

from cli import output
from data import service
from data.member_files import database_files, write_private
from ladder import Rung, parse_date
from ladder.text import visible
from present.formats import FILE_TYPES
from present.i18n import KeyedError
from present.settings import Settings, later

EXIT_FAILED = 1
EXIT_MISUSE = 2

Run = Callable[[argparse.Namespace, Settings], int | None]


class Misuse(KeyedError):
    """The command was called wrongly; exit 2."""


class BadRows(Exception):
    """The file had bad rows, listed already: nothing imported, exit 1."""


class Parser(argparse.ArgumentParser):
    """argparse that reports misuse in one line, without the usage block, and takes
    options only as written: a prefix (`--for`, `--to`) would be read as whichever
    option a parent parser also has (`--format`, `--force`, `--today`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("allow_abbrev", False)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        raise Misuse("argparse", message=message)  # argparse's words, in the member's language


class HelpText:
    """Help texts in the member's language, by their key (`present/help_texts.py`)."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __call__(self, key: str, **values: object) -> str:
        return output.text(key, self.lang, **values)


class Commands:
    """Where a command group adds its commands: the subcommands, the parent
    with --db/--today/…, the words, and the options several commands share."""

    def __init__(
        self,
        commands: Any,
        common: argparse.ArgumentParser,
        w: HelpText,
        kinds: Callable[[], str],
    ):
        self.commands = commands
        self.common = common
        self.w = w
        self._kinds = kinds
        self.customer_arg = w("cli.customer")
        self.file_arg = w("cli.file")
        self.date_arg = w("cli.date")
        self.text_arg = w("cli.text")

    @cached_property
    def kinds(self) -> str:
        """The event kinds, as `log --help` lists them (made when first asked for)."""
        return self._kinds()

    def command(self, name: str, help_text: str, parent: Any = None) -> argparse.ArgumentParser:
        return (parent or self.commands).add_parser(
            name, help=help_text, description=help_text, parents=[self.common]
        )

    def actions_of(self, parser: argparse.ArgumentParser, required: bool = True) -> Any:
        return parser.add_subparsers(
            dest="action",
            metavar=self.w("cli.action"),
            required=required,
            parser_class=Parser,
        )

    def json_option(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument(
            "--json",
            action="store_true",
            help=self.w("cli.print_one_json_document"),
        )

    def replace_option(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help=self.w("cli.replace_an_existing_output_file"),
        )

    def expect_version_option(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument(
            "--expect-version",
            type=int,
            metavar="N",
            help=self.w("cli.change_only_if_the_version_is_still_n_json_shows"),
        )

    def force_option(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help=self.w("cli.accept_a_date_more_than_five_years_back"),
        )

    def contact_options(self, parser: argparse.ArgumentParser) -> None:
        w = self.w
        parser.add_argument("--organisation", "--org", help=w("cli.company_or_organisation"))
        parser.add_argument("--email", help=w("cli.e_mail"))
        parser.add_argument("--phone", help=w("cli.phone"))
        parser.add_argument("--address", help=w("cli.address"))
        parser.add_argument("--birthday", metavar=self.date_arg, help=w("cli.birthday"))
        parser.add_argument(
            "--since",
            metavar=self.date_arg,
            help=w("cli.on_the_ladder_since_default_today"),
        )
        parser.add_argument("--tags", help=w("cli.comma_separated"))
        parser.add_argument("--notes", help=w("cli.notes"))
        parser.add_argument(
            "--allow-duplicate",
            action="store_true",
            help=w("cli.save_even_if_another_customer_has_the_same_name"),
        )

    def emotional_options(self, parser: argparse.ArgumentParser) -> None:
        w = self.w
        group = parser.add_mutually_exclusive_group()
        group.add_argument(
            "--emotional",
            dest="emotional",
            action="store_true",
            default=None,
            help=w("cli.an_emotional_experience_counts_double"),
        )
        group.add_argument(
            "--not-emotional",
            dest="emotional",
            action="store_false",
            help=w("cli.not_emotional_even_if_the_kind_usually_is"),
        )


# -- argument types ----------------------------------------------------------------


def rung_arg(text: str) -> Rung:
    try:
        return Rung.from_id(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def days_arg(text: str) -> int:
    if not (text.isascii() and text.isdigit()) or int(text) > 3660:
        raise argparse.ArgumentTypeError(text)
    return int(text)


def id_arg(text: str) -> int:
    """A number as members read it off paper: `12` or `#12`."""
    cleaned = text.strip().lstrip("#")
    if not (cleaned.isascii() and cleaned.isdigit()) or len(cleaned) > 19:
        raise argparse.ArgumentTypeError(text)
    return int(cleaned)


def day_of(text: str | None, settings: Settings) -> date | None:
    return parse_date(text, settings.today) if text else None


# -- running a command ---------------------------------------------------------------


def open_store(settings: Settings) -> service.Store:
    """The store, saying on stderr when a re-derive makes the member wait, or an
    upgrade set a copy aside."""

    def announce(done: int, _total: int) -> None:
        if done == 0:  # said once, before the wait
            print(f"ladder: {output.text('store.rederiving', settings.lang)}", file=sys.stderr)

    store = service.open_store(
        settings.location,
        settings.rules,
        settings.today,
        member=settings.member,
        country=settings.country,
        on_rederive=announce,
        chosen=settings.rules_chosen,
    )
    if store.set_aside is not None:
        text = output.text("store.set_aside", settings.lang, path=store.set_aside)
        print(f"ladder: {text}", file=sys.stderr)
    percent = service.rederive_under_way(store)
    if percent is not None:  # figures read now are part old rules, part new: said first
        text = output.text("store.rederive_elsewhere", settings.lang, percent=percent)
        print(f"ladder: {text}", file=sys.stderr)
    return store


def with_store(run: Callable[[service.Store, argparse.Namespace, Settings], Any]) -> Run:
    """Open the store for one command and close it afterwards."""

    def runner(args: argparse.Namespace, settings: Settings) -> int:
        store = open_store(settings)
        try:  # the co-op's rulebook, which the database holds, from here on
            return run(store, args, replace(settings, rules=store.rules)) or 0
        finally:
            store.close()

    return runner


Plain = Callable[[Any, argparse.Namespace, Settings], Any]  # (a `data.sql.settled.Settled`, …)
STORE = object()  # what a plain read returns for what only the store does (a file format)


def reads(plain: Plain) -> Callable[[Callable[..., Any]], Run]:
    """A command that only reads: through plain SQL (`service.settled_reading`, no
    ORM loaded) when the database is as the store leaves it, else through the store,
    which first does what is due (an upgrade, a re-derive, today's settle)."""

    def wrap(stored: Callable[..., Any]) -> Run:
        through_store = with_store(stored)

        def runner(args: argparse.Namespace, settings: Settings) -> int | None:
            with service.settled_reading(
                settings.location,
                settings.rules if settings.rules_chosen else None,  # the default: not parsed
                settings.today,
                chosen=settings.rules_chosen,
                country=settings.country,
                who=settings.member,
            ) as settled:
                if settled is not None:  # the co-op's rulebook, which the database holds,
                    # parsed only if the command shows a rule
                    in_force = replace(settings, rules=later(lambda: settled.rules))
                    done = plain(settled, args, in_force)
                    if done is not STORE:
                        return int(done or 0)
            return through_store(args, settings)

        return runner

    return wrap


def confirm(question: str) -> bool:
    """The member's yes (k, kyllä, y, yes) to `question`; asked only in a terminal,
    as a script cannot answer: it says --yes."""
    if not sys.stdin.isatty():
        raise Misuse("needs_yes")
    try:
        answer = input(f"{visible(question)} ")
    except EOFError:
        return False
    return answer.strip().casefold() in ("y", "yes", "k", "kyllä")


def say(text: str) -> None:
    """A line for the member; stored text is data, so a control character shows as `\\x1b`."""
    print(visible(text))


def emit(args: argparse.Namespace, document: Any, human: Callable[[], None]) -> None:
    """JSON with --json, else the words for people."""
    if getattr(args, "json", False):
        print(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        human()


def deliver(content: bytes, fmt: str, args, settings: Settings) -> None:
    """To the printer, to a file, or to the screen (not a binary format): what the
    format allows is said once, in `present.formats.FILE_TYPES`."""
    kind = FILE_TYPES[fmt]
    if getattr(args, "print", False):
        if not kind.printable:
            printable = "|".join(name for name, k in FILE_TYPES.items() if k.printable)
            raise Misuse(
                "print_only",
                formats=printable,
            )
        from present.printing import send_to_printer  # subprocess and the rest, when printing

        printed = send_to_printer(content)
        print(output.text("print.sent", settings.lang, printer=printed))
    elif args.output:
        protected = database_files(settings.location)
        force = getattr(args, "force", False)
        write_private(Path(args.output), content, protected=protected, force=force)
        print(output.text("print.saved", settings.lang, path=args.output))
    elif kind.binary:
        raise Misuse(
            "binary_to_file",
            format=fmt.upper(),
        )
    else:
        sys.stdout.write(content.decode("utf-8"))
