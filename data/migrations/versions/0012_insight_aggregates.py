"""the insights' running totals, kept by the database as rows are written

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06 10:45:00

The insights read whole histories (who stood where at each month's end since
the first customer, each customer's first climb): at 100,000 customers a
year's figures took seconds. These tables hold the totals instead, each row a
day's change, so a figure reads days, not customers:

- `insight_ladder`: how many came onto each rung and left it on a day (a
  customer comes onto the bottom rung on the day they were added or their
  first event, whichever is earlier; a move leaves one rung for another);
- `insight_kind`: the events of each kind on a day;
- `insight_effect`: the transitions an event of a kind, logged by a member,
  made on a day, by reason and whether they lifted the customer;
- `insight_customer`: the day each customer came onto the ladder and first
  reached each rung from kokeilija up (`insight_climb` counts the climbs by
  rung and day, so that the first is known again when one is deleted);
- `insight_flow`: the moves of each kind (from, to, why) on a day, and
  `insight_reach`: each day a customer made a kind of move, once, under the
  day they last made it before (`insight_move` keeps those days), so that the
  customers who made it in a period are a sum: the days in the period whose
  day before falls before it;
- `insight_break`: each break, with the day of its customer's first recovery
  after it and the kind of the event that broke it (and each recovery);
- `insight_followup`: the follow-ups due on a day, of a member, by outcome.

Triggers on `customer`, `event`, `transition` and `followup` keep them, so
every writer (a log, an undo, a re-derive, an import, an erase, a merge)
keeps them true without knowing of them. `day` holds projected lapses too: a
figure takes the days up to the day it is as of, as it did from `transition`.
When a customer goes, a BEFORE trigger takes their part away while all their
rows are still there; the rows the cascade then deletes take nothing more.

On PostgreSQL two members write at once: each transaction adds to rows of its
own `slot` (the first free of a set of advisory locks), so no two
transactions ever wait on, or deadlock over, the same total; a figure sums the
slots. On SQLite writers are one at a time and the slot is always 0.

The moves keep a partial index for the one read left on `transition`: the
customers behind a count of the flow (`insight_sql.MOVED`).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

RUNGS = ("kokeilija", "asiakas", "lojalisti", "sanansaattaja")  # rungs 1-4


def _came(customer: str) -> str:
    """The day a customer came onto the ladder: added, or the first event if earlier
    (its own names, so that `customer` may name a column of an outer query)."""
    return f"""(SELECT CASE WHEN first_event IS NOT NULL AND first_event < since
                      THEN first_event ELSE since END
        FROM (SELECT came_of.since AS since,
                     (SELECT min(came_by.occurred_on) FROM event came_by
                      WHERE came_by.customer_id = came_of.id) AS first_event
              FROM customer came_of WHERE came_of.id = {customer}) AS days)"""


def _add(table: str, keys: tuple[str, ...], select: str) -> str:
    """Add `select`'s rows (its columns: keys, then n) to the running totals of `table`."""
    columns = ", ".join(keys)
    return (
        f"INSERT INTO {table} ({columns}, n) {select} "
        f"ON CONFLICT ({columns}) DO UPDATE SET n = {table}.n + excluded.n"
    )


# A row going takes its effects away only while its customer stays: when the customer
# goes, `insight_customer_out` takes them all away first, with every row still there
# (the order in which a cascade then deletes events and transitions is the database's).
_STILL_HERE = (
    " AND EXISTS (SELECT 1 FROM insight_customer here WHERE here.customer_id = {r}.customer_id)"
)
LADDER = ("day", "rung", "slot")
KIND = ("day", "kind", "slot")
EFFECT = ("day", "kind", "logged_by", "reason", "up", "slot")
CLIMB = ("customer_id", "rung", "day")
FOLLOWUP = ("due", "member", "outcome", "slot")
FLOW = ("day", "from_rung", "to_rung", "reason", "slot")
MOVE = ("customer_id", "from_rung", "to_rung", "reason", "day")
REACH = ("day", "from_rung", "to_rung", "reason", "prior", "slot")
UP = "CASE WHEN {r}.to_rung > {r}.from_rung THEN 1 ELSE 0 END"


