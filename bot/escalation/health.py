"""How the dispatcher is doing, for /readyz, /metrics and the logs.

The dispatcher beats on every pass and every lease renewal; a watchdog task notices
when the beats stop (a call hung on the database or a sink) and says so once. A sink
that refused for a reason only a person can fix (the bot is not in the comms channel,
a revoked token) is remembered here with that reason until a delivery to it succeeds.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
import time
from dataclasses import dataclass, field

log = logging.getLogger(__name__)


@dataclass
class DispatchHealth:
    stuck_after: float = 60.0
    last_beat: float = field(default_factory=time.monotonic)
    parked: dict[str, str] = field(default_factory=dict)  # sink -> what to do
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def beat(self) -> None:
        self.last_beat = time.monotonic()

    def silent_for(self) -> float:
        return time.monotonic() - self.last_beat

    @property
    def stuck(self) -> bool:
        return self.silent_for() > self.stuck_after

    def park(self, sink: str, reason: str) -> None:
        with self._lock:
            self.parked[sink] = reason

    def unpark(self, sink: str) -> None:
        with self._lock:
            self.parked.pop(sink, None)

    def problems(self) -> list[str]:
        """What a person should know, in words they can act on."""
        with self._lock:
            found = [f"{sink}: {reason}" for sink, reason in sorted(self.parked.items())]
        if self.stuck:
            found.append(f"dispatcher: no progress for {self.silent_for():.0f} s")
        return found


async def watch(health: DispatchHealth, stop: asyncio.Event, *, every: float = 1.0) -> None:
    """Log once when the dispatcher stops making progress, and once when it recovers."""
    reported = False
    while not stop.is_set():
        if health.stuck and not reported:
            log.error(
                "dispatcher stuck: no progress for %.0f s (database or sink hung?)",
                health.silent_for(),
            )
            reported = True
        elif reported and not health.stuck:
            log.warning("dispatcher progressing again")
            reported = False
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=every)
