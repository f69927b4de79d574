"""The browser seat's doors, knocked on without a browser: sign-in, the websocket's
session and origin, and the limit on failed sign-ins."""

from __future__ import annotations

import asyncio
from pathlib import Path

import aiohttp
import textual_serve
from aiohttp.test_utils import make_mocked_request

from seat import sessions
from seat.limits import SignInLimits
from seat.page import SERVE_PAGE_WORDS, serve_page
from seat.server import LANG_COOKIE, language_of
from tests.seat.conftest import PASSWORD

KEY = b"k" * 32


def test_a_session_cookie_says_who_until_when_and_cannot_be_forged():
    value = sessions.issue("Aino|Virta", KEY, 60, now=1000)
    assert sessions.member_of(value, KEY, now=1030) == "Aino|Virta"
    assert sessions.member_of(value, KEY, now=1061) is None  # expired
    assert sessions.member_of(value, b"x" * 32, now=1030) is None  # another key
    forged = sessions.issue("Pekka", b"x" * 32, 60, now=1000)
    assert sessions.member_of(forged, KEY, now=1030) is None
    assert sessions.member_of("not base64 ✓", KEY) is None


def test_failed_sign_ins_are_limited_per_member_and_per_address():
    limits = SignInLimits(allowed=5, window_s=60)
    for second in range(5):
        assert not limits.blocked("member:aino", "address:1", now=second)
        limits.failed("member:aino", "address:1", now=second)
    assert limits.blocked("member:aino", "address:2", now=10)  # the member, from anywhere
    assert limits.blocked("member:pekka", "address:1", now=10)  # the address, for anyone
    assert not limits.blocked("member:aino", "address:1", now=70)  # a minute on


async def _door(url: str) -> dict[str, object]:
    found: dict[str, object] = {}
    jar = aiohttp.CookieJar(unsafe=True)  # the server is an address, not a name
    async with aiohttp.ClientSession(cookie_jar=jar) as client:
        async with client.get(url + "/", allow_redirects=False) as response:
            found["index"] = (response.status, response.headers.get("Location"))
        async with client.get(url + "/signin", headers={"Accept-Language": "en"}) as response:
            found["page"] = await response.text()
        wrong = {"member": "aino", "password": "wrong"}
        async with client.post(url + "/signin", data=wrong) as response:
            found["wrong"] = (response.status, await response.text())
        nobody = {"member": "nobody", "password": "wrong"}
        async with client.post(url + "/signin", data=nobody) as response:
            found["nobody"] = (response.status, await response.text())
        for where in ("/ws", "/download/x"):
            async with client.get(url + where) as response:
                found[where] = response.status
        right = {"member": "aino", "password": PASSWORD}
        english = url + "/signin?lang=en"  # the page's "In English", in a Finnish browser
        finnish_browser = {"Accept-Language": "fi"}
        async with client.post(
            english, data=right, headers=finnish_browser, allow_redirects=False
        ) as response:
            found["right"] = (response.status, response.cookies.get(sessions.COOKIE))
            found["lang"] = response.cookies.get(LANG_COOKIE)
        async with client.get(url + "/") as response:
            found["signed in"] = (response.status, await response.text())
        try:
            await client.ws_connect(url + "/ws", origin="http://evil.example")
        except aiohttp.WSServerHandshakeError as refused:
            found["cross-site"] = refused.status
        socket = await client.ws_connect(url + "/ws?width=80&height=24", origin=url)
        found["seat"] = not socket.closed
        await socket.close()
        for attempt in range(6):
            async with client.post(url + "/signin", data=wrong) as response:
                found[f"try {attempt}"] = response.status
    return found