def _transition(r: str, sign: int) -> list[str]:
    """What a transition row `r` (NEW: +1, OLD: -1) adds to the totals."""
    up = UP.format(r=r)
    moved = f'SELECT {r}."on", {{rung}}, {{slot}}, {{n}} WHERE {r}.from_rung <> {r}.to_rung'
    steps = [
        _add("insight_ladder", LADDER, moved.format(rung=f"{r}.from_rung", slot="{slot}", n=-sign)),
        _add("insight_ladder", LADDER, moved.format(rung=f"{r}.to_rung", slot="{slot}", n=sign)),
        _add(
            "insight_effect",
            EFFECT,
            f'SELECT {r}."on", e.kind, e.logged_by, {r}.reason, {up}, {{slot}}, {sign} '
            f"FROM event e WHERE e.id = {r}.event_id AND e.customer_id = {r}.customer_id"
            + _STILL_HERE.format(r=r)
            * (sign < 0),
        ),
    ]
    climbed = f"{r}.to_rung > {r}.from_rung"
    mine = f"customer_id = {r}.customer_id"
    if sign > 0:
        firsts = ", ".join(
            f"{name} = CASE WHEN {r}.to_rung >= {rung} AND ({name} IS NULL "
            f'OR {name} > {r}."on") THEN {r}."on" ELSE {name} END'
            for rung, name in enumerate(RUNGS, start=1)
        )
        steps += [
            _add(
                "insight_climb",
                CLIMB,
                f'SELECT {r}.customer_id, {r}.to_rung, {r}."on", 1 WHERE {climbed}',
            ),
            f"UPDATE insight_customer SET {firsts} WHERE {mine} AND {climbed}",
        ]
    else:
        here = f'customer_id = {r}.customer_id AND rung = {r}.to_rung AND day = {r}."on"'
        firsts = ", ".join(
            f"{name} = (SELECT min(day) FROM insight_climb "
            f"WHERE customer_id = {r}.customer_id AND rung >= {rung})"
            for rung, name in enumerate(RUNGS, start=1)
        )
        steps += [
            f"UPDATE insight_climb SET n = n - 1 WHERE {here} AND {climbed}",
            f"DELETE FROM insight_climb WHERE {here} AND n <= 0",
            f"UPDATE insight_customer SET {firsts} WHERE {mine} AND {climbed}",
        ]
    return steps + _turn(r, sign) + _flow(r, sign)


NEVER = "'0001-01-01'"  # the day before a customer's first move of a kind: none
CELL = ("from_rung", "to_rung", "reason")


def _flow(r: str, sign: int) -> list[str]:
    """A move in `insight_flow` (moves per day and kind of move) and in `insight_reach`:
    each day a customer made a kind of move counts once, with the day they last made
    it before (`insight_move` holds those days), so that the customers who made it in
    a period are the days in it whose day before is before the period."""
    cell = " AND ".join(f"{column} = {r}.{column}" for column in CELL)
    mine = f"customer_id = {r}.customer_id AND {cell}"
    here = f'{mine} AND day = {r}."on"'
    moved = f"{r}.from_rung <> {r}.to_rung"
    before = (
        f'coalesce((SELECT max(day) FROM insight_move WHERE {mine} AND day < {r}."on"), {NEVER})'
    )
    after = f'(SELECT min(day) FROM insight_move WHERE {mine} AND day > {r}."on")'
    only = f"(SELECT n FROM insight_move WHERE {here}) = {1 if sign > 0 else 0}"
    cells = f"{r}.from_rung, {r}.to_rung, {r}.reason"

    def reach(day: str, prior: str, n: int, *, later: bool) -> str:
        when = f"{moved} AND {only}" + (f" AND {after} IS NOT NULL" if later else "")
        return _add(
            "insight_reach", REACH, f"SELECT {day}, {cells}, {prior}, {{slot}}, {n} WHERE {when}"
        )

    counted = _add(
        "insight_flow", FLOW, f'SELECT {r}."on", {cells}, {{slot}}, {sign} WHERE {moved}'
    )
    if sign > 0:
        return [
            counted,
            _add(
                "insight_move",
                MOVE,
                f'SELECT {r}.customer_id, {cells}, {r}."on", 1 WHERE {moved}',
            ),
            reach(f'{r}."on"', before, 1, later=False),
            reach(after, before, -1, later=True),
            reach(after, f'{r}."on"', 1, later=True),
        ]
    gone = _STILL_HERE.format(r=r)
    return [
        counted,
        f"UPDATE insight_move SET n = n - 1 WHERE {here} AND {moved}{gone}",
        reach(f'{r}."on"', before, -1, later=False),
        reach(after, f'{r}."on"', -1, later=True),
        reach(after, before, 1, later=True),
        f"DELETE FROM insight_move WHERE {here} AND n <= 0",
    ]


