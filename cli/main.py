"""The `ladder` command line: the parser, assembled from one module per command
group (customers, events, followups, files, rules), and the exit code of each
error. `tui.launch` starts it, and opens the app when no command is given.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Callable, Sequence

import ladder
from cli import argparse_fi
from cli.common import EXIT_FAILED, EXIT_MISUSE, BadRows, Commands, HelpText, Misuse, Parser
from data.member_files import OutputRefused
from data.service import AheadOfClock, Ambiguous, DatabaseError, Duplicate, StoreError
from ladder import Rulebook, RulebookError
from ladder.dates import DATE_FORMS
from ladder.text import visible
from present.config import ConfigError, read_config
from present.i18n import KeyedError, describe_error, t
from present.settings import Settings, detect_lang, resolve

# Each command, and the module of the group that adds it: a command line that
# names one loads that group alone (the others' imports are a good part of a
# small command's time); `ladder --help` and a mistyped command load them all.
GROUP_OF = {
    "customer": "customers",
    "event": "events",
    "log": "events",
    "followups": "followups",
    **dict.fromkeys(("backup", "cards", "demo", "export", "import", "restore"), "files"),
    "report": "report",
    "pipeline": "rules",
    "rules": "rules",
    "history": "history",
    "config": "config",
    "doctor": "doctor",
    "member": "serve",
    "serve": "serve",
}
GROUPS: tuple[str, ...] = ("customers", "events", "followups", "files", "report", "rules")
GROUPS += ("history", "config", "doctor", "serve")  # in the order --help lists them


def build_parser(
    lang: str = "en",
    command: str | None = None,
    rules: Callable[[], Rulebook | None] = lambda: None,
) -> argparse.ArgumentParser:
    """The whole command line, or only the group of `command`; every --help text in `lang`.
    The event kinds `log --help` lists are those of `rules()` (else the default
    rulebook's), read only by the group that lists them: parsing a rulebook is
    time a `ladder pipeline` does not need."""
    w = HelpText(lang)
    argparse_fi.speak(lang)
    common = _where_and_when(w)

    def kinds() -> str:
        return ", ".join(
            (k.names[1].lower() if lang == "fi" else k.id)
            + (f" ({', '.join(k.aliases)})" if k.aliases else "")
            for k in (rules() or ladder.default_rulebook()).kinds.values()
        )

    parser = Parser(
        prog="ladder",
        parents=[common],
        description=w("cli.a_co_op_s_customer_ladder_kuluttaja_kokeilija_as"),
        epilog=w("cli.dates_and_customers", forms=DATE_FORMS),
    )
    commands = parser.add_subparsers(dest="command", metavar=w("cli.command"), parser_class=Parser)
    # The command groups are loaded here, when a command line is read: opening
    # the app (no command) needs none of them, and its first frame waits less.
    wanted = (GROUP_OF[command],) if command in GROUP_OF else GROUPS
    c = Commands(commands, common, w, kinds)
    if "files" in wanted:
        from cli import files

        files.add_demo(c)  # first in --help: what a newcomer tries
    for group in wanted:
        importlib.import_module(f"cli.{group}").add_commands(c)
    return parser


def _where_and_when(w: HelpText) -> Parser:
    """The options every command takes: the database, the rulebook, today, the member."""
    common = Parser(add_help=False)
    where = common.add_argument_group(w("cli.where_and_when"))
    where.add_argument(
        "--db",
        default=argparse.SUPPRESS,
        help=w("cli.sqlite_file_or_postgresql_url_env_ladder_db"),
    )
    where.add_argument(
        "--rules",
        metavar=w("cli.file"),
        default=argparse.SUPPRESS,
        help=w("cli.the_rulebook_of_a_new_database_toml_env_ladder_r"),
    )
    where.add_argument(
        "--today",
        metavar=w("cli.date"),
        default=argparse.SUPPRESS,
        help=w("cli.the_date_taken_as_today_env_ladder_today"),
    )
    where.add_argument(
        "--member",
        metavar=w("cli.name"),
        default=argparse.SUPPRESS,
        help=w("cli.who_is_using_the_program_env_ladder_member_defau"),
    )
    return common


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


def main(
    argv: Sequence[str] | None = None, open_app: Callable[[Settings], int] | None = None
) -> int:
    """The command line; with no command, `open_app` (the app, from `tui.launch`),
    or the help when there is no app to open."""
    lang = detect_lang(os.environ, _kept_language())
    try:
        argv = attach_negative_dates(sys.argv[1:] if argv is None else argv)
        where, rest = _where_and_when(HelpText(lang)).parse_known_args(argv)
        if open_app is not None and not rest:  # no command, no --help: the app
            return open_app(_settings(where))
        command = rest[0] if rest else None  # the first word that is no option of them all
        args = build_parser(lang, command, _rules_for_help).parse_args(argv)
        settings = _settings(args)
        if args.command is None:
            if open_app is None:
                build_parser(lang).print_help()
                return 0
            return open_app(settings)
        code = args.run(args, settings) or 0
        sys.stdout.flush()  # a reader gone shows here, not as Python exits
        return code
    except BrokenPipeError:  # `ladder followups | head`: the reader has what it wanted
        return _reader_gone()
    except Misuse as exc:
        return _fail(f"{describe_error(exc, lang)} ({t('cli.see_help', lang)})", EXIT_MISUSE)
    except (Ambiguous, Duplicate, AheadOfClock) as exc:  # the member says which, or when
        return _fail(describe_error(exc, lang), EXIT_MISUSE)
    except BadRows:
        return EXIT_FAILED
    except (ValueError, RulebookError) as exc:
        return _fail(describe_error(exc, lang), EXIT_MISUSE)
    # a KeyedError here is a PrintError (present.printing, loaded by the commands that
    # print): Misuse and ConfigError, the others, are caught above
    except (StoreError, DatabaseError, KeyedError, OutputRefused) as exc:
        return _fail(describe_error(exc, lang), EXIT_FAILED)
    except OSError as exc:
        return _fail(describe_error(exc, lang), EXIT_FAILED)
    except (OverflowError, RecursionError):  # a date or a number beyond every calendar
        return _fail(t("cli.out_of_range", lang), EXIT_MISUSE)
    except KeyboardInterrupt:
        return _fail(t("cli.interrupted", lang), 130)


def _kept_language() -> str:
    """The settings file's language, for the words said before the settings are read."""
    try:
        return read_config().get("language", "")
    except ConfigError:
        return ""


def _settings(args: argparse.Namespace) -> Settings:
    """The settings from the options where and when (each may be absent)."""
    return resolve(
        getattr(args, "db", None),
        getattr(args, "rules", None),
        getattr(args, "today", None),
        getattr(args, "member", None),
    )


def _rules_for_help() -> Rulebook | None:
    """The rulebook whose kinds `ladder log --help` lists; any problem shows later."""
    path = os.environ.get("LADDER_RULES")
    if not path:
        return None
    try:
        return ladder.load_rulebook(path)
    except RulebookError:
        return None


EXIT_READER_GONE = 141  # as a program the pipe's signal ended: 128 + SIGPIPE


def _reader_gone() -> int:
    """Nothing more to say: what is left in stdout's buffer goes nowhere, so Python
    does not complain at exit that it could not be written."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # stdout is no file (a test's capture): nothing to quiet
        pass
    finally:
        os.close(devnull)
    return EXIT_READER_GONE


def _fail(message: str, code: int) -> int:
    print(f"ladder: {visible(' '.join(message.split()))}", file=sys.stderr)
    return code


if __name__ == "__main__":
    sys.exit(main())
