"""The read commands' plain path: a database as the store would leave it, read
through the driver without loading SQLAlchemy, SQLModel or Alembic.

`ladder customer show|list`, `followups`, `pipeline` and `report` open the
store only to read; when the schema is current, the whole database follows the
co-op's rulebook and nothing waits for today's settle, the store would change
nothing before reading, so the same SQL (`morning_sql`, `customer_sql`, `card_sql`,
`period_sql`, `insight_sql`; the store runs each through its session) is run here on a bare
connection (`plain`). Otherwise, or on any trouble reaching the database, there
is no plain path (None) and the command opens the store, which does what is due
and says what went wrong.

Each query module is imported by the method that runs it: a command makes one
read, and `ladder pipeline` need not load the insights' arithmetic
(`statistics`, `fractions`) nor the customer card's.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Any

from data.records import WEEK
from data.sql import morning_sql, plain
from data.sql.in_force import InForce, as_the_store_leaves_it, held_in_force
from ladder import Rulebook

if TYPE_CHECKING:
    from data import records
    from ladder.insights import Insights, Period


@dataclass(frozen=True)
class Settled:
    """A database as the store leaves it, in one read transaction, with the co-op's
    rulebook; each method is the read a use case of the store makes (named alike)."""

    db: plain.Reader
    in_force: InForce
    today: date
    country: str

    @cached_property
    def rules(self) -> Rulebook:
        """The co-op's rulebook, parsed when a read first needs it."""
        return self.in_force.rules()

    def _day_params(self, days: int, member: str | None) -> dict[str, Any]:
        return morning_sql.day_params(self.db.dialect, self.today, days, member)

    def due(self, *, days: int = WEEK, member: str | None = None) -> Iterator[records.FollowupInfo]:
        """`service.due`, a follow-up at a time."""
        values = self._day_params(days, member)
        return morning_sql.stream_due(self.db.stream, self.db.dialect, values, mine=bool(member))

    def due_later(self, *, days: int = WEEK, member: str | None = None) -> tuple[int, date | None]:
        """`service.due_later`."""
        values = self._day_params(days, member)
        count, last = self.db.run(morning_sql.later(mine=bool(member)), values)[0]
        return int(count), morning_sql.day_or_none(last)

    def pipeline(self) -> list[records.RungCount]:
        """`service.pipeline`."""
        return morning_sql.read_ladder(self.db.run, self._day_params(WEEK, None))

    def list_customers(
        self, *, rung: int | None = None, search: str = "", at_risk: bool | None = None
    ) -> Iterator[records.CustomerSummary]:
        """`service.list_customers`, a customer at a time."""
        from data.sql import customer_sql

        return customer_sql.stream_list(
            self.db.stream, self.db.dialect, self.today, self.rules, rung, search, at_risk
        )

    def find_customer(self, text: str) -> records.CustomerInfo:
        """`service.find_customer`."""
        from data.sql import card_sql

        return card_sql.find(self.db.run, text, self.country)

    def customer_card(self, customer_id: int) -> records.CustomerCard:
        """`service.customer_card`, the standing folded from the customer's events."""
        from data.sql import card_sql

        return card_sql.read_card(self.db.run, self.db.dialect, customer_id, self.today, self.rules)

    def default_period(self) -> tuple[Period, str]:
        """`service.default_period`."""
        from data.sql import period_sql

        return period_sql.default_period(self.db.run, self.db.dialect, self.today)

    def insights(self, period: Period) -> Insights:
        """`service.insights`."""
        from data.sql import insight_sql, period_sql

        period_sql.check_length(period)
        return insight_sql.read(self.db.run, self.db.dialect, period, self.today, self.rules)


@contextmanager
def settled_reading(
    location: str,
    offered: Rulebook | None,
    today: date,
    *,
    chosen: bool,
    country: str,
    who: str = "",
) -> Iterator[Settled | None]:
    """The database at `location` as the store leaves it, read in one transaction;
    None when the store has work to do first (or says why it cannot). A rulebook
    file the member `chosen` (`offered`) must be the co-op's, or the store refuses it."""
    with ExitStack() as stack:
        try:
            db = stack.enter_context(plain.reading(location, who))
            held = held_in_force(db.run, offered, chosen=chosen)
            usable = held is not None and as_the_store_leaves_it(
                db.run, db.dialect, held.fingerprint, today
            )
        except Exception:  # any trouble at all: the store opens next, and says what it is
            usable = False
        yield Settled(db, held, today, country) if usable and held is not None else None