def _turn(r: str, sign: int) -> list[str]:
    """A break or a recovery in `insight_break`: each break keeps the day of the first
    recovery of its customer after it (by id, the fold's order)."""
    if sign < 0:
        return [
            f"DELETE FROM insight_break WHERE id = {r}.id",
            "UPDATE insight_break SET recovered_on = (SELECT min(later.day) FROM insight_break "
            "later WHERE later.customer_id = insight_break.customer_id "
            "AND later.reason = 'recovered' AND later.id > insight_break.id) "
            f"WHERE customer_id = {r}.customer_id AND reason = 'broken' AND id < {r}.id "
            f"AND recovered_on = {r}.\"on\" AND {r}.reason = 'recovered'",
        ]
    return [
        "INSERT INTO insight_break (id, customer_id, event_id, day, reason, kind, recovered_on) "
        f'SELECT {r}.id, {r}.customer_id, {r}.event_id, {r}."on", {r}.reason, '
        f"(SELECT e.kind FROM event e WHERE e.id = {r}.event_id "
        f"AND e.customer_id = {r}.customer_id), "
        "(SELECT min(later.day) FROM insight_break later "
        f"WHERE later.customer_id = {r}.customer_id AND later.reason = 'recovered' "
        f"AND later.id > {r}.id AND {r}.reason = 'broken') "
        f"WHERE {r}.reason IN ('broken', 'recovered')",
        f'UPDATE insight_break SET recovered_on = {r}."on" '
        f"WHERE customer_id = {r}.customer_id AND reason = 'broken' AND id < {r}.id "
        f"AND (recovered_on IS NULL OR recovered_on > {r}.\"on\") AND {r}.reason = 'recovered'",
    ]


def _event(r: str, sign: int) -> list[str]:
    """What an event row `r` adds: its kind's count, the effects of the transitions
    that name it, and the day its customer came if it is now the first."""
    up = UP.format(r="t")
    if sign > 0:
        came = (
            f"UPDATE insight_customer SET came = {r}.occurred_on "
            f"WHERE customer_id = {r}.customer_id AND came > {r}.occurred_on"
        )
    else:  # the customer is gone when an erase deletes its events: nothing to move then
        came = (
            f"UPDATE insight_customer SET came = {_came(f'{r}.customer_id')} "
            f"WHERE customer_id = {r}.customer_id AND came = {r}.occurred_on "
            f"AND EXISTS (SELECT 1 FROM customer WHERE id = {r}.customer_id)"
        )
    named = f"customer_id = {r}.customer_id AND event_id = {r}.id"
    kind_of_breaks = (
        f"UPDATE insight_break SET kind = {r}.kind WHERE {named}"
        if sign > 0
        else f"UPDATE insight_break SET kind = NULL WHERE {named}"
    )
    return [
        kind_of_breaks,
        _add(
            "insight_kind", KIND, f"SELECT {r}.occurred_on, {r}.kind, {{slot}}, {sign} WHERE true"
        ),
        _add(
            "insight_effect",
            EFFECT,
            f'SELECT t."on", {r}.kind, {r}.logged_by, t.reason, {up}, {{slot}}, {sign} * count(*) '
            f"FROM transition t WHERE t.customer_id = {r}.customer_id AND t.event_id = {r}.id"
            + _STILL_HERE.format(r=r) * (sign < 0)
            + f' GROUP BY t."on", t.reason, {up}',
        ),
        came,
    ]


