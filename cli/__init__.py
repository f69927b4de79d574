"""The `ladder` command: each command group in its own module, one call into
`data.service` per command, output as text for people or JSON for programs."""
