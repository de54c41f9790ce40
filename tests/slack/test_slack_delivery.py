"""Through the real server: an alert Slack refuses for a reason only a person can fix is
kept, /readyz says what to do, and once fixed it is delivered, once."""

from __future__ import annotations

import asyncio
import time

import slack_fixtures
from slack_helpers import COMMS, Harness, dm

fake = slack_fixtures.fake
slack_settings = slack_fixtures.slack_settings
slack = slack_fixtures.slack

CONCERN = "A young person in our online panel told me an adult has been asking to meet them alone"


async def readyz(slack: Harness) -> tuple[int, dict]:  # type: ignore[type-arg]
    response = await slack.client.get("/readyz")
    return response.status, await response.json()


async def readyz_with_problem(slack: Harness, timeout: float = 20.0) -> tuple[int, dict]:  # type: ignore[type-arg]
    """/readyz once it lists a problem: Slack's error answer reaches the fake before the
    dispatcher has read it and parked the alert."""
    deadline = time.monotonic() + timeout
    status, body = await readyz(slack)
    while not body.get("problems") and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
        status, body = await readyz(slack)
    return status, body


async def test_not_in_channel_is_kept_shown_on_readyz_and_delivered_once_fixed(
    slack: Harness,
) -> None:
    slack.fake.channel_errors[COMMS] = "not_in_channel"
    await slack.event(dm(CONCERN), "EvPark1")
    await slack.wait("chat.postMessage#not_in_channel")
    status, body = await readyz_with_problem(slack)
    # Still ready (staff are still answered), but the fix is spelt out.
    assert status == 200, body
    [problem] = body["problems"]
    assert "not_in_channel" in problem and "invite @policybot" in problem and COMMS in problem
    assert slack.fake.alert_posts(COMMS) == []

    del slack.fake.channel_errors[COMMS]  # someone typed /invite @policybot
    await slack.event(dm(CONCERN + " again, another one", ts=f"{time.time() + 1:.6f}"), "EvPark2")
    deadline = time.monotonic() + 20
    while sorted(slack.fake.alert_posts(COMMS)) != [1, 2]:
        assert time.monotonic() < deadline, slack.fake.alert_posts(COMMS)
        await asyncio.sleep(0.05)
    # Cleared once the dispatcher has read Slack's answer, which follows the post.
    while (await readyz(slack))[1]["problems"]:
        assert time.monotonic() < deadline, "the problem stayed on /readyz"
        await asyncio.sleep(0.05)