OUTCOME = """CASE WHEN {r}.state = 'done' AND {r}.closed_on <= {r}.due THEN 'on_time'
    WHEN {r}.state = 'done' AND {r}.closed_on > {r}.due THEN 'late'
    WHEN {r}.state IN ('snoozed', 'dismissed') THEN {r}.state
    WHEN {r}.state IN ('open', 'expired') THEN 'open' ELSE 'other' END"""


def _followup(r: str, sign: int) -> list[str]:
    """A follow-up due on a day, of a member, by what became of it."""
    return [
        _add(
            "insight_followup",
            FOLLOWUP,
            f"SELECT {r}.due, {r}.member, {OUTCOME.format(r=r)}, {{slot}}, {sign} WHERE true",
        )
    ]


def _came_change(r: str, sign: int) -> list[str]:
    return [_add("insight_ladder", LADDER, f"SELECT {r}.came, 0, {{slot}}, {sign} WHERE true")]


# (name, table, operation, the steps): an update is the old row taken away, the new added
TRIGGERS = [
    ("insight_transition_in", "transition", "AFTER INSERT", _transition("NEW", 1)),
    ("insight_transition_out", "transition", "AFTER DELETE", _transition("OLD", -1)),
    (
        "insight_transition_changed",
        "transition",
        "AFTER UPDATE",
        _transition("OLD", -1) + _transition("NEW", 1),
    ),
    ("insight_event_in", "event", "AFTER INSERT", _event("NEW", 1)),
    ("insight_event_out", "event", "AFTER DELETE", _event("OLD", -1)),
    ("insight_event_changed", "event", "AFTER UPDATE", _event("OLD", -1) + _event("NEW", 1)),
    (
        "insight_customer_in",
        "customer",
        "AFTER INSERT",
        [f"INSERT INTO insight_customer (customer_id, came) VALUES (NEW.id, {_came('NEW.id')})"],
    ),
    (
        "insight_customer_since",
        "customer",
        "AFTER UPDATE OF since",
        [f"UPDATE insight_customer SET came = {_came('NEW.id')} WHERE customer_id = NEW.id"],
    ),
    (
        "insight_customer_out",
        "customer",
        "BEFORE DELETE",
        [
            _add(
                "insight_effect",
                EFFECT,
                f'SELECT t."on", e.kind, e.logged_by, t.reason, {UP.format(r="t")}, {{slot}}, '
                "-count(*) FROM transition t JOIN event e ON e.id = t.event_id "
                "AND e.customer_id = t.customer_id WHERE t.customer_id = OLD.id "
                f'GROUP BY t."on", e.kind, e.logged_by, t.reason, {UP.format(r="t")}',
            ),
            "DELETE FROM insight_customer WHERE customer_id = OLD.id",
            "DELETE FROM insight_climb WHERE customer_id = OLD.id",
            "DELETE FROM insight_break WHERE customer_id = OLD.id",
            _add(
                "insight_reach",
                REACH,
                "SELECT m.day, m.from_rung, m.to_rung, m.reason, coalesce((SELECT max(p.day) "
                "FROM insight_move p WHERE p.customer_id = m.customer_id "
                "AND p.from_rung = m.from_rung AND p.to_rung = m.to_rung "
                f"AND p.reason = m.reason AND p.day < m.day), {NEVER}), {{slot}}, -1 "
                "FROM insight_move m WHERE m.customer_id = OLD.id",
            ),
            "DELETE FROM insight_move WHERE customer_id = OLD.id",
        ],
    ),
    ("insight_followup_in", "followup", "AFTER INSERT", _followup("NEW", 1)),
    ("insight_followup_out", "followup", "AFTER DELETE", _followup("OLD", -1)),
    (
        "insight_followup_changed",
        "followup",
        "AFTER UPDATE OF due, member, state, closed_on",
        _followup("OLD", -1) + _followup("NEW", 1),
    ),
    ("insight_came_in", "insight_customer", "AFTER INSERT", _came_change("NEW", 1)),
    ("insight_came_out", "insight_customer", "AFTER DELETE", _came_change("OLD", -1)),
    (
        "insight_came_changed",
        "insight_customer",
        "AFTER UPDATE OF came",
        _came_change("OLD", -1) + _came_change("NEW", 1),
    ),
]

