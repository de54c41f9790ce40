"""Slackbot's notices in the bot's DM are not questions: no answer, no unanswered entry."""

from __future__ import annotations

import pytest
import slack_fixtures
from slack_helpers import Harness, dm

fake = slack_fixtures.fake
slack_settings = slack_fixtures.slack_settings
slack = slack_fixtures.slack

UNANSWERABLE = "What is on the canteen menu on Friday?"


async def test_a_dm_from_slackbot_is_neither_answered_nor_stored(
    slack: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = slack.services.escalations
    # As `policybot serve` wires it: questions the policy cannot answer go to the report.
    monkeypatch.setattr(slack.services.core.assistant, "on_unanswered", store.add_unanswered)
    # The shape Slack delivers: user USLACKBOT, and no bot_id, subtype or bot_profile.
    notice = dm("You have been removed from #research-news by <@U0ADMIN>", user="USLACKBOT")
    assert "bot_id" not in notice and "subtype" not in notice
    status, _, _ = await slack.event(notice, "EvSlackbot1")
    assert status == 200
    await slack.settle(1.0)
    assert slack.fake.count("chat.postMessage") == 0
    assert store.list_unanswered() == []
    # A person asking the same kind of thing is answered and counted.
    await slack.event(dm(UNANSWERABLE), "EvPerson1")
    await slack.wait("chat.postMessage")
    for _ in range(50):
        if store.list_unanswered():
            break
        await slack.settle(0.1)
    assert [u.question for u in store.list_unanswered()] == [UNANSWERABLE]
