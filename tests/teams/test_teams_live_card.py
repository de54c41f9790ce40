"""The report card stays right: it names each contact's hours as posted, and Teams'
card refresh (an `adaptiveCard/action` invoke each time the reporter views it) gets
the same card built as of that moment, saying which contact to use now."""

from __future__ import annotations

import re
from typing import Any

from conftest import TeamsHarness
from teams_activities import ALICE, OUTSIDER, card_action, personal_conversation, personal_message

from tests.card_parts import teams_action, teams_texts

MEDIA = "A journalist from the Guardian just rang me asking about the cancer study approval"
ALICE_CHAT = personal_conversation(ALICE)
NOW = re.compile(r"\bnow\b", re.I)


async def _report_card(teams: TeamsHarness) -> dict[str, Any]:
    assert (await teams.post(personal_message(teams.service_url, MEDIA))).status == 202
    [reply] = teams.connector.posted_to(ALICE_CHAT["id"])
    [card] = reply.cards()
    return card


def _refresh(teams: TeamsHarness, card: dict[str, Any], user: dict[str, Any]) -> dict[str, Any]:
    action = card["refresh"]["action"]
    activity = card_action(
        teams.service_url, action["verb"], action["data"], conversation=ALICE_CHAT, user=user
    )
    activity["value"]["trigger"] = "automatic"  # Teams' own request, not a click
    return activity


async def test_the_posted_card_names_hours_and_its_refresh_says_now(teams: TeamsHarness) -> None:
    posted = await _report_card(teams)
    assert posted["refresh"]["userIds"] == [ALICE["id"]]
    assert not [t for t in teams_texts(posted) if NOW.search(t)]  # it stays in the chat

    response = await teams.invoke(_refresh(teams, posted, ALICE))
    assert response["type"] == "application/vnd.microsoft.card.adaptive"
    live = response["value"]
    texts = teams_texts(live)
    [current] = [t for t in texts if "**Now (" in t]
    contacts = teams.services.assistant.contacts()
    [in_use] = [c for c in contacts if c.now]
    assert in_use.value in current and f"({in_use.use})" in current
    assert sum(t.count(in_use.value) for t in texts) == 1  # the contact once per card
    # Still the same report: its button, its quote, and it keeps refreshing.
    assert teams_action(live, "alert")["data"] == teams_action(posted, "alert")["data"]
    assert live["refresh"] == posted["refresh"]
    assert [b for b in live["body"] if b.get("type") == "Container"]  # the quote


async def test_only_the_reporter_gets_the_live_card(teams: TeamsHarness) -> None:
    posted = await _report_card(teams)
    response = await teams.invoke(_refresh(teams, posted, OUTSIDER))
    assert response["type"] == "application/vnd.microsoft.activity.message"
    assert "journalist" not in str(response) and "Now (" not in str(response)
