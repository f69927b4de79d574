"""A believable demo co-op: members, about sixty customers and some fifteen months
of their stories (so that a report of last year has something in every figure).

The stories are those docs/rules.md tells, and more: the regular who becomes
an advocate, the hotel guest whose complaint was handled the same day, the
ice-cream kiosk visit that went wrong, the inquiry nobody answered, the loyal
customer gone quiet.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from datetime import date, timedelta

from data.records import NewCustomer, NewEvent

MEMBERS = ("Liisa", "Pekka", "Aino")

FIRST = (
    "Anna",
    "Matti",
    "Maija",
    "Juha",
    "Sanna",
    "Timo",
    "Kaisa",
    "Mikko",
    "Heli",
    "Jari",
    "Outi",
    "Pasi",
    "Riikka",
    "Sami",
    "Tiina",
    "Ville",
    "Elina",
    "Antti",
    "Laura",
    "Jussi",
)
LAST = (
    "Virtanen",
    "Korhonen",
    "Mäkinen",
    "Nieminen",
    "Mäkelä",
    "Hämäläinen",
    "Laine",
    "Heikkinen",
    "Koskinen",
    "Järvinen",
    "Lehtonen",
    "Saarinen",
    "Salminen",
    "Heinonen",
)
COMPANIES = (
    "Kahvila Kanerva",
    "Jyväskylän Kirjapaino Oy",
    "Tilitoimisto Numerot",
    "Puutarha Omena",
    "Nokian Kukkakauppa",
    "Hotelli Järvenranta",
    "Kioski Kesä",
    "Rakennus Ahonen Oy",
)
TOWNS = ("Jyväskylä", "Tampere", "Nokia", "Kuopio", "Lahti", "Oulu")
STREETS = ("Kauppakatu", "Kirkkokatu", "Rantatie", "Koulukatu", "Asemakatu", "Puistotie")

Story = Callable[[random.Random, date], list[tuple[str, int, bool, str]]]


def _regular(rnd: random.Random, today: date) -> list[tuple[str, int, bool, str]]:
    """A regular who climbs and, with a wow and a referral, starts to spread the word;
    the first orders came well over a year ago, so last year's report has them."""
    start = rnd.randint(380, 520)
    events = [("purchase", start, False, "Ensimmäinen tilaus")]
    for step in range(1, rnd.randint(6, 10)):
        day = start - step * rnd.randint(15, 30)
        kind = rnd.choice(["purchase", "purchase", "positive_feedback", "aftermarketing_call"])
        events.append((kind, max(day, 1), False, ""))
    if rnd.random() < 0.7:
        events.append(("wow", rnd.randint(20, 90), True, "Yllätimme pikatoimituksella"))
        events.append(("wow", rnd.randint(5, 60), True, "Kiitti vuolaasti palvelusta"))
        events.append(("referral", rnd.randint(1, 30), False, "Suositteli meitä naapurilleen"))
    return events


def _hotel_guest(rnd: random.Random, today: date) -> list[tuple[str, int, bool, str]]:
    """The hotel guest of docs/rules.md: a complaint handled the same day, more loyal after."""
    first = rnd.randint(40, 200)
    complaint = first - rnd.randint(1, 20)
    return [
        ("purchase", first, False, "Ensimmäinen käynti"),
        ("complaint", complaint, False, "Huoneen siivous oli jäänyt tekemättä"),
        ("complaint_resolved", complaint, False, "Johtaja soitti samana päivänä"),
        ("purchase", rnd.randint(1, max(complaint - 1, 1)), False, ""),
    ]


def _kiosk(rnd: random.Random, today: date) -> list[tuple[str, int, bool, str]]:
    """The ice-cream kiosk of docs/rules.md: a first visit went wrong; they will not come back."""
    day = rnd.randint(3, 120)
    return [
        ("purchase", day, False, "Jäätelö, vain kolme makua tarjolla"),
        ("bad_experience", day, False, "Myyjä ei kiittänyt eikä katsonut silmiin"),
    ]


