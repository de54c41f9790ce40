"""Real-format Bot Framework activities as Teams sends them (JSON dicts, camelCase)."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime
from typing import Any

BOT_ID = "28:policybot-app-id"
BOT_NAME = "policybot"
TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47"
COMMS_TEAM = "19:comms-team-general@thread.tacv2"
OTHER_TEAM = "19:research-team-general@thread.tacv2"
ALICE = {"id": "29:alice-teams-id", "name": "Alice Reporter", "aadObjectId": "aad-alice"}
COMMS_MEMBER = {"id": "29:cara-teams-id", "name": "Cara Comms", "aadObjectId": "aad-cara"}
OUTSIDER = {"id": "29:oscar-teams-id", "name": "Oscar Outsider", "aadObjectId": "aad-oscar"}

_ids = itertools.count(1000)


def _base(service_url: str, conversation: dict[str, Any], sender: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": f"{next(_ids)}",
        "channelId": "msteams",
        "serviceUrl": service_url,
        "timestamp": datetime.now(UTC).isoformat(),
        "from": sender,
        "conversation": {"tenantId": TENANT, **conversation},
        "recipient": {"id": BOT_ID, "name": BOT_NAME},
        "channelData": {"tenant": {"id": TENANT}},
        "locale": "en-GB",
    }


def personal_conversation(user: dict[str, Any]) -> dict[str, Any]:
    return {"id": f"a:1-personal-{user['aadObjectId']}", "conversationType": "personal"}


def personal_message(service_url: str, text: str, user: dict[str, Any] = ALICE) -> dict[str, Any]:
    return {
        **_base(service_url, personal_conversation(user), user),
        "type": "message",
        "text": text,
        "textFormat": "plain",
    }


def channel_mention(
    service_url: str,
    text: str,
    *,
    team: str = OTHER_TEAM,
    user: dict[str, Any] = ALICE,
    root: str | None = None,
) -> dict[str, Any]:
    """`<at>policybot</at> text` in a channel; `root` makes it a reply in that thread."""
    conversation = {
        "id": f"{team};messageid={root}" if root else team,
        "conversationType": "channel",
        "isGroup": True,
    }
    activity = _base(service_url, conversation, user)
    activity["channelData"] |= {
        "team": {"id": team, "name": "A team"},
        "channel": {"id": team},
        "teamsTeamId": team,
    }
    mention = f"<at>{BOT_NAME}</at>"
    activity |= {
        "type": "message",
        "text": f"{mention} {text}",
        "textFormat": "plain",
        "entities": [
            {"type": "mention", "text": mention, "mentioned": {"id": BOT_ID, "name": BOT_NAME}}
        ],
    }
    if root:
        activity["replyToId"] = root
    return activity


def team_install(
    service_url: str, team: str = COMMS_TEAM, by: dict[str, Any] = COMMS_MEMBER
) -> dict[str, Any]:
    conversation = {"id": team, "conversationType": "channel", "isGroup": True}
    activity = _base(service_url, conversation, by)
    activity["channelData"] |= {
        "team": {"id": team, "name": "Comms"},
        "eventType": "teamMemberAdded",
    }
    activity |= {"type": "conversationUpdate", "membersAdded": [{"id": BOT_ID}]}
    return activity


def personal_install(service_url: str, user: dict[str, Any] = ALICE) -> dict[str, Any]:
    activity = _base(service_url, personal_conversation(user), user)
    activity |= {"type": "conversationUpdate", "membersAdded": [{"id": BOT_ID}]}
    return activity


def card_action(
    service_url: str,
    verb: str,
    data: dict[str, Any],
    *,
    conversation: dict[str, Any],
    user: dict[str, Any],
    reply_to: str | None = None,
) -> dict[str, Any]:
    """An Action.Execute click: an `adaptiveCard/action` invoke."""
    activity = _base(service_url, conversation, user)
    activity |= {
        "type": "invoke",
        "name": "adaptiveCard/action",
        "value": {
            "action": {"type": "Action.Execute", "verb": verb, "data": data},
            "trigger": "manual",
        },
    }
    if reply_to:
        activity["replyToId"] = reply_to
    return activity


def comms_conversation(root: str | None = None) -> dict[str, Any]:
    conversation_id = f"{COMMS_TEAM};messageid={root}" if root else COMMS_TEAM
    return {"id": conversation_id, "conversationType": "channel", "isGroup": True}


def team_installation_update(service_url: str, team: str = COMMS_TEAM) -> dict[str, Any]:
    """The installationUpdate Teams sends alongside the conversationUpdate of an install."""
    activity = team_install(service_url, team)
    activity |= {"type": "installationUpdate", "action": "add"}
    activity.pop("membersAdded")
    return activity