# PostgreSQL: the slot this transaction adds to, claimed once (an advisory lock of
# its own, released at commit or rollback), so that concurrent writers never share a row.
SLOT_FUNCTION = """CREATE FUNCTION insight_slot() RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    claimed text := current_setting('ladder.insight_slot', true);
    slot integer := 0;
BEGIN
    IF claimed IS NOT NULL AND claimed <> '' THEN
        RETURN claimed::integer;
    END IF;
    WHILE NOT pg_try_advisory_xact_lock(7012, slot) LOOP
        slot := slot + 1;
    END LOOP;
    PERFORM set_config('ladder.insight_slot', slot::text, true);
    RETURN slot;
END $$"""

# Filling the totals from what is stored, as the triggers would have kept them.
FILL = [
    """INSERT INTO insight_flow (day, from_rung, to_rung, reason, slot, n)
    SELECT "on", from_rung, to_rung, reason, 0, count(*) FROM transition
    WHERE from_rung <> to_rung GROUP BY "on", from_rung, to_rung, reason""",
    """INSERT INTO insight_move (customer_id, from_rung, to_rung, reason, day, n)
    SELECT customer_id, from_rung, to_rung, reason, "on", count(*) FROM transition
    WHERE from_rung <> to_rung GROUP BY customer_id, from_rung, to_rung, reason, "on\"""",
    f"""INSERT INTO insight_reach (day, from_rung, to_rung, reason, prior, slot, n)
    SELECT day, from_rung, to_rung, reason, prior, 0, count(*) FROM (
        SELECT m.day, m.from_rung, m.to_rung, m.reason,
            coalesce((SELECT max(p.day) FROM insight_move p
                WHERE p.customer_id = m.customer_id AND p.from_rung = m.from_rung
                  AND p.to_rung = m.to_rung AND p.reason = m.reason AND p.day < m.day),
                {NEVER}) AS prior
        FROM insight_move m) AS days
    GROUP BY day, from_rung, to_rung, reason, prior""",
    """INSERT INTO insight_break (id, customer_id, event_id, day, reason, kind, recovered_on)
    SELECT t.id, t.customer_id, t.event_id, t."on", t.reason, e.kind,
        CASE WHEN t.reason = 'broken' THEN (SELECT min(later."on") FROM transition later
            WHERE later.customer_id = t.customer_id AND later.reason = 'recovered'
              AND later.id > t.id) END
    FROM transition t LEFT JOIN event e ON e.id = t.event_id AND e.customer_id = t.customer_id
    WHERE t.reason IN ('broken', 'recovered')""",
    f"""INSERT INTO insight_followup (due, member, outcome, slot, n)
    SELECT due, member, outcome, 0, count(*) FROM (
        SELECT due, member, {OUTCOME.format(r="followup")} AS outcome FROM followup
    ) AS outcomes GROUP BY due, member, outcome""",
    f"INSERT INTO insight_customer (customer_id, came, {', '.join(RUNGS)}) "
    f"SELECT c.id, {_came('c.id')}, "
    + ", ".join(
        f'(SELECT min(t."on") FROM transition t WHERE t.customer_id = c.id '
        f"AND t.to_rung > t.from_rung AND t.to_rung >= {rung})"
        for rung in range(1, 5)
    )
    + " FROM customer c",
    'INSERT INTO insight_climb (customer_id, rung, day, n) SELECT customer_id, to_rung, "on", '
    'count(*) FROM transition WHERE to_rung > from_rung GROUP BY customer_id, to_rung, "on"',
    """INSERT INTO insight_ladder (day, rung, slot, n)
    SELECT day, rung, 0, sum(n) FROM (
        SELECT came AS day, 0 AS rung, 1 AS n FROM insight_customer
        UNION ALL SELECT "on", from_rung, -1 FROM transition WHERE from_rung <> to_rung
        UNION ALL SELECT "on", to_rung, 1 FROM transition WHERE from_rung <> to_rung
    ) AS changes GROUP BY day, rung""",
    "INSERT INTO insight_kind (day, kind, slot, n) "
    "SELECT occurred_on, kind, 0, count(*) FROM event GROUP BY occurred_on, kind",
    f"""INSERT INTO insight_effect (day, kind, logged_by, reason, up, slot, n)
    SELECT t."on", e.kind, e.logged_by, t.reason, {UP.format(r="t")}, 0, count(*)
    FROM transition t JOIN event e ON e.id = t.event_id AND e.customer_id = t.customer_id
    GROUP BY t."on", e.kind, e.logged_by, t.reason, {UP.format(r="t")}""",
]


