"""The inbox: every inbound message that could be a report, written before triage.

Revision ID: 0002_inbox
Revises: 0002_conversation_refs
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from bot.escalation.models import UTCDateTime

revision = "0002_inbox"
# After the newest revision, so the chain keeps one head.
down_revision = "0002_conversation_refs"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "inbox",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("platform", sa.String(20), nullable=False),
        sa.Column("message_key", sa.String(255), nullable=False),
        sa.Column("event_id", sa.String(255)),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("received_at", UTCDateTime(), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("claim_token", sa.String(64)),
        sa.Column("claimed_until", UTCDateTime()),
        sa.Column("done_at", UTCDateTime()),
        sa.Column("last_error", sa.String(200)),
        sa.UniqueConstraint("platform", "message_key", name="uq_inbox_message"),
    )
    op.create_index("ix_inbox_pending", "inbox", ["done_at", "claimed_until"])


def downgrade() -> None:
    op.drop_index("ix_inbox_pending", table_name="inbox")
    op.drop_table("inbox")
