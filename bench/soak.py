"""The soak run: kills, concurrent writers and fuzzed input, counted (`make soak`).

Three figures a member trusts their data to, each as tries / failures / lost:

- **SIGKILL**: a writer (single logs) and an importer (batches of 500) are
  killed at a random moment, round after round; every reported commit must be
  there, no batch half there, and the file whole.
- **Concurrent writers**: four processes log into shared customers at once,
  on SQLite and, when `LADDER_TEST_PG_URL` names a server, on PostgreSQL.
- **Fuzzed input**: random names, notes, dates, ids, kinds, URLs and files
  through every entry point of the command line; any traceback, any error that
  is not one line, is a failure.

The table goes to the end of bench/RESULTS.md under its own heading.
"""

from __future__ import annotations

import contextlib
import io
import multiprocessing
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import date
from pathlib import Path

from bench.results import RESULTS, SOAK_HEADING, results_parts
from data import service

ROOT = Path(__file__).resolve().parents[1]
TODAY = date(2026, 11, 22)

WRITER = """
import sys
from datetime import date, timedelta
from data import service
from data.store import Store
from ladder import default_rulebook
store = Store.open(sys.argv[1], default_rulebook(), date(2026, 11, 22))
kinds = ["purchase", "complaint", "wow", "contact", "referral", "unanswered"]
for i in range(100000):
    result = service.log(store, 1 + i % 3, kinds[i % 6],
                         date(2026, 1, 1) + timedelta(days=i % 300), today=date(2026, 11, 22))
    print(result.event_id, flush=True)
"""

IMPORTER = """
import sys
from datetime import date
from data.records import NewCustomer, NewEvent
from data.store import Store
from ladder import default_rulebook
store = Store.open(sys.argv[1], default_rulebook(), date(2026, 11, 22))
for batch in range(1000):
    store.add_histories(
        [NewCustomer({"name": f"Tuotu {batch}-{i}"}, [NewEvent("purchase", date(2026, 3, 1))])
         for i in range(500)],
        date(2026, 11, 22),
    )
    print(batch, flush=True)
"""


def kills(rounds: int, seed: int = 5) -> tuple[int, int, int]:
    """(tries, failures, lost commits) over `rounds` kills of each script."""
    from data.store import Store
    from ladder import default_rulebook

    rnd = random.Random(seed)
    failures = lost = 0
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "soak.db"
        store = Store.open(str(path), default_rulebook(), TODAY)
        for name in ("Anna", "Matti", "Liisa"):
            service.add_customer(store, name, today=TODAY)
        store.close()
        reported: set[int] = set()
        for number in range(rounds):
            script = WRITER if number % 2 == 0 else IMPORTER
            printed = kill_at_random(script, path, rnd)
            if not _whole(path):
                failures += 1
                continue
            with sqlite3.connect(path) as db:
                if script is WRITER:
                    reported |= {int(x) for x in printed}
                    stored = {row[0] for row in db.execute("SELECT id FROM event")}
                    lost += len(reported - stored)
                else:
                    counts = db.execute(
                        "SELECT count(*) FROM customer WHERE name LIKE 'Tuotu %'"
                    ).fetchone()[0]
                    failures += counts % 500 != 0  # a batch half in
                    lost += max(0, len(printed) * 500 - counts)
    return rounds, failures, lost


