"""The Slack sink: the dispatcher's way into the comms team's private channel.

The dispatcher owns retries, backoff, leases and "never twice"; this only posts one
alert (or reminder) and returns its ts. Slack errors become a `SinkError` naming the
API error code (e.g. `not_in_channel`: invite the bot), never the request's text.
"""

from __future__ import annotations

import logging

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.escalation.sink import SinkError
from bot.escalation.view import EscalationView

from .alerts import alert_message
from .payloads import is_direct

log = logging.getLogger("policybot.slack")


class SlackSink:
    name = "slack"

    def __init__(self, *, client: AsyncWebClient, channel: str | None, timezone: str) -> None:
        self.client = client
        self.channel = channel
        self.timezone = timezone

    async def send(self, escalation: EscalationView, reminder: bool = False) -> str:
        if not self.channel:
            # Kept pending (and retried) until the channel is configured: never dropped.
            raise SinkError("POLICYBOT_SLACK_COMMS_CHANNEL is not set")
        permalink = await self.permalink(escalation)
        text, blocks = alert_message(
            escalation, timezone=self.timezone, permalink=permalink, reminder=reminder
        )
        try:
            resp = await self.client.chat_postMessage(
                channel=self.channel,
                text=text,
                blocks=blocks,
                unfurl_links=False,
                unfurl_media=False,
            )
        except SlackApiError as exc:
            code = exc.response.get("error") if exc.response is not None else None
            raise SinkError(f"chat.postMessage failed: {code or 'unknown error'}") from None
        return str(resp["ts"])

    async def permalink(self, e: EscalationView) -> str | None:
        """A link to where it was reported; DMs only the reporter can open are left out."""
        if e.source_platform != "slack" or not e.source_channel or not e.source_thread:
            return None
        if is_direct(e.source_channel):
            return None
        try:
            resp = await self.client.chat_getPermalink(
                channel=e.source_channel, message_ts=e.source_thread
            )
        except Exception as exc:  # the alert matters more than the link
            log.info("permalink for escalation %s failed: %s", e.id, type(exc).__name__)
            return None
        return str(resp.get("permalink") or "") or None
