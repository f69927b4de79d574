"""the co-op's rulebook in the database, and a record of who did what

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06 05:00:00

Every member on one database follows one rulebook: `rulebook` holds each one
applied (its TOML, fingerprint, who applied it and when), the newest in force.
The first open after this upgrade stores the rulebook the database was derived
under (the store does it: a migration cannot know the member's file).

`audit` records who did what to which record (a log, an edit, a done, an
erase, a rulebook applied …). Its `customer_id` is no foreign key: an entry
outlives an erased customer and holds nothing about the person.
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("member", sa.Text(), nullable=False),
        sa.Column("action", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=True),
        sa.Column("record", sa.Text(), server_default="", nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_audit_customer", "audit", ["customer_id"], unique=False)
    op.create_table(
        "rulebook",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("fingerprint", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("applied_by", sa.Text(), nullable=False),
        sa.Column("applied_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sqlite_autoincrement=True,
    )


def downgrade() -> None:
    op.drop_table("rulebook")
    op.drop_index("ix_audit_customer", table_name="audit")
    op.drop_table("audit")
