"""The inbox: inbound messages made durable before triage or any Web API call.

An adapter turns a platform event into an `Inbound` (a message key, the event as JSON)
and the inbox writes it with INSERT .. ON CONFLICT DO NOTHING, in one transaction with
the claim of the delivery's event id: the unique `(platform, message_key)` and the
claimed event id are the dedup, so a retried, edited or replayed message never makes a
second row. The writing replica
holds the row under a lease it renews while it works; a row whose lease lapsed (the
replica was killed, or stopped before finishing) is claimed by any replica's worker.
Finished rows keep no message text.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, and_, func, literal, or_, select, update
from sqlalchemy.orm import sessionmaker

from bot.core.hours import Clock, SystemClock
from bot.escalation.db import insert_for, rowcount
from bot.escalation.models import InboxEntry, ProcessedEvent, UTCDateTime

log = logging.getLogger(__name__)

# A message that fails this often is given up (logged at ERROR), not retried forever.
MAX_ATTEMPTS = 5


@dataclass(frozen=True)
class Inbound:
    """What an adapter hands to the inbox: the message's identity and the event."""

    platform: str
    message_key: str
    payload: dict[str, Any]
    received_at: datetime
    event_id: str | None = None

    def to_json(self) -> str:
        return json.dumps(
            {
                "platform": self.platform,
                "message_key": self.message_key,
                "event_id": self.event_id,
                "received_at": self.received_at.isoformat(),
                "payload": self.payload,
            }
        )

    @classmethod
    def from_json(cls, line: str) -> Inbound:
        data = json.loads(line)
        return cls(
            platform=str(data["platform"]),
            message_key=str(data["message_key"]),
            event_id=data.get("event_id"),
            received_at=datetime.fromisoformat(data["received_at"]),
            payload=dict(data["payload"]),
        )


@dataclass(frozen=True)
class InboxItem:
    """A row to work on: what the platform's handler needs, and the row's id."""

    id: int
    platform: str
    message_key: str
    payload: dict[str, Any] = field(repr=False)
    attempts: int = 0


