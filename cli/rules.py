"""`ladder pipeline` and `ladder rules …`: the ladder today, and the rulebook behind it."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import ladder
from cli import output
from cli.common import EXIT_FAILED, Commands, confirm, emit, reads, say, with_store
from data import service
from data.member_files import database_files, write_private
from ladder import RulebookError
from present.i18n import moment, rulebook_problem
from present.settings import Settings

if TYPE_CHECKING:
    from data.records import RungCount


def add_commands(c: Commands) -> None:
    pipeline = c.command(
        "pipeline",
        c.w("cli.how_many_customers_stand_on_each_rung_and_the_we"),
    )
    c.json_option(pipeline)
    pipeline.set_defaults(run=run_pipeline)

    rules_command = c.command(
        "rules",
        c.w("cli.the_co_op_s_rulebook_show_check_try_out_apply"),
    )
    rule_actions = c.actions_of(rules_command)
    c.command(
        "show",
        c.w("cli.print_the_co_op_s_rulebook_which_the_database_fo"),
        rule_actions,
    ).set_defaults(run=run_rules_show)
    export = c.command(
        "export",
        c.w("cli.write_the_co_op_s_rulebook_to_a_file_to_edit"),
        rule_actions,
    )
    export.add_argument(
        "--output",
        metavar=c.file_arg,
        help=c.w("cli.file_default_the_screen"),
    )
    c.replace_option(export)
    export.set_defaults(run=run_rules_export)
    apply = c.command(
        "apply",
        c.w("cli.make_a_rulebook_the_whole_co_op_s_shows_first_wh"),
        rule_actions,
    )
    apply.add_argument("file", metavar=c.file_arg)
    apply.add_argument("--yes", action="store_true", help=c.w("cli.do_not_ask_first"))
    apply.set_defaults(run=run_rules_apply)
    check = c.command(
        "check",
        c.w("cli.check_a_rulebook_file_and_list_every_problem"),
        rule_actions,
    )
    check.add_argument("file", metavar=c.file_arg)
    check.set_defaults(run=run_rules_check)
    whatif = c.command(
        "whatif",
        c.w("cli.how_many_customers_another_rulebook_would_move"),
        rule_actions,
    )
    whatif.add_argument("file", metavar=c.file_arg)
    c.json_option(whatif)
    whatif.set_defaults(run=run_rules_whatif)


def _pipeline(settled, args, settings: Settings) -> None:
    _show_pipeline(settled.pipeline(), args, settings)


@reads(_pipeline)  # through plain SQL when the database is as the store leaves it
def run_pipeline(store: service.Store, args, settings: Settings) -> None:
    _show_pipeline(service.pipeline(store, settings.today), args, settings)


def _show_pipeline(counts: list[RungCount], args, settings: Settings) -> None:
    document = {
        "rungs": [
            {"rung": c.rung.id, "count": c.count, "up_7d": c.up_7d, "down_7d": c.down_7d}
            for c in counts
        ]
    }
    emit(args, document, lambda: output.print_pipeline(counts, settings))


def of_the_co_op(run):
    """Open the store following the database's rulebook whatever file the member
    names elsewhere (LADDER_RULES): these commands are about the co-op's."""
    opened = with_store(run)

    def runner(args, settings: Settings) -> int:
        return opened(args, replace(settings, rules_chosen=False))

    return runner


@of_the_co_op
def run_rules_show(store: service.Store, args, settings: Settings) -> None:
    in_force = service.rulebook_in_force(store)
    output.print_rules(settings.rules, settings)
    say(output.text("rules.in_force", settings.lang, **in_force_values(in_force, settings)))


def in_force_values(in_force, settings: Settings) -> dict[str, object]:
    return {
        "number": in_force.id,
        "who": in_force.applied_by or "–",
        "when": moment(in_force.applied_at, settings.lang),
    }


@of_the_co_op
def run_rules_export(store: service.Store, args, settings: Settings) -> None:
    text = settings.rules.text.encode("utf-8")
    if args.output is None:
        sys.stdout.write(settings.rules.text)
        return
    protected = database_files(settings.location)
    write_private(Path(args.output), text, protected=protected, force=args.force)
    print(output.text("print.saved", settings.lang, path=args.output))


@of_the_co_op
def run_rules_apply(store: service.Store, args, settings: Settings) -> int:
    proposed = ladder.load_rulebook(args.file)
    moves = service.what_if(store, proposed, settings.today, name=args.file)
    output.print_whatif(moves, settings)
    question = output.text("rules.apply_ask", settings.lang, file=args.file)
    if not args.yes and not confirm(question):
        say(output.text("rules.not_applied", settings.lang))
        return EXIT_FAILED

    def announce(done: int, _total: int) -> None:
        if done == 0:
            print(f"ladder: {output.text('store.rederiving', settings.lang)}", file=sys.stderr)

    applied = service.apply_rules(
        store, proposed, settings.today, member=settings.member, progress=announce
    )
    key = "rules.applied" if applied else "rules.already"
    say(output.text(key, settings.lang, file=args.file))
    return 0


def run_rules_check(args, settings: Settings) -> int:
    try:
        ladder.load_rulebook(args.file)
    except RulebookError as exc:
        for problem in exc.found:
            print(f"{exc.source}: {rulebook_problem(problem, settings.lang)}", file=sys.stderr)
        return EXIT_FAILED
    print(f"{args.file}: ok")
    return 0


@with_store
def run_rules_whatif(store: service.Store, args, settings: Settings) -> None:
    proposed = ladder.load_rulebook(args.file)
    moves = service.what_if(store, proposed, settings.today, name=args.file)
    document = {
        "moves": [
            {"from": a.id, "to": b.id, "count": n} for (a, b), n in sorted(moves.items()) if a != b
        ],
        "unchanged": sum(n for (a, b), n in moves.items() if a == b),
    }
    emit(args, document, lambda: output.print_whatif(moves, settings))
