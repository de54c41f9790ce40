"""Questions, mentions and drafts through the real Agents SDK hosting and a fake connector."""

from __future__ import annotations

import json

from conftest import TeamsHarness
from teams_activities import (
    ALICE,
    BOT_ID,
    OTHER_TEAM,
    card_action,
    channel_mention,
    personal_conversation,
    personal_install,
    personal_message,
)

from tests.card_parts import teams_nodes

QUESTION = "Can I say that I work for the HRA in my social media profile?"
DRAFT = (
    'Can I post this? "Great REC meeting today reviewing the new cancer study - patient '
    'John Brown (NHS number 943 476 5919) was so brave!"'
)


def _actions(card: dict) -> list[dict]:
    return card.get("actions", [])


async def test_personal_question_gets_a_cited_card(teams: TeamsHarness) -> None:
    activity = personal_message(teams.service_url, QUESTION)
    response = await teams.post(activity)
    assert response.status == 202
    [reply] = teams.connector.posted_to(activity["conversation"]["id"])
    # A reply to the person's message, in their chat, from the bot, with no token (anonymous).
    assert reply.route == "reply" and reply.activity_id == activity["id"]
    assert reply.body["from"]["id"] == BOT_ID and reply.authorization is None
    [card] = reply.cards()
    assert card["type"] == "AdaptiveCard" and card["version"] == "1.5"
    text = json.dumps(card, ensure_ascii=False)
    assert "— §3.1 Participating in online activities" in text  # the one quote, attributed
    assert {a["verb"] for a in _actions(card)} == {"feedback"}
    assert reply.body["summary"]


async def test_channel_mention_is_answered_in_its_thread(teams: TeamsHarness) -> None:
    activity = channel_mention(
        teams.service_url, "what is the out of hours number for comms?", root="1700000000001"
    )
    assert (await teams.post(activity)).status == 202
    [reply] = teams.connector.posted_to(activity["conversation"]["id"])
    assert reply.activity_id == activity["id"]
    assert "07968 149916" in reply.text()
    # The mention was stripped before the core saw the question.
    [helpful, _] = [a for a in _actions(reply.cards()[0]) if a.get("verb") == "feedback"]
    assert helpful["data"]["question"] == "what is the out of hours number for comms?"


async def test_channel_message_without_mention_is_ignored(teams: TeamsHarness) -> None:
    activity = channel_mention(teams.service_url, "lunch anyone?")
    activity["entities"] = []
    activity["text"] = "lunch anyone?"
    assert (await teams.post(activity)).status == 202
    assert teams.connector.calls == []


async def test_draft_gets_a_verdict_card(teams: TeamsHarness) -> None:
    activity = personal_message(teams.service_url, DRAFT)
    assert (await teams.post(activity)).status == 202
    [reply] = teams.connector.posted_to(activity["conversation"]["id"])
    [card] = reply.cards()
    verdict = card["body"][0]
    # The verdict in words and emoji on a tinted container; the text keeps its contrast.
    assert "⛔ Do not post" in verdict["items"][0]["text"] and verdict["style"] == "attention"
    assert "color" not in verdict["items"][0]
    assert "§3.1" in json.dumps(card, ensure_ascii=False)


async def test_draft_form_checks_the_pasted_post(teams: TeamsHarness) -> None:
    ask = personal_message(teams.service_url, "Can I post this?")
    await teams.post(ask)
    [form] = teams.connector.posted_to(ask["conversation"]["id"])
    [card] = form.cards()
    assert [a["verb"] for a in _actions(card)] == ["check_draft"]
    click = card_action(
        teams.service_url,
        "check_draft",
        {"draft": "Proud to share the HRA's new guidance on research transparency"},
        conversation=personal_conversation(ALICE),
        user=ALICE,
    )
    response = await teams.invoke(click)
    assert response["statusCode"] == 200
    assert response["type"] == "application/vnd.microsoft.card.adaptive"
    result = response["value"]
    assert result["body"][0]["style"] in ("warning", "good", "attention")
    # The draft stays in the result, and another one can be checked from it.
    runs = [n["text"] for n in teams_nodes(result) if n.get("type") == "TextRun"]
    assert "Proud to share the HRA's new guidance on research transparency" in runs
    assert [a["title"] for a in result["actions"]] == ["Check another"]


async def test_install_greets_with_the_quick_actions(teams: TeamsHarness) -> None:
    activity = personal_install(teams.service_url)
    assert (await teams.post(activity)).status == 202
    [welcome] = teams.connector.posted_to(activity["conversation"]["id"])
    titles = [a["title"] for a in _actions(welcome.cards()[0])]
    assert titles == ["Ask a question", "Check a post", "Report something"]
    assert all(len(t) <= 20 for t in titles)  # Teams does not wrap button text


async def test_hello_gets_what_the_bot_does_not_a_refusal(teams: TeamsHarness) -> None:
    activity = personal_message(teams.service_url, "hello")
    assert (await teams.post(activity)).status == 202
    [reply] = teams.connector.posted_to(activity["conversation"]["id"])
    assert "three things" in reply.text() and "won't guess" not in reply.text()
    titles = [a["title"] for a in _actions(reply.cards()[0])]
    assert titles == ["Ask a question", "Check a post", "Report something"]


async def test_a_retried_delivery_is_answered_once(teams: TeamsHarness) -> None:
    activity = personal_message(teams.service_url, QUESTION)
    await teams.post(activity)
    await teams.post(activity)
    assert len(teams.connector.posted_to(activity["conversation"]["id"])) == 1


async def test_feedback_is_recorded(teams: TeamsHarness) -> None:
    click = card_action(
        teams.service_url,
        "feedback",
        {"kind": "answer", "sections": ["3.1"], "helpful": False, "question": QUESTION},
        conversation=personal_conversation(ALICE),
        user=ALICE,
    )
    response = await teams.invoke(click)
    assert response["type"] == "application/vnd.microsoft.activity.message"
    [row] = teams.store.list_feedback()
    assert row.platform == "teams" and not row.helpful and row.sections == ("3.1",)


async def test_a_failure_still_gets_a_reply_with_the_contact(
    teams: TeamsHarness, monkeypatch
) -> None:
    def broken(_message):  # type: ignore[no-untyped-def]
        raise RuntimeError("retrieval exploded")

    monkeypatch.setattr(teams.services.core.assistant, "handle", broken)
    activity = channel_mention(teams.service_url, "is this allowed?", team=OTHER_TEAM)
    assert (await teams.post(activity)).status == 202
    [reply] = teams.connector.posted_to(activity["conversation"]["id"])
    assert "communications@hra.nhs.uk" in reply.text()
    assert "exploded" not in reply.text()
