"""organisation: a customer can be a company, or a person at one

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 23:00:00

Contacts from Google, Outlook and phones carry a company name; a co-op sells
to businesses too. Every customer gets an organisation, empty for those who
had none; nothing derived depends on it, so nothing is re-derived.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("customer") as batch_op:
        batch_op.add_column(sa.Column("organisation", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("customer") as batch_op:
        batch_op.drop_column("organisation")
