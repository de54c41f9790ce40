"""The one-tap report action under answers about reporting, through the real Agents SDK."""

from __future__ import annotations

from conftest import TeamsHarness
from teams_activities import (
    ALICE,
    card_action,
    personal_conversation,
    personal_message,
    team_install,
)

ALICE_CHAT = personal_conversation(ALICE)
QUESTION = "How do I report online harassment I'm getting on Twitter because of my job?"


async def test_an_answer_on_reporting_shows_the_form_and_sends_it(teams: TeamsHarness) -> None:
    assert (await teams.post(team_install(teams.service_url))).status == 202
    assert (await teams.post(personal_message(teams.service_url, QUESTION))).status == 202
    [reply] = teams.connector.posted_to(ALICE_CHAT["id"])
    [card] = reply.cards()
    [show] = [a for a in card["actions"] if a["type"] == "Action.ShowCard"]
    assert show["title"].endswith("Report it")
    form = show["card"]
    assert any(item.get("id") == "details" for item in form["body"])
    [send] = form["actions"]
    assert teams.store.list() == []  # asking how to report is not a report

    click = card_action(
        teams.service_url,
        "report",
        send["data"] | {"details": "Someone keeps replying to my posts saying they know my street"},
        conversation=ALICE_CHAT,
        user=ALICE,
    )
    response = await teams.invoke(click)
    [row] = teams.store.list()
    assert row.kind == send["data"]["kind"] and f"report #{row.id}" in str(response["value"])
    assert (await teams.dispatcher.run_once()).delivered == 1
