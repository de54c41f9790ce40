"""Activities Teams (and the Emulator) really send that are not plain questions: the bot's
own echo, files and pasted images, stale card verbs, group chats; and a quiet log."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import pytest
from conftest import TeamsHarness
from teams_activities import (
    ALICE,
    BOT_ID,
    BOT_NAME,
    card_action,
    personal_conversation,
    personal_message,
)

from bot.teams.texts import FILES_ONLY, GROUP_CHAT, STALE_CARD

REPO = Path(__file__).resolve().parents[2]
QUESTION = "Can I say that I work for the HRA in my social media profile?"


async def test_the_bots_own_messages_are_never_answered(teams: TeamsHarness) -> None:
    # The Emulator and Direct Line echo the bot's messages back with role "bot".
    echo = personal_message(teams.service_url, QUESTION)
    echo["from"] = {"id": BOT_ID, "name": BOT_NAME, "role": "bot"}
    assert (await teams.post(echo)).status in (200, 202)
    # Some channels leave out the role: the sender is then the recipient itself.
    same_id = personal_message(teams.service_url, QUESTION)
    same_id["from"] = {"id": BOT_ID, "name": BOT_NAME}
    assert (await teams.post(same_id)).status in (200, 202)
    assert teams.connector.calls == []
    # A person's message in the same chat is still answered.
    person = personal_message(teams.service_url, QUESTION)
    person["from"] = {**ALICE, "role": "user"}
    await teams.post(person)
    assert len(teams.connector.posted_to(person["conversation"]["id"])) == 1


@pytest.mark.parametrize(
    "action",
    [
        {"type": "Action.Execute", "verb": "claim_v1", "data": {"escalation": 7}},
        {"type": "Action.Execute", "data": {"from": "another app's card"}},
    ],
    ids=["old-verb", "no-verb"],
)
async def test_unknown_card_verbs_get_a_short_message(
    teams: TeamsHarness, action: dict[str, Any]
) -> None:
    activity = card_action(
        teams.service_url,
        "unused",
        {},
        conversation=personal_conversation(ALICE),
        user=ALICE,
    )
    activity["value"]["action"] = action
    response = await teams.post(activity)
    assert response.status == 200  # the SDK alone answered 501 with an empty body
    body = await response.json()
    assert body["type"] == "application/vnd.microsoft.activity.message"
    assert body["value"] == STALE_CARD


# Microsoft's shapes: "Send and receive files using bots" (a file in a personal chat) and
# "Receive inline images" (a pasted picture: an image/* attachment plus its HTML).
FILE_ATTACHMENT = {
    "contentType": "application/vnd.microsoft.teams.file.download.info",
    "contentUrl": "https://contoso.sharepoint.com/personal/alice/Documents/draft-post.docx",
    "name": "draft-post.docx",
    "content": {
        "downloadUrl": "https://download.link",
        "uniqueId": "1150D938-8870-4044-9F2C-5BBDEBA70C9D",
        "fileType": "docx",
        "etag": "123",
    },
}
IMAGE_ATTACHMENTS = [
    {
        "contentType": "image/*",
        "contentUrl": "https://smba.trafficmanager.net/amer/v3/attachments/0-eus-d4/views/original",
    },
    {
        "contentType": "text/html",
        "content": '<div><div><span><img height="250" src="https://smba.trafficmanager.net/'
        'amer/v3/attachments/0-eus-d4/views/original" width="300" itemscope="png" '
        'style="vertical-align:bottom"></span></div></div>',
    },
]


@pytest.mark.parametrize(
    ("text", "attachments"),
    [
        (None, [FILE_ATTACHMENT]),
        (
            '<div><div><span><img height="250" src="https://smba.trafficmanager.net/x" '
            'width="300"></span></div></div>',
            IMAGE_ATTACHMENTS,
        ),
    ],
    ids=["file", "pasted-image"],
)
async def test_a_message_of_only_files_asks_for_text(
    teams: TeamsHarness, text: str | None, attachments: list[dict[str, Any]]
) -> None:
    activity = personal_message(teams.service_url, "")
    activity["attachments"] = attachments
    if text is None:
        activity.pop("text")
    else:
        activity |= {"text": text, "textFormat": "xml"}
    assert (await teams.post(activity)).status in (200, 202)
    [reply] = teams.connector.posted_to(activity["conversation"]["id"])
    assert reply.body["text"] == FILES_ONLY


async def test_group_chats_are_pointed_to_the_personal_chat(teams: TeamsHarness) -> None:
    activity = personal_message(teams.service_url, f"<at>{BOT_NAME}</at> {QUESTION}")
    activity["conversation"] = {
        "id": "19:meeting-chat-abc@thread.v2",
        "conversationType": "groupChat",
        "isGroup": True,
        "tenantId": activity["conversation"]["tenantId"],
    }
    activity["entities"] = [
        {"type": "mention", "text": f"<at>{BOT_NAME}</at>", "mentioned": {"id": BOT_ID}}
    ]
    assert (await teams.post(activity)).status in (200, 202)
    [reply] = teams.connector.posted_to(activity["conversation"]["id"])
    assert reply.body["text"] == GROUP_CHAT and not reply.cards()
    # ... which matches what the app package declares.
    manifest = json.loads((REPO / "bot" / "teams" / "app_package" / "manifest.json").read_text())
    for bot in manifest["bots"]:
        assert "groupChat" not in bot["scopes"]
        assert all("groupChat" not in c["scopes"] for c in bot["commandLists"])


async def test_anonymous_turns_log_no_warning(
    teams: TeamsHarness, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO):
        for _ in range(2):
            await teams.post(personal_message(teams.service_url, QUESTION))
    noisy = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert noisy == []
