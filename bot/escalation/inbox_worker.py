"""Work through the inbox: rows this replica just wrote, and rows nobody holds.

The adapter that wrote a row hands it to `start` at once, so the normal path has no
polling delay. `run_forever` renews this replica's leases, takes rows whose lease
lapsed (a replica killed or stopped mid-work, a spooled event replayed) and replays the
local spool into the inbox when the database answers again. `drain` is the graceful
stop: no new rows, in-flight work finishes up to a deadline, the rest is released for
another replica.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable

from bot.escalation.inbox import MAX_ATTEMPTS, InboxItem, InboxStore
from bot.escalation.spool import Spool
from bot.tasks import stop_tasks

log = logging.getLogger(__name__)

Handler = Callable[[InboxItem], Awaitable[None]]


class InboxWorker:
    def __init__(
        self,
        store: InboxStore,
        *,
        spool: Spool | None = None,
        poll_seconds: float = 1.0,
        retry_seconds: float = 30.0,
        db_timeout: float = 5.0,
    ) -> None:
        self.store = store
        self.spool = spool
        self.poll = poll_seconds
        self.retry = retry_seconds
        self.db_timeout = db_timeout
        self.handlers: dict[str, Handler] = {}
        self.gate: Callable[[], Awaitable[None]] | None = None
        self.stopping = False
        self._tasks: dict[int, asyncio.Task[None]] = {}
        # Finished rows whose "done" could not be written yet (database down): retried
        # each tick, and never started again here meanwhile.
        self._unrecorded: set[int] = set()

    def register(self, platform: str, handler: Handler) -> None:
        self.handlers[platform] = handler

    @property
    def in_flight(self) -> int:
        return len(self._tasks)

    def start(self, item: InboxItem) -> asyncio.Task[None] | None:
        """Work on a row this replica holds, in the background."""
        if item.id in self._tasks or item.id in self._unrecorded:
            return None
        task = asyncio.create_task(self._work(item), name=f"inbox-{item.id}")
        self._tasks[item.id] = task
        task.add_done_callback(lambda _t: self._tasks.pop(item.id, None))
        return task

    async def run_inline(self, item: InboxItem, work: Callable[[], Awaitable[None]]) -> None:
        """Work on a row in the caller's own task (a Teams turn answers in its request),
        tracked like any other so a graceful stop waits for it."""
        task = asyncio.current_task()
        if task is not None:
            self._tasks[item.id] = task
        try:
            await self._work(item, work)
        finally:
            self._tasks.pop(item.id, None)

    async def _db(self, fn: Callable[..., object], *args: object, **kwargs: object) -> object:
        return await asyncio.wait_for(asyncio.to_thread(fn, *args, **kwargs), self.db_timeout)

    async def _work(
        self, item: InboxItem, inline: Callable[[], Awaitable[None]] | None = None
    ) -> None:
        handler = self.handlers.get(item.platform)
        if inline is None and handler is None:
            log.warning("inbox row %s: no handler for %s here", item.id, item.platform)
            await self._safely(self.store.failed, item.id, "no handler", retry_in=self.retry)
            return
        if self.gate is not None and inline is None:
            await self.gate()  # acks first: a burst is written before answers start
        try:
            await (inline() if inline is not None else handler(item))  # type: ignore[misc]
        except asyncio.CancelledError:
            raise  # a stop past its deadline: `drain` releases the row
        except Exception as exc:
            if item.attempts >= MAX_ATTEMPTS:
                log.error("inbox row %s failed %s times: given up", item.id, item.attempts)
                await self._safely(self.store.done, item.id, error=type(exc).__name__)
            else:
                log.warning("inbox row %s failed (%s); retried later", item.id, type(exc).__name__)
                await self._safely(
                    self.store.failed, item.id, type(exc).__name__, retry_in=self.retry
                )
            return
        if not await self._safely(self.store.done, item.id):
            self._unrecorded.add(item.id)

    async def _safely(self, fn: Callable[..., object], *args: object, **kwargs: object) -> bool:
        try:
            await self._db(fn, *args, **kwargs)
            return True
        except Exception as exc:
            log.warning("inbox update failed (%s)", type(exc).__name__)
            return False

    async def tick(self) -> int:
        """One round of upkeep; returns how many lapsed rows it took."""
        if self._tasks:
            await self._safely(self.store.renew)
        for entry_id in list(self._unrecorded):
            if await self._safely(self.store.done, entry_id):
                self._unrecorded.discard(entry_id)
        if self.stopping or not self.handlers:
            return 0
        await self.replay_spool()
        items = await self._db(self.store.claim_expired)
        started = 0
        for item in items if isinstance(items, list) else []:
            if self.start(item) is not None:
                started += 1
        if started:
            log.info("inbox: took over %s unfinished message(s)", started)
        return started

    async def replay_spool(self) -> int:
        """Spooled events into the inbox, for any replica's worker to finish."""
        if self.spool is None or not self.spool.has_entries():
            return 0
        entries = self.spool.take()
        if entries:
            await self._db(self.store.write, entries, claim=False)
        self.spool.finished()
        log.info("inbox: replayed %s spooled message(s)", len(entries))
        return len(entries)

    async def run_forever(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            try:
                await self.tick()
            except Exception as exc:
                log.warning("inbox tick failed (%s); retrying", type(exc).__name__)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), self.poll)

    async def drain(self, deadline: float) -> tuple[int, int]:
        """Stop taking rows, let in-flight work finish until `deadline` (monotonic),
        then cancel the rest and release it. Returns (finished, released)."""
        self.stopping = True
        tasks = dict(self._tasks)
        if tasks:
            await asyncio.wait(tasks.values(), timeout=max(0.0, deadline - time.monotonic()))
        left = [entry_id for entry_id, task in tasks.items() if not task.done()]
        await stop_tasks([tasks[entry_id] for entry_id in left], timeout=2)
        released = 0
        if left:
            try:
                released = int(await self._db(self.store.release, left) or 0)  # type: ignore[call-overload]
            except Exception as exc:  # their leases lapse instead
                log.warning("inbox release failed (%s)", type(exc).__name__)
        for entry_id in list(self._unrecorded):
            if await self._safely(self.store.done, entry_id):
                self._unrecorded.discard(entry_id)
        return len(tasks) - len(left), released
