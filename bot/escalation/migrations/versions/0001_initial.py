"""Escalations, their deliveries, and the chat adapters' tables.

Revision ID: 0001_initial
Revises:
Create Date: 2026-01-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from bot.escalation.models import UTCDateTime

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "escalations",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("idempotency_key", sa.String(255), nullable=False, unique=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("reporter_platform", sa.String(20), nullable=False),
        sa.Column("reporter_user_id", sa.String(255)),
        sa.Column("reporter_name", sa.String(255)),
        sa.Column("source_platform", sa.String(20), nullable=False),
        sa.Column("source_channel", sa.String(255)),
        sa.Column("source_thread", sa.String(1024)),
        sa.Column("words", sa.Text),
        sa.Column("words_purged_at", UTCDateTime()),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("business_hours", sa.Boolean, nullable=False),
        sa.Column("urgent", sa.Boolean, nullable=False),
        sa.Column("priority", sa.Integer, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("acknowledged_by", sa.String(255)),
        sa.Column("acknowledged_at", UTCDateTime()),
        sa.Column("resolved_by", sa.String(255)),
        sa.Column("resolved_at", UTCDateTime()),
        sa.Column("reminder_sent_at", UTCDateTime()),
    )
    op.create_index("ix_escalations_created_at", "escalations", ["created_at"])
    op.create_index("ix_escalations_status", "escalations", ["status"])
    op.create_table(
        "escalation_deliveries",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "escalation_id",
            sa.Integer,
            sa.ForeignKey("escalations.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("sink", sa.String(50), nullable=False),
        sa.Column("purpose", sa.String(20), nullable=False),
        sa.Column("priority", sa.Integer, nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("last_error", sa.String(500)),
        sa.Column("next_attempt_at", UTCDateTime(), nullable=False),
        sa.Column("claimed_until", UTCDateTime()),
        sa.Column("claim_token", sa.String(64)),
        sa.Column("delivered_at", UTCDateTime()),
        sa.Column("delivered_ref", sa.String(1024)),
        sa.Column("cancelled_at", UTCDateTime()),
        sa.UniqueConstraint("escalation_id", "sink", "purpose", name="uq_delivery_once"),
    )
    op.create_index("ix_delivery_due", "escalation_deliveries", ["delivered_at", "next_attempt_at"])
    op.create_table(
        "processed_events",
        sa.Column("platform", sa.String(50), primary_key=True),
        sa.Column("event_id", sa.String(255), primary_key=True),
        sa.Column("claimed_at", UTCDateTime(), nullable=False),
    )
    op.create_index("ix_processed_events_claimed_at", "processed_events", ["claimed_at"])
    op.create_table(
        "feedback",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("platform", sa.String(20), nullable=False),
        sa.Column("reply_kind", sa.String(20), nullable=False),
        sa.Column("sections", sa.String(255), nullable=False),
        sa.Column("helpful", sa.Boolean, nullable=False),
        sa.Column("question", sa.Text),
    )
    op.create_index("ix_feedback_created_at", "feedback", ["created_at"])
    op.create_table(
        "unanswered",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("question", sa.Text, nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
    )
    op.create_index("ix_unanswered_created_at", "unanswered", ["created_at"])


def downgrade() -> None:
    for table in (
        "unanswered",
        "feedback",
        "processed_events",
        "escalation_deliveries",
        "escalations",
    ):
        op.drop_table(table)
