"""One row of a benchmark table: a figure, its median and p95, the baseline, the ratio."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Row:
    figure: str
    median: float
    p95: float
    baseline: float
    unit: str
    target: str = ""

    @property
    def ratio(self) -> float:
        return self.median / self.baseline if self.baseline else float("nan")


def row(figure: str, samples: list[float], baseline: list[float], unit: str, target: str = ""):
    """Summarise timings (in seconds) into a row shown in `unit` ("ms", "us" or "s"),
    or sizes in bytes into one shown in "MiB"."""
    scale = {"s": 1.0, "ms": 1e3, "us": 1e6, "MiB": 1 / 2**20}[unit]
    return Row(
        figure,
        statistics.median(samples) * scale,
        p95(samples) * scale,
        statistics.median(baseline) * scale if baseline else float("nan"),
        unit,
        target,
    )


def timed(work: Callable[..., object], *args: object) -> float:
    """Seconds `work(*args)` took."""
    started = time.perf_counter()
    work(*args)
    return time.perf_counter() - started


def in_turn(
    rounds: int, ours: Callable[[int], object], bare: Callable[[int], object]
) -> tuple[list[float], list[float]]:
    """Time `ours(i)` and `bare(i)` one after the other for each round `i`, so that a
    busy moment of the machine falls on both sides of a ratio."""
    pairs = [(timed(ours, i), timed(bare, i)) for i in range(rounds)]
    return [mine for mine, _ in pairs], [theirs for _, theirs in pairs]


def p95(samples: list[float]) -> float:
    if len(samples) < 2:
        return samples[0]
    return statistics.quantiles(samples, n=20, method="inclusive")[18]


RESULTS = Path(__file__).with_name("RESULTS.md")
SOAK_HEADING = "## Soak"


def results_parts() -> tuple[str, str]:
    """bench/RESULTS.md as (the benchmark table, the soak section): each run remakes one."""
    text = RESULTS.read_text("utf-8") if RESULTS.exists() else ""
    table_part, heading, soak = text.partition(f"\n{SOAK_HEADING}")
    return table_part.rstrip(), f"{heading}{soak}".strip()


def previous_run() -> tuple[str, dict[str, str]]:
    """The run bench/RESULTS.md holds now: when it ran, and each figure's median and
    ratio then, so that a new table shows them beside its own."""
    table_part, _ = results_parts()
    when = next((line for line in table_part.splitlines() if line.startswith("Run ")), "")
    before = {}
    for line in table_part.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) >= 6 and cells[0] not in ("figure", "---") and not cells[0].startswith("-"):
            before[cells[0]] = f"{cells[1]} ({cells[4]})"
    return when.removeprefix("Run ").split(" on ")[0], before


def table(rows: list[Row], before: dict[str, str] | None = None) -> str:
    """A Markdown table, readable in a terminal too; with `before`, a column of the
    previous run's median (and ratio) of the same figure."""
    then = before is not None
    lines = [
        "| figure | median | p95 | baseline | ratio | target |" + (" before |" if then else ""),
        "|---|---:|---:|---:|---:|---|" + ("---:|" if then else ""),
    ]
    for r in rows:
        lines.append(
            f"| {r.figure} | {r.median:,.2f} {r.unit} | {r.p95:,.2f} {r.unit} | "
            f"{r.baseline:,.2f} {r.unit} | {r.ratio:,.1f}x | {r.target} |"
            + (f" {before.get(r.figure, '—')} |" if before is not None else "")
        )
    return "\n".join(lines)
