"""each word of a customer's name in a row of its own, found by its start

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-06 13:30:00

A member finds a customer by the start of any word of the name, the words in
any order (`virt ai` finds Aino Virtanen). That search was
`' ' || name_key LIKE '% virt%'`, which no index serves: every name was read
for every word (73 ms at 100,000 customers). `customer_word` holds each word
of `name_key` beside its customer, so that a word's start is a range of its
primary key (`data.sql.card_sql.named`), and a customer's other words are
checked through `ix_customer_word_customer`. Triggers on `customer` keep it, so
every writer (an add, an edit, an import, a merge) keeps it without knowing
of it; a customer's words go with the customer (the foreign key cascades, as
their events do).

The words are compared byte by byte (on PostgreSQL `COLLATE "C"`), as a range
of code points needs; `name_key` is already without case and diacritics.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

# The words of `{c}.name_key` (letters, digits and `_` between single spaces: never a
# quote or a backslash), one row each. SQLite reads them as a JSON array.
WORDS = {
    "sqlite": """INSERT INTO customer_word (word, customer_id)
        SELECT DISTINCT w.value, {c}.id FROM {source}
        json_each('["' || replace({c}.name_key, ' ', '","') || '"]') AS w
        WHERE w.value <> ''""",
    "postgresql": """INSERT INTO customer_word (word, customer_id)
        SELECT DISTINCT w.value, {c}.id FROM {source}
        unnest(string_to_array({c}.name_key, ' ')) AS w(value)
        WHERE w.value <> ''""",
}
# (name, operation, what it does to the row's words)
TRIGGERS = [
    ("customer_words_in", "AFTER INSERT", ["{words}"]),
    (
        "customer_words_changed",
        "AFTER UPDATE OF name_key",
        ["DELETE FROM customer_word WHERE customer_id = OLD.id", "{words}"],
    ),
]


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    sqlite = dialect == "sqlite"
    op.create_table(
        "customer_word",
        sa.Column("word", sa.Text(collation=None if sqlite else "C"), nullable=False),
        sa.Column("customer_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.ForeignKeyConstraint(["customer_id"], ["customer.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("word", "customer_id"),
    )
    op.create_index("ix_customer_word_customer", "customer_word", ["customer_id", "word"])
    op.execute(WORDS[dialect].format(c="customer", source="customer,"))
    words = WORDS[dialect].format(c="NEW", source="")
    for name, operation, steps in TRIGGERS:
        body = "".join(f"{step.format(words=words)};\n" for step in steps)
        if sqlite:
            op.execute(
                f"CREATE TRIGGER {name} {operation} ON customer FOR EACH ROW BEGIN\n{body}END"
            )
        else:
            op.execute(
                f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$\n"
                f"BEGIN\n{body}RETURN NULL;\nEND $$"
            )
            op.execute(
                f"CREATE TRIGGER {name} {operation} ON customer FOR EACH ROW "
                f"EXECUTE FUNCTION {name}()"
            )


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for name, _, _ in TRIGGERS:
        op.execute(f"DROP TRIGGER {name}" + ("" if sqlite else " ON customer"))
        if not sqlite:
            op.execute(f"DROP FUNCTION {name}()")
    op.drop_index("ix_customer_word_customer", "customer_word")
    op.drop_table("customer_word")
