"""Thread memory: each conversation's last question, read with a follow-up.

Revision ID: 0004_thread_memory
Revises: 0003_resolution
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from bot.escalation.models import UTCDateTime

revision = "0004_thread_memory"
down_revision = "0003_resolution"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Before this revision the bot created the table itself on first use; such a
    # database already has it, with the same columns and index.
    if sa.inspect(op.get_bind()).has_table("thread_memory"):
        return
    op.create_table(
        "thread_memory",
        sa.Column("thread_key", sa.String(255), primary_key=True),
        sa.Column("question", sa.Text, nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
    )
    op.create_index("ix_thread_memory_updated_at", "thread_memory", ["updated_at"])


def downgrade() -> None:
    op.drop_index("ix_thread_memory_updated_at", table_name="thread_memory")
    op.drop_table("thread_memory")
