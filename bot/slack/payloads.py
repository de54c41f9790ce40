"""Pure helpers over Slack payloads: who, where, which event, and the `Message` they make."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from bot.core.models import Message

_MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")
# Slackbot's notices ("You have been removed from #x") come as `user: USLACKBOT` with no
# bot_id, subtype or bot_profile: a plain user message in every other respect.
SLACKBOT = "USLACKBOT"


def strip_mention(text: str, bot_user_id: str | None) -> str:
    """Drop the bot's own mention (`<@UBOT>` or `<@UBOT|name>`); keep other people's."""
    if not bot_user_id:
        return text.strip()
    cleaned = _MENTION.sub(lambda m: "" if m.group(1) == bot_user_id else m.group(0), text)
    return re.sub(r"[ \t]{2,}", " ", cleaned).strip()


def is_bot_event(event: dict[str, Any], bot_user_id: str | None) -> bool:
    """A message written by any bot, including this one and Slackbot (they must never be
    answered, nor counted as questions the policy could not answer)."""
    if event.get("user") == SLACKBOT:
        return True
    if event.get("bot_id") or event.get("subtype") == "bot_message":
        return True
    if event.get("bot_profile"):
        return True
    return bool(bot_user_id) and event.get("user") == bot_user_id


def is_direct(channel_id: str | None, channel_type: str | None = None) -> bool:
    """A 1:1 conversation with the bot: the only place a reporter's words may be echoed."""
    if channel_type:
        return channel_type == "im"
    return bool(channel_id) and str(channel_id).startswith("D")


def ts_to_datetime(ts: str | None) -> datetime | None:
    try:
        return datetime.fromtimestamp(float(ts), UTC) if ts else None
    except (TypeError, ValueError):
        return None


def event_message(
    body: dict[str, Any], event: dict[str, Any], *, text: str, is_draft: bool = False
) -> Message:
    """A DM or mention as a `Message`; the thread is where the reply goes."""
    ts = event.get("ts")
    return Message(
        text=text,
        platform="slack",
        user_id=event.get("user"),
        channel_id=event.get("channel"),
        thread_ref=event.get("thread_ts") or ts,
        event_id=body.get("event_id"),
        is_draft=is_draft,
        received_at=ts_to_datetime(ts),
    )


def team_of(body: dict[str, Any]) -> str:
    team = body.get("team_id") or (body.get("team") or {}).get("id")
    if not team:
        auths = body.get("authorizations") or [{}]
        team = auths[0].get("team_id") or auths[0].get("enterprise_id")
    return str(team or "unknown")


def user_of(body: dict[str, Any]) -> str:
    user = body.get("user")
    if isinstance(user, dict):
        return str(user.get("id") or "")
    return str(body.get("user_id") or user or "")


def display_name(user: dict[str, Any]) -> str | None:
    """The name people know someone by, from users.info or an interaction's `user`."""
    profile = user.get("profile") or {}
    for name in (
        profile.get("real_name"),
        user.get("real_name"),
        profile.get("display_name"),
        user.get("name"),
    ):
        if name:
            return str(name)
    return None
