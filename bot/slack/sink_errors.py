"""Slack's answers to a post, sorted by what the dispatcher should do next.

Permanent: nothing changes until a person acts, so the delivery is parked and the
reason, in words an admin can follow, is shown on /readyz and in the logs.
Retry-After: Slack said when (429 `ratelimited`). Uncertain: the post may have landed
(5xx, timeout, a dropped connection): look in the channel before posting again.
Error codes are from api.slack.com/methods/chat.postMessage; only the code is kept,
never the request, which holds the reporter's words.
"""

from __future__ import annotations

import asyncio

import aiohttp
from slack_sdk.errors import SlackApiError

from bot.escalation.sink import SinkError

# The post is too big or malformed for Slack: the sink retries once with a minimal alert.
CONTENT_ERRORS = frozenset({"invalid_blocks", "invalid_blocks_format", "msg_too_long"})

_FIX = {
    "not_in_channel": "policybot is not in the comms channel {channel}: invite @policybot to it",
    "channel_not_found": (
        "the comms channel {channel} does not exist or policybot cannot see it: check "
        "POLICYBOT_SLACK_COMMS_CHANNEL and invite @policybot to the channel"
    ),
    "is_archived": "the comms channel {channel} is archived: unarchive it or set a new one",
    "token_revoked": "the Slack bot token was revoked: reinstall the app and update SLACK_BOT_TOKEN",
    "token_expired": "the Slack bot token expired: update SLACK_BOT_TOKEN",
    "invalid_auth": "Slack refused the bot token: check SLACK_BOT_TOKEN",
    "not_authed": "no Slack bot token was sent: set SLACK_BOT_TOKEN",
    "account_inactive": "the Slack app's account is deactivated: reinstall the app",
    "missing_scope": "the Slack app lacks a scope (chat:write): reinstall it from the manifest",
    "restricted_action": "the workspace does not let policybot post in {channel}",
    "team_access_not_granted": "the Slack app is not installed in this workspace",
}
# Slack's own transient answers, sent with HTTP 200 or 5xx.
_TRANSIENT = frozenset(
    {"internal_error", "fatal_error", "service_unavailable", "request_timeout", "ratelimited"}
)


def _retry_after(exc: SlackApiError) -> float:
    headers = getattr(exc.response, "headers", None) or {}
    try:
        return float(headers.get("Retry-After") or headers.get("retry-after") or 1)
    except ValueError:
        return 1.0


def code_of(exc: SlackApiError) -> str:
    data = getattr(exc.response, "data", None)
    code = data.get("error") if isinstance(data, dict) else None
    return str(code or "")


def classify(exc: BaseException, method: str, channel: str | None) -> SinkError:
    """The SinkError the dispatcher acts on, for any exception of a Web API call."""
    if isinstance(exc, SinkError):
        return exc
    if isinstance(exc, SlackApiError):
        status = int(getattr(exc.response, "status_code", 0) or 0)
        code = code_of(exc)
        if status == 429 or code == "ratelimited":
            return SinkError(f"{method}: ratelimited", retry_after=_retry_after(exc))
        if code in _FIX:
            fix = _FIX[code].format(channel=channel or "(unset)")
            return SinkError(f"{method}: {code}: {fix}", permanent=True)
        if status >= 500 or code in _TRANSIENT:
            return SinkError(f"{method}: HTTP {status} {code}".rstrip(), uncertain=True)
        return SinkError(f"{method}: {code or f'HTTP {status}'}")
    if isinstance(exc, (TimeoutError, asyncio.TimeoutError)):
        return SinkError(f"{method}: no answer in time", uncertain=True)
    if isinstance(exc, aiohttp.ClientConnectorError | ConnectionRefusedError):
        # Never connected: nothing was sent.
        return SinkError(f"{method}: cannot connect ({type(exc).__name__})")
    if isinstance(exc, aiohttp.ClientError | OSError):
        return SinkError(f"{method}: connection failed ({type(exc).__name__})", uncertain=True)
    return SinkError(f"{method}: {type(exc).__name__}", uncertain=True)
