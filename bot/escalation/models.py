"""Tables of the escalation database (SQLAlchemy 2, typed mappings).

`escalations` is the audit trail: rows are never deleted, only the reporter's words are
purged after the retention period. `escalation_deliveries` holds one row per escalation,
sink and purpose (the alert, the one reminder), and is the dispatcher's whole state.
The rest serve the chat adapters: cross-replica event dedup, feedback on replies,
questions the policy could not answer (kept without user ids) and each thread's last
question (`bot.threads`).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes everywhere; SQLite stores them naive (it has no time zones)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        aware = value if value.tzinfo else value.replace(tzinfo=UTC)
        aware = aware.astimezone(UTC)
        return aware.replace(tzinfo=None) if dialect.name == "sqlite" else aware

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    pass


class Escalation(Base):
    __tablename__ = "escalations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    # The platform event id (or a hash of the message when there is none): a retried
    # event finds the row it already created.
    idempotency_key: Mapped[str] = mapped_column(String(255), unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    reporter_platform: Mapped[str] = mapped_column(String(20))
    reporter_user_id: Mapped[str | None] = mapped_column(String(255))
    reporter_name: Mapped[str | None] = mapped_column(String(255))
    source_platform: Mapped[str] = mapped_column(String(20))
    source_channel: Mapped[str | None] = mapped_column(String(255))
    source_thread: Mapped[str | None] = mapped_column(String(1024))
    words: Mapped[str | None] = mapped_column(Text)
    words_purged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    business_hours: Mapped[bool] = mapped_column(Boolean)
    urgent: Mapped[bool] = mapped_column(Boolean, default=True)
    priority: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(20), default="open", index=True)
    acknowledged_by: Mapped[str | None] = mapped_column(String(255))
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    resolved_by: Mapped[str | None] = mapped_column(String(255))
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reminder_sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The outcome chosen when resolving (bot.escalation.outcomes) and an optional note,
    # which may name people, so it is purged with the words.
    resolution: Mapped[str | None] = mapped_column(String(40))
    resolution_note: Mapped[str | None] = mapped_column(Text)

    deliveries: Mapped[list[Delivery]] = relationship(
        back_populates="escalation", order_by="Delivery.id"
    )


class Delivery(Base):
    __tablename__ = "escalation_deliveries"
    __table_args__ = (
        # At most one alert and one reminder per escalation and sink, however many
        # dispatchers schedule them at once.
        UniqueConstraint("escalation_id", "sink", "purpose", name="uq_delivery_once"),
        Index("ix_delivery_due", "delivered_at", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    escalation_id: Mapped[int] = mapped_column(ForeignKey("escalations.id", ondelete="CASCADE"))
    sink: Mapped[str] = mapped_column(String(50))
    purpose: Mapped[str] = mapped_column(String(20))  # "alert" | "reminder"
    priority: Mapped[int] = mapped_column(Integer, default=0)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(String(500))  # error class, never text
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime)
    claimed_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    claim_token: Mapped[str | None] = mapped_column(String(64))
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    delivered_ref: Mapped[str | None] = mapped_column(String(1024))
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    escalation: Mapped[Escalation] = relationship(back_populates="deliveries")


class ProcessedEvent(Base):
    __tablename__ = "processed_events"

    platform: Mapped[str] = mapped_column(String(50), primary_key=True)  # or a Slack team id
    event_id: Mapped[str] = mapped_column(String(255), primary_key=True)
    claimed_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


class Feedback(Base):
    __tablename__ = "feedback"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    platform: Mapped[str] = mapped_column(String(20))
    reply_kind: Mapped[str] = mapped_column(String(20))
    sections: Mapped[str] = mapped_column(String(255), default="")  # comma-separated
    helpful: Mapped[bool] = mapped_column(Boolean)
    question: Mapped[str | None] = mapped_column(Text)


class ConversationRef(Base):
    """Where a chat surface can post later: the comms channel, a reporter's 1:1 chat.

    Kept in the database, not in memory, so every replica can send proactively.
    """

    __tablename__ = "conversation_refs"

    platform: Mapped[str] = mapped_column(String(20), primary_key=True)
    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    reference: Mapped[str] = mapped_column(Text)  # the platform's reference, as JSON
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Unanswered(Base):
    __tablename__ = "unanswered"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    question: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


class InboxEntry(Base):
    """One inbound message that could be a report, durable before anything slow runs.

    `(platform, message_key)` is the dedup claim: the message itself (Slack: team,
    channel and ts), not the delivery, so a retried or edited message finds this row.
    A replica works on a row under a lease it renews; a row whose lease lapsed (the
    replica died or stopped) is taken by another replica's inbox worker.
    """

    __tablename__ = "inbox"
    __table_args__ = (
        UniqueConstraint("platform", "message_key", name="uq_inbox_message"),
        Index("ix_inbox_pending", "done_at", "claimed_until"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    platform: Mapped[str] = mapped_column(String(20))
    message_key: Mapped[str] = mapped_column(String(255))
    event_id: Mapped[str | None] = mapped_column(String(255))
    payload: Mapped[str] = mapped_column(Text)  # the platform's event, as JSON
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    claim_token: Mapped[str | None] = mapped_column(String(64))
    claimed_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(String(200))  # error class, never text


class ThreadTurn(Base):
    """The last question of one conversation, so a follow-up can be read with it."""

    __tablename__ = "thread_memory"

    thread_key: Mapped[str] = mapped_column(String(255), primary_key=True)
    question: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