def test_only_a_signed_in_member_from_our_own_page_gets_a_seat(served):
    found = asyncio.run(_door(served.url))
    assert found["index"][0] == 302 and found["index"][1].endswith("signin")
    assert "Sign in to Ladder" in found["page"]
    assert found["wrong"][0] == 401 and found["nobody"][0] == 401
    assert found["wrong"][1].replace("aino", "nobody") == found["nobody"][1]  # same answer
    assert found["/ws"] == 401 and found["/download/x"] == 401
    status, cookie = found["right"]
    assert status == 302 and cookie is not None
    assert cookie["httponly"] and cookie["samesite"] == "Strict"
    assert found["lang"] is not None and found["lang"].value == "en"  # the seat opens in it
    status, page = found["signed in"]
    assert status == 200 and "textual" in page.lower() and '<html lang="en">' in page
    assert '<meta name="viewport" content="width=device-width' in page  # a phone's width
    assert ">Session ended.</div>" in page and ">Restart</button>" in page
    assert found["cross-site"] == 403 and found["seat"]
    tries = [found[f"try {attempt}"] for attempt in range(6)]
    assert tries == [401] * 3 + [429] * 3  # from this address, the 6th failure in a minute on
    logged = served.logged()
    assert "signed in: Aino" in logged and "seat opened: Aino" in logged
    assert PASSWORD not in logged and "wrong" not in logged.replace("'aino'", "")


def test_the_page_around_a_seat_says_its_words_in_finnish_too():
    """textual-serve's page has its own few words, in English only."""
    english = "".join(words for words, _, _ in SERVE_PAGE_WORDS)
    page = serve_page(f"<html><body>{english}</body></html>", "fi")
    assert page == (
        '<html lang="fi"><body>>Aloita</button>"message">Istunto päättyi.</div>'
        ">Aloita uudelleen</button></body></html>"
    )
    template = Path(textual_serve.__file__).parent / "templates" / "app_index.html"
    theirs = template.read_text()
    assert "<html>" in theirs and "<head>" in theirs
    assert all(words in theirs for words, _, _ in SERVE_PAGE_WORDS)


def test_a_seat_opens_in_the_language_chosen_at_sign_in():
    """Found in Chromium: 'In English' on the sign-in page, in a Finnish browser,
    opened a Finnish seat (the socket's address has no ?lang=)."""
    finnish = {"Accept-Language": "fi"}
    socket = make_mocked_request("GET", "/ws", headers={**finnish, "Cookie": f"{LANG_COOKIE}=en"})
    assert language_of(socket) == "en"
    assert language_of(make_mocked_request("GET", "/ws", headers=finnish)) == "fi"
    asked = make_mocked_request("GET", "/signin?lang=fi", headers={"Cookie": f"{LANG_COOKIE}=en"})
    assert language_of(asked) == "fi"


async def _sign_out_elsewhere(url: str) -> dict[str, object]:
    """Two tabs of one member share the cookie; one signs out."""
    found: dict[str, object] = {}
    jar = aiohttp.CookieJar(unsafe=True)
    async with aiohttp.ClientSession(cookie_jar=jar) as tab:
        right = {"member": "pekka", "password": PASSWORD}
        async with tab.post(url + "/signin", data=right, allow_redirects=False) as response:
            cookie = response.cookies[sessions.COOKIE].value
        other_tab = await tab.ws_connect(url + "/ws?width=80&height=24", origin=url)
        async with tab.get(url + "/signout", allow_redirects=False) as response:
            found["signout"] = response.status
        message = await asyncio.wait_for(other_tab.receive(), timeout=20)
        while message.type not in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED):
            message = await asyncio.wait_for(other_tab.receive(), timeout=20)
        found["other tab"] = message.type
    copied = {sessions.COOKIE: cookie}  # a copy taken before the sign-out
    async with (
        aiohttp.ClientSession(cookies=copied) as thief,
        thief.get(url + "/", allow_redirects=False) as response,
    ):
        found["copy"] = (response.status, response.headers.get("Location", ""))
    return found


def test_signing_out_ends_the_session_in_every_tab_and_every_copy(served):
    """Found in Chromium: a second tab's seat went on after a sign-out in the first,
    and a cookie copied before the sign-out still opened the app."""
    found = asyncio.run(_sign_out_elsewhere(served.url))
    assert found["signout"] == 302
    assert found["other tab"] in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED)
    status, where = found["copy"]
    assert status == 302 and where.endswith("signin")
