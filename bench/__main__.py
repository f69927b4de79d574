"""Run every benchmark on synthetic co-ops of 1,000, 10,000 and 100,000 customers.

`make bench` (or `python -m bench [SIZES…] [--only GROUP]`, see `--help`)
prints the table and writes it to bench/RESULTS.md so that changes can be
compared.
"""

from __future__ import annotations

import argparse
import platform
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

from bench import (
    commands,
    fold,
    idle,
    import_memory,
    imports,
    log_parts,
    orders,
    store,
    store_pg,
    tui,
)
from bench.results import RESULTS, Row, previous_run, results_parts, table

SIZES = (1_000, 10_000, 100_000)


GROUPS = ("tui", "store", "commands", "pg", "import", "fold")
PG_SIZES = (10_000,)  # PostgreSQL rows: the size a growing co-op reaches first


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description="Benchmarks on synthetic co-ops, each figure against a baseline measured "
        "in the same run; the table goes to bench/RESULTS.md.",
    )
    parser.add_argument(
        "sizes", nargs="*", type=int, metavar="CUSTOMERS", help=f"co-op sizes (default {SIZES})"
    )
    parser.add_argument(
        "--only",
        action="append",
        choices=GROUPS,
        help="run only these groups of rows (repeatable; default all); RESULTS.md is left as it is",
    )
    parser.add_argument(
        "--no-write", action="store_true", help="print the table, leave RESULTS.md as it is"
    )
    return parser.parse_args(argv)


def main(argv: list[str]) -> None:
    options = parse(argv)
    sizes = tuple(options.sizes) or SIZES
    groups = set(options.only or GROUPS)
    started = time.perf_counter()
    ran_before, before = previous_run()
    rows: list[Row] = []
    builds = []
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            path = Path(folder) / f"coop-{size}.db"
            if groups & {"tui", "store", "commands"}:
                seconds = store.build(path, size)
                builds.append(f"{size:,} customers: built in {seconds:.1f} s")
                print(builds[-1], flush=True)
            first = len(rows)
            if "tui" in groups:
                print(f"… tui rows at {size:,} customers", flush=True)
                rows += tui.cold_start(path, size)
                if size == max(sizes):
                    rows.append(tui.static_anchor())
                    rows += tui.keystroke(path, size)
                    rows.append(idle.idle(str(path)))
            if "store" in groups:
                print(f"… store rows at {size:,} customers", flush=True)
                rows += store.run_apart(path, size)
            if "commands" in groups:
                print(f"… command rows at {size:,} customers", flush=True)
                rows += commands.run(path, size)
            print(table(rows[first:]), flush=True)
        if "pg" in groups:
            if store_pg.reachable():
                for size in PG_SIZES:
                    print(f"… PostgreSQL rows at {size:,} customers", flush=True)
                    rows += store_pg.run_apart(size)
                    print(f"… where a log's time goes, at {size:,} customers", flush=True)
                    rows += [*log_parts.sqlite(size), *log_parts.postgres(size)]
            else:
                print(f"… no PostgreSQL server at {store_pg.SERVER}: its rows left out", flush=True)
        if "import" in groups:
            print("… import row", flush=True)
            rows.append(imports.run(Path(folder)))
            print("… import memory rows", flush=True)
            rows += import_memory.run(Path(folder))
            print("… orders row", flush=True)
            rows.append(orders.run(Path(folder)))
    if "fold" in groups:
        print("… fold rows", flush=True)
        rows += fold.run(customers=max(sizes))
    report = "\n".join(
        [
            "# Benchmark results",
            "",
            f"Run {datetime.now():%Y-%m-%d %H:%M} on {platform.machine()}, "
            f"Python {platform.python_version()}, {time.perf_counter() - started:.0f} s in all.",
            "Each baseline is measured in the same run; ratio = median / baseline median.",
            f"'before' is the median (and ratio) of the same figure in the run of {ran_before}"
            " ('—': a figure that run did not have).",
            "",
            *(f"- {line}" for line in builds),
            "",
            table(rows, before),
            "",
        ]
    )
    print(report)
    if not (options.no_write or options.only):  # a part of the table replaces none of it
        _, soak = results_parts()  # the soak figures are make soak's to remake
        RESULTS.write_text(f"{report}\n\n{soak}\n" if soak else report, "utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
