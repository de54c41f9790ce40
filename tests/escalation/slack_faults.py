"""Helpers for the outbound fault tests: the fake Slack from tests/slack, a dispatcher
with the production Slack sink pointed at it, and bounded waits on real time."""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

SLACK_TESTS = Path(__file__).resolve().parents[1] / "slack"
if str(SLACK_TESTS) not in sys.path:
    sys.path.insert(0, str(SLACK_TESTS))

from fake_slack import FakeSlack  # noqa: E402

from bot.core.models import Message  # noqa: E402
from bot.escalation.dispatcher import Dispatcher  # noqa: E402
from bot.escalation.outbox import EscalationStore  # noqa: E402
from bot.settings import Settings  # noqa: E402
from bot.slack.sink import slack_sink  # noqa: E402

COMMS = "GCOMMS"


def fault_settings(fake: FakeSlack, tmp: Path, **overrides: Any) -> Settings:
    """Production settings scaled down: a 2 s Slack timeout, a 3 s lease."""
    values: dict[str, Any] = {
        "data_dir": tmp,
        "slack_bot_token": "xoxb-test",
        "slack_api_url": fake.api_url,
        "slack_comms_channel": COMMS,
        "slack_timeout_seconds": 2.0,
        "delivery_lease_seconds": 3.0,
        "dispatch_interval_seconds": 0.1,
        "reminder_minutes": 600,
        "held_reminder_minutes": 600,
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)


def slack_dispatcher(store: EscalationStore, settings: Settings, **kw: Any) -> Dispatcher:
    sink = slack_sink(settings)
    assert sink is not None
    return Dispatcher(store, [sink], settings, base_backoff_seconds=0.5, **kw)


def report(store: EscalationStore, n: int, kind: str = "safeguarding") -> int:
    message = Message(
        text=f"a child posted their home address on our page ({n})",
        platform="slack",
        user_id="U123",
        channel_id="D1",
        event_id=f"EvFault{n}",
    )
    view, _ = store.record(message, kind, business_hours=False)  # type: ignore[arg-type]
    return view.id


def delivered(store: EscalationStore, sink: str = "slack", purpose: str = "alert") -> set[int]:
    """Escalation ids whose delivery to `sink` is recorded as done."""
    from sqlalchemy import select

    from bot.escalation.models import Delivery

    with store.session() as s:
        rows = s.scalars(
            select(Delivery.escalation_id).where(
                Delivery.delivered_at.is_not(None),
                Delivery.sink == sink,
                Delivery.purpose == purpose,
            )
        ).all()
    return {int(e) for e in rows}


async def run_until(dispatcher: Dispatcher, done: Callable[[], bool], *, timeout: float) -> float:
    """Run the dispatcher until `done()`; the seconds it took. Fails after `timeout`."""
    start = time.monotonic()
    stop = asyncio.Event()
    task = asyncio.create_task(dispatcher.run_forever(stop))
    try:
        while not done():
            if time.monotonic() - start > timeout:
                raise AssertionError(f"not done after {timeout} s")
            await asyncio.sleep(0.05)
        return time.monotonic() - start
    finally:
        stop.set()
        await asyncio.wait_for(task, timeout=15)
