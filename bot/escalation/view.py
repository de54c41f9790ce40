"""Plain snapshots of escalation rows: what sinks, the CLI and adapters see.

Sinks get an `EscalationView`, never an ORM object, so no sink can touch a session or
lazy-load across an await.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from bot.escalation.models import Delivery, Escalation


@dataclass(frozen=True)
class DeliveryView:
    sink: str
    purpose: str
    attempts: int
    last_error: str | None
    next_attempt_at: datetime
    delivered_at: datetime | None
    delivered_ref: str | None
    cancelled_at: datetime | None

    @classmethod
    def of(cls, row: Delivery) -> DeliveryView:
        return cls(
            sink=row.sink,
            purpose=row.purpose,
            attempts=row.attempts,
            last_error=row.last_error,
            next_attempt_at=row.next_attempt_at,
            delivered_at=row.delivered_at,
            delivered_ref=row.delivered_ref,
            cancelled_at=row.cancelled_at,
        )


@dataclass(frozen=True)
class EscalationView:
    id: int
    kind: str
    status: str
    created_at: datetime
    business_hours: bool
    urgent: bool
    priority: int
    idempotency_key: str
    reporter_platform: str
    reporter_user_id: str | None
    reporter_name: str | None
    source_platform: str
    source_channel: str | None
    source_thread: str | None
    words: str | None
    words_purged_at: datetime | None = None
    acknowledged_by: str | None = None
    acknowledged_at: datetime | None = None
    resolved_by: str | None = None
    resolved_at: datetime | None = None
    reminder_sent_at: datetime | None = None
    resolution: str | None = None
    resolution_note: str | None = None
    deliveries: tuple[DeliveryView, ...] = field(default=())

    @classmethod
    def of(cls, row: Escalation, *, with_deliveries: bool = False) -> EscalationView:
        deliveries = tuple(DeliveryView.of(d) for d in row.deliveries) if with_deliveries else ()
        return cls(
            id=row.id,
            kind=row.kind,
            status=row.status,
            created_at=row.created_at,
            business_hours=row.business_hours,
            urgent=row.urgent,
            priority=row.priority,
            idempotency_key=row.idempotency_key,
            reporter_platform=row.reporter_platform,
            reporter_user_id=row.reporter_user_id,
            reporter_name=row.reporter_name,
            source_platform=row.source_platform,
            source_channel=row.source_channel,
            source_thread=row.source_thread,
            words=row.words,
            words_purged_at=row.words_purged_at,
            acknowledged_by=row.acknowledged_by,
            acknowledged_at=row.acknowledged_at,
            resolved_by=row.resolved_by,
            resolved_at=row.resolved_at,
            reminder_sent_at=row.reminder_sent_at,
            resolution=row.resolution,
            resolution_note=row.resolution_note,
            deliveries=deliveries,
        )

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for key, value in list(data.items()):
            if isinstance(value, datetime):
                data[key] = value.isoformat()
        data["deliveries"] = [
            {k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in d.items()}
            for d in data["deliveries"]
        ]
        return data


@dataclass(frozen=True)
class Transition:
    """The result of acknowledge/resolve: the row after, and whether this call changed it."""

    escalation: EscalationView
    changed: bool
