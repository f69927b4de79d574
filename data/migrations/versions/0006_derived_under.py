"""derived_under: the rulebook each customer's derived rows follow

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 01:00:00

A re-derive after a rulebook change now runs in short batches of customers,
each its own transaction, so that colleagues can go on logging. Each
customer's state row says which rulebook (its fingerprint) it was derived
under: a re-derive that was stopped half-way resumes from the customers not
yet under the new one. Every row there is now was derived under the stored
fingerprint.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("customer_state") as batch_op:
        batch_op.add_column(sa.Column("derived_under", sa.Text(), nullable=True))
    op.execute(
        "UPDATE customer_state SET derived_under = "
        "(SELECT value FROM meta WHERE key = 'rules_fingerprint')"
    )


def downgrade() -> None:
    with op.batch_alter_table("customer_state") as batch_op:
        batch_op.drop_column("derived_under")
