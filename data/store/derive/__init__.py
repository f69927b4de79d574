"""Keeping a customer's derived rows true to their events: `plan` computes the rows
from the domain's verdicts, `writes` puts them in, `one` does it for one customer
inside a write, `many` for everyone in batches, `raw_rows` moves rows in bulk."""
