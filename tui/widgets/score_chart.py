"""A customer's score over time, drawn from zero with the rungs' thresholds marked.

A sparkline scales to its own minimum, so a score of 1.0 falling to 0.96 looked
like a fall to nothing and a flat zero filled the box. This chart always starts
at zero, labels the value range, and draws each promotion threshold as a dotted
line with the rung's name, so the member sees how far the next rung is.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from rich.text import Text

from ladder import Gate, Rung

BLOCKS = " ▁▂▃▄▅▆▇█"
AXIS = 5  # room for the value labels on the left


def chart_top(series: Sequence[float], gates: Mapping[Rung, Gate]) -> float:
    """The value at the top of the chart: the first threshold above the highest score."""
    highest = max(series, default=0.0)
    above = sorted(g.score for g in gates.values() if g.score >= highest)
    return above[0] if above else float(max(math.ceil(highest), 1))


def score_chart(
    series: Sequence[float],
    gates: Mapping[Rung, Gate],
    lang: str,
    *,
    height: int = 6,
    width: int = 30,
) -> Text:
    """Rows of bars from zero up to `chart_top`, with threshold lines and an axis."""
    values = _stretch(list(series) or [0.0], width)
    top = chart_top(values, gates)
    per_row = top / height
    marks = {  # the row (0 = top) each threshold at or under the top falls in
        max(0, height - round(g.score / per_row)): g for g in gates.values() if g.score <= top
    }
    chart = Text()
    for row in range(height):
        floor = (height - row - 1) * per_row
        gate = marks.get(row)
        label = f"{gate.score:g}" if gate else (f"{top:g}" if row == 0 else "")
        chart.append(f"{label:>{AXIS - 1}}┤" if label else " " * (AXIS - 1) + "│", style="dim")
        for value in values:
            filled = min(8, max(0, round((value - floor) / per_row * 8)))
            if filled:
                chart.append(BLOCKS[filled], style="green")
            else:
                chart.append("┄" if gate else " ", style="dim")
        if gate:
            chart.append(f" {gate.rung.label(lang)}", style="dim")
        chart.append("\n")
    chart.append(f"{'0':>{AXIS - 1}}┴" + "─" * len(values), style="dim")
    return chart


def _stretch(values: list[float], width: int) -> list[float]:
    """`values` resampled to `width` columns, so a short history still fills the chart."""
    if len(values) >= width:
        return values[-width:]
    return [values[i * len(values) // width] for i in range(width)]