class InboxStore:
    def __init__(
        self,
        engine: Engine,
        *,
        clock: Clock | None = None,
        lease_seconds: float = 15.0,
        replica: str | None = None,
    ) -> None:
        self.engine = engine
        self.clock: Clock = clock or SystemClock()
        self.lease = timedelta(seconds=lease_seconds)
        # One token per process: every row this replica holds carries it.
        self.token = replica or uuid.uuid4().hex
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    def write(
        self, entries: Sequence[Inbound], *, claim: bool = True, conn_hook: Any = None
    ) -> list[int | None]:
        """Write a batch in one transaction of two statements (group commit).

        Returns, per entry, the new row's id, or None when the message was already in
        the inbox (a retry, an edit, a replay). `claim=True` leaves new rows under this
        replica's lease; False leaves them for any worker (draining, spool replay).
        """
        if not entries:
            return []
        now = self.clock()
        with self.engine.connect() as conn:
            if conn_hook is not None:
                conn_hook(conn)
            with conn.begin():
                fresh = self._claim_events(conn, entries, now)
                ids = self._insert_rows(conn, [e for e in entries if id(e) in fresh], claim, now)
        return [ids.get((e.platform, e.message_key)) if id(e) in fresh else None for e in entries]

    def _claim_events(self, conn: Any, entries: Sequence[Inbound], now: datetime) -> set[int]:
        """Claim the deliveries' own ids in the same transaction as the rows: a retry
        whose body differs from the first delivery is still the same event. Returns the
        entries (by identity) that are first deliveries, one per message in the batch."""
        seen_events: set[tuple[str, str]] = set()
        seen_messages: set[tuple[str, str]] = set()
        candidates = []
        for entry in entries:
            event = (f"inbox:{entry.platform}", entry.event_id or "")
            message = (entry.platform, entry.message_key)
            if message in seen_messages or (entry.event_id and event in seen_events):
                continue  # the same message twice in one batch
            seen_messages.add(message)
            seen_events.add(event)
            candidates.append(entry)
        with_ids = [e for e in candidates if e.event_id]
        claimed: set[tuple[str, str]] = set()
        if with_ids:
            rows = [
                {"platform": f"inbox:{e.platform}", "event_id": e.event_id, "claimed_at": now}
                for e in with_ids
            ]
            stmt = (
                insert_for(self.engine)(ProcessedEvent)
                .on_conflict_do_nothing(index_elements=["platform", "event_id"])
                .returning(ProcessedEvent.platform, ProcessedEvent.event_id)
            )
            # executemany: SQLAlchemy's "insertmanyvalues" sends one multi-row INSERT
            # from a cached statement (building a 200-row VALUES clause costs ~150 ms).
            claimed = {(str(p), str(ev)) for p, ev in conn.execute(stmt, rows)}
        return {
            id(e)
            for e in candidates
            if not e.event_id or (f"inbox:{e.platform}", e.event_id) in claimed
        }

    def _insert_rows(
        self, conn: Any, entries: Sequence[Inbound], claim: bool, now: datetime
    ) -> dict[tuple[str, str], int]:
        if not entries:
            return {}
        rows = [
            {
                "platform": e.platform,
                "message_key": e.message_key,
                "event_id": e.event_id,
                "payload": json.dumps(e.payload),
                "received_at": e.received_at,
                "attempts": 1 if claim else 0,
                "claim_token": self.token if claim else None,
                "claimed_until": now + self.lease if claim else None,
            }
            for e in entries
        ]
        stmt = (
            insert_for(self.engine)(InboxEntry)
            .on_conflict_do_nothing(index_elements=["platform", "message_key"])
            .returning(InboxEntry.id, InboxEntry.platform, InboxEntry.message_key)
        )
        return {(str(p), str(k)): int(i) for i, p, k in conn.execute(stmt, rows)}

    def get(self, entry_id: int) -> InboxItem | None:
        with self._sessions() as s:
            row = s.get(InboxEntry, entry_id)
            return _item(row) if row is not None else None

    def claim_expired(self, limit: int = 20) -> list[InboxItem]:
        """Take rows nobody holds (lease lapsed or never taken), oldest first."""
        now = literal(self.clock(), UTCDateTime())
        free = and_(
            InboxEntry.done_at.is_(None),
            or_(InboxEntry.claimed_until.is_(None), InboxEntry.claimed_until < now),
        )
        inner = select(InboxEntry.id).where(free).order_by(InboxEntry.id).limit(limit)
        if self.engine.dialect.name == "postgresql":
            inner = inner.with_for_update(skip_locked=True)
        token = uuid.uuid4().hex
        # The outer WHERE re-checks the lease: of two replicas racing for a row (SQLite
        # has no SKIP LOCKED), exactly one UPDATE matches it.
        stmt = (
            update(InboxEntry)
            .where(InboxEntry.id.in_(inner.scalar_subquery()), free)
            .values(
                claim_token=token,
                claimed_until=self.clock() + self.lease,
                attempts=InboxEntry.attempts + 1,
            )
            .execution_options(synchronize_session=False)
        )
        with self._sessions() as s, s.begin():
            s.execute(stmt)
            rows = s.scalars(select(InboxEntry).where(InboxEntry.claim_token == token)).all()
            items = [_item(r) for r in rows]
            # The rows now belong to this replica's token, so one renewal covers them all.
            s.execute(
                update(InboxEntry)
                .where(InboxEntry.claim_token == token)
                .values(claim_token=self.token)
                .execution_options(synchronize_session=False)
            )
        return items

    def renew(self) -> int:
        """Extend the lease of every unfinished row this replica holds."""
        stmt = (
            update(InboxEntry)
            .where(InboxEntry.claim_token == self.token, InboxEntry.done_at.is_(None))
            .values(claimed_until=self.clock() + self.lease)
            .execution_options(synchronize_session=False)
        )
        with self._sessions() as s, s.begin():
            return rowcount(s.execute(stmt))

    def done(self, entry_id: int, *, error: str | None = None) -> None:
        """Finished (or given up): never claimed again, and the words are dropped."""
        stmt = (
            update(InboxEntry)
            .where(InboxEntry.id == entry_id)
            .values(
                done_at=self.clock(),
                claim_token=None,
                claimed_until=None,
                payload="{}",
                last_error=error,
            )
            .execution_options(synchronize_session=False)
        )
        with self._sessions() as s, s.begin():
            s.execute(stmt)

    def failed(self, entry_id: int, error: str, *, retry_in: float) -> None:
        """Let any replica try again after `retry_in` seconds."""
        stmt = (
            update(InboxEntry)
            .where(InboxEntry.id == entry_id, InboxEntry.done_at.is_(None))
            .values(
                claim_token=None,
                claimed_until=self.clock() + timedelta(seconds=retry_in),
                last_error=error[:200],
            )
            .execution_options(synchronize_session=False)
        )
        with self._sessions() as s, s.begin():
            s.execute(stmt)

    def release(self, entry_ids: Sequence[int]) -> int:
        """Hand unfinished rows to the other replicas at once (graceful stop)."""
        if not entry_ids:
            return 0
        stmt = (
            update(InboxEntry)
            .where(
                InboxEntry.id.in_(list(entry_ids)),
                InboxEntry.claim_token == self.token,
                InboxEntry.done_at.is_(None),
            )
            .values(claim_token=None, claimed_until=None)
            .execution_options(synchronize_session=False)
        )
        with self._sessions() as s, s.begin():
            return rowcount(s.execute(stmt))

    def pending(self) -> int:
        query = select(func.count(InboxEntry.id)).where(InboxEntry.done_at.is_(None))
        with self._sessions() as s:
            return int(s.scalar(query) or 0)


def _item(row: InboxEntry) -> InboxItem:
    return InboxItem(
        id=row.id,
        platform=row.platform,
        message_key=row.message_key,
        payload=json.loads(row.payload or "{}"),
        attempts=row.attempts,
    )
