"""Names the schema is known by, light enough for start-up (`data.sql.first_read`)."""

SCHEMA_REVISION = "0014"  # the newest migration; a test keeps it equal to Alembic's head
RULES_KEY = "rules_fingerprint"  # the meta row: the rulebook the whole database follows
