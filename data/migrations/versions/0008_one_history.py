"""one history: expired follow-ups kept, the day a customer came, phones in one form

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06 04:00:00

- A follow-up left undone past its rule's expiry is no longer deleted but
  kept as `expired`, off every list: a report of a closed period reads the
  same whatever day it is run.
- Each customer has the day they came onto the ladder (`since`), as the
  program's today had it, not the clock of the machine that wrote the row;
  until now it was the day the row was written.
- Each customer's name is kept also as it is searched (`name_key`: lower
  case, no diacritics, words alone; `ladder.text.search_words`), indexed, so that finding
  a customer by name reads no more than the matches.
- Phone numbers are kept in one form (E.164, `+358409033298`; see
  `ladder.phones`): each stored number is read as a Finnish one unless it
  says otherwise. One that cannot be read is kept as it was typed, and listed
  (the `meta` row `phones_not_read`, which the store hands to the member once).
"""

from __future__ import annotations

import json
import re
import unicodedata

import phonenumbers
import sqlalchemy as sa
from alembic import op

from data.migrations.helpers import NEVER_REUSED, high_water_marks_kept

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

STATES = ("open", "snoozed", "done", "dismissed", "expired")


def _check(states: tuple[str, ...]) -> str:
    return f"state IN ({', '.join(repr(s) for s in states)})"


def upgrade() -> None:
    connection = op.get_bind()
    with high_water_marks_kept(connection):
        with op.batch_alter_table("followup", **NEVER_REUSED) as batch_op:
            batch_op.drop_constraint("ck_followup_state", type_="check")
            batch_op.create_check_constraint("ck_followup_state", _check(STATES))
        with op.batch_alter_table("customer", **NEVER_REUSED) as batch_op:
            batch_op.add_column(sa.Column("since", sa.Date(), nullable=True))
            batch_op.add_column(sa.Column("name_key", sa.Text(), nullable=False, server_default=""))
        sqlite = connection.dialect.name == "sqlite"
        first_day = "substr(created_at, 1, 10)" if sqlite else "CAST(created_at AS DATE)"
        op.execute(f"UPDATE customer SET since = {first_day}")
        _name_keys(connection)
        with op.batch_alter_table("customer", **NEVER_REUSED) as batch_op:
            batch_op.alter_column("since", existing_type=sa.Date(), nullable=False)
            batch_op.create_index("ix_customer_name_key", ["name_key"])
    _phones_in_one_form(connection)


def _name_keys(connection: sa.Connection) -> None:
    """Each name as it is searched: lower case, no diacritics (`Äijälä` is `aijala`)."""
    found = connection.execute(sa.text("SELECT id, name FROM customer")).all()
    for customer_id, name in found:
        connection.execute(
            sa.text("UPDATE customer SET name_key = :key WHERE id = :id"),
            {"key": search_words(name), "id": customer_id},
        )


def search_words(text: str) -> str:
    """`ladder.text.search_words` as it is on the day of this migration."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.findall(r"\w+", folded))


def _phones_in_one_form(connection: sa.Connection) -> None:
    """Each stored number in its one form; those that cannot be read are kept and listed."""
    not_read = []
    for customer_id, name, phone in connection.execute(
        sa.text("SELECT id, name, phone FROM customer WHERE phone != '' ORDER BY id")
    ):
        try:
            number = phonenumbers.parse(phone, "FI")
            if not phonenumbers.is_valid_number(number) or any(c.isalpha() for c in phone):
                raise ValueError(phone)
        except (phonenumbers.NumberParseException, ValueError):
            not_read.append({"id": customer_id, "name": name, "phone": phone})
            continue
        kept = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        if kept != phone:
            connection.execute(
                sa.text("UPDATE customer SET phone = :phone WHERE id = :id"),
                {"phone": kept, "id": customer_id},
            )
    if not_read:
        connection.execute(
            sa.text("INSERT INTO meta (key, value) VALUES ('phones_not_read', :value)"),
            {"value": json.dumps(not_read, ensure_ascii=False)},
        )


def downgrade() -> None:
    op.execute("DELETE FROM meta WHERE key = 'phones_not_read'")
    op.execute("UPDATE followup SET state = 'open' WHERE state = 'expired'")
    with op.batch_alter_table("customer", **NEVER_REUSED) as batch_op:
        batch_op.drop_index("ix_customer_name_key")
        batch_op.drop_column("name_key")
        batch_op.drop_column("since")
    with op.batch_alter_table("followup", **NEVER_REUSED) as batch_op:
        batch_op.drop_constraint("ck_followup_state", type_="check")
        batch_op.create_check_constraint("ck_followup_state", _check(STATES[:-1]))
