"""The comms team's safety net on /metrics: undelivered, failing and parked alerts, and
the age of the oldest, as Prometheus would scrape them."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from conftest import message
from sqlalchemy import update

from bot.escalation.db import make_engine
from bot.escalation.dispatcher import Dispatcher
from bot.escalation.models import Delivery
from bot.escalation.outbox import EscalationStore
from bot.escalation.sink import SinkError
from bot.escalation.view import EscalationView
from bot.metrics import Metrics
from bot.settings import Settings


class Switchable:
    name = "slack"

    def __init__(self) -> None:
        self.error: Exception | None = ConnectionError("down")

    async def send(self, escalation: EscalationView, reminder: bool = False) -> str:
        if self.error:
            raise self.error
        return f"ts-{escalation.id}"


@pytest.fixture
def live(db_url: str) -> Iterator[EscalationStore]:
    engine = make_engine(db_url)
    yield EscalationStore(engine)
    engine.dispose()


def make_due(store: EscalationStore) -> None:
    with store.session() as s, s.begin():
        s.execute(update(Delivery).values(next_attempt_at=datetime.now(UTC) - timedelta(seconds=1)))


def gauge(metrics: Metrics, name: str, sink: str | None = None) -> float | None:
    labels = {"sink": sink} if sink else {}
    return metrics.registry.get_sample_value(name, labels)


async def test_undelivered_failing_parked_and_oldest(
    live: EscalationStore, settings: Settings
) -> None:
    metrics = Metrics()
    collector = metrics.watch_store(live.engine, sinks=lambda: ["slack"])
    # The figures are under test, not the scrape's 0.5 s patience on a busy machine.
    collector.sampler.wait = 10.0
    raised = datetime.now(UTC) - timedelta(minutes=7)
    live.record(message(1, received_at=raised), "safeguarding", business_hours=False)
    live.record(message(2), "media", business_hours=True)
    sink = Switchable()
    dispatcher = Dispatcher(live, [sink], settings, rng=random.Random(1))
    await dispatcher.run_once()
    assert gauge(metrics, "policybot_deliveries_undelivered", "slack") == 2
    assert gauge(metrics, "policybot_deliveries_failing", "slack") == 2
    assert gauge(metrics, "policybot_deliveries_parked", "slack") == 0
    oldest = gauge(metrics, "policybot_delivery_oldest_undelivered_seconds")
    assert oldest is not None and 7 * 60 - 5 <= oldest <= 7 * 60 + 60

    sink.error = SinkError("not_in_channel: invite @policybot", permanent=True)
    live.record(message(3), "media", business_hours=True)
    await dispatcher.run_once()
    assert gauge(metrics, "policybot_deliveries_parked", "slack") == 1

    sink.error = None
    make_due(live)  # as if the backoff (and the park) had run out
    assert (await dispatcher.run_once()).delivered == 3
    assert gauge(metrics, "policybot_deliveries_undelivered", "slack") == 0
    assert gauge(metrics, "policybot_delivery_oldest_undelivered_seconds") == 0
    assert gauge(metrics, "policybot_store_up") == 1