def kill_at_random(
    script: str, path: Path, rnd: random.Random, window: tuple[float, float] = (0.6, 2.0)
) -> list[str]:
    """Run `script` on `path`, SIGKILL it `window` seconds in; what it printed by then."""
    process = subprocess.Popen(
        [sys.executable, "-c", script, str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    time.sleep(rnd.uniform(*window))
    os.kill(process.pid, signal.SIGKILL)
    out, _ = process.communicate(timeout=60)
    return out.split()


def _whole(path: Path) -> bool:
    with sqlite3.connect(path) as db:
        return db.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def _log_many(location: str, worker: int, per_process: int, errors) -> None:
    from data.store import Store
    from ladder import default_rulebook

    try:
        store = Store.open(location, default_rulebook(), TODAY)
        for i in range(per_process):
            service.log(
                store, 1 + (worker + i) % 2, "purchase", date(2026, 1, 1 + i % 28), today=TODAY,
                member=f"jäsen {worker}", note=f"w{worker}-{i}",
            )  # fmt: skip
        store.close()
    except Exception as exc:  # counted as a failure by the soak
        errors.put(f"{type(exc).__name__}: {exc}")


def concurrent(location: str, processes: int = 4, per_process: int = 50) -> tuple[int, int, int]:
    """(tries, failures, lost) for `processes` writers at once on `location`."""
    from data.store import Store
    from ladder import default_rulebook

    store = Store.open(location, default_rulebook(), TODAY)
    for name in ("Anna", "Matti"):
        service.add_customer(store, name, today=TODAY)
    store.close()
    context = multiprocessing.get_context("spawn")
    errors = context.Queue()
    workers = [
        context.Process(target=_log_many, args=(location, w, per_process, errors))
        for w in range(processes)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(600)
    failures = 0
    while not errors.empty():
        errors.get()
        failures += 1
    store = Store.open(location, default_rulebook(), TODAY)
    notes = {e.note for c in (1, 2) for e in store.events_of(c)}
    store.close()
    expected = {f"w{w}-{i}" for w in range(processes) for i in range(per_process)}
    return processes * per_process, failures, len(expected - notes)


FUZZ_TEXT = [
    "[/]", "[link=http://x]y[/link]", "\x1b[2J", "\x00", "x" * 5000, "Äijälä", "😀", "",
    "'; DROP TABLE event; --", "\u200b", "-1d", "+99999y", "31.2.", "9999-12-31", "0001-01-02",
    "x\x1b]0;t\x07@e.fi", "a@b\u202e.fi", "Anna\u202egnirts", "x\u2066y", "co[op]*.db",
]  # fmt: skip


def fuzz(tries: int, seed: int = 9) -> tuple[int, int, int]:
    """(tries, failures, 0): random arguments to every command, in-process."""
    from cli.main import main

    rnd = random.Random(seed)
    failures = 0
    home = Path.cwd()
    with tempfile.TemporaryDirectory() as folder:
        os.chdir(folder)  # every relative path the fuzz makes up lands in here, not the repo
        os.environ.update(LADDER_DB=str(Path(folder) / "fuzz.db"), LADDER_TODAY="22.11.2026")
        _quiet(main, ["customer", "add", "Anna"])
        files = _fuzz_files(Path(folder), rnd)
        for _ in range(tries):
            args = _fuzz_args(rnd, files)
            code, err = _quiet(main, args)
            listed = args[:2] == ["rules", "check"]  # a rulebook's every problem, a line each
            one_line = (listed or err.count("\n") <= 1) and "Traceback" not in err
            if code not in (0, 1, 2) or not one_line:
                failures += 1
        os.chdir(home)
    return tries, failures, 0


def _fuzz_args(rnd: random.Random, files: list[str]) -> list[str]:
    text = rnd.choice([*FUZZ_TEXT, str(rnd.randrange(-(2**70), 2**70))])
    ids = str(rnd.choice([1, 0, -1, 2**63, 2**70, rnd.randrange(5)]))
    return rnd.choice(
        [
            ["customer", "add", text, "--email", rnd.choice(FUZZ_TEXT), "--birthday", text],
            ["customer", "show", text],
            ["customer", "edit", ids, "--notes", text],
            [
                "log",
                rnd.choice(["1", "anna", text]),
                rnd.choice(["osto", "wow", text]),
                "--on",
                rnd.choice(FUZZ_TEXT),
                "--note",
                text,
            ],
            ["event", "edit", ids, "--on", text],
            ["event", "delete", ids],
            ["followups", rnd.choice(["done", "dismiss", "reopen"]), ids],
            ["followups", "snooze", ids, "--until", text],
            ["followups", "--days", text],
            ["followups", "--format", "csv", "--output", rnd.choice([text, "fuzz.db", "x.csv"])],
            ["import", rnd.choice(files)],
            ["customer", "erase", rnd.choice(["1", "anna", text]), "--yes"],
            ["--db", "co[op]*.db", "customer", "add", text],
            ["--db", "co[op]*.db", "customer", "erase", rnd.choice(["1", text]), "--yes"],
            ["--db", rnd.choice(["postgresq://a:b@c/d", "postgresql:/a:b@c", text]), "pipeline"],
            ["--today", text, "pipeline"],
            ["cards", "--year", text],
            ["rules", "check", rnd.choice(files)],
        ]
    )


def _fuzz_files(folder: Path, rnd: random.Random) -> list[str]:
    contents = [
        b"nimi;puhelin\nAnna;040 1\n",
        b'nimi,email\n"Anna,a@x.fi\nPekka,p@x.fi\n',
        b"BEGIN:VCARD\nVERSION:3.0\nFN:Anna\nnot a line\nEND:VCARD\n",
        b'{"format": "ladder-export", "version": 1, "customers": [{"id": 99999999999999999999}]}',
        b"[" * 50_000,
        bytes(rnd.randrange(256) for _ in range(400)),
        b"[scoring]\nhalf_life_days = nan\n",
        b"BEGIN:VCARD\nVERSION:3.0\nFN:A\nNOTE:" + b"x" * 74 + b"\n x" * 40_000 + b"\nEND:VCARD\n",
        b"nimi,email\nAnna,x\x1b]0;t\x07@e.fi\nBertta,b\xe2\x80\xae@x.fi\n",
        b"nimi\n" + b"a" * 200_000 + b"\n",
    ]
    fifo = folder / "pipe.csv"
    os.mkfifo(fifo)
    paths = ["/dev/zero", str(fifo), str(folder / "co[op]*.csv")]
    (folder / "co[op]*.csv").write_bytes(contents[0])
    for number, content in enumerate(contents):
        for suffix in (".csv", ".vcf", ".json", ".toml"):
            path = folder / f"f{number}{suffix}"
            path.write_bytes(content)
            paths.append(str(path))
    return paths


def _quiet(main, args: list[str]) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        try:
            code = main(args)
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else 2
        except BaseException:  # a traceback: the very thing this counts
            return 99, "Traceback"
    return code, err.getvalue()


def _postgres_database(server: str) -> str:
    import psycopg
    from sqlalchemy.engine import make_url

    name = f"ladder_soak_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    return make_url(server).set(database=name).render_as_string(hide_password=False)


def _drop(server: str, database: str) -> None:
    import psycopg
    from sqlalchemy.engine import make_url

    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{make_url(database).database}" WITH (FORCE)')


def main(argv: list[str]) -> None:
    rounds = int(argv[0]) if argv else 50
    started = time.perf_counter()
    rows = [("SIGKILL rounds (writer and importer, SQLite)", *kills(rounds))]
    print(rows[-1], flush=True)
    with tempfile.TemporaryDirectory() as folder:
        rows.append(("4 concurrent writers, SQLite", *concurrent(str(Path(folder) / "c.db"))))
    print(rows[-1], flush=True)
    server = os.environ.get("LADDER_TEST_PG_URL")
    if server:
        database = _postgres_database(server)
        try:
            rows.append(("4 concurrent writers, PostgreSQL", *concurrent(database)))
        finally:
            _drop(server, database)
        print(rows[-1], flush=True)
    rows.append(("fuzzed command lines and files", *fuzz(max(300, rounds * 6))))
    print(rows[-1], flush=True)
    table = "\n".join(
        [
            SOAK_HEADING,
            "",
            f"`make soak` on {date.today().isoformat()}, {time.perf_counter() - started:.0f} s.",
            "",
            "| run | tries | failures | lost |",
            "|---|---:|---:|---:|",
            *(
                f"| {name} | {tries} | {failures} | {lost} |"
                for name, tries, failures, lost in rows
            ),
            "",
        ]
    )
    print(table)
    benchmarks, _ = results_parts()
    RESULTS.write_text(f"{benchmarks}\n\n{table}", "utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
