"""The store's use cases, each against SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

import ladder
from data import service
from data.errors import KindsInUse, RulesDiffer
from data.formats.contact_file import Contact
from data.records import CUSTOMER_FIELDS
from data.store import Ambiguous, NotFound, Store, StoreError
from data.store.tables import CustomerRow, FollowupRow, StateRow, TransitionRow
from ladder import Reason, Rung, default_rules_text
from ladder.contact import ContactError
from ladder.dates import DateError
from tests.conftest import TODAY


def add(store: Store, name: str = "Anna Virtanen", **details) -> int:
    return service.add_customer(store, name, today=TODAY, member="liisa", **details).id


def log(store: Store, customer_id: int, kind: str, on: date, **extra):
    return service.log(store, customer_id, kind, on, today=TODAY, member="liisa", **extra)


STAMPS = {"version", "changed_by"}  # a row's last change (with its time)
WRITTEN = {"id", "created_at", "changed_at", *STAMPS}  # when and by whom


def snapshot(store: Store, customer_id: int | None = None) -> dict:
    """The derived rows, per table, for comparing a cache with a rebuild: what the
    rows say, not when or by whom they were written."""
    tables = {
        "state": (StateRow, StateRow.customer_id),
        "transitions": (TransitionRow, TransitionRow.customer_id),
        "followups": (FollowupRow, FollowupRow.customer_id),
    }
    found = {}
    with store.read() as session:
        for name, (table, column) in tables.items():
            query = select(table)
            if customer_id is not None:
                query = query.where(column == customer_id)
            rows = session.execute(query).scalars().all()
            found[name] = sorted(
                (
                    tuple((k, v) for k, v in row.model_dump().items() if k not in WRITTEN)
                    for row in rows
                ),
                key=repr,  # None and dates side by side do not compare
            )
    return found


def test_a_new_customer_starts_on_the_bottom_rung(store):
    customer_id = add(store, email="anna@osuuskunta.fi", phone="+358 40 123 4567")
    (summary,) = service.list_customers(store, TODAY)
    assert (summary.id, summary.rung, summary.score, summary.at_risk) == (
        customer_id,
        Rung.KULUTTAJA,
        0,
        False,
    )


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("email", "anna(at)example", "email"),
        ("phone", "soita minulle", "phone"),
        ("birthday", date(2030, 1, 1), "birthday"),
    ],
)
def test_invalid_contact_details_are_refused_and_nothing_is_saved(store, field, value, message):
    with pytest.raises(ContactError, match=message):
        service.add_customer(store, "Matti", today=TODAY, **{field: value})
    with pytest.raises(ContactError, match="name"):
        service.add_customer(store, "   ", today=TODAY)
    assert service.list_customers(store, TODAY) == []


def test_logging_an_event_reports_the_move_and_the_followups(store):
    anna = add(store)
    first = log(store, anna, "purchase", date(2026, 11, 10))
    assert first.rung is Rung.KOKEILIJA
    assert first.transition.reason is Reason.PROMOTED
    assert [f.rule for f in first.created] == ["aftermarketing"]
    call = log(store, anna, "aftermarketing_call", date(2026, 11, 20))
    assert call.closed == [first.created[0].id]
    assert call.transition is None


def test_unknown_customers_and_kinds_are_clear_errors(store):
    anna = add(store)
    with pytest.raises(NotFound, match="no customer #999"):
        log(store, 999, "purchase", TODAY)
    with pytest.raises(ValueError, match="unknown event kind 'lahja'"):
        log(store, anna, "lahja", TODAY)
    assert store.events_of(anna) == []


def test_a_back_dated_event_replays_the_customer(store):
    anna = add(store)
    log(store, anna, "purchase", date(2026, 11, 10))
    log(store, anna, "purchase", date(2026, 11, 12))
    log(store, anna, "referral", date(2026, 11, 1))  # yesterday's call, logged late
    before = snapshot(store, anna)
    store.rederive_all(TODAY)
    assert snapshot(store, anna) == before
    card = service.customer_card(store, anna, TODAY)
    assert card.rung is Rung.ASIAKAS
    assert [e.on.day for e in card.events] == [1, 10, 12]


def test_the_cache_always_equals_a_full_rebuild(store):
    customers = [add(store, f"Asiakas {i}") for i in range(4)]
    kinds = [
        "purchase",
        "wow",
        "complaint",
        "referral",
        "complaint_resolved",
        "contact",
        "positive_feedback",
        "unanswered",
        "purchase",
        "aftermarketing_call",
    ]
    day = date(2025, 6, 1)
    for i in range(40):
        day += timedelta(days=(i * 7) % 23)
        log(store, customers[i % 4], kinds[(i * 3) % len(kinds)], day)
    log(store, customers[0], "bad_experience", date(2025, 7, 1))  # back-dated
    before = snapshot(store)
    store.rederive_all(TODAY)
    assert snapshot(store) == before


def test_correcting_and_deleting_events_rederives(store):
    anna = add(store)
    log(store, anna, "referral", date(2026, 11, 1))
    wrong = log(store, anna, "complaint", date(2026, 11, 2))
    assert service.customer_card(store, anna, TODAY).rung is Rung.KULUTTAJA
    service.edit_event(store, wrong.event_id, TODAY, kind="purchase")
    assert service.customer_card(store, anna, TODAY).rung is Rung.ASIAKAS
    service.delete_event(store, wrong.event_id, TODAY)
    card = service.customer_card(store, anna, TODAY)
    assert card.rung is Rung.KOKEILIJA and len(card.events) == 1
    before = snapshot(store)
    store.rederive_all(TODAY)
    assert snapshot(store) == before
    with pytest.raises(NotFound):
        service.delete_event(store, wrong.event_id, TODAY)


def test_an_undone_delete_puts_the_event_back_under_its_own_id(store):
    anna = add(store)
    log(store, anna, "referral", date(2026, 11, 1))
    kept = log(store, anna, "purchase", date(2026, 11, 2))
    before = snapshot(store)
    gone = service.delete_event(store, kept.event_id, TODAY)
    assert service.customer_card(store, anna, TODAY).rung is Rung.KOKEILIJA
    back = service.restore_event(store, gone, TODAY)
    assert back.event_id == kept.event_id and back.rung is Rung.ASIAKAS
    assert snapshot(store) == before


def test_logging_touches_only_that_customers_rows(store):
    anna, matti = add(store), add(store, "Matti Meikäläinen")
    log(store, matti, "purchase", date(2026, 11, 1))
    log(store, anna, "purchase", date(2026, 11, 1))
    untouched = snapshot(store, matti)
    with store.read() as session:
        matti_ids = sorted(
            session.execute(
                select(FollowupRow.id).where(FollowupRow.customer_id == matti)
            ).scalars()
        )
    log(store, anna, "referral", date(2026, 11, 5))
    log(store, anna, "complaint", date(2026, 11, 6))
    assert snapshot(store, matti) == untouched
    with store.read() as session:
        assert (
            sorted(
                session.execute(
                    select(FollowupRow.id).where(FollowupRow.customer_id == matti)
                ).scalars()
            )
            == matti_ids
        )


def test_followups_done_snoozed_dismissed_added_and_reassigned(store):
    anna = add(store)
    log(store, anna, "purchase", date(2026, 11, 1))
    log(store, anna, "complaint", date(2026, 11, 2))
    due = store.due_followups(TODAY)
    assert {f.rule for f in due} == {"aftermarketing", "complaint", "recovery"}
    by_rule = {f.rule: f for f in due}
    service.done(store, by_rule["complaint"].id, TODAY, kind=None)
    service.dismiss(store, by_rule["recovery"].id, TODAY)
    service.snooze(store, by_rule["aftermarketing"].id, date(2026, 11, 25), TODAY)
    assert store.due_followups(TODAY) == []
    (woken,) = store.due_followups(TODAY, days=3)
    assert woken.state == "snoozed" and woken.shown_due == date(2026, 11, 25)
    own = service.add_followup(
        store, anna, date(2026, 11, 24), "Soita tarjouksesta", today=TODAY, member="liisa"
    )
    service.reassign(store, own.id, "pekka")
    assert [f.id for f in store.due_followups(TODAY, days=2, member="pekka")] == [own.id]
    with pytest.raises(DateError, match="in the past"):
        service.snooze(store, own.id, TODAY - timedelta(days=1), TODAY)
    with pytest.raises(StoreError, match="would bring it earlier"):
        service.snooze(store, own.id, TODAY, TODAY)  # due 24.11.: a snooze puts off
    service.snooze(store, own.id, TODAY, TODAY, earlier=True)
    with pytest.raises(NotFound):
        service.done(store, 12345, TODAY, kind=None)


def test_the_top_of_a_long_list_is_the_top_of_the_whole_list(store):
    """A screen reads only the first rows; ties on a day are still ordered by name."""
    for i, name in enumerate(["Öhman", "Aalto", "Ähtäri", "Berg", "Aalto B", "Zetterberg"]):
        customer = add(store, name)
        log(store, customer, "purchase", date(2026, 11, 1 + i % 3))
        log(store, customer, "complaint", date(2026, 11, 4 + i % 2))
    first = store.due_followups(TODAY)[0]
    service.snooze(store, first.id, date(2026, 11, 24), TODAY)
    whole = store.due_followups(TODAY, days=7)
    assert len(whole) == store.count_due_followups(TODAY, days=7) == 18
    for limit in (1, 2, 5, 6, 7, 12, 17, 18, 30):
        assert store.due_followups(TODAY, days=7, limit=limit) == whole[:limit]
    assert store.count_due_followups(TODAY, days=7, member="nobody") == 0


def test_a_followup_closed_by_hand_survives_a_rebuild(store):
    anna = add(store)
    log(store, anna, "purchase", date(2026, 11, 1))
    (call,) = store.due_followups(TODAY)
    service.done(store, call.id, TODAY, kind=None)
    store.rederive_all(TODAY)
    assert store.due_followups(TODAY) == []


def test_the_list_puts_overdue_first_then_by_due_date(store):
    anna, matti = add(store), add(store, "Matti")
    log(store, anna, "purchase", date(2026, 11, 12))  # due 26.11.
    log(store, matti, "purchase", date(2026, 11, 2))  # due 16.11., overdue
    rows = store.due_followups(TODAY, days=7)
    assert [(r.customer, r.overdue(TODAY)) for r in rows] == [
        ("Matti", True),
        ("Anna Virtanen", False),
    ]


def test_pipeline_counts_rungs_and_the_weeks_moves(store):
    anna, matti = add(store), add(store, "Matti")
    add(store, "Liisa")
    log(store, anna, "referral", date(2026, 11, 18))
    log(store, anna, "purchase", date(2026, 11, 19))
    log(store, matti, "purchase", date(2026, 11, 1))
    counts = {c.rung: (c.count, c.up_7d, c.down_7d) for c in store.pipeline(TODAY)}
    assert counts[Rung.KULUTTAJA] == (1, 0, 0)
    assert counts[Rung.KOKEILIJA] == (1, 1, 0)
    assert counts[Rung.ASIAKAS] == (1, 1, 0)
    moves = store.recent_moves(TODAY)
    assert [m.customer for m in moves] == ["Anna Virtanen", "Anna Virtanen"]


def test_decay_lapses_show_in_the_ladder_without_anyone_writing(store):
    anna = add(store)
    log(store, anna, "referral", date(2023, 1, 1))
    log(store, anna, "purchase", date(2023, 1, 2))  # asiakas, score 6
    assert {c.rung: c.count for c in store.pipeline(date(2023, 1, 3))}[Rung.ASIAKAS] == 1
    counts = {c.rung: c.count for c in store.pipeline(TODAY)}
    assert counts[Rung.KULUTTAJA] == 1
    (summary,) = service.list_customers(store, TODAY)
    assert summary.rung is Rung.KULUTTAJA


def test_the_standing_rung_is_moved_on_by_settle_and_never_trusted_outside_its_days(store):
    anna = add(store)
    service.log(store, anna, "referral", date(2025, 1, 1), today=date(2025, 1, 2))
    service.log(store, anna, "purchase", date(2025, 1, 2), today=date(2025, 1, 2))  # asiakas
    with store.read() as session:
        lapse, later = session.scalars(
            select(TransitionRow).where(TransitionRow.projected).order_by(TransitionRow.on)
        ).all()

    def rung_on(day: date) -> Rung:
        return next(c.rung for c in store.pipeline(day) if c.count)

    def standing() -> tuple:
        with store.read() as session:
            row = session.get(StateRow, anna)
            return row.standing_rung, row.standing_from, row.standing_until

    assert standing() == (Rung.ASIAKAS, date(2025, 1, 2), lapse.on)
    assert rung_on(lapse.on - timedelta(days=1)) is Rung.ASIAKAS
    assert rung_on(lapse.on) is Rung.KOKEILIJA  # past its days: the lapses are counted
    store.settle(lapse.on)
    assert standing() == (Rung.KOKEILIJA, lapse.on, later.on)
    assert rung_on(later.on - timedelta(days=1)) is Rung.KOKEILIJA
    assert rung_on(later.on) is Rung.KULUTTAJA
    assert rung_on(date(2025, 1, 3)) is Rung.ASIAKAS  # before its days: counted again


def test_settle_makes_calendar_followups_when_their_time_comes(store):
    anna = add(store)
    log(store, anna, "referral", date(2026, 10, 1))
    log(store, anna, "purchase", date(2026, 10, 2))
    service.edit_customer(store, anna, TODAY, birthday=date(1980, 12, 3))
    assert not [f for f in store.due_followups(TODAY, days=30) if f.rule == "birthday"]
    assert store.settle(date(2026, 11, 27)) == 1
    rules = {f.rule for f in store.due_followups(date(2026, 11, 27), days=10)}
    assert {"birthday", "christmas_card"} <= rules
    assert store.settle(date(2026, 11, 27)) == 0


def test_find_customer_by_id_or_unambiguous_name(store):
    anna = add(store)
    add(store, "Annika Laine")
    assert service.find_customer(store, str(anna)).name == "Anna Virtanen"
    assert service.find_customer(store, "virtanen").id == anna
    assert service.find_customer(store, "anna virtanen").id == anna
    with pytest.raises(Ambiguous, match="Annika Laine"):
        service.find_customer(store, "ann")
    with pytest.raises(NotFound):
        service.find_customer(store, "Pekka")


def test_finnish_letters_are_searched_case_insensitively(store):
    add(store, "Äijälä Öljy Oy")
    assert [c.name for c in service.list_customers(store, TODAY, search="äijä")] == [
        "Äijälä Öljy Oy"
    ]
    assert service.find_customer(store, "ÖLJY").name == "Äijälä Öljy Oy"


def test_customer_list_filters_by_rung_and_risk(store):
    anna, _ = add(store), add(store, "Matti")
    for i in range(4):
        log(store, anna, "referral", date(2026, 1, 5) + timedelta(days=i))
    assert [c.name for c in service.list_customers(store, TODAY, rung=Rung.LOJALISTI)] == [
        "Anna Virtanen"
    ]
    assert [c.name for c in service.list_customers(store, TODAY, at_risk=True)] == ["Anna Virtanen"]
    assert [c.name for c in service.list_customers(store, TODAY, at_risk=False)] == ["Matti"]


def test_a_changed_rulebook_rederives_everything_on_open(location):
    store = Store.open(location, ladder.default_rulebook(), TODAY)
    anna = service.add_customer(store, "Anna", today=TODAY).id
    service.log(store, anna, "referral", date(2026, 11, 1), today=TODAY)
    assert service.customer_card(store, anna, TODAY).rung is Rung.KOKEILIJA
    store.close()
    text = default_rules_text()
    generous = ladder.parse_rulebook(
        text.replace("score = 4\npositives = 2", "score = 4\npositives = 1")
    )
    with pytest.raises(RulesDiffer):  # a member's own file is never followed silently
        Store.open(location, generous, TODAY)
    reopened = Store.open(location, ladder.default_rulebook(), TODAY)
    heard: list[tuple[int, int]] = []
    assert service.apply_rules(
        reopened, generous, TODAY, member="Aino", progress=lambda *p: heard.append(p)
    )
    assert service.customer_card(reopened, anna, TODAY).rung is Rung.ASIAKAS
    assert heard == [(0, 1), (1, 1)]  # before the replay, and once it is committed
    assert reopened.follow_rulebook(TODAY) is False
    assert (
        service.apply_rules(reopened, generous, TODAY, member="Aino") is False
    )  # in force already
    reopened.close()
    colleague = Store.open(location, ladder.default_rulebook(), TODAY, chosen=False)
    assert colleague.rules == generous  # the database's rulebook, for everyone
    assert service.rulebook_in_force(colleague).applied_by == "Aino"
    colleague.close()


def test_a_long_re_derive_says_how_far_it_is(store):
    for name in range(120):
        service.add_customer(store, f"Asiakas {name}", today=TODAY)
    heard: list[tuple[int, int]] = []
    store.rederive_all(TODAY, lambda *p: heard.append(p))
    done = [d for d, _ in heard]
    assert {total for _, total in heard} == {120}
    assert done[0] == 0 and done[-1] == 120 and done == sorted(done)
    assert 10 < len(heard) < 100  # a bar's worth of steps, not one per customer


def test_a_rulebook_without_a_used_kind_is_refused(location):
    store = Store.open(location, ladder.default_rulebook(), TODAY)
    anna = service.add_customer(store, "Anna", today=TODAY).id
    service.log(store, anna, "wow", date(2026, 11, 1), today=TODAY)
    store.close()
    text = default_rules_text()
    start = text.index("[kinds.wow]")
    without_wow = text[:start] + text[text.index("[kinds.referral]") :]
    store = Store.open(location, ladder.default_rulebook(), TODAY)
    with pytest.raises(KindsInUse, match=r"wow \(1\)") as refused:
        service.apply_rules(store, ladder.parse_rulebook(without_wow), TODAY, member="Aino")
    assert refused.value.key == "kinds_in_use"
    assert store.rules == ladder.default_rulebook()
    store.close()
    again = Store.open(location, ladder.default_rulebook(), TODAY)  # nobody is locked out
    assert service.rulebook_in_force(again).id == 1
    again.close()


def test_whatif_counts_moves_between_rulebooks(store):
    anna = add(store)
    log(store, anna, "referral", date(2026, 11, 1))
    text = default_rules_text()
    generous = ladder.parse_rulebook(
        text.replace("score = 4\npositives = 2", "score = 4\npositives = 1")
    )
    moves = ladder.whatif(store.histories(), store.rules, generous, TODAY)
    assert moves == {(Rung.KOKEILIJA, Rung.ASIAKAS): 1}


def test_the_customer_fields_are_defined_once_and_the_table_follows():
    columns = set(CustomerRow.__table__.columns.keys())
    assert set(CUSTOMER_FIELDS) <= columns
    assert columns - set(CUSTOMER_FIELDS) == {"id", "created_at", "updated_at", "name_key", *STAMPS}
    assert set(Contact.__dataclass_fields__) - {"line"} == set(CUSTOMER_FIELDS) - {"owner"}
