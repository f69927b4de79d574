"""The database tables: the facts (customers, events, follow-ups) and the derived cache.

`customer_state` and `transition` are a cache of the fold: they can always be
rebuilt from `event` and the rulebook, and are rebuilt when the rulebook's
fingerprint in `meta` changes.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import ClassVar

from sqlalchemy import (
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    Integer,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlmodel import Field, SQLModel

from data.records import FollowupState

# An id once given is never given again, even after the newest row is deleted:
# members quote follow-up and event numbers from paper (migration 0004).
NEVER_REUSED = {"sqlite_autoincrement": True}


def _cascade(table: str) -> Column[int]:
    return Column(Integer, ForeignKey(f"{table}.id", ondelete="CASCADE"), nullable=False)


def _version() -> Column[int]:
    """Counted up by every change to the row: an open form or an undo checks it."""
    return Column(Integer, nullable=False, server_default="1")


def _changed_by() -> Column[str]:
    """The member who made the row's last change ("" for time and the rules)."""
    return Column(Text, nullable=False, server_default="")


class TableModel(SQLModel):
    """A model of one of the tables below. SQLAlchemy gives each its Core table as
    `__table__`, which SQLModel's own type does not declare."""

    __table__: ClassVar[Table]


class MetaRow(TableModel, table=True):
    """Small facts about the database itself, such as the rulebook it was derived with."""

    __tablename__ = "meta"

    key: str = Field(primary_key=True)
    value: str


class MemberRow(TableModel, table=True):
    """A co-op member who logs events and owns follow-ups."""

    __tablename__ = "member"
    __table_args__ = (UniqueConstraint("key", name="uq_member_key"),)

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    # The name as compared: without case and surrounding space (`ladder.text.member_key`)
    key: str = Field(sa_column=Column(Text, nullable=False))
    created_at: datetime
    # An argon2id hash, for signing in to a browser seat; None: this member cannot.
    password_hash: str | None = Field(default=None, sa_column=Column(Text, nullable=True))


class CustomerRow(TableModel, table=True):
    """A person or company the co-op serves; contact details as members know them."""

    __tablename__ = "customer"
    __table_args__ = (
        CheckConstraint("length(trim(name)) > 0", name="ck_customer_name"),
        NEVER_REUSED,
    )

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(index=True)
    # The name as it is searched (`ladder.text.search_words`): found without reading every name
    name_key: str = Field(
        default="", sa_column=Column(Text, nullable=False, server_default="", index=True)
    )
    organisation: str = Field(
        default="", sa_column=Column(Text, nullable=False, default="", server_default="")
    )
    email: str = ""
    phone: str = ""
    address: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    birthday: date | None = None
    tags: str = ""
    notes: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    owner: str = ""
    since: date  # the day the customer came onto the ladder, by the program's today
    created_at: datetime
    updated_at: datetime  # when the last change was made, by `changed_by`
    version: int = Field(default=1, sa_column=_version())
    changed_by: str = Field(default="", sa_column=_changed_by())


class CustomerWordRow(TableModel, table=True):
    """A word of a customer's `name_key`, kept by triggers (migration 0013): a name is
    found by a word's start as a range of this key, not by reading every name."""

    __tablename__ = "customer_word"
    __table_args__ = (Index("ix_customer_word_customer", "customer_id", "word"),)

    word: str = Field(
        sa_column=Column(Text().with_variant(Text(collation="C"), "postgresql"), primary_key=True)
    )
    customer_id: int = Field(
        sa_column=Column(
            Integer,
            ForeignKey("customer.id", ondelete="CASCADE"),
            primary_key=True,
            autoincrement=False,
        )
    )


class EventRow(TableModel, table=True):
    """One thing that happened with a customer: the facts everything is derived from."""

    __tablename__ = "event"

    __table_args__ = (
        Index("ix_event_customer_order", "customer_id", "occurred_on", "id"),
        NEVER_REUSED,
    )

    id: int | None = Field(default=None, primary_key=True)
    customer_id: int = Field(sa_column=_cascade("customer"))
    kind: str
    occurred_on: date
    emotional: bool = False
    note: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    logged_by: str = ""
    created_at: datetime
    version: int = Field(default=1, sa_column=_version())
    changed_by: str = Field(default="", sa_column=_changed_by())
    changed_at: datetime


