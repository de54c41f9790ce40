"""Group commit for the inbox: many concurrent events, one transaction per batch.

Slack gets its 200 only after the event is durable, so a burst of 200 events must not
queue 200 commits. Callers `put` an entry and wait; one loop takes everything queued,
writes it in one transaction on a worker thread, and answers every caller. While a
batch commits the next one gathers. Each caller waits at most `timeout` seconds: a
database that is down or hung raises `InboxUnavailable` (the adapter then spools the
event), and a hung call is cut (the connection's socket shut, or SQLite interrupted)
so the thread comes back.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
import sqlite3
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from bot.errors import PolicybotError
from bot.escalation.inbox import Inbound, InboxStore
from bot.tasks import stop_tasks

log = logging.getLogger(__name__)

_Pending = tuple[Inbound, bool, "asyncio.Future[int | None]"]


class InboxUnavailable(PolicybotError):
    """The inbox could not take the entry in time (database down, hung or failing).

    `late`: the write still under way after a timeout; it may yet succeed (a slow
    database rather than a dead one), so the caller can act on its outcome.
    """

    def __init__(self, reason: str, late: asyncio.Future[int | None] | None = None) -> None:
        super().__init__(reason)
        self.late = late


class _Breaker:
    """Lets the event loop cut a database call that hangs (no client-side timeout
    exists for a PostgreSQL connection that accepts but never answers)."""

    def __init__(self) -> None:
        self.dbapi: Any = None

    def hook(self, conn: Any) -> None:
        self.dbapi = conn.connection.dbapi_connection

    def cut(self) -> None:
        raw = self.dbapi
        if raw is None:
            return
        with contextlib.suppress(Exception):
            if isinstance(raw, sqlite3.Connection):
                raw.interrupt()
                return
            fd = raw.pgconn.socket
            # shutdown() on a duplicate descriptor ends the shared connection, so the
            # blocked read returns and the driver raises; closing the duplicate is safe.
            dup = socket.socket(fileno=os.dup(fd))
            try:
                dup.shutdown(socket.SHUT_RDWR)
            finally:
                dup.close()


class InboxWriter:
    def __init__(self, store: InboxStore, *, timeout: float = 1.0, max_batch: int = 256) -> None:
        self.store = store
        self.timeout = timeout
        self.max_batch = max_batch
        self._queue: asyncio.Queue[_Pending] | None = None
        self._task: asyncio.Task[None] | None = None
        # A few threads: a cut connection may take a moment to give its thread back.
        self._pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="inbox")
        self._idle = asyncio.Event()
        self._idle.set()
        self._last_put = 0.0

    async def put(self, entry: Inbound, *, claim: bool = True) -> int | None:
        """The new row's id, None when the message is already in the inbox; raises
        `InboxUnavailable` when it cannot be written within `timeout`."""
        if self._task is None or self._queue is None:
            self._queue = asyncio.Queue()
            self._task = asyncio.create_task(self._run(self._queue))
        future: asyncio.Future[int | None] = asyncio.get_running_loop().create_future()
        # Nobody may be waiting when it fails (a timed-out caller): retrieve its error.
        future.add_done_callback(lambda f: f.cancelled() or f.exception())
        self._idle.clear()
        self._last_put = time.monotonic()
        self._queue.put_nowait((entry, claim, future))
        try:
            return await asyncio.wait_for(asyncio.shield(future), self.timeout)
        except TimeoutError:
            # Still written when the database gets to it: the caller decides what then.
            raise InboxUnavailable("the inbox did not answer in time", late=future) from None

    async def wait_idle(self, timeout: float, quiet: float = 0.5) -> None:
        """Until a burst is over: nothing waits to be written and nothing new came for
        `quiet` seconds (or `timeout`). Answers are CPU work that would slow the acks
        still to come (a batch waits for the GIL behind them)."""
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._idle.wait(), left)
            since = time.monotonic() - self._last_put
            if self._idle.is_set() and since >= quiet:
                return
            await asyncio.sleep(max(quiet - since, 0.01))

    async def close(self) -> None:
        if self._task is not None:
            await stop_tasks([self._task], timeout=5)
            self._task = None
        self._pool.shutdown(wait=False, cancel_futures=True)

    async def _run(self, queue: asyncio.Queue[_Pending]) -> None:
        while True:
            batch = [await queue.get()]
            while len(batch) < self.max_batch and not queue.empty():
                batch.append(queue.get_nowait())
            for claim in (True, False):
                group = [p for p in batch if p[1] is claim and not p[2].done()]
                if group:
                    await self._write(group, claim)
            if queue.empty():
                self._idle.set()

    async def _write(self, group: list[_Pending], claim: bool) -> None:
        breaker = _Breaker()
        entries = [entry for entry, _, _ in group]
        loop = asyncio.get_running_loop()
        call = loop.run_in_executor(
            self._pool, lambda: self.store.write(entries, claim=claim, conn_hook=breaker.hook)
        )
        # A cut or late call fails after nobody waits for it: retrieve its error.
        call.add_done_callback(lambda f: f.cancelled() or f.exception())
        started = time.perf_counter()
        try:
            ids = await asyncio.wait_for(asyncio.shield(call), self.timeout * 2)
        except Exception as exc:
            if isinstance(exc, TimeoutError):
                breaker.cut()
            log.warning("inbox write of %s failed: %s", len(group), type(exc).__name__)
            for _, _, future in group:
                if not future.done():
                    future.set_exception(InboxUnavailable(type(exc).__name__))
            return
        took = time.perf_counter() - started
        if took > self.timeout / 2:
            log.warning("inbox write of %s took %.0f ms", len(group), took * 1000)
        for (_, _, future), new_id in zip(group, ids, strict=True):
            if not future.done():
                future.set_result(new_id)
