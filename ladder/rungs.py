"""The five rungs of Lundberg & Töytäri's customer ladder, lowest first."""

from __future__ import annotations

from enum import IntEnum


class Rung(IntEnum):
    """A rung on the ladder; the integer value is its height (0 = bottom)."""

    KULUTTAJA = 0
    KOKEILIJA = 1
    ASIAKAS = 2
    LOJALISTI = 3
    SANANSAATTAJA = 4

    @property
    def id(self) -> str:
        """The rung's id as written in rulebooks, files and JSON."""
        return self.name.lower()

    @property
    def label_fi(self) -> str:
        return _LABELS[self][0]

    @property
    def label_en(self) -> str:
        return _LABELS[self][1]

    def label(self, lang: str) -> str:
        """The rung's name in `lang` ("fi" or "en")."""
        return self.label_fi if lang == "fi" else self.label_en

    @classmethod
    def from_id(cls, rung_id: str) -> Rung:
        """The rung named `rung_id`; ValueError names the valid ids otherwise."""
        try:
            return cls[rung_id.strip().upper()]
        except KeyError:
            valid = ", ".join(r.id for r in cls)
            raise ValueError(f"unknown rung {rung_id!r} (one of: {valid})") from None

    @property
    def below(self) -> Rung:
        """The next rung down (kuluttaja stays kuluttaja)."""
        return Rung(max(self - 1, 0))


_LABELS: dict[Rung, tuple[str, str]] = {
    Rung.KULUTTAJA: ("Kuluttaja", "Consumer"),
    Rung.KOKEILIJA: ("Kokeilija", "Tryer"),
    Rung.ASIAKAS: ("Asiakas", "Customer"),
    Rung.LOJALISTI: ("Lojalisti", "Loyalist"),
    Rung.SANANSAATTAJA: ("Sanansaattaja", "Advocate"),
}