class FollowupRow(TableModel, table=True):
    """A due task about a customer and what a member did with it."""

    __tablename__ = "followup"

    __table_args__ = (
        UniqueConstraint("customer_id", "key", name="uq_followup_customer_key"),
        CheckConstraint(
            f"state IN ({', '.join(repr(str(s)) for s in FollowupState)})", name="ck_followup_state"
        ),
        Index("ix_followup_state_due", "state", "due"),
        NEVER_REUSED,
    )

    id: int | None = Field(default=None, primary_key=True)
    customer_id: int = Field(sa_column=_cascade("customer"))
    key: str
    rule: str
    trigger: str
    made_on: date
    due: date
    member: str = ""
    note: str = ""
    state: str = FollowupState.OPEN
    snoozed_until: date | None = None
    source_event_id: int | None = None
    closed_by_event_id: int | None = None
    closed_on: date | None = None
    created_at: datetime
    version: int = Field(default=1, sa_column=_version())
    changed_by: str = Field(default="", sa_column=_changed_by())
    changed_at: datetime


class StateRow(TableModel, table=True):
    """The fold's result at the customer's last event, and what time will change."""

    __tablename__ = "customer_state"

    customer_id: int = Field(
        sa_column=Column(Integer, ForeignKey("customer.id", ondelete="CASCADE"), primary_key=True)
    )
    rung: int = Field(index=True)
    score: float = 0.0
    last_event_on: date | None = None
    at_risk_from: date | None = None
    at_risk_until: date | None = None
    recheck_on: date | None = Field(default=None, index=True)
    state: str = Field(sa_column=Column(Text, nullable=False))
    # The rung after the lapses that have come, valid from..until (exclusive);
    # None when not yet derived. Lists read it instead of counting lapses.
    standing_rung: int | None = None
    standing_from: date | None = None
    standing_until: date | None = None
    # The fingerprint of the rulebook these rows follow: a re-derive in batches
    # resumes from the customers not yet under the current one (data/store/derive/many.py).
    derived_under: str | None = Field(default=None, sa_column=Column(Text, nullable=True))


