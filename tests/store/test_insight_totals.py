"""The running totals the database keeps for the insights (migration 0012) equal the
same totals counted from the stored rows, after any sequence of what members do
(logs, corrections, deletes, merges, erasures, follow-ups done, snoozed and
dismissed, a new rulebook), on SQLite and PostgreSQL, through re-derives in
batches of any size, and the figures read from them equal a replay; an 0011
database upgrades with its totals filled; two writers on PostgreSQL add to a
day's total without waiting for each other."""

from __future__ import annotations

import sqlite3
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from bench.store import changed_rulebook
from data import service
from data.sql import insight_sql
from data.store import Store, StoreError, rows
from data.store.db import make_engine
from data.store.migrate import alembic_config
from ladder import DateError, Rung, default_rulebook
from ladder.insights import Habit, Period
from tests.conftest import PG_URL, TODAY
from tests.store.test_insights import PERIOD, _replayed

KINDS = ["purchase", "wow", "referral", "contact", "complaint", "complaint_resolved"]
MEMBERS = ["", "aino", "liisa"]

OPERATION = st.one_of(
    st.tuples(st.just("add"), st.integers(0, 400), st.just(""), st.just(0)),
    st.tuples(st.just("log"), st.integers(0, 9), st.sampled_from(KINDS), st.integers(0, 500)),
    st.tuples(st.just("edit"), st.integers(0, 40), st.sampled_from(KINDS), st.integers(0, 500)),
    st.tuples(st.just("delete"), st.integers(0, 40), st.just(""), st.just(0)),
    st.tuples(st.just("merge"), st.integers(0, 9), st.just(""), st.integers(0, 9)),
    st.tuples(st.just("erase"), st.integers(0, 9), st.just(""), st.just(0)),
    st.tuples(st.just("rules"), st.just(0), st.just(""), st.integers(0, 1)),
    st.tuples(st.just("done"), st.integers(0, 20), st.sampled_from(["", "contact"]), st.just(0)),
    st.tuples(st.just("snooze"), st.integers(0, 20), st.just(""), st.integers(1, 30)),
    st.tuples(st.just("dismiss"), st.integers(0, 20), st.just(""), st.just(0)),
)


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(operations=st.lists(OPERATION, min_size=1, max_size=20))
def test_the_totals_equal_the_stored_rows_after_whatever_members_do(location, operations):
    store = Store.open(location, default_rulebook(), TODAY, chosen=False)
    try:
        _start_afresh(store)
        for step, (op, index, kind, number) in enumerate(operations):
            _do(store, op, index, kind, number, MEMBERS[step % len(MEMBERS)])
        assert _totals(store) == _counted(store)
        found = service.insights(store, PERIOD, TODAY)
        expected = _replayed(store, PERIOD, TODAY)
        assert found.ladder == expected["ladder"]
        assert found.flow == expected["flow"]
        assert (found.funnel.started, found.funnel.steps) == (
            expected["started"],
            expected["steps"],
        )
        assert {k.kind: k for k in found.kinds} == expected["kinds"]
        assert found.habits == _habits(store)
    finally:
        store.close()


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(operations=st.lists(OPERATION, min_size=1, max_size=15), most=st.integers(1, 6))
def test_the_totals_stay_true_through_a_re_derive_in_batches(location, operations, most):
    """A re-derive rewrites every customer's transitions and recounts their totals a
    set at a time (`data.store.derive.totals`); after whatever members did, the totals
    equal the stored rows under the new rulebook and again under the old one, however
    the customers fall into batches."""
    store = Store.open(location, default_rulebook(), TODAY, chosen=False)
    try:
        _start_afresh(store)
        for step, (op, index, kind, number) in enumerate(operations):
            _do(store, op, index, kind, number, MEMBERS[step % len(MEMBERS)])
        changed = store.rules.fingerprint == default_rulebook().fingerprint
        for rules in (changed_rulebook(), default_rulebook())[0 if changed else 1 :]:
            service.apply_rules(store, rules, TODAY, member="aino")
            store.rederive_all(TODAY, batch=most)
            assert _totals(store) == _counted(store)
    finally:
        store.close()


def test_a_re_derive_keeps_each_break_s_recovery(store: Store):
    """A break and the recovery after it, rewritten by a re-derive in batches: the day of
    the first recovery after each break is counted again for the customers in hand."""
    pekka = service.add_customer(store, "Pekka", today=TODAY).id
    for back, kind in (
        (200, "purchase"),
        (190, "wow"),
        (150, "complaint"),
        (140, "complaint_resolved"),
    ):
        service.log(store, pekka, kind, TODAY - timedelta(days=back), today=TODAY)
    recovered = "SELECT recovered_on FROM insight_break WHERE reason = 'broken'"
    with store.read() as session:
        assert session.execute(text(recovered)).scalar_one() is not None
    for rules in (changed_rulebook(), default_rulebook()):
        service.apply_rules(store, rules, TODAY, member="aino")
        store.rederive_all(TODAY, batch=1)
        assert _totals(store) == _counted(store)


