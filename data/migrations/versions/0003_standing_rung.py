"""standing rung: the rung today without counting lapses row by row

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 22:10:00

The derived state gains the rung a customer stands on over a span of days, so
that lists and counts read a column instead of counting projected lapses for
every row. The cached state is cleared of its rulebook fingerprint, so the
next open re-derives everyone and fills the new columns.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("customer_state") as batch_op:
        batch_op.add_column(sa.Column("standing_rung", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("standing_from", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("standing_until", sa.Date(), nullable=True))
    op.execute("DELETE FROM meta WHERE key = 'rules_fingerprint'")


def downgrade() -> None:
    with op.batch_alter_table("customer_state") as batch_op:
        batch_op.drop_column("standing_until")
        batch_op.drop_column("standing_from")
        batch_op.drop_column("standing_rung")
