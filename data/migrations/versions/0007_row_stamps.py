"""row stamps: who changed each fact last, and one spelling per member

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06 02:00:00

Colleagues work on the same customers at once. Each customer, event and
follow-up now carries a version, counted up by every change, and who made
the last change (and, for events and follow-ups, when: a customer has its
`updated_at`): a form or an undo checks in its writing transaction that a
row is still as its member saw it, and names the colleague when it is not.
Every row there is now starts at version 1, changed by whoever wrote it.

Member names are one spelling: `aino` and `Aino` are one member, compared
without case and surrounding space (`member.key`), and stored as first
written. Existing case-variants are merged into the earliest, everywhere the
name is written.
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

from data.migrations.helpers import NEVER_REUSED, high_water_marks_kept

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

WRITTEN_BY = {"event": "logged_by", "followup": "member", "customer": "owner"}
STAMP_TIME = sqlmodel.sql.sqltypes.UTCDateTime()


def member_key(name: str) -> str:
    """How a member's name is compared: without case and surrounding space.

    Kept here as it is on the day of this migration; `ladder.text.member_key` is
    the one the program uses."""
    return " ".join(name.split()).casefold()


def upgrade() -> None:
    with high_water_marks_kept(op.get_bind()):
        _add_stamps()
    with op.batch_alter_table("member") as batch_op:
        batch_op.add_column(sa.Column("key", sa.Text(), nullable=True))
    _merge_spellings(op.get_bind())
    with op.batch_alter_table("member") as batch_op:
        batch_op.alter_column("key", existing_type=sa.Text(), nullable=False)
        batch_op.create_unique_constraint("uq_member_key", ["key"])


def _add_stamps() -> None:
    for table in ("customer", "event", "followup"):
        with op.batch_alter_table(table, **NEVER_REUSED) as batch_op:
            batch_op.add_column(
                sa.Column("version", sa.Integer(), nullable=False, server_default="1")
            )
            batch_op.add_column(
                sa.Column("changed_by", sa.Text(), nullable=False, server_default="")
            )
            if table != "customer":
                batch_op.add_column(sa.Column("changed_at", STAMP_TIME, nullable=True))
        op.execute(f"UPDATE {table} SET changed_by = {WRITTEN_BY[table]}")
    for table in ("event", "followup"):
        op.execute(f"UPDATE {table} SET changed_at = created_at")
        with op.batch_alter_table(table, **NEVER_REUSED) as batch_op:
            batch_op.alter_column("changed_at", existing_type=STAMP_TIME, nullable=False)


def _merge_spellings(connection: sa.Connection) -> None:
    """Give every member a key; fold later spellings of one key into the first."""
    first: dict[str, str] = {}
    for member_id, name in connection.execute(sa.text("SELECT id, name FROM member ORDER BY id")):
        key = member_key(name)
        kept = first.setdefault(key, name)
        if kept == name:
            connection.execute(
                sa.text("UPDATE member SET key = :key WHERE id = :id"),
                {"key": key, "id": member_id},
            )
            continue
        for table, column in [*WRITTEN_BY.items(), *((t, "changed_by") for t in WRITTEN_BY)]:
            connection.execute(
                sa.text(f"UPDATE {table} SET {column} = :kept WHERE {column} = :name"),
                {"kept": kept, "name": name},
            )
        connection.execute(sa.text("DELETE FROM member WHERE id = :id"), {"id": member_id})


def downgrade() -> None:
    with op.batch_alter_table("member") as batch_op:
        batch_op.drop_constraint("uq_member_key", type_="unique")
        batch_op.drop_column("key")
    for table in ("customer", "event", "followup"):
        with op.batch_alter_table(table, **NEVER_REUSED) as batch_op:
            if table != "customer":
                batch_op.drop_column("changed_at")
            batch_op.drop_column("changed_by")
            batch_op.drop_column("version")
