"""ids never reused: a number printed on Monday's list means the same task on Tuesday

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 22:30:00

SQLite hands out the largest rowid plus one, so deleting the newest event or
follow-up let the next one take its number. AUTOINCREMENT keeps a high-water
mark instead. The tables are recreated with it (the copy seeds the mark with
the largest id there is). PostgreSQL's sequences never go back: nothing to do.
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

TABLES = ("customer", "event", "followup")


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for table in TABLES:
        with op.batch_alter_table(
            table, recreate="always", table_kwargs={"sqlite_autoincrement": True}
        ):
            pass


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for table in TABLES:
        with op.batch_alter_table(table, recreate="always"):
            pass
