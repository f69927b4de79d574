"""the orders a shop's export brought in, each once

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06 06:30:00

`ladder import orders` logs one purchase per order and keeps the order's
reference (the shop and its order number): importing the same export again,
or one that overlaps it, adds nothing twice. The purchase is the event; when a
member deletes it, the reference stays (event_id empty), so that the next
import does not bring it back unless asked.
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "imported_order",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("reference", sa.Text(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=True),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.Column("imported_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["event.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("source", "reference", name="uq_imported_order"),
        sqlite_autoincrement=True,
    )


def downgrade() -> None:
    op.drop_table("imported_order")
