"""check constraints: no blank customer names, only known follow-up states

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 19:10:00
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("customer") as batch_op:
        batch_op.create_check_constraint("ck_customer_name", "length(trim(name)) > 0")
    with op.batch_alter_table("followup") as batch_op:
        batch_op.create_check_constraint(
            "ck_followup_state", "state IN ('open', 'snoozed', 'done', 'dismissed')"
        )


def downgrade() -> None:
    with op.batch_alter_table("followup") as batch_op:
        batch_op.drop_constraint("ck_followup_state", type_="check")
    with op.batch_alter_table("customer") as batch_op:
        batch_op.drop_constraint("ck_customer_name", type_="check")
