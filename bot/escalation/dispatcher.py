"""Deliver every open escalation to every sink exactly once, whatever fails in between.

One pass (`run_once`): schedule the deliveries that are due (deliveries.py), claim a
batch under a short lease, send each outside any transaction while a heartbeat renews
the lease, then record the result under the same lease token.

Exactly once, when the outcome of a send is uncertain (a timeout, a dropped connection,
a 5xx, or a dispatcher that died mid-send): the next attempt first asks the sink whether
the post is already there (`FindsPosted`; Slack reads the comms channel's history for
the alert's metadata) and records that post instead of sending again. Sinks that cannot
look (email, Teams: see docs/teams.md) are at least once after such a failure.

Failures: the platform's Retry-After is obeyed; a refusal only a person can fix
(`SinkError(permanent=True)`) parks the delivery and is shown on /readyz; anything else
backs off exponentially with jitter, capped short so a recovered sink is used at once.
"""

from __future__ import annotations

import asyncio
import logging
import random
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.core.hours import Clock, SystemClock
from bot.escalation.deliveries import REPORTER_REMINDER, Claimed, DeliveryRows, Plan
from bot.escalation.health import DispatchHealth
from bot.escalation.outbox import EscalationStore
from bot.escalation.sink import (
    FindsPosted,
    RemindsReporter,
    SendsAgain,
    Sink,
    SinkError,
    error_summary,
)
from bot.escalation.sinks import build_sinks
from bot.settings import Settings
from bot.tasks import stop_tasks, wait_set

__all__ = ["DispatchCounts", "Dispatcher", "Sink", "SinkError", "build_sinks"]

log = logging.getLogger(__name__)


