"""`ladder pipeline` and `ladder rules …`: the ladder today, and the rulebook behind it."""

from __future__ import annotations

import sys

from cli import output
from cli.common import EXIT_FAILED, Commands, emit, with_store
from data import service
from ladder import RulebookError, load_rulebook
from present.i18n import rulebook_problem
from present.settings import Settings


def add_commands(c: Commands) -> None:
    pipeline = c.command(
        "pipeline",
        c.w(
            "montako asiakasta kullakin portaalla, ja viikon liikkeet",
            "how many customers stand on each rung, and the week's moves",
        ),
    )
    c.json_option(pipeline)
    pipeline.set_defaults(run=run_pipeline)

    rules_command = c.command(
        "rules",
        c.w("näytä, tarkista tai kokeile sääntökirjaa", "show, check or try out a rulebook"),
    )
    rule_actions = c.actions_of(rules_command)
    c.command(
        "show", c.w("tulosta käytössä oleva sääntökirja", "print the rulebook in use"), rule_actions
    ).set_defaults(run=run_rules_show)
    check = c.command(
        "check",
        c.w(
            "tarkista sääntökirja ja luettele kaikki virheet",
            "check a rulebook file and list every problem",
        ),
        rule_actions,
    )
    check.add_argument("file", metavar=c.file_arg)
    check.set_defaults(run=run_rules_check)
    whatif = c.command(
        "whatif",
        c.w("ketä toinen sääntökirja siirtäisi", "how many customers another rulebook would move"),
        rule_actions,
    )
    whatif.add_argument("file", metavar=c.file_arg)
    c.json_option(whatif)
    whatif.set_defaults(run=run_rules_whatif)


@with_store
def run_pipeline(store: service.Store, args, settings: Settings) -> None:
    counts = service.pipeline(store, settings.today)
    document = {
        "rungs": [
            {"rung": c.rung.id, "count": c.count, "up_7d": c.up_7d, "down_7d": c.down_7d}
            for c in counts
        ]
    }
    emit(args, document, lambda: output.print_pipeline(counts, settings))


def run_rules_show(args, settings: Settings) -> int:
    output.print_rules(settings.rules, settings)
    return 0


def run_rules_check(args, settings: Settings) -> int:
    try:
        load_rulebook(args.file)
    except RulebookError as exc:
        for problem in exc.found:
            print(f"{exc.source}: {rulebook_problem(problem, settings.lang)}", file=sys.stderr)
        return EXIT_FAILED
    print(f"{args.file}: ok")
    return 0


@with_store
def run_rules_whatif(store: service.Store, args, settings: Settings) -> None:
    proposed = load_rulebook(args.file)
    moves = service.what_if(store, proposed, settings.today, name=args.file)
    document = {
        "moves": [
            {"from": a.id, "to": b.id, "count": n} for (a, b), n in sorted(moves.items()) if a != b
        ],
        "unchanged": sum(n for (a, b), n in moves.items() if a == b),
    }
    emit(args, document, lambda: output.print_whatif(moves, settings))
