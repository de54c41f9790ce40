"""Escalations: a durable, idempotent record of each report and its delivery to the comms team.

`outbox.EscalationStore` writes and updates rows, `dispatcher.Dispatcher` delivers them to
every `Sink`, `db` builds engines and runs the Alembic migrations, `cli` is the comms
team's terminal view.
"""
