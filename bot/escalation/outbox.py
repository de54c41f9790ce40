"""The escalation outbox: a report becomes one durable row, whatever retries happen.

`record` is idempotent on the platform's event id (a hash of the message when there is
none), so Slack's or the Bot Connector's retries never create a second escalation.
Status moves open → acknowledged → resolved; a second click changes nothing and says so.
Delivery is the dispatcher's job (dispatcher.py): this module never calls a sink.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, func, literal, select, update
from sqlalchemy.orm import Session, selectinload, sessionmaker

from bot.core.hours import Clock, SystemClock
from bot.core.models import EscalationKind, Message
from bot.errors import PolicybotError
from bot.escalation.db import insert_for, rowcount
from bot.escalation.interactions import FeedbackView, InteractionStore, UnansweredView
from bot.escalation.models import Escalation, UTCDateTime
from bot.escalation.view import EscalationView, Transition

log = logging.getLogger(__name__)

STATUSES = ("open", "acknowledged", "resolved")
# A report written when detected but not yet sent: the reporter decides (a chat adapter's
# "Alert the comms team now" button). Not in STATUSES: the dispatcher only schedules
# open rows, and a held row cannot be acknowledged or resolved before it is released.
HELD = "held"
# Safeguarding goes first when a sink is backed up (§3.2: a child at risk).
DEFAULT_PRIORITY: dict[str, int] = {"safeguarding": 2, "harassment": 1, "media": 1}


class EscalationNotFound(PolicybotError):
    def __init__(self, escalation_id: int) -> None:
        super().__init__(f"no escalation with id {escalation_id}")


def idempotency_key(message: Message, kind: str) -> str:
    if message.event_id:
        return f"{message.platform}:{message.event_id}"
    # No event id (CLI, a surface without one): the same person sending the same words
    # in the same place is the same report.
    payload = "\x1f".join(
        [
            message.platform,
            message.user_id or "",
            message.channel_id or "",
            message.thread_ref or "",
            message.id or "",
            kind,
            message.text.strip(),
        ]
    )
    return f"{message.platform}:sha256:{hashlib.sha256(payload.encode()).hexdigest()}"


class EscalationStore:
    def __init__(self, engine: Engine, *, clock: Clock | None = None) -> None:
        self.engine = engine
        self.clock: Clock = clock or SystemClock()
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        # The adapters' tables share the engine; their methods are reachable from here so
        # one store object serves a surface.
        self.interactions = InteractionStore(engine, clock=self.clock)

    def ping(self) -> None:
        """Raise when the database cannot be reached (readiness probe)."""
        with self.engine.connect() as conn:
            conn.execute(select(1))

    def claim_event(self, platform: str, event_id: str) -> bool:
        return self.interactions.claim_event(platform, event_id)

    def add_unanswered(self, question: str) -> int:
        return self.interactions.add_unanswered(question)

    def list_unanswered(self, *, limit: int = 100) -> list[UnansweredView]:
        return self.interactions.list_unanswered(limit=limit)

    def add_feedback(
        self,
        *,
        platform: str,
        reply_kind: str,
        sections: Sequence[str],
        helpful: bool,
        question: str | None = None,
    ) -> int:
        return self.interactions.add_feedback(
            platform=platform,
            reply_kind=reply_kind,
            sections=sections,
            helpful=helpful,
            question=question,
        )

    def list_feedback(self, *, limit: int = 100) -> list[FeedbackView]:
        return self.interactions.list_feedback(limit=limit)

    def session(self) -> Session:
        return self._sessions()

    def record(
        self,
        message: Message,
        kind: EscalationKind,
        business_hours: bool,
        *,
        priority: int | None = None,
        urgent: bool = True,
        held: bool = False,
    ) -> tuple[EscalationView, bool]:
        """Write the report once; returns the row and whether this call created it.

        `held=True` keeps the words safe without alerting anyone until `release`.
        """
        key = idempotency_key(message, kind)
        values = {
            "idempotency_key": key,
            "kind": kind,
            "reporter_platform": message.platform,
            "reporter_user_id": message.user_id,
            "reporter_name": message.user_name,
            "source_platform": message.platform,
            "source_channel": message.channel_id,
            "source_thread": message.thread_ref,
            "words": message.text,
            "created_at": message.received_at or self.clock(),
            "business_hours": business_hours,
            "urgent": urgent,
            "priority": DEFAULT_PRIORITY.get(kind, 0) if priority is None else priority,
            "status": HELD if held else "open",
        }
        stmt = insert_for(self.engine)(Escalation).values(**values)
        # RETURNING yields a row only when this INSERT won (rowcount is unreliable for
        # ON CONFLICT through the ORM on PostgreSQL).
        stmt = stmt.on_conflict_do_nothing(index_elements=["idempotency_key"]).returning(
            Escalation.id
        )
        with self.session() as s, s.begin():
            created = s.execute(stmt).first() is not None
            row = s.scalars(select(Escalation).where(Escalation.idempotency_key == key)).one()
            view = EscalationView.of(row)
        log.info("escalation %s kind=%s created=%s", view.id, kind, created)
        return view, created

    def release(self, escalation_id: int) -> Transition:
        """held → open, after which the dispatcher delivers it like any open row.

        One conditional UPDATE, so a double click or two replicas release it once;
        `changed` is False when it was already released (or never held).
        """
        stmt = (
            update(Escalation)
            .where(Escalation.id == escalation_id, Escalation.status == HELD)
            .values(status="open")
        )
        with self.session() as s, s.begin():
            changed = rowcount(s.execute(stmt)) == 1
            row = s.get(Escalation, escalation_id, populate_existing=True)
            if row is None:
                raise EscalationNotFound(escalation_id)
            view = EscalationView.of(row)
        log.info("escalation %s released changed=%s", escalation_id, changed)
        return Transition(view, changed=changed)

    def get(self, escalation_id: int) -> EscalationView | None:
        with self.session() as s:
            row = s.get(Escalation, escalation_id, options=[selectinload(Escalation.deliveries)])
            return EscalationView.of(row, with_deliveries=True) if row else None

    def list(
        self, *, status: str | None = None, limit: int = 100, offset: int = 0
    ) -> list[EscalationView]:
        query = select(Escalation).order_by(Escalation.id.desc()).limit(limit).offset(offset)
        if status:
            query = query.where(Escalation.status == status)
        query = query.options(selectinload(Escalation.deliveries))
        with self.session() as s:
            return [EscalationView.of(r, with_deliveries=True) for r in s.scalars(query)]

    def acknowledge(self, escalation_id: int, by: str) -> Transition:
        """open → acknowledged; already acknowledged or resolved: nothing changes."""
        return self._move(escalation_id, by, to="acknowledged")

    def resolve(
        self,
        escalation_id: int,
        by: str,
        *,
        outcome: str | None = None,
        note: str | None = None,
    ) -> Transition:
        """open/acknowledged → resolved (resolving an open row also records the ack),
        with how it ended: a short outcome and an optional note."""
        extra = {"resolution": outcome, "resolution_note": note or None}
        return self._move(escalation_id, by, to="resolved", extra=extra)

    def _move(
        self, escalation_id: int, by: str, *, to: str, extra: dict[str, Any] | None = None
    ) -> Transition:
        now = literal(self.clock(), UTCDateTime())
        values: dict[str, Any] = {
            "status": to,
            # Resolving an open row also records who acknowledged it, for the audit trail.
            "acknowledged_by": func.coalesce(Escalation.acknowledged_by, by),
            "acknowledged_at": func.coalesce(Escalation.acknowledged_at, now),
        }
        if to == "resolved":
            values |= {"resolved_by": by, "resolved_at": now, **(extra or {})}
        earlier = STATUSES[: STATUSES.index(to)]
        # One conditional UPDATE: of two simultaneous clicks exactly one matches the
        # earlier status, on SQLite and PostgreSQL alike.
        stmt = (
            update(Escalation)
            .where(Escalation.id == escalation_id, Escalation.status.in_(earlier))
            .values(**values)
        )
        with self.session() as s, s.begin():
            changed = rowcount(s.execute(stmt)) == 1
            row = s.get(Escalation, escalation_id, populate_existing=True)
            if row is None:
                raise EscalationNotFound(escalation_id)
            view = EscalationView.of(row)
        log.info("escalation %s %s changed=%s", escalation_id, to, changed)
        return Transition(view, changed=changed)

    def purge_words(self, older_than: datetime) -> int:
        """Forget reporters' words and names on rows created before `older_than`.

        The audit trail (kind, times, who acknowledged) stays; the platform user id
        stays too, as the only link a subject access request can follow.
        """
        old = Escalation.created_at < older_than
        with self.session() as s, s.begin():
            count = rowcount(
                s.execute(
                    update(Escalation)
                    .where(old, Escalation.words.is_not(None))
                    .values(words=None, resolution_note=None, words_purged_at=self.clock())
                )
            )
            s.execute(
                update(Escalation)
                .where(old, Escalation.reporter_name.is_not(None))
                .values(reporter_name=None)
            )
        log.info("purged reporters' words from %s escalations", count)
        return count

    def count(self, *, status: str | None = None) -> int:
        query = select(func.count(Escalation.id))
        if status:
            query = query.where(Escalation.status == status)
        with self.session() as s:
            return int(s.scalar(query) or 0)
