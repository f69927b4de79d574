"""The insights read from stored transitions equal what a full replay of every
history says, and a small co-op's figures equal the numbers counted by hand."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, text

from data import service
from data.records import NewCustomer, NewEvent
from data.store import Store
from data.store.tables import CustomerRow
from ladder import Reason, Rung, default_rulebook, fold, project
from ladder.insights import FlowCell, FunnelStep, Habit, KindEffect, Period
from tests.conftest import TODAY

KINDS = [
    "purchase",
    "wow",
    "referral",
    "positive_feedback",
    "contact",
    "complaint",
    "bad_experience",
    "complaint_resolved",
    "unanswered",
]
PERIOD = Period(date(2026, 1, 1), date(2026, 12, 31))  # as of TODAY, 22.11.2026

HISTORY = st.lists(
    st.tuples(st.sampled_from(KINDS), st.integers(0, 700), st.booleans()), max_size=14
)


@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(histories=st.lists(HISTORY, min_size=1, max_size=8))
def test_the_figures_equal_a_replay_of_every_history(location, histories):
    """On SQLite and PostgreSQL: the figures read from the running totals the database
    keeps (and the period's range reads) equal a replay. Every example runs on the one
    database, emptied first (a deletion the totals follow too)."""
    store = Store.open(location, default_rulebook(), TODAY)
    try:
        with store.write() as session:
            session.execute(text("DELETE FROM customer"))
        store.add_histories(
            [
                NewCustomer(
                    details={"name": f"Asiakas {i}"},
                    events=[
                        NewEvent(kind, TODAY - timedelta(days=back), emotional)
                        for kind, back, emotional in history
                    ],
                )
                for i, history in enumerate(histories)
            ],
            TODAY,
        )
        found = service.insights(store, PERIOD, TODAY)
        expected = _replayed(store, PERIOD, TODAY)
    finally:
        store.close()
    assert found.ladder == expected["ladder"]
    assert found.flow == expected["flow"]
    assert found.funnel.started == expected["started"]
    assert found.funnel.steps == expected["steps"]
    assert {k.kind: k for k in found.kinds} == expected["kinds"]


def _replayed(store: Store, period: Period, today: date) -> dict:
    """The figures computed the long way: fold each history, project its lapses."""
    rules = store.rules
    as_of = period.as_of(today)
    histories = store.histories()
    added = {c.id: c for c in service.list_customers(store, today)}
    with store.read() as session:  # the day each customer came, by the program's today
        came = dict(session.execute(select(CustomerRow.id, CustomerRow.since)).all())
    customer_ids = sorted(added)
    per_customer = {}
    for customer_id, events in zip(customer_ids, histories, strict=True):
        state = fold(events, rules)
        lapses = [lapse for lapse in project(state, rules).lapses if lapse.on <= as_of]
        since = min([came[customer_id], *(e.on for e in events)])
        per_customer[customer_id] = (events, [*state.transitions, *lapses], since)

    ladder = []
    for end in period.month_ends(today):
        counts = [0] * len(Rung)
        for _, moves, since in per_customer.values():
            if since > end:
                continue
            reached = [t for t in moves if t.on <= end]
            counts[reached[-1].to_rung if reached else 0] += 1
        ladder.append((end, tuple(counts)))

    flow_moves: Counter = Counter()
    flow_customers = defaultdict(set)
    firsts = []
    kinds: dict = defaultdict(Counter)
    for customer_id, (events, moves, _) in per_customer.items():
        kind_of = {e.id: e.kind for e in events}
        in_period = [t for t in moves if period.start <= t.on <= as_of]
        for t in in_period:
            if t.from_rung != t.to_rung:
                flow_moves[(t.from_rung, t.to_rung, t.reason)] += 1
                flow_customers[(t.from_rung, t.to_rung, t.reason)].add(customer_id)
            if t.event_id is None:
                continue
            kind = kind_of[t.event_id]
            if t.to_rung > t.from_rung and t.reason in (Reason.PROMOTED, Reason.RECOVERED):
                kinds[kind]["lifted"] += 1
            elif t.reason in (Reason.BROKEN, Reason.ABSORBED, Reason.DEMOTED):
                kinds[kind][t.reason.value] += 1
            if t.reason is Reason.BROKEN:
                later = moves[moves.index(t) + 1 :]
                window_end = t.on + timedelta(days=rules.recovery_window_days)
                if any(
                    r.reason is Reason.RECOVERED and r.on <= min(window_end, as_of) for r in later
                ):
                    kinds[kind]["recovered"] += 1
        for e in events:
            if period.start <= e.on <= as_of:
                kinds[e.kind]["events"] += 1
        ups = [t for t in moves if t.to_rung > t.from_rung and t.on <= as_of]
        firsts.append(
            [min((t.on for t in ups if t.to_rung >= rung), default=None) for rung in range(1, 5)]
        )

    cohort = [f for f in firsts if f[0] is not None and period.start <= f[0] <= as_of]
    steps = []
    for step, rung in enumerate((Rung.ASIAKAS, Rung.LOJALISTI, Rung.SANANSAATTAJA), start=1):
        reached = [f for f in cohort if f[step] is not None]
        days = sorted((f[step] - f[step - 1]).days for f in reached)
        median = None
        if days:
            middle = len(days) // 2
            median = days[middle] if len(days) % 2 else (days[middle - 1] + days[middle]) / 2
        steps.append(FunnelStep(rung, len(reached), median))
    return {
        "ladder": tuple(ladder),
        "flow": tuple(
            FlowCell(f, t, r, n, len(flow_customers[(f, t, r)]))
            for (f, t, r), n in sorted(flow_moves.items())
        ),
        "started": len(cohort),
        "steps": tuple(steps),
        "kinds": {
            kind: _effect(kind, counts) for kind, counts in kinds.items() if kind in rules.kinds
        },
    }


def _effect(kind: str, counts: Counter) -> KindEffect:
    return KindEffect(
        kind=kind,
        events=counts["events"],
        lifted=counts["lifted"],
        broke=counts["broken"],
        absorbed=counts["absorbed"],
        demoted=counts["demoted"],
        recovered=counts["recovered"],
    )


# -- a small co-op, counted by hand ------------------------------------------------------


@pytest.fixture
def coop(store: Store) -> Store:
    """Three customers, and what happened to them in 2026 (docs/rules.md's numbers):

    Anna: purchase 4.5. (score 1, one positive: kokeilija), purchase 8.5.,
    referral 20.5. (score 7, three positives: asiakas).
    Pekka: purchase 10.3. (kokeilija), an emotional wow 12.3. (3 x 2: asiakas),
    a complaint 1.9. (-3 on a fragile rung: broken, back to kuluttaja).
    Maija: added, nothing yet.
    """
    day = date.fromisoformat
    store.add_histories(
        [
            NewCustomer(
                {"name": "Anna"},
                [
                    NewEvent("purchase", day("2026-05-04")),
                    NewEvent("purchase", day("2026-05-08")),
                    NewEvent("referral", day("2026-05-20")),
                ],
                owner="liisa",
            ),
            NewCustomer(
                {"name": "Pekka"},
                [
                    NewEvent("purchase", day("2026-03-10"), logged_by="aino"),
                    NewEvent("wow", day("2026-03-12"), True, logged_by="aino"),
                    NewEvent("complaint", day("2026-09-01"), logged_by="aino"),
                ],
                owner="aino",
            ),
            NewCustomer({"name": "Maija"}, [], owner="liisa"),
        ],
        TODAY,
    )
    return store


def test_a_small_co_ops_flow_funnel_and_kinds_as_counted_by_hand(coop):
    found = service.insights(coop, PERIOD, TODAY)
    cards = {
        c.name: service.customer_card(coop, c.id, TODAY)
        for c in service.list_customers(coop, TODAY)
    }
    moves = [
        (name, t.from_rung.id, t.to_rung.id, t.reason.value)
        for name, card in cards.items()
        for t in card.transitions
        if t.from_rung != t.to_rung
    ]
    assert sorted(moves) == [
        ("Anna", "kokeilija", "asiakas", "promoted"),
        ("Anna", "kuluttaja", "kokeilija", "promoted"),
        ("Pekka", "asiakas", "kuluttaja", "broken"),
        ("Pekka", "kokeilija", "asiakas", "promoted"),
        ("Pekka", "kuluttaja", "kokeilija", "promoted"),
    ]
    assert [(c.from_rung, c.to_rung, c.reason, c.moves, c.customers) for c in found.flow] == [
        (Rung.KULUTTAJA, Rung.KOKEILIJA, Reason.PROMOTED, 2, 2),
        (Rung.KOKEILIJA, Rung.ASIAKAS, Reason.PROMOTED, 2, 2),
        (Rung.ASIAKAS, Rung.KULUTTAJA, Reason.BROKEN, 1, 1),
    ]
    # Both first became kokeilija in 2026 and reached asiakas: Anna in 16 days
    # (4.5. -> 20.5.), Pekka in 2 (10.3. -> 12.3.): the median is 9.
    assert found.funnel.started == 2
    assert found.funnel.steps == (
        FunnelStep(Rung.ASIAKAS, 2, 9),
        FunnelStep(Rung.LOJALISTI, 0, None),
        FunnelStep(Rung.SANANSAATTAJA, 0, None),
    )
    kinds = {k.kind: k for k in found.kinds}
    assert (kinds["purchase"].events, kinds["purchase"].lifted) == (3, 2)  # 4.5. and 10.3.
    assert (kinds["wow"].events, kinds["wow"].lifted) == (1, 1)
    assert (kinds["referral"].events, kinds["referral"].lifted) == (1, 1)
    complaint = kinds["complaint"]
    assert (complaint.events, complaint.broke, complaint.recovered) == (1, 1, 0)
    # Month ends (Maija, with no events, is on the ladder from the day she was
    # added, TODAY by the program's today): Pekka asiakas from March, Anna from
    # May, Pekka broken in September; Anna's score stays above asiakas's floor
    # (3.2) past TODAY.
    ladder = dict(found.ladder)
    assert ladder[date(2026, 2, 28)] == (0, 0, 0, 0, 0)
    assert ladder[date(2026, 3, 31)] == (0, 0, 1, 0, 0)
    assert ladder[date(2026, 5, 31)] == (0, 0, 2, 0, 0)
    assert ladder[date(2026, 9, 30)] == (1, 0, 1, 0, 0)
    assert found.ladder[-1] == (TODAY, (2, 0, 1, 0, 0))


def test_the_follow_up_habit_per_member(coop):
    """Due in 2026 by TODAY: aino has Pekka's aftermarketing call, complaint and
    recovery; liisa has Anna's aftermarketing call and thank-you."""
    due = {(f.customer, f.rule): f for f in coop.due_followups(TODAY, days=0)}
    pekka = due[("Pekka", "aftermarketing")].customer_id
    own = service.add_followup(coop, pekka, TODAY, "ask how it went", today=TODAY, member="aino")
    service.done(coop, own.id, TODAY, kind=None)  # on the day it was due: on time
    call = due[("Pekka", "aftermarketing")]  # due in March: done late, and the call
    service.done(coop, call.id, TODAY, kind="aftermarketing_call", member="aino")  # lifts him
    service.snooze(coop, due[("Pekka", "complaint")].id, TODAY + timedelta(days=7), TODAY)
    anna_call = due[("Anna", "aftermarketing")]
    service.done(coop, anna_call.id, TODAY, kind="aftermarketing_call", member="liisa")
    service.dismiss(coop, due[("Anna", "thank_you")].id, TODAY)

    habits = {h.member: h for h in service.insights(coop, PERIOD, TODAY).habits}
    # The call to Pekka closed his recovery follow-up too (due 2.9.): two done late.
    assert habits["aino"] == Habit("aino", 1, 2, 1, 0, 0, lifted=1)
    assert habits["liisa"] == Habit("liisa", 0, 1, 0, 1, 0, lifted=0)  # Anna stays asiakas
