"""Deliver every open escalation to every sink, at least once, and never twice to one sink.

All state lives in `escalation_deliveries`, one row per escalation, sink and purpose:
1. schedule: INSERT .. ON CONFLICT DO NOTHING a row for each open escalation and sink
   (and one reminder row when it is unacknowledged past `reminder_minutes`);
2. claim: one conditional UPDATE stamps due rows with this run's token and a lease
   (`claimed_until`). On PostgreSQL the inner SELECT is FOR UPDATE SKIP LOCKED, so two
   dispatchers take disjoint rows without waiting; the outer WHERE re-checks the lease,
   so a row is never held by two claims. A crashed dispatcher's lease simply expires;
3. send outside any transaction, then record `delivered_at` (never claimed again) or
   the error class and the next attempt (exponential backoff with jitter, capped).

The only double-send window is a crash between a sink's success and the commit that
records it (at-least-once); sinks get a stable per-delivery key to dedupe on.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, exists, literal, or_, select, update

from bot.core.hours import Clock, SystemClock
from bot.escalation.db import insert_for
from bot.escalation.models import Delivery, Escalation, UTCDateTime
from bot.escalation.outbox import EscalationStore
from bot.escalation.sink import Sink, SinkError, error_summary
from bot.escalation.sinks import build_sinks
from bot.escalation.view import EscalationView
from bot.settings import Settings

__all__ = ["DispatchCounts", "Dispatcher", "Sink", "SinkError", "build_sinks"]

log = logging.getLogger(__name__)


@dataclass
class DispatchCounts:
    scheduled: int = 0
    claimed: int = 0
    delivered: int = 0
    failed: int = 0
    reminders: int = 0


@dataclass(frozen=True)
class _Claimed:
    delivery_id: int
    sink: str
    reminder: bool
    attempts: int
    escalation: EscalationView


class Dispatcher:
    def __init__(
        self,
        store: EscalationStore,
        sinks: Sequence[Sink],
        settings: Settings,
        *,
        clock: Clock | None = None,
        rng: random.Random | None = None,
        base_backoff_seconds: float = 2.0,
        lease_seconds: float = 120.0,
        batch_size: int = 50,
    ) -> None:
        names = [sink.name for sink in sinks]
        if len(set(names)) != len(names):
            raise ValueError(f"sink names must be unique, got {names}")
        self.store = store
        self.sinks = {sink.name: sink for sink in sinks}
        self.settings = settings
        self.clock: Clock = clock or store.clock or SystemClock()
        self.rng = rng or random.Random()
        self.base_backoff = base_backoff_seconds
        self.lease = timedelta(seconds=lease_seconds)
        # A send that outlives its lease could be repeated by another dispatcher.
        self.send_timeout = lease_seconds / 2
        self.batch_size = batch_size

    def backoff(self, attempts: int) -> timedelta:
        """2 s, 4 s, 8 s ... times a jitter in [0.5, 1], capped by settings."""
        raw = self.base_backoff * 2 ** max(attempts - 1, 0)
        capped = min(raw, self.settings.max_delivery_backoff_seconds)
        return timedelta(seconds=capped * self.rng.uniform(0.5, 1.0))

    async def run_once(self) -> DispatchCounts:
        counts = DispatchCounts()
        if not self.sinks:
            return counts
        counts.scheduled = await asyncio.to_thread(self._schedule)
        token = uuid.uuid4().hex
        claimed = await asyncio.to_thread(self._claim, token)
        counts.claimed = len(claimed)
        results = await asyncio.gather(*(self._deliver(item, token) for item in claimed))
        counts.delivered = sum(results)
        counts.failed = len(results) - counts.delivered
        counts.reminders = sum(
            ok for ok, item in zip(results, claimed, strict=True) if item.reminder
        )
        return counts

    async def run_forever(self, stop: asyncio.Event) -> None:
        """Dispatch until `stop` is set; a database outage is logged and retried."""
        while not stop.is_set():
            try:
                counts = await self.run_once()
                if counts.claimed:
                    log.info("dispatch %s", counts)
            except Exception as exc:
                # The type only at WARNING: driver errors can carry statement parameters.
                log.warning("dispatch run failed (%s); retrying", type(exc).__name__)
                log.debug("dispatch run failed", exc_info=True)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=self.settings.dispatch_interval_seconds)

    # --- 1. schedule ---------------------------------------------------------------
    def _schedule(self) -> int:
        now = self.clock()
        due_reminder = now - timedelta(minutes=self.settings.reminder_minutes)
        insert = insert_for(self.store.engine)
        total = 0
        with self.store.session() as s, s.begin():
            # Reminders nobody needs any more (the row was acknowledged) are cancelled.
            s.execute(
                update(Delivery)
                .where(
                    Delivery.purpose == "reminder",
                    Delivery.delivered_at.is_(None),
                    Delivery.cancelled_at.is_(None),
                    Delivery.escalation_id.in_(
                        select(Escalation.id).where(Escalation.status != "open")
                    ),
                )
                .values(cancelled_at=now)
            )
            for sink in self.sinks:
                for purpose, extra in (
                    ("alert", []),
                    ("reminder", [Escalation.created_at <= due_reminder]),
                ):
                    missing = ~exists().where(
                        Delivery.escalation_id == Escalation.id,
                        Delivery.sink == sink,
                        Delivery.purpose == purpose,
                    )
                    rows = select(
                        Escalation.id,
                        literal(sink),
                        literal(purpose),
                        Escalation.priority,
                        literal(0),
                        literal(now, UTCDateTime()),
                    ).where(Escalation.status == "open", missing, *extra)
                    stmt = insert(Delivery).from_select(
                        [
                            "escalation_id",
                            "sink",
                            "purpose",
                            "priority",
                            "attempts",
                            "next_attempt_at",
                        ],
                        rows,
                    )
                    stmt = stmt.on_conflict_do_nothing(
                        index_elements=["escalation_id", "sink", "purpose"]
                    ).returning(Delivery.id)
                    total += len(s.execute(stmt).all())
        return total

    # --- 2. claim --------------------------------------------------------------------
    def _due(self, now: datetime):  # type: ignore[no-untyped-def]
        return and_(
            Delivery.delivered_at.is_(None),
            Delivery.cancelled_at.is_(None),
            Delivery.sink.in_(list(self.sinks)),
            Delivery.next_attempt_at <= now,
            or_(Delivery.claimed_until.is_(None), Delivery.claimed_until < now),
        )

    def _claim(self, token: str) -> list[_Claimed]:
        now = self.clock()
        candidates = (
            select(Delivery.id)
            .where(self._due(now))
            .order_by(Delivery.priority.desc(), Delivery.id)
            .limit(self.batch_size)
        )
        claim = update(Delivery).values(claim_token=token, claimed_until=now + self.lease)
        with self.store.session() as s, s.begin():
            if self.store.engine.dialect.name == "postgresql":
                # Two statements on purpose: inside `UPDATE .. WHERE id IN (SELECT ..
                # LIMIT n FOR UPDATE SKIP LOCKED)` PostgreSQL may rescan the subquery per
                # row, and SKIP LOCKED then skips the rows just updated: all rows claimed.
                ids = s.scalars(candidates.with_for_update(skip_locked=True)).all()
                target = Delivery.id.in_(ids)
            else:
                # SQLite: one statement is one write transaction, and it evaluates the
                # subquery once; a SELECT first would need a lock upgrade that WAL refuses.
                target = Delivery.id.in_(candidates.scalar_subquery())
            # The due condition again: a row claimed meanwhile no longer matches.
            s.execute(
                claim.where(target, self._due(now)).execution_options(synchronize_session=False)
            )
        with self.store.session() as s:
            rows = s.scalars(
                select(Delivery).where(Delivery.claim_token == token).order_by(Delivery.id)
            ).all()
            return [
                _Claimed(
                    delivery_id=row.id,
                    sink=row.sink,
                    reminder=row.purpose == "reminder",
                    attempts=row.attempts,
                    escalation=EscalationView.of(row.escalation),
                )
                for row in rows
            ]

    # --- 3. send and record ------------------------------------------------------------
    async def _deliver(self, item: _Claimed, token: str) -> bool:
        sink = self.sinks[item.sink]
        try:
            ref = await asyncio.wait_for(
                sink.send(item.escalation, reminder=item.reminder), timeout=self.send_timeout
            )
        except Exception as exc:
            attempts = item.attempts + 1
            log.warning(
                "escalation %s to %s failed (attempt %s): %s",
                item.escalation.id,
                item.sink,
                attempts,
                error_summary(exc),
            )
            await asyncio.to_thread(self._record_failure, item, token, exc)
            return False
        await asyncio.to_thread(self._record_success, item, token, str(ref))
        log.info(
            "escalation %s kind=%s delivered to %s%s",
            item.escalation.id,
            item.escalation.kind,
            item.sink,
            " (reminder)" if item.reminder else "",
        )
        return True

    def _record_success(self, item: _Claimed, token: str, ref: str) -> None:
        now = self.clock()
        with self.store.session() as s, s.begin():
            s.execute(
                update(Delivery)
                .where(Delivery.id == item.delivery_id, Delivery.claim_token == token)
                .values(
                    delivered_at=now,
                    delivered_ref=ref[:1024],
                    attempts=Delivery.attempts + 1,
                    claim_token=None,
                    claimed_until=None,
                    last_error=None,
                )
            )
            if item.reminder:
                s.execute(
                    update(Escalation)
                    .where(
                        Escalation.id == item.escalation.id,
                        Escalation.reminder_sent_at.is_(None),
                    )
                    .values(reminder_sent_at=now)
                )

    def _record_failure(self, item: _Claimed, token: str, exc: BaseException) -> None:
        now = self.clock()
        with self.store.session() as s, s.begin():
            s.execute(
                update(Delivery)
                .where(Delivery.id == item.delivery_id, Delivery.claim_token == token)
                .values(
                    attempts=Delivery.attempts + 1,
                    last_error=error_summary(exc),
                    next_attempt_at=now + self.backoff(item.attempts + 1),
                    claim_token=None,
                    claimed_until=None,
                )
            )
