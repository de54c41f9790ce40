"""How an escalation was resolved: a short outcome and an optional note.

Revision ID: 0003_resolution
Revises: 0002_inbox
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_resolution"
down_revision = "0002_inbox"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("escalations") as batch:
        batch.add_column(sa.Column("resolution", sa.String(40)))
        batch.add_column(sa.Column("resolution_note", sa.Text))


def downgrade() -> None:
    with op.batch_alter_table("escalations") as batch:
        batch.drop_column("resolution_note")
        batch.drop_column("resolution")
