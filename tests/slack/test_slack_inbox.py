"""DMs and mentions through the inbox: durable before the ack, one report per message
whatever Slack re-sends (edits included), no waiting on users.info, and 4xx (never
500) for bodies that are not Slack's."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from typing import Any

import pytest
import slack_fixtures
from fake_slack_faults import SlowFakeSlack
from slack_helpers import COMMS, REPORTER, Harness, dm, event_body, now_ts, signed_headers
from sqlalchemy import select

from bot.escalation.inbox import InboxItem
from bot.escalation.models import InboxEntry
from bot.slack import inbound

slack_settings = slack_fixtures.slack_settings
slack = slack_fixtures.slack

MEDIA_WORDS = "A reporter from the Daily Mail has just emailed me asking about a study we approved"
SAFEGUARDING = "A child in the PPI group chat said their stepdad hits them"


@pytest.fixture
def fake() -> Iterator[SlowFakeSlack]:
    server = SlowFakeSlack()
    server.start()
    yield server
    server.stop()


def mention(text: str, ts: str, **extra: Any) -> dict[str, Any]:
    return {
        "type": "app_mention",
        "channel": "C0GENERAL",
        "user": REPORTER,
        "text": f"<@UBOT> {text}",
        "ts": ts,
        "event_ts": ts,
        **extra,
    }


def inbox_rows(slack: Harness) -> list[InboxEntry]:
    with slack.services.escalations.session() as s:
        return list(s.scalars(select(InboxEntry)))


async def test_the_message_is_in_the_inbox_when_slack_gets_its_200(slack: Harness) -> None:
    event = dm(MEDIA_WORDS)
    status, _, _ = await slack.event(event, "EvInbox1")
    assert status == 200
    # Checked straight after the response, before the answer has been posted.
    [row] = inbox_rows(slack)
    assert row.platform == "slack" and row.message_key == f"T0HRA:D0REPORTER:{event['ts']}"
    await slack.wait("chat.postMessage")
    await slack.settle()
    [row] = inbox_rows(slack)
    assert row.done_at is not None and row.payload == "{}"  # finished rows keep no words


async def test_an_edited_mention_is_not_a_second_report(slack: Harness) -> None:
    ts = now_ts()
    await slack.event(mention(MEDIA_WORDS, ts), "EvEdit1")
    await slack.wait("chat.postEphemeral")
    # Editing re-delivers app_mention with `edited` and a new event id (PLATFORM-NOTES).
    edited = mention(
        MEDIA_WORDS + " (the Times, not the Mail)", ts, edited={"user": REPORTER, "ts": now_ts()}
    )
    status, _, _ = await slack.event(edited, "EvEdit2")
    assert status == 200
    await slack.settle(1.0)
    assert slack.fake.count("chat.postEphemeral") == 1
    assert slack.services.escalations.count() == 1


async def test_an_edited_dm_is_not_a_second_report(slack: Harness) -> None:
    event = dm(SAFEGUARDING)
    await slack.event(event, "EvEditDm1")
    await slack.wait("chat.postMessage", 2)  # the reply and the comms alert
    changed = {
        "type": "message",
        "subtype": "message_changed",
        "channel": event["channel"],
        "channel_type": "im",
        "ts": now_ts(),
        "message": {
            **event,
            "text": SAFEGUARDING + " and he took her phone",
            "edited": {"user": REPORTER, "ts": now_ts()},
        },
        "previous_message": event,
    }
    await slack.event(changed, "EvEditDm2")
    await slack.settle(1.0)
    posts = slack.fake.of("chat.postMessage")
    assert len([p for p in posts if p["channel"] == COMMS]) == 1
    assert len([p for p in posts if p["channel"] == event["channel"]]) == 1
    assert slack.services.escalations.count() == 1


async def test_a_slow_users_info_does_not_hold_the_report(slack: Harness) -> None:
    slack.fake.delays["users.info"] = 10.0
    start = time.monotonic()
    status, _, ack = await slack.event(dm(SAFEGUARDING), "EvSlowName")
    assert status == 200 and ack < 1.0
    posts = await slack.wait("chat.postMessage", 2, timeout=8)
    assert time.monotonic() - start < 6.0  # not the 10 s users.info takes
    assert {p["channel"] for p in posts} == {"D0REPORTER", COMMS}
    [report] = slack.services.escalations.list()
    assert report.kind == "safeguarding"


@pytest.mark.parametrize(
    ("body", "stamp", "expected"),
    [
        ('{"type": "event_callback", "event": {', None, 400),  # cut-off JSON
        ("payload=%7Bnot-json", None, 400),  # an interaction whose payload is not JSON
        ('{"type": "event_callback"}', "yesterday", 401),  # non-numeric timestamp
        ('{"type": "event_callback"}', "", 401),
    ],
)
async def test_bad_bodies_get_4xx_without_error_logs(
    slack: Harness, caplog: pytest.LogCaptureFixture, body: str, stamp: str | None, expected: int
) -> None:
    caplog.set_level(logging.INFO)
    headers = signed_headers(body)
    if stamp is not None:
        headers["X-Slack-Request-Timestamp"] = stamp
    ctype = (
        "application/x-www-form-urlencoded" if body.startswith("payload=") else "application/json"
    )
    status, _, _ = await slack.post_raw(body, headers, ctype)
    assert status == expected
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert slack.services.escalations.count() == 0


async def test_a_retry_after_the_ack_is_one_answer(slack: Harness) -> None:
    event = dm(MEDIA_WORDS)  # the same message, delivered three times
    for retry in (None, 1, 2):
        await slack.event(event, "EvRetry9", retry=retry)
    await slack.wait("chat.postMessage")
    await slack.settle(0.5)
    assert slack.fake.count("chat.postMessage") == 1
    assert len(inbox_rows(slack)) == 1


async def test_a_takeover_does_not_answer_a_dm_twice(slack: Harness) -> None:
    """A replica died after answering and before marking the row done: the one that
    takes it over finds the reply (by its metadata) in the thread and stays quiet."""
    event = dm(SAFEGUARDING)
    entry = inbound.inbound_of(event_body(event, "EvTakeover"), "UBOT")
    assert entry is not None
    handle = slack.services.intake.worker.handlers["slack"]  # registered by mount
    item = InboxItem(1, entry.platform, entry.message_key, entry.payload, attempts=2)
    await handle(item)  # the first replica (its row was taken over once)
    await handle(item)  # the replica that took it over after a crash
    replies = [p for p in slack.fake.of("chat.postMessage") if p["channel"] == "D0REPORTER"]
    assert len(replies) == 1
    assert replies[0]["metadata"]["event_payload"]["inbox"] == entry.message_key
    assert slack.fake.count("conversations.replies") == 2
    assert slack.services.escalations.count() == 1