def _unanswered(rnd: random.Random, today: date) -> list[tuple[str, int, bool, str]]:
    """An inquiry left unanswered loses a customer who was only looking."""
    day = rnd.randint(1, 20)
    return [
        ("contact", day + 3, False, "Kysyi tarjousta sähköpostilla"),
        ("unanswered", day, False, "Kukaan ei vastannut viestiin"),
    ]


def _tryer(rnd: random.Random, today: date) -> list[tuple[str, int, bool, str]]:
    """Someone trying us out: a purchase or two, maybe kind words."""
    events = [("purchase", rnd.randint(1, 25), False, "")]
    if rnd.random() < 0.6:
        events.append(("positive_feedback", rnd.randint(1, 12), False, "Kehui nopeaa palvelua"))
    return events


def _quiet_loyalist(rnd: random.Random, today: date) -> list[tuple[str, int, bool, str]]:
    """Loyal early in the year, then nothing for months: at risk."""
    base = rnd.randint(130, 170)
    return [
        ("purchase", base + 120, False, ""),
        ("referral", base + 90, False, "Toi ystävänsä mukanaan"),
        ("positive_feedback", base + 60, False, ""),
        ("wow", base + 30, True, "Juhlat onnistuivat yli odotusten"),
        ("purchase", base, False, ""),
    ]


STORIES: tuple[tuple[Story, int], ...] = (
    (_regular, 16),
    (_hotel_guest, 7),
    (_kiosk, 6),
    (_unanswered, 5),
    (_tryer, 22),
    (_quiet_loyalist, 4),
)


def demo_coop(today: date, seed: int = 2026) -> list[NewCustomer]:
    """About sixty customers with some fifteen months of events up to `today`, the
    same for a seed."""
    rnd = random.Random(seed)
    names = _names(rnd)
    customers = []
    for story, count in STORIES:
        for _ in range(count):
            name = next(names)
            owner = rnd.choice(MEMBERS)
            told = _with_our_follow_ups(rnd, story(rnd, today))
            events = [
                NewEvent(kind, today - timedelta(days=ago), emotional, note, owner)
                for kind, ago, emotional, note in told
            ]
            customers.append(NewCustomer(details=_details(rnd, name), events=events, owner=owner))
    return customers


def _with_our_follow_ups(
    rnd: random.Random, events: list[tuple[str, int, bool, str]]
) -> list[tuple[str, int, bool, str]]:
    """Most of the time members did call after a sale and thank for a referral."""
    done = list(events)
    for kind, ago, _, _ in events:
        if kind == "purchase" and ago > 16 and rnd.random() < 0.9:
            done.append(("aftermarketing_call", ago - rnd.randint(7, 13), False, ""))
        if kind == "referral" and ago > 5 and rnd.random() < 0.8:
            done.append(("contact", ago - rnd.randint(1, 3), False, "Kiitin suosittelusta"))
        if kind in ("bad_experience", "unanswered") and ago > 10 and rnd.random() < 0.6:
            done.append(("contact", ago - rnd.randint(1, 4), False, "Soitin ja pahoittelin"))
    return done


def _names(rnd: random.Random) -> Iterator[str]:
    people = [f"{first} {last}" for first in FIRST for last in LAST]
    rnd.shuffle(people)
    companies = list(COMPANIES)
    while True:
        if companies and rnd.random() < 0.15:
            yield companies.pop()
        else:
            yield people.pop()


def _details(rnd: random.Random, name: str) -> dict[str, object]:
    handle = name.lower().replace(" ", ".").replace("ä", "a").replace("ö", "o")
    birthday = None
    if rnd.random() < 0.5 and name not in COMPANIES:
        birthday = date(rnd.randint(1950, 2000), rnd.randint(1, 12), rnd.randint(1, 28))
    return {
        "name": name,
        "email": f"{handle}@example.fi",
        "phone": f"+358 40 {rnd.randint(100, 999)} {rnd.randint(1000, 9999)}",
        "address": f"{rnd.choice(STREETS)} {rnd.randint(1, 60)}, {rnd.choice(TOWNS)}",
        "birthday": birthday,
    }
