"""Start and stop `policybot serve`: the inbox worker's life, and a graceful SIGTERM.

On SIGTERM (a rolling deploy) the replica at once answers /readyz with 503 and takes
no new work: DMs and mentions still go into the inbox, but unclaimed, for the other
replicas. Work already started finishes until `shutdown_deadline_seconds`; what is
left is released for another replica, and the process exits 0. The default deadline
leaves room inside Kubernetes' 30 s grace period for the HTTP server's own shutdown.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import signal
import time
from collections.abc import AsyncIterator, Callable
from typing import TYPE_CHECKING

from aiohttp import web

if TYPE_CHECKING:
    from .services import Services

log = logging.getLogger(__name__)


def intake_context(services: Services) -> Callable[[web.Application], AsyncIterator[None]]:
    async def context(_app: web.Application) -> AsyncIterator[None]:
        intake = services.ensure_intake()
        stop = asyncio.Event()
        task = asyncio.create_task(intake.worker.run_forever(stop))
        yield
        stop.set()
        with contextlib.suppress(asyncio.CancelledError, TimeoutError):
            await asyncio.wait_for(task, timeout=5)
        if not intake.worker.stopping:  # stopped without drain (tests): release quickly
            await intake.worker.drain(time.monotonic() + 1.0)
        await intake.close()

    return context


async def drain(services: Services, deadline_seconds: float) -> None:
    """Stop taking work and let in-flight work finish, up to the deadline."""
    start = time.monotonic()
    finished, released = await services.ensure_intake().worker.drain(start + deadline_seconds)
    log.info(
        "stopping: %s message(s) finished, %s left for another replica (%.1f s)",
        finished,
        released,
        time.monotonic() - start,
    )


async def run_until_stopped(
    app: web.Application, services: Services, *, host: str, port: int
) -> None:
    # The model, the store and the SDKs are a few million long-lived objects: frozen,
    # the collector stops walking them, and a full collection no longer stalls a burst
    # of acks for hundreds of milliseconds.
    gc.collect()
    gc.freeze()
    runner = web.AppRunner(app, handle_signals=False, shutdown_timeout=5)
    await runner.setup()
    site = web.TCPSite(runner, host, port)
    await site.start()
    log.info("policybot serve listening on %s:%s", host, port)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    try:
        await stop.wait()
        log.info("stopping: /readyz now 503, no new work taken")
        await drain(services, services.settings.shutdown_deadline_seconds)
    finally:
        await runner.cleanup()
        log.info("stopped")
