"""Never silent, never leaky: failures still answer with the comms contact, logs hold ids
only, and the start-up check warns about a comms channel that is not private."""

from __future__ import annotations

import asyncio
import json
import logging
import re
import time
from types import SimpleNamespace
from typing import Any

import pytest
import slack_fixtures
from fake_slack import FakeSlack
from slack_helpers import COMMS, REPORTER, Harness, dm, media_form
from slack_sdk.web.async_client import AsyncWebClient

from bot.slack.app import check_comms_channel

fake = slack_fixtures.fake
slack_settings = slack_fixtures.slack_settings
slack = slack_fixtures.slack

CONCERN = "A young person in our online panel told me an adult has been asking to meet them alone"
SECRET_WORDS = "my neighbour's child Jamie posted their address"


class BrokenAssistant:
    """The real assistant's contacts and clock, but every answer fails."""

    def __init__(self, real: Any) -> None:
        self.real = real
        self.clock = real.clock

    def contacts(self) -> Any:
        return self.real.contacts()

    def handle(self, message: Any) -> Any:
        raise ValueError(f"could not parse {message.text}")


@pytest.fixture
def broken(slack: Harness) -> Harness:
    core = slack.services.core
    slack.services.core = SimpleNamespace(assistant=BrokenAssistant(core.assistant), kb=core.kb)
    return slack


async def test_a_failure_still_gets_a_reply_with_the_comms_contact(
    broken: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="policybot")
    caplog.set_level(logging.INFO)
    event = dm(SECRET_WORDS)
    status, _, _ = await broken.event(event, "EvBroken")
    assert status == 200
    [reply] = await broken.wait("chat.postMessage")
    assert reply["thread_ts"] == event["ts"]
    assert "communications@hra.nhs.uk" in reply["text"]
    ref = re.search(r"ref ([0-9a-f]{12})", reply["text"])
    assert ref is not None
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors and getattr(errors[0], "request_id", None) == ref.group(1)
    loud = [r.getMessage() for r in caplog.records if r.levelno >= logging.INFO]
    assert not [m for m in loud if "Jamie" in m]  # never the words at INFO or above


async def test_a_failing_slash_command_answers_ephemerally(broken: Harness) -> None:
    await broken.form(
        {
            "command": "/policy",
            "text": SECRET_WORDS,
            "user_id": REPORTER,
            "channel_id": "C0GENERAL",
            "trigger_id": "1.2.3",
            "response_url": broken.fake.response_url("cmd"),
        }
    )
    [reply] = await broken.wait("response_url")
    assert reply["response_type"] == "ephemeral" and "Sorry" in reply["text"]
    assert "Jamie" not in reply["text"]


async def test_refused_requests_do_not_log_their_body(
    slack: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    import json

    from slack_helpers import event_body

    body = json.dumps(event_body(dm(SECRET_WORDS), "EvUnsigned"))
    status, _, _ = await slack.post_raw(body, {}, "application/json")
    assert status == 401
    assert not [r for r in caplog.records if "Jamie" in r.getMessage()]


async def test_startup_warns_when_the_comms_channel_is_not_private(fake: FakeSlack) -> None:
    client = AsyncWebClient(token="xoxb-test", base_url=fake.api_url)
    assert await check_comms_channel(client, "GCOMMS") == []
    fake.channel_private = False
    [warning] = await check_comms_channel(client, "GCOMMS")
    assert "not private" in warning
    assert "not set" in (await check_comms_channel(client, None))[0]
    fake.fail["conversations.info"] = "missing_scope"
    assert "missing_scope" in (await check_comms_channel(client, "GCOMMS"))[0]


async def test_a_form_that_cannot_be_saved_stays_open_with_the_contact(
    slack: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    def down(*_args: Any, **_kwargs: Any) -> Any:
        raise ConnectionError("database unreachable")

    monkeypatch.setattr(slack.services.escalations, "record", down)
    status, body, elapsed = await slack.interaction(media_form())
    assert status == 200 and elapsed < 3
    answer = json.loads(body)
    assert answer["response_action"] == "errors"
    assert "communications@hra.nhs.uk" in answer["errors"]["outlet"]


async def test_a_report_reaches_the_comms_channel_when_its_reply_breaks(
    slack: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any, **kwargs: Any) -> None:
        raise ValueError("no rule")

    monkeypatch.setattr(slack.services.core.assistant.report_rules, "rule", broken)
    await slack.event(dm(CONCERN), "EvRuleBroken")
    await slack.wait("chat.postMessage")
    deadline = time.monotonic() + 20
    while not slack.fake.alert_posts(COMMS):
        assert time.monotonic() < deadline, "the report never reached the comms channel"
        await asyncio.sleep(0.05)
    assert len(slack.fake.alert_posts(COMMS)) == 1