def _many_transitions(sign: int) -> list[str]:
    """PostgreSQL: what the transitions one statement wrote (`changed`: NEW: +1, OLD: -1)
    add to the totals, at once. A re-derive writes thousands in a statement, and a
    row trigger's statements cost ~10x there what they cost SQLite. The totals that
    depend on a customer's other rows (first climbs, moves' days before, breaks'
    recoveries) are taken away and counted again for the customers the statement
    touched."""
    up = UP.format(r="c")
    kept = (
        "EXISTS (SELECT 1 FROM insight_customer here WHERE here.customer_id = c.customer_id)"
        if sign < 0
        else "true"
    )
    cell = "customer_id, from_rung, to_rung, reason"
    same_cell = " AND ".join(f"p.{column} = m.{column}" for column in (*CELL, "customer_id"))
    keys = f"(SELECT DISTINCT {cell} FROM changed c WHERE from_rung <> to_rung AND {kept}) AS k"

    def days_before(n: int) -> str:  # the reach of every day of the touched moves
        return _add(
            "insight_reach",
            REACH,
            f"SELECT m.day, m.from_rung, m.to_rung, m.reason, coalesce((SELECT max(p.day) "
            f"FROM insight_move p WHERE {same_cell} AND p.day < m.day), {NEVER}) AS prior, "
            f"{{slot}}, {n} * count(*) FROM insight_move m JOIN {keys} "
            "ON k.customer_id = m.customer_id AND k.from_rung = m.from_rung "
            "AND k.to_rung = m.to_rung AND k.reason = m.reason "
            "GROUP BY m.day, m.from_rung, m.to_rung, m.reason, prior",
        )

    by_day = f'SELECT {cell}, "on" AS day, count(*) AS n FROM changed c'
    if sign > 0:
        moves = _add(
            "insight_move", MOVE, f'{by_day} WHERE from_rung <> to_rung GROUP BY {cell}, "on"'
        )
        climbs = [
            _add(
                "insight_climb",
                CLIMB,
                'SELECT customer_id, to_rung, "on", count(*) FROM changed '
                'WHERE to_rung > from_rung GROUP BY customer_id, to_rung, "on"',
            )
        ]
        turns = (
            "INSERT INTO insight_break (id, customer_id, event_id, day, reason, kind) "
            'SELECT c.id, c.customer_id, c.event_id, c."on", c.reason, (SELECT e.kind '
            "FROM event e WHERE e.id = c.event_id AND e.customer_id = c.customer_id) "
            "FROM changed c WHERE c.reason IN ('broken', 'recovered')"
        )
    else:
        moves = (
            f"UPDATE insight_move m SET n = m.n - x.n FROM ({by_day} "
            f'WHERE from_rung <> to_rung AND {kept} GROUP BY {cell}, "on") AS x '
            "WHERE m.customer_id = x.customer_id AND m.from_rung = x.from_rung "
            "AND m.to_rung = x.to_rung AND m.reason = x.reason AND m.day = x.day"
        )
        climbs = [
            "UPDATE insight_climb m SET n = m.n - x.n FROM (SELECT customer_id, to_rung AS rung, "
            '"on" AS day, count(*) AS n FROM changed WHERE to_rung > from_rung '
            'GROUP BY customer_id, to_rung, "on") AS x WHERE m.customer_id = x.customer_id '
            "AND m.rung = x.rung AND m.day = x.day",
            "DELETE FROM insight_climb WHERE n <= 0 "
            "AND customer_id IN (SELECT customer_id FROM changed)",
        ]
        turns = "DELETE FROM insight_break WHERE id IN (SELECT id FROM changed)"
    firsts = ", ".join(
        f"{name} = (SELECT min(day) FROM insight_climb l "
        f"WHERE l.customer_id = h.customer_id AND l.rung >= {rung})"
        for rung, name in enumerate(RUNGS, start=1)
    )
    return [
        _add(
            "insight_ladder",
            LADDER,
            "SELECT day, rung, {slot}, sum(n) FROM ("
            f'SELECT "on" AS day, from_rung AS rung, {-sign} AS n FROM changed '
            "WHERE from_rung <> to_rung "
            f'UNION ALL SELECT "on", to_rung, {sign} FROM changed WHERE from_rung <> to_rung'
            ") AS moved GROUP BY day, rung",
        ),
        _add(
            "insight_flow",
            FLOW,
            f'SELECT "on", from_rung, to_rung, reason, {{slot}}, {sign} * count(*) FROM changed '
            'WHERE from_rung <> to_rung GROUP BY "on", from_rung, to_rung, reason',
        ),
        _add(
            "insight_effect",
            EFFECT,
            f'SELECT c."on", e.kind, e.logged_by, c.reason, {up}, {{slot}}, {sign} * count(*) '
            "FROM changed c JOIN event e ON e.id = c.event_id AND e.customer_id = c.customer_id "
            f'WHERE {kept} GROUP BY c."on", e.kind, e.logged_by, c.reason, {up}',
        ),
        days_before(-1),
        moves,
        "DELETE FROM insight_move WHERE n <= 0 "
        "AND customer_id IN (SELECT customer_id FROM changed)",
        days_before(1),
        *climbs,
        f"UPDATE insight_customer h SET {firsts} WHERE h.customer_id IN "
        "(SELECT customer_id FROM changed WHERE to_rung > from_rung)",
        turns,
        "UPDATE insight_break b SET recovered_on = (SELECT min(r.day) FROM insight_break r "
        "WHERE r.customer_id = b.customer_id AND r.reason = 'recovered' AND r.id > b.id) "
        "WHERE b.reason = 'broken' AND b.customer_id IN "
        "(SELECT customer_id FROM changed WHERE reason IN ('broken', 'recovered'))",
    ]


