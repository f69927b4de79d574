"""member passwords, for signing in to a browser seat

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06 06:00:00

A member who signs in from a browser (`ladder serve`) has a password, kept only
as an argon2id hash; a member without one cannot sign in. Nothing is filled in:
every member starts without a password.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("member") as batch_op:
        batch_op.add_column(sa.Column("password_hash", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("member") as batch_op:
        batch_op.drop_column("password_hash")
