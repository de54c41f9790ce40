"""Taking an inbound message in: inbox first, spool second, and what the adapter says.

`Intake.accept` is the one channel-neutral step every adapter calls before it
acknowledges a platform (Slack's 200, the Bot Connector's turn): the message is in
the inbox (new, for this replica to work on; or already there), in the local spool
(the database did not answer in time), or nowhere (the adapter must refuse it so the
platform retries).
"""

from __future__ import annotations

import asyncio
import enum
import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine

from bot.escalation.db import make_engine, makes_its_folder
from bot.escalation.inbox import Inbound, InboxItem, InboxStore
from bot.escalation.inbox_worker import InboxWorker
from bot.escalation.inbox_writer import InboxUnavailable, InboxWriter
from bot.escalation.spool import Spool
from bot.settings import Settings

log = logging.getLogger(__name__)

SPOOL_TIMEOUT = 1.0


class Outcome(enum.Enum):
    NEW = "new"  # in the inbox, this replica works on it now
    HANDED_OFF = "handed_off"  # in the inbox, left for another replica (stopping)
    DUPLICATE = "duplicate"  # this message was already in the inbox
    SPOOLED = "spooled"  # on local disk, replayed when the database is back
    LOST = "lost"  # nowhere: refuse it so the platform retries


@dataclass(frozen=True)
class Accepted:
    outcome: Outcome
    item: InboxItem | None = None
    # SPOOLED after a timeout: the inbox write still under way (it may yet succeed).
    late: asyncio.Future[int | None] | None = None

    async def written_late(self, grace: float) -> bool:
        """Whether a spooled message reached the inbox after all within `grace` s (a
        slow database, not a dead one): then nobody needs to hear it is away."""
        if self.late is None:
            return False
        try:
            await asyncio.wait_for(asyncio.shield(self.late), grace)
        except Exception:
            return False
        return True

    @property
    def kept(self) -> bool:
        return self.outcome is not Outcome.LOST


@dataclass
class Intake:
    store: InboxStore
    writer: InboxWriter
    worker: InboxWorker
    spool: Spool
    _spool_thread: ThreadPoolExecutor = field(
        default_factory=lambda: ThreadPoolExecutor(max_workers=8, thread_name_prefix="spool")
    )

    @property
    def draining(self) -> bool:
        return self.worker.stopping

    async def accept(self, entry: Inbound) -> Accepted:
        draining = self.draining
        try:
            new_id = await self.writer.put(entry, claim=not draining)
        except InboxUnavailable as exc:
            if exc.late is not None and not draining:
                exc.late.add_done_callback(lambda f: self._start_late(f, entry))
            spooled = await self._spool(entry)
            return Accepted(spooled.outcome, late=exc.late)
        if new_id is None:
            log.info("%s message already in the inbox: skipped", entry.platform)
            return Accepted(Outcome.DUPLICATE)
        item = InboxItem(new_id, entry.platform, entry.message_key, entry.payload, attempts=1)
        if draining:
            return Accepted(Outcome.HANDED_OFF, item)
        return Accepted(Outcome.NEW, item)

    def _start_late(self, written: asyncio.Future[int | None], entry: Inbound) -> None:
        """A write that finished after its caller gave up: work on the row now rather
        than after its lease lapses (the spooled copy replays as a duplicate)."""
        if written.cancelled() or written.exception() is not None or self.draining:
            return
        new_id = written.result()
        if new_id is not None:
            self.worker.start(
                InboxItem(new_id, entry.platform, entry.message_key, entry.payload, attempts=1)
            )

    async def _spool(self, entry: Inbound) -> Accepted:
        loop = asyncio.get_running_loop()
        try:
            # Its own threads: the default pool may be full of calls hung on the database.
            append = loop.run_in_executor(self._spool_thread, self.spool.append, entry)
            await asyncio.wait_for(append, SPOOL_TIMEOUT)
        except Exception as exc:
            log.error("inbox and spool both failed (%s): refusing the message", type(exc).__name__)
            return Accepted(Outcome.LOST)
        log.warning("inbox unavailable: %s message spooled to local disk", entry.platform)
        return Accepted(Outcome.SPOOLED)

    async def close(self) -> None:
        await self.writer.close()
        self._spool_thread.shutdown(wait=False)


def intake_engine(settings: Settings) -> Engine:
    """The inbox writer's own engine: short connect and pool waits, so a database that
    is down fails fast into the spool instead of holding Slack's ack."""
    url = settings.effective_database_url
    if url.startswith("sqlite"):
        return make_engine(url, create_folder=makes_its_folder(settings))
    return make_engine(url, pool_timeout=2, connect_args={"connect_timeout": 2})


def build_intake(settings: Settings, engine: Engine | None = None) -> Intake:
    store = InboxStore(
        engine or intake_engine(settings), lease_seconds=settings.inbox_lease_seconds
    )
    spool = Spool(Path(settings.data_dir) / "inbox-spool.jsonl")
    worker = InboxWorker(
        store,
        spool=spool,
        poll_seconds=min(1.0, settings.inbox_lease_seconds / 3),
        retry_seconds=settings.inbox_retry_seconds,
    )
    writer = InboxWriter(store, timeout=settings.inbox_write_timeout_seconds)
    # Answers are CPU work that slows the event loop: they start once a burst is in.
    worker.gate = lambda: writer.wait_idle(timeout=2.0)
    return Intake(store=store, writer=writer, worker=worker, spool=spool)
