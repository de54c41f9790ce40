"""Alembic environment, driven from `bot.escalation.db.migrate` (no alembic.ini).

`migrate` passes the open connection in `config.attributes`; offline mode (SQL scripts)
is not supported because every deployment runs migrations at start-up.
"""

from __future__ import annotations

from alembic import context

from bot.escalation.models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations with bot.escalation.db.migrate(url)")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    # SQLite cannot ALTER most things in place; batch mode copies the table instead.
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
