"""Stopping background tasks without ever waiting forever.

`task.cancel(); await task` can hang: on Python 3.11 `asyncio.wait_for` may swallow a
cancellation that lands as its inner call finishes (CPython gh-86296), and a thread
started by `asyncio.to_thread` cannot be interrupted at all. Every stop here is
therefore bounded: ask, wait up to a timeout, and move on.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Iterable

log = logging.getLogger(__name__)


async def stop_tasks(tasks: Iterable[asyncio.Task[object]], timeout: float) -> int:
    """Cancel `tasks` and wait up to `timeout` s for them to end; how many did not."""
    pending = [t for t in tasks if not t.done()]
    for task in pending:
        task.cancel()
    if pending:
        await asyncio.wait(pending, timeout=timeout)
    left = [t for t in pending if not t.done()]
    for task in pending:
        if task.done() and not task.cancelled():
            # Retrieve the outcome so an exception is not reported as never retrieved.
            with contextlib.suppress(Exception):
                task.result()
    if left:
        log.warning("%d background task(s) did not stop within %.1f s", len(left), timeout)
    return len(left)


async def wait_set(event: asyncio.Event, timeout: float) -> bool:
    """True once `event` is set, False after `timeout` s."""
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(event.wait(), timeout)
    return event.is_set()