@dataclass
class DispatchCounts:
    scheduled: int = 0
    claimed: int = 0
    delivered: int = 0
    failed: int = 0
    reminders: int = 0
    found_posted: int = 0


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
        lease_seconds: float | None = None,
        batch_size: int = 50,
        health: DispatchHealth | None = None,
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
        lease = settings.delivery_lease_seconds if lease_seconds is None else lease_seconds
        self.lease = timedelta(seconds=lease)
        self.send_timeout = settings.delivery_timeout_seconds
        self.batch_size = batch_size
        self.health = health or DispatchHealth(stuck_after=settings.dispatcher_stuck_seconds)
        self.rows = DeliveryRows(store, self.clock, self.lease)
        self.plan = Plan(
            sinks=list(self.sinks),
            reporter_sinks=[n for n, s in self.sinks.items() if isinstance(s, RemindsReporter)],
            reminder_after=timedelta(minutes=settings.reminder_minutes),
            reporter_reminder_after=timedelta(minutes=settings.held_reminder_minutes),
        )

    def backoff(self, attempts: int) -> timedelta:
        """2 s, 4 s, 8 s ... times a jitter in [0.5, 1], capped by settings."""
        raw = self.base_backoff * 2 ** max(attempts - 1, 0)
        capped = min(raw, self.settings.max_delivery_backoff_seconds)
        return timedelta(seconds=capped * self.rng.uniform(0.5, 1.0))

    async def run_once(self) -> DispatchCounts:
        counts = DispatchCounts()
        if not self.sinks:
            self.health.beat()
            return counts
        counts.scheduled = await asyncio.to_thread(self.rows.schedule, self.plan)
        token = uuid.uuid4().hex
        claimed = await asyncio.to_thread(self.rows.claim, list(self.sinks), token, self.batch_size)
        counts.claimed = len(claimed)
        if claimed:
            sent = asyncio.Event()
            heartbeat = asyncio.create_task(self._keep_lease(token, sent))
            try:
                results = await asyncio.gather(*(self._deliver(i, token) for i in claimed))
            finally:
                # Told, not cancelled: a renewal in flight finishes within its own timeout.
                sent.set()
                await stop_tasks([heartbeat], timeout=self._renew_every + 1)
            counts.delivered = sum(ok for ok, _ in results)
            counts.failed = len(results) - counts.delivered
            counts.found_posted = sum(found for _, found in results)
            counts.reminders = sum(
                ok for (ok, _), item in zip(results, claimed, strict=True) if item.reminder
            )
        # Progress is a pass that reached the database and back, not merely an attempt.
        self.health.beat()
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
            await wait_set(stop, self.settings.dispatch_interval_seconds)

    @property
    def _renew_every(self) -> float:
        return self.lease.total_seconds() / 3

    async def _keep_lease(self, token: str, sent: asyncio.Event) -> None:
        """Renew the claim every third of a lease until its sends are done."""
        every = self._renew_every
        while not await wait_set(sent, every):
            try:
                await asyncio.wait_for(asyncio.to_thread(self.rows.renew, token), timeout=every)
                self.health.beat()
            except Exception as exc:
                # Not fatal: the sends go on, and the fenced record below refuses a result
                # for rows another dispatcher has taken over meanwhile.
                log.warning("lease renewal failed (%s)", type(exc).__name__)

    # --- one delivery ------------------------------------------------------------------
    async def _deliver(self, item: Claimed, token: str) -> tuple[bool, bool]:
        """(delivered, found already posted)."""
        sink = self.sinks[item.sink]
        try:
            ref, found = await asyncio.wait_for(self._attempt(sink, item), self.send_timeout)
        except Exception as exc:
            await self._failed(item, token, exc)
            return False, False
        mine = await asyncio.to_thread(self.rows.succeeded, item, token, ref)
        self.health.unpark(item.sink)
        try:
            await asyncio.to_thread(self.rows.pull_forward, item.sink)
        except Exception as exc:  # best effort: the backoff brings them anyway
            log.info("pulling %s deliveries forward failed (%s)", item.sink, type(exc).__name__)
        if not mine:
            log.warning(
                "escalation %s to %s: lease lost before the result was recorded",
                item.escalation.id,
                item.sink,
            )
        log.info(
            "escalation %s kind=%s %s %s to %s",
            item.escalation.id,
            item.escalation.kind,
            item.purpose,
            "found already posted" if found else "delivered",
            item.sink,
        )
        return True, found

    async def _attempt(self, sink: Sink, item: Claimed) -> tuple[str, bool]:
        if item.purpose == REPORTER_REMINDER:
            if not isinstance(sink, RemindsReporter):
                raise SinkError(f"{item.sink} cannot remind reporters", permanent=True)
            return await sink.remind_reporter(item.escalation), False
        if item.uncertain and isinstance(sink, FindsPosted):
            found = await sink.find_posted(item.escalation, reminder=item.reminder)
            if found:
                return found, True
        elif item.uncertain and isinstance(sink, SendsAgain):
            return await sink.send_again(item.escalation, reminder=item.reminder), False
        return await sink.send(item.escalation, reminder=item.reminder), False

    async def _failed(self, item: Claimed, token: str, exc: BaseException) -> None:
        summary = error_summary(exc)
        retry_at = self._retry_at(item, exc)
        log.warning(
            "escalation %s %s to %s failed (attempt %s, next in %.0f s): %s",
            item.escalation.id,
            item.purpose,
            item.sink,
            item.attempts,
            (retry_at - self.clock()).total_seconds(),
            summary,
        )
        if isinstance(exc, SinkError) and exc.permanent:
            self.health.park(item.sink, str(exc))
        await asyncio.to_thread(self.rows.failed, item, token, summary, retry_at)

    def _retry_at(self, item: Claimed, exc: BaseException) -> datetime:
        now = self.clock()
        if isinstance(exc, SinkError) and exc.permanent:
            return now + timedelta(seconds=self.settings.delivery_park_seconds)
        if isinstance(exc, SinkError) and exc.retry_after is not None:
            return now + timedelta(seconds=max(exc.retry_after, 0.5))
        return now + self.backoff(item.attempts)