def _habits(store: Store) -> tuple[Habit, ...]:
    """The follow-up habit counted from the follow-ups and transitions themselves."""
    calls = set(insight_sql.contact_kinds(store.rules))
    with store.read() as session:
        run, _ = rows.runner(session)
        followups = run("SELECT due, member, state, closed_on FROM followup", {})
        lifts = run(
            'SELECT event.logged_by, event.kind, transition."on" FROM transition '
            "JOIN event ON event.id = transition.event_id "
            "WHERE transition.to_rung > transition.from_rung",
            {},
        )
    start, end = str(PERIOD.start), str(PERIOD.as_of(TODAY))
    counts: dict[str, Counter] = {}
    for due, member, state, closed_on in followups:
        if start <= str(due) <= end:
            counts.setdefault(member, Counter())[_outcome(state, due, closed_on)] += 1
    for member, kind, on in lifts:
        if kind in calls and start <= str(on) <= end:
            counts.setdefault(member, Counter())["lifted"] += 1
    return tuple(
        Habit(
            member,
            *(c[o] for o in ("on_time", "late", "snoozed", "dismissed", "open")),
            lifted=c["lifted"],
        )
        for member, c in sorted(counts.items())
    )


def _start_afresh(store: Store) -> None:
    """Hypothesis runs every example on the one database: it starts with no customers
    (their deletion is itself a write the totals follow) and the default rulebook."""
    if store.rules.fingerprint != default_rulebook().fingerprint:
        service.apply_rules(store, default_rulebook(), TODAY, member="aino")
    with store.write() as session:
        session.execute(text("DELETE FROM customer"))
    assert _totals(store) == _counted(store)


def _do(store: Store, op: str, index: int, kind: str, number: int, member: str) -> None:
    customers = [c.id for c in service.list_customers(store, TODAY)]
    events = [e for c in customers for e in store.events_of(c)]
    try:
        if op == "add":
            added = service.add_customer(
                store,
                f"Asiakas {len(customers)}",
                today=TODAY,
                since=TODAY - timedelta(days=index),
                member=member,
                allow_duplicate=True,
            )
            assert added.id
        elif op == "log" and customers:
            on = TODAY - timedelta(days=number)
            service.log(
                store,
                customers[index % len(customers)],
                kind,
                on,
                today=TODAY,
                member=member,
                force=True,
            )
        elif op == "edit" and events:
            on = TODAY - timedelta(days=number)
            service.edit_event(
                store,
                events[index % len(events)].id,
                TODAY,
                kind=kind,
                on=on,
                member=member,
                force=True,
            )
        elif op == "delete" and events:
            service.delete_event(store, events[index % len(events)].id, TODAY, member=member)
        elif op == "merge" and len(customers) > 1:
            kept, gone = customers[index % len(customers)], customers[number % len(customers)]
            if kept != gone:
                service.merge_customers(store, kept, gone, TODAY, member=member or "aino")
        elif op == "erase" and customers:
            service.erase_customer(store, customers[index % len(customers)], member=member)
        elif op in ("done", "snooze", "dismiss"):
            due = store.due_followups(TODAY, days=400)
            if due:
                chosen = due[index % len(due)].id
                if op == "done":
                    service.done(store, chosen, TODAY, kind=kind or None, member=member)
                elif op == "snooze":
                    service.snooze(store, chosen, TODAY + timedelta(days=number), TODAY)
                else:
                    service.dismiss(store, chosen, TODAY)
        elif op == "rules":
            rules = default_rulebook() if number else changed_rulebook()
            service.apply_rules(store, rules, TODAY, member="aino")
    except (StoreError, DateError):
        pass  # refused, as a member would be: nothing changed


