"""`ladder config show|set|unset`: the settings that stay between runs (docs in README,
"Joining your co-op"). A PostgreSQL password goes to libpq's password file, never
into the settings file (`data.pgpass`)."""

from __future__ import annotations

import sys

from cli import output
from cli.common import Commands, Misuse, say
from data import service
from data.locations import is_postgres, shown_location
from data.pgpass import pgpass_path, split_password
from present.config import KEYS, config_path, set_value, unset_value
from present.settings import Settings


def add_commands(c: Commands) -> None:
    config = c.command(
        "config",
        c.w("cli.settings_that_stay_database_member_language_coun"),
    )
    actions = c.actions_of(config)
    c.command(
        "show",
        c.w("cli.show_the_settings_in_force_and_where_each_comes"),
        actions,
    ).set_defaults(run=run_config_show)
    setting = c.command("set", c.w("cli.keep_a_setting"), actions)
    setting.add_argument("name", choices=KEYS, metavar=c.w("cli.key"))
    setting.add_argument("value", nargs="?", metavar=c.w("cli.value"))
    setting.add_argument(
        "--password-stdin",
        action="store_true",
        help=c.w("cli.read_the_database_password_from_stdin_it_is_kept"),
    )
    setting.set_defaults(run=run_config_set)
    unset = c.command("unset", c.w("cli.forget_a_setting"), actions)
    unset.add_argument("name", choices=KEYS, metavar=c.w("cli.key"))
    unset.set_defaults(run=run_config_unset)


def run_config_show(args, settings: Settings) -> int:
    lang = settings.lang
    shown = {
        "database": shown_location(settings.location),
        "member": settings.member,
        "language": settings.lang,
        "country": settings.country,
    }
    for key in KEYS:
        source = settings.sources.get(key, "default")
        where = (
            output.text(f"config.from_{source}", lang)
            if not source.startswith("LADDER")
            else source
        )
        say(f"{key} = {shown[key]}  ({where})")
    say(output.text("config.file", lang, path=config_path()))
    return 0


def run_config_set(args, settings: Settings) -> int:
    value = args.value
    password = None
    if args.password_stdin:
        if args.name != "database":
            raise Misuse("password_stdin_db")
        password = sys.stdin.readline().rstrip("\n")
    if value is None:
        raise Misuse("config_no_value")
    if args.name == "database" and is_postgres(value):
        value, in_url = split_password(value)
        password = password or in_url or ""
        value = service.join_database(value, "", "", password)  # tried first; kept if it opens
        if password:
            say(output.text("config.password_kept", settings.lang, path=pgpass_path()))
    kept = set_value(args.name, value)
    shown = shown_location(kept) if args.name == "database" else kept
    say(output.text("config.set", settings.lang, name=args.name, value=shown, path=config_path()))
    return 0


def run_config_unset(args, settings: Settings) -> int:
    key = "config.unset" if unset_value(args.name) else "config.not_set"
    say(output.text(key, settings.lang, name=args.name))
    return 0
