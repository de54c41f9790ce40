"""Conversation references for proactive messages (the Teams comms channel, 1:1 chats).

Revision ID: 0002_conversation_refs
Revises: 0001_initial
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from bot.escalation.models import UTCDateTime

revision = "0002_conversation_refs"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "conversation_refs",
        sa.Column("platform", sa.String(20), primary_key=True),
        sa.Column("key", sa.String(255), primary_key=True),
        sa.Column("reference", sa.Text, nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("conversation_refs")
