"""A DM that is both a safeguarding report and the sender's own post, through the real
bolt app: the comms channel is alerted, the reporter gets the report's reply, and then
the check of their post as a second private message."""

from __future__ import annotations

import slack_fixtures
from slack_helpers import COMMS, Harness, dm, texts_of

fake = slack_fixtures.fake
slack_settings = slack_fixtures.slack_settings
slack = slack_fixtures.slack

REPLY_TO_A_TEEN = (
    "reply for the work insta to a teen who commented: "
    '"thanks for getting involved! can u DM us ur email and school so we can add you?"'
)


async def test_the_report_is_alerted_and_the_post_checked_after_it(slack: Harness) -> None:
    event = dm(REPLY_TO_A_TEEN)
    status, _, _ = await slack.event(event, "EvBeside1")
    assert status == 200
    posts = await slack.wait("chat.postMessage", 3)
    await slack.settle(0.5)
    posts = slack.fake.of("chat.postMessage")
    [alert] = [p for p in posts if p["channel"] == COMMS]
    assert "Safeguarding" in texts_of(alert["blocks"])
    report, check = [p for p in posts if p["channel"] == event["channel"]]
    assert "Do not post" not in texts_of(report["blocks"])  # the report's card stays its own
    shown = texts_of(check["blocks"])
    assert "Do not post" in shown and "§3.2" in shown
    assert "Do not post" in check["text"]  # the notification line says it too
    assert slack.services.escalations.count() == 1  # one report, whatever else is sent
