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
        c.w(
            "avaa Ladder selaimeen: jokainen jäsen kirjautuu omalla nimellään",
            "serve Ladder to browsers: each member signs in with their own name",
        ),
    )
    serve.add_argument("--host", default="127.0.0.1", help=c.w("osoite", "address to listen on"))
    serve.add_argument("--port", type=int, default=8000, help=c.w("portti", "port"))
    serve.add_argument(
        "--public-url",
        metavar="URL",
        help=c.w(
            "osoite, jolla selaimet tulevat (https://… välityspalvelimen takana)",
            "the address browsers come to (https://… behind a proxy)",
        ),
    )
    serve.add_argument(
        "--seats",
        type=int,
        default=3,
        help=c.w("yhden jäsenen avoimia istuntoja enintään", "most seats one member may open"),
    )
    serve.set_defaults(run=run_serve)

    member = c.command(
        "member",
        c.w("kuka voi kirjautua selaimesta", "who may sign in from a browser"),
    )
    actions = c.actions_of(member)
    for name, words in (
        ("add", c.w("lisää jäsen salasanalla", "add a member with a password")),
        ("password", c.w("vaihda jäsenen salasana", "change a member's password")),
    ):
        command = c.command(name, words, actions)
        command.add_argument("name", metavar=c.w("NIMI", "NAME"))
        command.add_argument(
            "--password-stdin",
            action="store_true",
            help=c.w("lue salasana syötteestä", "read the password from stdin"),
        )
        command.set_defaults(run=run_member_password)
    remove = c.command(
        "remove", c.w("jäsen ei voi enää kirjautua", "the member can no longer sign in"), actions
    )
    remove.add_argument("name", metavar=c.w("NIMI", "NAME"))
    remove.set_defaults(run=run_member_remove)
    c.command("list", c.w("jäsenet", "the members"), actions).set_defaults(run=run_member_list)


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
            "the password is asked in a terminal, or given with --password-stdin",
            "password_needs_terminal",
        )
    first = getpass.getpass(output.text("member.password", lang) + " ")
    if getpass.getpass(output.text("member.password_again", lang) + " ") != first:
        raise Misuse("the passwords differ; nothing was changed", "passwords_differ")
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
            f"listening on {args.host} needs a member with a password: ladder member add NAME",
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