def _totals(store: Store) -> dict[str, Counter]:
    """What the totals hold, summed over the slots, zeros left out."""
    with store.read() as session:
        run, _ = rows.runner(session)
        return {
            "ladder": _nonzero(run("SELECT day, rung, n FROM insight_ladder", {})),
            "kind": _nonzero(run("SELECT day, kind, n FROM insight_kind", {})),
            "effect": _nonzero(
                run("SELECT day, kind, logged_by, reason, up, n FROM insight_effect", {})
            ),
            "climb": _nonzero(run("SELECT customer_id, rung, day, n FROM insight_climb", {})),
            "flow": _nonzero(
                run("SELECT day, from_rung, to_rung, reason, n FROM insight_flow", {})
            ),
            "move": _nonzero(
                run("SELECT customer_id, from_rung, to_rung, reason, day, n FROM insight_move", {})
            ),
            "reach": _nonzero(
                run("SELECT day, from_rung, to_rung, reason, prior, n FROM insight_reach", {})
            ),
            "followup": _nonzero(run("SELECT due, member, outcome, n FROM insight_followup", {})),
            "break": Counter(
                _key(row)
                for row in run(
                    "SELECT id, customer_id, day, reason, kind, recovered_on FROM insight_break",
                    {},
                )
            ),
            "customer": Counter(
                _key(row)
                for row in run(
                    "SELECT customer_id, came, kokeilija, asiakas, lojalisti, sanansaattaja "
                    "FROM insight_customer",
                    {},
                )
            ),
        }


def _counted(store: Store) -> dict[str, Counter]:
    """The same totals counted here, in Python, from the customers, events and transitions."""
    with store.read() as session:
        run, _ = rows.runner(session)
        customers = run("SELECT id, since FROM customer", {})
        events = run("SELECT id, customer_id, occurred_on, kind, logged_by FROM event", {})
        moves = run(
            'SELECT customer_id, "on", from_rung, to_rung, reason, event_id, id FROM transition',
            {},
        )
        followups = run("SELECT due, member, state, closed_on FROM followup", {})
    came = {c: str(since) for c, since in customers}
    for _, c, on, _, _ in events:
        came[c] = min(came[c], str(on))
    by_id = {e: (c, kind, logged_by) for e, c, _, kind, logged_by in events}
    ladder: Counter = Counter((day, 0) for day in came.values())
    effect: Counter = Counter()
    climb: Counter = Counter()
    firsts: dict[int, list[str | None]] = {c: [None] * 4 for c in came}
    for c, on, from_rung, to_rung, reason, event_id, _ in moves:
        day = str(on)
        if from_rung != to_rung:
            ladder[(day, from_rung)] -= 1
            ladder[(day, to_rung)] += 1
        up = int(to_rung > from_rung)
        if event_id in by_id and by_id[event_id][0] == c:
            effect[(day, by_id[event_id][1], by_id[event_id][2], reason, up)] += 1
        if up:
            climb[(c, to_rung, day)] += 1
            for rung in range(1, to_rung + 1):
                first = firsts[c][rung - 1]
                firsts[c][rung - 1] = day if first is None or day < first else first
    turns = Counter()
    for c, on, _, _, reason, event_id, t in moves:
        if reason not in ("broken", "recovered"):
            continue
        later = [
            str(r_on)
            for r_c, r_on, *_, r_reason, _, r in moves
            if r_c == c and r_reason == "recovered" and r > t
        ]
        kind = by_id[event_id][1] if by_id.get(event_id, (None,))[0] == c else None
        recovered = min(later, default=None) if reason == "broken" else None
        turns[(t, c, str(on), reason, kind, recovered)] += 1
    flow: Counter = Counter()
    days: dict[tuple, set[str]] = {}
    for c, on, from_rung, to_rung, reason, *_ in moves:
        if from_rung != to_rung:
            flow[(str(on), from_rung, to_rung, reason)] += 1
            days.setdefault((c, from_rung, to_rung, reason), set()).add(str(on))
    move: Counter = Counter()
    for c, on, from_rung, to_rung, reason, *_ in moves:
        if from_rung != to_rung:
            move[(c, from_rung, to_rung, reason, str(on))] += 1
    reach: Counter = Counter()
    for (_, *cell), made in days.items():
        prior = "0001-01-01"
        for day in sorted(made):
            reach[(day, *cell, prior)] += 1
            prior = day
    return {
        "flow": flow,
        "move": move,
        "reach": reach,
        "followup": Counter(
            (str(due), member, _outcome(state, due, closed_on))
            for due, member, state, closed_on in followups
        ),
        "break": turns,
        "ladder": Counter({key: n for key, n in ladder.items() if n}),
        "kind": Counter((str(on), kind) for _, _, on, kind, _ in events),
        "effect": effect,
        "climb": climb,
        "customer": Counter((c, came[c], *firsts[c]) for c in came),
    }


def _outcome(state: str, due, closed_on) -> str:
    if state == "done" and closed_on is not None:
        return "on_time" if str(closed_on) <= str(due) else "late"
    if state in ("snoozed", "dismissed"):
        return state
    return "open" if state in ("open", "expired") else "other"


