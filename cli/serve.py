"""`ladder serve` (the browser seat) and `ladder member …` (who may sign in)."""

from __future__ import annotations

import getpass
import ipaddress
import sys
from datetime import date

from cli import output
from cli.common import Commands, Misuse, say, with_store
from data import service
from present.settings import Settings

LOOPBACK_NAMES = ("localhost",)


def add_commands(c: Commands) -> None:
    serve = c.command(
        "serve",
        c.w("cli.serve_ladder_to_browsers_each_member_signs_in_wi"),
    )
    serve.add_argument("--host", default="127.0.0.1", help=c.w("cli.address_to_listen_on"))
    serve.add_argument("--port", type=int, default=8000, help=c.w("cli.port"))
    serve.add_argument(
        "--public-url",
        metavar="URL",
        help=c.w("cli.the_address_browsers_come_to_https_behind_a_prox"),
    )
    serve.add_argument(
        "--seats",
        type=int,
        default=3,
        help=c.w("cli.most_seats_one_member_may_open"),
    )
    serve.set_defaults(run=run_serve)

    member = c.command(
        "member",
        c.w("cli.who_may_sign_in_from_a_browser"),
    )
    actions = c.actions_of(member)
    for name, words in (
        ("add", c.w("cli.add_a_member_with_a_password")),
        ("password", c.w("cli.change_a_member_s_password")),
    ):
        command = c.command(name, words, actions)
        command.add_argument("name", metavar=c.w("cli.name"))
        command.add_argument(
            "--password-stdin",
            action="store_true",
            help=c.w("cli.read_the_password_from_stdin"),
        )
        command.set_defaults(run=run_member_password)
    remove = c.command("remove", c.w("cli.the_member_can_no_longer_sign_in"), actions)
    remove.add_argument("name", metavar=c.w("cli.name"))
    remove.set_defaults(run=run_member_remove)
    c.command("list", c.w("cli.the_members"), actions).set_defaults(run=run_member_list)


@with_store
def run_member_password(store: service.Store, args, settings: Settings) -> None:
    password = _password(args.password_stdin, settings.lang)
    name = service.set_password(store, args.name, password, member=settings.member)
    say(output.text("member.password_set", settings.lang, name=name))


def _password(from_stdin: bool, lang: str) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    if not sys.stdin.isatty():
        raise Misuse(
            "password_needs_terminal",
        )
    first = getpass.getpass(output.text("member.password", lang) + " ")
    if getpass.getpass(output.text("member.password_again", lang) + " ") != first:
        raise Misuse("passwords_differ")
    return first


@with_store
def run_member_remove(store: service.Store, args, settings: Settings) -> None:
    name = service.remove_password(store, args.name, member=settings.member)
    say(output.text("member.removed", settings.lang, name=name))


@with_store
def run_member_list(store: service.Store, args, settings: Settings) -> None:
    for member in service.list_members(store):
        sign = output.text(
            "member.signs_in" if member.signs_in else "member.no_sign_in", settings.lang
        )
        say(f"{member.name}  ({sign})")


@with_store
def run_serve(store: service.Store, args, settings: Settings) -> int:
    from seat.server import SeatServer, SeatSettings

    signs_in = service.anyone_signs_in(store)
    if not signs_in and not _loopback(args.host):
        raise Misuse(
            "serve_needs_password",
            host=args.host,
        )
    location = settings.location
    seat = SeatSettings(
        location=location,
        key=service.signing_key(store),
        check=lambda name, password: service.check_password(store, name, password),
        member=None if signs_in else settings.member,
        today=settings.today.isoformat() if settings.today != date.today() else "",
        max_seats=args.seats,
    )
    SeatServer(seat, host=args.host, port=args.port, public_url=args.public_url).serve()
    return 0


def _loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
