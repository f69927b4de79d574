"""Alembic's environment: runs migrations on the connection the store hands over.

From the command line (`alembic check`, `alembic revision --autogenerate`)
it opens the database named by LADDER_DB instead.
"""

from __future__ import annotations

import os

from alembic import context
from sqlalchemy import Connection
from sqlmodel import SQLModel

import data.store.tables  # noqa: F401  (registers the tables on SQLModel.metadata)
from data.store.db import default_location, make_engine

target_metadata = SQLModel.metadata


def run_migrations(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is not None:
    run_migrations(connection)
else:
    engine = make_engine(os.environ.get("LADDER_DB") or str(default_location()))
    with engine.connect() as opened:
        run_migrations(opened)
