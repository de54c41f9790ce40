"""The one-tap report action under answers about reporting, through the real bolt app."""

from __future__ import annotations

import slack_fixtures
from slack_helpers import REPORTER, Harness, block_action, dm, texts_of

fake = slack_fixtures.fake
slack_settings = slack_fixtures.slack_settings
slack = slack_fixtures.slack

QUESTION = "What should I do if a journalist contacts me about a study we approved?"


async def test_an_answer_on_media_rules_offers_report_it_now_and_it_opens_the_form(
    slack: Harness,
) -> None:
    await slack.event(dm(QUESTION), "EvAction1")
    [post] = await slack.wait("chat.postMessage")
    [offer] = [b for b in post["blocks"] if b.get("block_id") == "report_action"]
    assert offer["accessory"]["action_id"] == "report_open_media"
    shown = offer["text"]["text"]
    assert "comms team" in shown  # and the contacts, once: beside the button or above it
    everything = texts_of(post["blocks"])
    assert everything.count("07968 149916") == 1 or everything.count("communications@hra") == 1
    assert slack.services.escalations.list() == []  # a question is not a report

    press = block_action(
        "report_open_media", "media", user=REPORTER, channel="D0REPORTER", message=post
    )
    status, _, _ = await slack.interaction(press)
    assert status == 200
    [opened] = await slack.wait("views.open")
    assert opened["trigger_id"] == press["trigger_id"]
    assert "media" in str(opened["view"]).lower()


async def test_an_answer_about_something_else_carries_no_report_action(slack: Harness) -> None:
    await slack.event(dm("Can I use the HRA logo on my personal blog?"), "EvAction2")
    [post] = await slack.wait("chat.postMessage")
    assert not [b for b in post["blocks"] if b.get("block_id") == "report_action"]
