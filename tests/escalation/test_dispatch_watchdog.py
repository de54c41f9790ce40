"""The watchdog says once, at ERROR, that the dispatcher is stuck, and once that it is
moving again; parked sinks are listed with their fix until a delivery succeeds."""

from __future__ import annotations

import asyncio
import logging

import pytest

from bot.escalation.health import DispatchHealth, watch


async def test_the_watchdog_logs_a_stuck_dispatcher_once_and_its_recovery(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.WARNING, logger="bot.escalation.health")
    health = DispatchHealth(stuck_after=0.2)
    stop = asyncio.Event()
    task = asyncio.create_task(watch(health, stop, every=0.05))
    await asyncio.sleep(0.6)  # no beats: stuck, and it stays stuck
    assert health.stuck and "no progress" in health.problems()[0]
    health.beat()
    await asyncio.sleep(0.1)
    stop.set()
    await asyncio.wait_for(task, 1)
    messages = [(r.levelno, r.getMessage()) for r in caplog.records]
    assert [m for m in messages if m[0] == logging.ERROR and "dispatcher stuck" in m[1]] == [
        messages[0]
    ]
    assert sum("progressing again" in m for _, m in messages) == 1


def test_parked_sinks_are_listed_until_unparked() -> None:
    health = DispatchHealth()
    health.park("slack", "chat.postMessage: not_in_channel: invite @policybot to it")
    assert health.problems() == ["slack: chat.postMessage: not_in_channel: invite @policybot to it"]
    health.unpark("slack")
    assert health.problems() == []