class TransitionRow(TableModel, table=True):
    """A rung change (settled, or a projected lapse that time will bring)."""

    __tablename__ = "transition"

    __table_args__ = (
        Index("ix_transition_customer", "customer_id", "on"),
        # The insights' range read of a period's moves (migration 0012)
        Index(
            "ix_transition_moves",
            "on",
            "from_rung",
            "to_rung",
            "reason",
            "customer_id",
            sqlite_where=text("from_rung <> to_rung"),
            postgresql_where=text("from_rung <> to_rung"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    customer_id: int = Field(sa_column=_cascade("customer"))
    on: date = Field(index=True)
    from_rung: int
    to_rung: int
    reason: str
    event_id: int | None = None
    score_before: float
    score_after: float
    positives: int = 0
    projected: bool = False


class RulebookRow(TableModel, table=True):
    """A rulebook the co-op applied; the newest is in force for everyone on the database."""

    __tablename__ = "rulebook"
    __table_args__ = (NEVER_REUSED,)

    id: int | None = Field(default=None, primary_key=True)
    text: str = Field(sa_column=Column(Text, nullable=False))  # the TOML, as a member wrote it
    fingerprint: str
    applied_by: str = Field(sa_column=Column(Text, nullable=False))
    applied_at: datetime


class AuditRow(TableModel, table=True):
    """Who did what, when, to which record. `customer_id` is no foreign key: an entry
    outlives an erased customer, holding nothing about the person."""

    __tablename__ = "audit"
    __table_args__ = (Index("ix_audit_customer", "customer_id"), NEVER_REUSED)

    id: int | None = Field(default=None, primary_key=True)
    at: datetime
    member: str = Field(sa_column=Column(Text, nullable=False))
    action: str
    customer_id: int | None = None
    record: str = Field(sa_column=Column(Text, nullable=False, server_default=""))


class ImportedOrderRow(TableModel, table=True):
    """An order a shop's export brought in (its shop and number), and the purchase it
    was logged as; the reference outlives the event, so no import brings it back."""

    __tablename__ = "imported_order"
    __table_args__ = (
        UniqueConstraint("source", "reference", name="uq_imported_order"),
        NEVER_REUSED,
    )

    id: int | None = Field(default=None, primary_key=True)
    source: str
    reference: str = Field(sa_column=Column(Text, nullable=False))
    customer_id: int | None = None
    event_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("event.id", ondelete="SET NULL"), nullable=True),
    )
    imported_at: datetime


# The insights' running totals (migration 0012): triggers on customer, event and
# transition keep them, so every writer keeps them true; see the migration for each.
# `slot`: the PostgreSQL transaction that added to the row (0 on SQLite), summed over.


class InsightLadderRow(TableModel, table=True):
    """Customers onto (+) and off (-) a rung on a day: comings and moves."""

    __tablename__ = "insight_ladder"

    day: date = Field(primary_key=True)
    rung: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    slot: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    n: int


class InsightKindRow(TableModel, table=True):
    """The events of a kind on a day."""

    __tablename__ = "insight_kind"

    day: date = Field(primary_key=True)
    kind: str = Field(sa_column=Column(Text, primary_key=True))
    slot: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    n: int


class InsightEffectRow(TableModel, table=True):
    """The transitions events of a kind, logged by a member, made on a day."""

    __tablename__ = "insight_effect"

    day: date = Field(primary_key=True)
    kind: str = Field(sa_column=Column(Text, primary_key=True))
    logged_by: str = Field(sa_column=Column(Text, primary_key=True))
    reason: str = Field(sa_column=Column(Text, primary_key=True))
    up: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    slot: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    n: int


class InsightCustomerRow(TableModel, table=True):
    """The day a customer came onto the ladder and first reached each rung from kokeilija."""

    __tablename__ = "insight_customer"

    customer_id: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    came: date
    kokeilija: date | None = Field(default=None, index=True)
    asiakas: date | None = None
    lojalisti: date | None = None
    sanansaattaja: date | None = None


class InsightClimbRow(TableModel, table=True):
    """A customer's climbs to a rung on a day: the first is found again when one goes."""

    __tablename__ = "insight_climb"

    customer_id: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    rung: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    day: date = Field(primary_key=True)
    n: int


class InsightBreakRow(TableModel, table=True):
    """A break or a recovery (a transition's id); a break keeps the day of its customer's
    first recovery after it, and the kind of the event that broke it."""

    __tablename__ = "insight_break"
    __table_args__ = (
        Index("ix_insight_break_customer", "customer_id", "reason", "id"),
        Index("ix_insight_break_day", "reason", "day", "kind", "recovered_on"),
    )

    id: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    customer_id: int
    event_id: int | None = None
    day: date
    reason: str = Field(sa_column=Column(Text, nullable=False))
    kind: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    recovered_on: date | None = None


class InsightFollowupRow(TableModel, table=True):
    """A member's follow-ups due on a day, by what became of them."""

    __tablename__ = "insight_followup"

    due: date = Field(primary_key=True)
    member: str = Field(sa_column=Column(Text, primary_key=True))
    outcome: str = Field(sa_column=Column(Text, primary_key=True))
    slot: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    n: int


class InsightFlowRow(TableModel, table=True):
    """The moves of a kind (from a rung, to a rung, why) on a day."""

    __tablename__ = "insight_flow"

    day: date = Field(primary_key=True)
    from_rung: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    to_rung: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    reason: str = Field(sa_column=Column(Text, primary_key=True))
    slot: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    n: int


class InsightMoveRow(TableModel, table=True):
    """The days a customer made a kind of move, and how many times on each."""

    __tablename__ = "insight_move"

    customer_id: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    from_rung: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    to_rung: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    reason: str = Field(sa_column=Column(Text, primary_key=True))
    day: date = Field(primary_key=True)
    n: int


class InsightReachRow(TableModel, table=True):
    """Customers who made a kind of move on a day, by the day they last made it before
    (0001-01-01: never), so that each is counted once in a period."""

    __tablename__ = "insight_reach"

    day: date = Field(primary_key=True)
    from_rung: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    to_rung: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    reason: str = Field(sa_column=Column(Text, primary_key=True))
    prior: date = Field(primary_key=True)
    slot: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    n: int