# PostgreSQL: these run once a statement, on every row it wrote (the name, NEW or OLD)
MANY = {"insight_transition_in": (1, "NEW"), "insight_transition_out": (-1, "OLD")}


def upgrade() -> None:
    _create_tables()
    sqlite = op.get_bind().dialect.name == "sqlite"
    for statement in FILL:
        op.execute(statement)
    if not sqlite:
        op.execute(SLOT_FUNCTION)
    for name, table, operation, steps in TRIGGERS:
        if sqlite:
            body = "".join(f"{step.format(slot='0')};\n" for step in steps)
            op.execute(
                f"CREATE TRIGGER {name} {operation} ON {table} FOR EACH ROW BEGIN\n{body}END"
            )
        else:
            each = "FOR EACH ROW"
            if name in MANY:
                sign, rows = MANY[name]
                steps = _many_transitions(sign)
                each = f"REFERENCING {rows} TABLE AS changed FOR EACH STATEMENT"
            body = "".join(f"{step.format(slot='insight_slot()')};\n" for step in steps)
            # a BEFORE trigger's NULL would skip the delete itself; an AFTER one's is ignored
            body += "RETURN OLD;\n" if operation.startswith("BEFORE") else "RETURN NULL;\n"
            op.execute(
                f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$\n"
                f"BEGIN\n{body}END $$"
            )
            op.execute(
                f"CREATE TRIGGER {name} {operation} ON {table} {each} EXECUTE FUNCTION {name}()"
            )