def _nonzero(found) -> Counter:
    totals: Counter = Counter()
    for *key, n in found:
        totals[_key(key)] += n
    return Counter({key: n for key, n in totals.items() if n})


def _key(values) -> tuple[Any, ...]:
    return tuple(str(v) if isinstance(v, date | str) else v for v in values)


# -- an 0011 database, upgraded ----------------------------------------------------------


def test_an_0011_database_upgrades_with_its_totals_filled(location: str, tmp_path: Path):
    store = Store.open(location, default_rulebook(), TODAY)
    anna = service.add_customer(store, "Anna", today=TODAY - timedelta(days=300)).id
    pekka = service.add_customer(store, "Pekka", today=TODAY - timedelta(days=200)).id
    for back, kind, who in (
        (250, "purchase", anna),
        (240, "referral", anna),
        (230, "wow", anna),
        (150, "purchase", pekka),
        (100, "complaint", pekka),
        (90, "complaint_resolved", pekka),
    ):
        service.log(store, who, kind, TODAY - timedelta(days=back), today=TODAY, member="aino")
    before = service.insights(store, PERIOD, TODAY)
    expected = _counted(store)
    store.close()
    _step(location, command.downgrade, "0011")
    _step(location, command.upgrade, "head")

    store = Store.open(location, default_rulebook(), TODAY)
    try:
        assert _totals(store) == expected
        assert service.insights(store, PERIOD, TODAY) == before
        ladder = dict(service.insights(store, Period(date(2026, 1, 1), TODAY), TODAY).ladder)
        assert sum(ladder[TODAY]) == 2
        assert ladder[TODAY][Rung.KULUTTAJA] <= 1
    finally:
        store.close()


def _step(location: str, step, revision: str) -> None:
    engine = make_engine(location)
    config = alembic_config()
    with engine.connect() as connection:
        config.attributes["connection"] = connection
        step(config, revision)
        connection.commit()
    engine.dispose()
    if not location.startswith("postgres"):
        with sqlite3.connect(location) as raw:
            tables = {name for (name,) in raw.execute("SELECT name FROM sqlite_master")}
            assert ("insight_ladder" in tables) == (revision != "0011")


# -- two writers at once (PostgreSQL) ----------------------------------------------------

EVENT = (
    "INSERT INTO event (customer_id, kind, occurred_on, emotional, note, logged_by, "
    "created_at, changed_at) VALUES (:customer, 'purchase', :on, false, '', '', now(), now())"
)


@pytest.mark.postgres
@pytest.mark.skipif(not PG_URL, reason="LADDER_TEST_PG_URL not set")
def test_two_writers_add_to_the_same_days_totals_without_waiting(pg_database: str):
    """Each transaction adds to rows of its own slot: the second never waits for the
    first to commit (a shared total would hold it, or deadlock the two)."""
    store = Store.open(pg_database, default_rulebook(), TODAY)
    anna = service.add_customer(store, "Anna", today=TODAY).id
    pekka = service.add_customer(store, "Pekka", today=TODAY).id
    store.close()
    engine = make_engine(pg_database)
    with engine.connect() as first, engine.connect() as second:
        first.execute(text(EVENT), {"customer": anna, "on": TODAY})
        second.execute(text("SET LOCAL lock_timeout = '2s'"))
        second.execute(text(EVENT), {"customer": pekka, "on": TODAY})  # not held by the first
        second.commit()
        first.commit()
        slots = second.execute(
            text("SELECT slot, n FROM insight_kind WHERE day = :on ORDER BY slot"), {"on": TODAY}
        ).all()
    engine.dispose()
    assert [n for _, n in slots] == [1, 1]
    assert len({slot for slot, _ in slots}) == 2


def test_a_writer_that_changes_transitions_in_place_keeps_the_totals(store: Store):
    """No writer updates a transition today; one that did would keep the totals true
    too (the update triggers take the old row away and add the new)."""
    anna = service.add_customer(store, "Anna", today=TODAY).id
    pekka = service.add_customer(store, "Pekka", today=TODAY).id
    for back, kind, who in (
        (300, "purchase", anna),
        (290, "referral", anna),
        (200, "purchase", pekka),
        (150, "complaint", pekka),
        (140, "complaint_resolved", pekka),
    ):
        service.log(store, who, kind, TODAY - timedelta(days=back), today=TODAY)
    with store.write() as session:
        session.execute(text("UPDATE transition SET to_rung = 4 WHERE to_rung = 1"))
        session.execute(text("UPDATE transition SET reason = 'recovered' WHERE reason = 'broken'"))
        session.execute(text("UPDATE transition SET customer_id = :anna"), {"anna": anna})
    assert _totals(store) == _counted(store)
