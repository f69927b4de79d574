"""`ladder serve`: textual-serve's server with members who sign in.

Each browser tab gets its own app process (textual-serve's `AppService`), run as
the member who signed in: the member and the database reach it in its
environment, never from anything the browser sends. Every page but the sign-in
page, the websocket and the downloads need a valid session cookie; the
websocket also refuses another site's `Origin`. One line is logged per sign-in,
sign-out, refused attempt and seat opened or closed, never a password.
"""

from __future__ import annotations

import asyncio
import logging
import sys
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server

from present.i18n import t
from seat import sessions
from seat.limits import SignInLimits
from seat.page import language, serve_page, signin_page

log = logging.getLogger("ladder.seat")

SEAT_COMMAND = f'"{sys.executable}" -m tui.launch'  # the app, as `ladder` with no command opens it
OPEN_PATHS = ("/signin", "/static/")
LANG_COOKIE = "ladder_lang"  # the language chosen at sign-in, which the seat's socket is opened in


@dataclass
class SeatSettings:
    """What every seat of this server shares."""

    location: str  # the database: handed to each seat's process in its environment
    key: bytes  # signs the session cookies
    check: Callable[[str, str], str | None]  # name, password -> the member, or None
    member: str | None = None  # without sign-in (loopback, nobody has a password): who
    today: str = ""  # the program's today, for a seat (LADDER_TODAY), if set
    idle_s: float = 8 * 3600  # a session not used for this long ends
    max_seats: int = 3  # seats one member may have open at once
    limits: SignInLimits = field(default_factory=SignInLimits)