def _create_tables() -> None:
    op.create_table(
        "insight_ladder",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("rung", sa.Integer(), nullable=False),
        sa.Column("slot", sa.Integer(), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("day", "rung", "slot"),
    )
    op.create_table(
        "insight_kind",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("slot", sa.Integer(), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("day", "kind", "slot"),
    )
    op.create_table(
        "insight_effect",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("logged_by", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("up", sa.Integer(), nullable=False),
        sa.Column("slot", sa.Integer(), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("day", "kind", "logged_by", "reason", "up", "slot"),
    )
    op.create_table(
        "insight_customer",
        sa.Column("customer_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("came", sa.Date(), nullable=False),
        *(sa.Column(name, sa.Date(), nullable=True) for name in RUNGS),
        sa.PrimaryKeyConstraint("customer_id"),
    )
    op.create_index("ix_insight_customer_kokeilija", "insight_customer", ["kokeilija"])
    op.create_table(
        "insight_climb",
        sa.Column("customer_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("rung", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("customer_id", "rung", "day"),
    )
    op.create_table(
        "insight_break",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("kind", sa.Text(), nullable=True),
        sa.Column("recovered_on", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_insight_break_customer", "insight_break", ["customer_id", "reason", "id"])
    op.create_index(
        "ix_insight_break_day", "insight_break", ["reason", "day", "kind", "recovered_on"]
    )
    op.create_table(
        "insight_followup",
        sa.Column("due", sa.Date(), nullable=False),
        sa.Column("member", sa.Text(), nullable=False),
        sa.Column("outcome", sa.Text(), nullable=False),
        sa.Column("slot", sa.Integer(), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("due", "member", "outcome", "slot"),
    )
    op.create_table(
        "insight_flow",
        sa.Column("day", sa.Date(), nullable=False),
        *_cell(),
        sa.Column("slot", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("day", "from_rung", "to_rung", "reason", "slot"),
    )
    op.create_table(
        "insight_move",
        sa.Column("customer_id", sa.Integer(), autoincrement=False, nullable=False),
        *_cell(),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("customer_id", "from_rung", "to_rung", "reason", "day"),
    )
    op.create_table(
        "insight_reach",
        sa.Column("day", sa.Date(), nullable=False),
        *_cell(),
        sa.Column("prior", sa.Date(), nullable=False),
        sa.Column("slot", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("day", "from_rung", "to_rung", "reason", "prior", "slot"),
    )
    moves = sa.text("from_rung <> to_rung")
    op.create_index(
        "ix_transition_moves",
        "transition",
        ["on", "from_rung", "to_rung", "reason", "customer_id"],
        sqlite_where=moves,
        postgresql_where=moves,
    )


def _cell() -> list[sa.Column[object]]:
    """A kind of move: from a rung, to a rung, why."""
    return [
        sa.Column("from_rung", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("to_rung", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
    ]


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for name, table, _, _ in TRIGGERS:
        op.execute(f"DROP TRIGGER {name}" + ("" if sqlite else f" ON {table}"))
        if not sqlite:
            op.execute(f"DROP FUNCTION {name}()")
    if not sqlite:
        op.execute("DROP FUNCTION insight_slot()")
    op.drop_index("ix_transition_moves", "transition")
    for table in (
        "insight_reach",
        "insight_move",
        "insight_flow",
        "insight_followup",
        "insight_break",
        "insight_climb",
        "insight_customer",
        "insight_effect",
        "insight_kind",
    ):
        op.drop_table(table)
    op.drop_table("insight_ladder")
