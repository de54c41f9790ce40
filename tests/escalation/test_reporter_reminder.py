"""A held report its reporter has not sent after 15 minutes: one reminder, in a DM, with
the same "Alert the comms team now" button; none once it is sent; never two."""

from __future__ import annotations

import random
from collections.abc import Iterator

import pytest
from conftest import FakeClock, message
from slack_faults import COMMS

from bot.escalation.dispatcher import Dispatcher
from bot.escalation.outbox import EscalationStore
from bot.settings import Settings
from bot.slack.sink import SlackSink, sink_client

from fake_slack import FakeSlack  # isort: skip  (on sys.path through slack_faults)

REPORTER = "U123"


@pytest.fixture
def fake() -> Iterator[FakeSlack]:
    server = FakeSlack().start()
    yield server
    server.stop()


@pytest.fixture
def dispatcher(store: EscalationStore, settings: Settings, fake: FakeSlack) -> Dispatcher:
    slack_settings = Settings(
        **{**settings.model_dump(), "slack_bot_token": "xoxb-test", "slack_api_url": fake.api_url}
    )
    sink = SlackSink(client=sink_client(slack_settings), channel=COMMS, timezone="Europe/London")
    return Dispatcher(store, [sink], slack_settings, rng=random.Random(3))


def dms(fake: FakeSlack) -> list[dict]:  # type: ignore[type-arg]
    return fake.posts_in(REPORTER)


async def test_one_reminder_after_15_minutes_with_the_send_button(
    store: EscalationStore, dispatcher: Dispatcher, fake: FakeSlack, clock: FakeClock
) -> None:
    held, _ = store.record(message(1), "media", business_hours=True, held=True)
    clock.advance(minutes=14)
    await dispatcher.run_once()
    assert dms(fake) == []
    clock.advance(minutes=2)
    assert (await dispatcher.run_once()).delivered == 1
    [dm] = dms(fake)
    assert f"#{held.id}" in dm["text"] and "not been sent" in dm["text"]
    [button] = [b["accessory"] for b in dm["blocks"] if "accessory" in b]
    assert button["action_id"] == "alert_comms" and button["value"] == str(held.id)
    assert "Times" not in str(dm)  # the reminder never repeats the words
    clock.advance(hours=3)
    await dispatcher.run_once()
    assert len(dms(fake)) == 1  # one reminder, ever
    assert fake.alert_posts(COMMS) == []  # still held: the comms team hears nothing


async def test_no_reminder_once_the_report_is_sent(
    store: EscalationStore, dispatcher: Dispatcher, fake: FakeSlack, clock: FakeClock
) -> None:
    held, _ = store.record(message(2), "harassment", business_hours=True, held=True)
    clock.advance(minutes=5)
    await dispatcher.run_once()
    store.release(held.id)
    clock.advance(minutes=20)
    await dispatcher.run_once()
    assert dms(fake) == []
    assert fake.alert_posts(COMMS) == [held.id]


async def test_a_reminder_due_but_undelivered_is_cancelled_by_sending_the_report(
    store: EscalationStore, dispatcher: Dispatcher, fake: FakeSlack, clock: FakeClock
) -> None:
    from fake_slack_script import Status

    held, _ = store.record(message(3), "media", business_hours=True, held=True)
    clock.advance(minutes=16)
    fake.script("chat.postMessage", Status(503, error="service_unavailable"))
    assert (await dispatcher.run_once()).failed == 1
    store.release(held.id)
    clock.advance(minutes=5)
    await dispatcher.run_once()
    assert dms(fake) == []
    view = store.get(held.id)
    assert view is not None
    [nudge] = [d for d in view.deliveries if d.purpose == "reporter_reminder"]
    assert nudge.cancelled_at is not None