class SeatService(AppService):
    """One seat's app process, run as its member on the co-op's database."""

    def __init__(self, *args, member: str, seat: SeatSettings, lang: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.member = member
        self.seat = seat
        self.lang = lang

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        environment = super()._build_environment(width, height)
        environment.update(
            LADDER_DB=self.seat.location,
            LADDER_MEMBER=self.member,
            LADDER_LANG=self.lang,
            LADDER_SEAT="1",
        )
        if self.seat.today:
            environment["LADDER_TODAY"] = self.seat.today
        return environment


class SeatServer(Server):
    """textual-serve's `Server`, with sign-in, the seat's member, and seat limits."""

    def __init__(self, seat: SeatSettings, *, host: str, port: int, public_url: str | None):
        super().__init__(SEAT_COMMAND, host=host, port=port, title="Ladder", public_url=public_url)
        self.seat = seat
        self.open_seats: dict[str, list[web.WebSocketResponse]] = defaultdict(list)
        self.signed_out: set[str] = set()  # session cookies ended before they expire
        self.secure = self.public_url.startswith("https")

    def initialize_logging(self) -> None:
        """One plain line per event: no rich tracebacks, whose locals would show the
        database's address."""
        logging.basicConfig(level="INFO", format="%(asctime)s %(name)s %(message)s")

    async def on_startup(self, app: web.Application) -> None:
        log.info("serving Ladder on %s", self.public_url)

    async def on_shutdown(self, app: web.Application) -> None:
        """Close every seat (their apps end with their websockets)."""
        for sockets in list(self.open_seats.values()):
            for websocket in list(sockets):
                await websocket.close()

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(self._guard())
        app.router.add_get("/signin", self.signin_form)
        app.router.add_post("/signin", self.signin)
        app.router.add_get("/signout", self.signout)
        return app

    def _guard(self):
        @web.middleware
        async def guard(request: web.Request, handler):
            if request.path.startswith(OPEN_PATHS):
                return await handler(request)
            member = self.member_of(request)
            if member is None:
                if request.path == "/" or request.path.startswith("/?"):
                    raise web.HTTPFound("signin")
                raise web.HTTPUnauthorized(text="sign in first")
            request["member"] = member
            return await handler(request)

        return guard

    def member_of(self, request: web.Request) -> str | None:
        if self.seat.member is not None:  # nobody signs in: the one who started the server
            return self.seat.member
        cookie = request.cookies.get(sessions.COOKIE)
        if cookie in self.signed_out:
            return None
        return sessions.member_of(cookie, self.seat.key)

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        """textual-serve's page for the seat, its few words in the member's language."""
        page = await super().handle_index(request)  # rendered by its template
        if isinstance(page, web.Response) and page.text is not None:
            page.text = serve_page(page.text, language_of(request))
        return page

    async def signin_form(self, request: web.Request) -> web.Response:
        return self._page(signin_page(language_of(request)))

    async def signin(self, request: web.Request) -> web.Response:
        lang = language_of(request)
        form = await request.post()
        name = str(form.get("member", "")).strip()
        password = str(form.get("password", ""))
        address = request.remote or "?"
        keys = (f"member:{name.casefold()}", f"address:{address}")
        if self.seat.limits.blocked(*keys):
            log.info("sign-in refused (too many tries): %r from %s", name, address)
            page = signin_page(lang, member=name, problem=t("seat.slow_down", lang))
            return self._page(page, status=429)
        member = await asyncio.to_thread(self.seat.check, name, password)
        if member is None:
            self.seat.limits.failed(*keys)
            log.info("sign-in refused: %r from %s", name, address)
            page = signin_page(lang, member=name, problem=t("seat.refused", lang))
            return self._page(page, status=401)
        log.info("signed in: %s from %s", member, address)
        response = web.HTTPFound(f"./?lang={lang}")
        cookies = {
            sessions.COOKIE: sessions.issue(member, self.seat.key, self.seat.idle_s),
            LANG_COOKIE: lang,
        }
        for name, value in cookies.items():
            response.set_cookie(
                name,
                value,
                max_age=int(self.seat.idle_s),
                httponly=True,
                samesite="Strict",
                secure=self.secure,
            )
        raise response

    async def signout(self, request: web.Request) -> web.Response:
        """The session ends everywhere: its cookie is refused from now on (a copy of it
        too), and every seat of the member closes, in this tab and in any other."""
        member = request.get("member") or self.member_of(request)
        log.info("signed out: %s", member)
        cookie = request.cookies.get(sessions.COOKIE)
        if cookie and self.seat.member is None:
            self.signed_out.add(cookie)
        for websocket in list(self.open_seats.get(member or "", [])):
            await websocket.close(message=b"signed out")
        response = web.HTTPFound("signin")
        response.del_cookie(sessions.COOKIE)
        raise response

    def _page(self, html: str, status: int = 200) -> web.Response:
        return web.Response(text=html, content_type="text/html", status=status)

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """A seat: refused from another site; the app runs as the signed-in member; a
        member's seat beyond the most they may have closes their oldest."""
        if not self._same_origin(request.headers.get("Origin", "")):
            log.info("seat refused: origin %r", request.headers.get("Origin", ""))
            raise web.HTTPForbidden(text="another site's page cannot open a seat")
        member = request["member"]
        websocket = web.WebSocketResponse(heartbeat=15)
        width = _number(request.query.get("width"), 80)
        height = _number(request.query.get("height"), 24)
        await websocket.prepare(request)
        seats = self.open_seats[member]
        seats.append(websocket)
        log.info("seat opened: %s (%d open)", member, len(seats))
        if len(seats) > self.seat.max_seats:
            oldest = seats.pop(0)
            log.info("seat closed (too many open): %s", member)
            await oldest.close(message=b"another seat of yours opened")
        service = SeatService(
            self.command,
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=websocket.close,
            download_manager=self.download_manager,
            debug=self.debug,
            member=member,
            seat=self.seat,
            lang=language_of(request),
        )
        try:
            await service.start(width, height)
            try:
                await self._process_messages(websocket, service)
            finally:
                await service.stop()
        except asyncio.CancelledError:
            await websocket.close()
        finally:
            if websocket in seats:
                seats.remove(websocket)
            log.info("seat closed: %s", member)
        return websocket

    def _same_origin(self, origin: str) -> bool:
        ours, theirs = urlsplit(self.public_url), urlsplit(origin)
        return (ours.scheme, ours.netloc) == (theirs.scheme, theirs.netloc)


def language_of(request: web.Request) -> str:
    """As asked (`?lang=`), else as chosen at sign-in (the seat's own socket carries
    no `?lang=`), else the browser's."""
    asked = request.query.get("lang") or request.cookies.get(LANG_COOKIE)
    return language(request.headers.get("Accept-Language", ""), asked)


def _number(text: str | None, default: int) -> int:
    return int(text) if text and text.isdigit() and 0 < int(text) < 1000 else default
