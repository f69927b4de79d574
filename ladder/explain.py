"""Transitions in plain words, so "why is Anna a lojalisti?" has an answer on screen."""

from __future__ import annotations

from ladder.dates import format_date
from ladder.events import Reason, Transition

_WHY = {
    "fi": {
        Reason.PROMOTED: "{n}. myönteinen tapahtuma, pisteet {score}",
        Reason.DEMOTED: "kielteinen tapahtuma, pisteet {score} alle rajan",
        Reason.BROKEN: "kielteinen kokemus katkaisi suhteen",
        Reason.RECOVERED: "reklamaatio hoidettiin ajoissa, pisteet {score}",
        Reason.LAPSED: "ei tapahtumia, pisteet laskivat {score}",
        Reason.ABSORBED: "kielteinen kokemus ei horjuttanut suhdetta",
    },
    "en": {
        Reason.PROMOTED: "{ordinal} positive event, score {score}",
        Reason.DEMOTED: "negative event, score {score} below the floor",
        Reason.BROKEN: "a negative experience broke the relationship",
        Reason.RECOVERED: "complaint resolved in time, score {score}",
        Reason.LAPSED: "no events, score decayed to {score}",
        Reason.ABSORBED: "a negative experience was absorbed",
    },
}
_SINCE = {"fi": "{rung} {day} alkaen: {why}", "en": "{rung} since {day}: {why}"}
_ABSORBED = {"fi": "{day}: {why}", "en": "{day}: {why}"}


def explain(transition: Transition, lang: str = "en") -> str:
    """One line: "Lojalisti since 3.4.2026: 4th positive event, score 10.5"."""
    lang = lang if lang in _WHY else "en"
    why = _WHY[lang][transition.reason].format(
        n=transition.positives,
        ordinal=_ordinal(transition.positives),
        score=f"{transition.score_after:.1f}".replace(".", "," if lang == "fi" else "."),
    )
    day = format_date(transition.on)
    if transition.reason is Reason.ABSORBED:
        return _ABSORBED[lang].format(day=day, why=why)
    return _SINCE[lang].format(rung=transition.to_rung.label(lang), day=day, why=why)


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
