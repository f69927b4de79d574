"""`ladder report`: the figures for a period as text, JSON and a PDF for the annual meeting."""

from __future__ import annotations

import io
import json
import stat

from pypdf import PdfReader

from tests.cli.conftest import run_json

SECTIONS_FI = (
    "Tikapuut kuukausittain",
    "Liikkeet portaalta toiselle",
    "Suppilo",
    "Mikä toimii",
    "Tehtävien hoito",
)


def _demo(ladder) -> None:
    code, _, err = ladder("demo")
    assert code == 0, err


def test_the_report_as_text_in_finnish(ladder, monkeypatch):
    _demo(ladder)
    monkeypatch.setenv("LADDER_LANG", "fi")
    code, out, err = ladder("report", "--from", "1.1.2026", "--to", "22.11.2026")
    assert code == 0, err
    assert out.startswith("Osuuskunnan tikapuut 1.1.2026–22.11.2026")
    for title in SECTIONS_FI:
        assert f"{title}\n{'=' * len(title)}" in out
    assert "22.11.2026" in out and "Sanansaattaja" in out


def test_the_report_as_json_is_the_figures(ladder):
    _demo(ladder)
    document = run_json(ladder, "report", "--from", "2026-01-01", "--to", "2026-12-31")
    assert document["period"] == {"from": "2026-01-01", "to": "2026-12-31"}
    assert document["as_of"] == "2026-11-22"
    assert [m["month_end"] for m in document["ladder"]][-1] == "2026-11-22"
    assert sum(document["ladder"][-1]["rungs"].values()) == 60
    assert set(document) == {"period", "as_of", "ladder", "flow", "funnel", "kinds", "habits"}
    funnel = document["funnel"]
    assert [step["rung"] for step in funnel["steps"]] == ["asiakas", "lojalisti", "sanansaattaja"]
    assert all(step["reached"] <= funnel["started"] for step in funnel["steps"])
    assert {"kind", "events", "lifted", "broke", "absorbed", "recovered"} <= set(
        document["kinds"][0]
    )


def test_the_report_as_a_pdf_has_a_page_a_section(ladder, monkeypatch, tmp_path):
    _demo(ladder)
    monkeypatch.setenv("LADDER_LANG", "fi")
    target = tmp_path / "vuosikokous.pdf"
    code, _, err = ladder(
        "report", "--from", "1.1.2026", "--format", "pdf", "--output", str(target)
    )
    assert code == 0, err
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    pages = PdfReader(io.BytesIO(target.read_bytes())).pages
    assert len(pages) == len(SECTIONS_FI)
    for page, title in zip(pages, SECTIONS_FI, strict=True):
        text = page.extract_text()
        assert title in text and "Osuuskunnan tikapuut 1.1.2026" in text
    assert "kuukausi" in pages[0].extract_text()  # the table under the chart
    kinds = pages[3].extract_text()  # ten kinds: each whole beside its bar, and in the table
    assert "…" not in kinds
    for name in ("Jälkimarkkinointisoitto", "Reklamaatio hoidettu", "Vastaamaton yhteydenotto"):
        assert kinds.count(name) == 2, name


def test_a_backwards_period_is_refused_in_one_line(ladder, monkeypatch):
    monkeypatch.setenv("LADDER_LANG", "fi")
    code, out, err = ladder("report", "--from", "1.5.2026", "--to", "1.1.2026")
    assert code == 2 and out == ""
    assert err.startswith("ladder: kausi loppuu ennen kuin alkaa") and err.count("\n") == 1


def test_the_default_period_is_last_calendar_year(ladder):
    _demo(ladder)
    document = json.loads(ladder("report", "--format", "json")[1])
    assert document["period"] == {"from": "2025-01-01", "to": "2025-12-31"}
