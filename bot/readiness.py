"""/readyz: answered within a second whatever the database does, with what to fix.

The database ping runs on a thread of its own, one at a time: a hung database makes
the check fail after `deadline` seconds instead of hanging the probe, and repeated
probes wait on the same ping rather than piling up threads. Problems a person must fix
(policybot not in the comms channel, a revoked token, a stuck dispatcher) are listed
in `problems`; a stuck dispatcher also makes the replica not ready.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

DEADLINE = 0.8


class DatabaseProbe:
    def __init__(self, ping: Callable[[], None], *, deadline: float = DEADLINE) -> None:
        self.ping = ping
        self.deadline = deadline
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="readyz-ping")
        self._inflight: asyncio.Future[None] | None = None

    async def ok(self) -> bool:
        if self._inflight is None or self._inflight.done():
            loop = asyncio.get_running_loop()
            self._inflight = loop.run_in_executor(self._pool, self.ping)
        try:
            await asyncio.wait_for(asyncio.shield(self._inflight), self.deadline)
        except Exception:  # slow, refused or broken: not ready, whatever the reason
            return False
        return True

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)


async def readiness(services: Any, probe: DatabaseProbe) -> tuple[int, dict[str, Any]]:
    """The status code and body of /readyz."""
    checks = {"store": not services.core.kb.empty, "database": await probe.ok()}
    health = getattr(services.dispatcher, "health", None)
    problems: list[str] = health.problems() if health is not None else []
    if health is not None:
        checks["dispatcher"] = not health.stuck
    status = 200 if all(checks.values()) else 503
    body = {"ready": status == 200, "checks": checks, "problems": problems}
    return status, body
