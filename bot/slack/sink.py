"""The Slack sink: the dispatcher's way into the comms team's private channel.

The dispatcher owns retries, backoff, leases and "never twice"; this makes exactly one
attempt per call, with its own client whose slack_sdk retry handlers are off (the
default ConnectionErrorRetryHandler re-sends a post inside one call after a dropped
connection, which the dispatcher could neither see nor prevent).

Each alert carries message metadata naming the escalation and purpose, so after an
uncertain attempt `find_posted` can read the channel's recent history
(`conversations.history`, `include_all_metadata`) and find it instead of posting twice.
Scopes: chat:write, groups:history (the private channel's history).
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.escalation.sink import SinkError
from bot.escalation.view import EscalationView
from bot.settings import Settings

from .alerts import alert_message, reminder_message, source_permalink
from .app import quiet_logger
from .render import Block, context
from .reply_blocks import alert_state_block
from .sink_errors import CONTENT_ERRORS, classify, code_of

log = logging.getLogger("policybot.slack")

EVENT_TYPE = "policybot_escalation"
# Bounded look-back: pages of history read before concluding an alert was not posted.
HISTORY_PAGES = 3
HISTORY_PAGE_SIZE = 200
# Posts are looked for from a little before the report, for clock skew between hosts.
HISTORY_SLACK = timedelta(minutes=5)
REPORTER_REMINDER = (
    "Your report #{id} has not been sent to the communications team yet. "
    "If you still want them to know, press the button below."
)


def sink_client(settings: Settings) -> AsyncWebClient:
    """A client for the dispatcher: one HTTP request per call, a short timeout."""
    token = settings.slack_bot_token.get_secret_value() if settings.slack_bot_token else None
    return AsyncWebClient(
        token=token,
        base_url=settings.slack_api_url,
        timeout=settings.slack_timeout_seconds,  # type: ignore[arg-type]
        logger=quiet_logger("policybot.slack.sdk"),
        retry_handlers=[],
    )


def metadata(escalation_id: int, purpose: str) -> dict[str, Any]:
    return {
        "event_type": EVENT_TYPE,
        "event_payload": {"escalation_id": escalation_id, "purpose": purpose},
    }


def _matches(message: dict[str, Any], escalation_id: int, purpose: str) -> bool:
    meta = message.get("metadata") or {}
    payload = meta.get("event_payload") or {}
    return (
        meta.get("event_type") == EVENT_TYPE
        and str(payload.get("escalation_id")) == str(escalation_id)
        and payload.get("purpose") == purpose
    )


class SlackSink:
    name = "slack"

    def __init__(self, *, client: AsyncWebClient, channel: str | None, timezone: str) -> None:
        self.client = client
        self.channel = channel
        self.timezone = timezone

    async def send(self, escalation: EscalationView, reminder: bool = False) -> str:
        if not self.channel:
            # Kept pending (and retried) until the channel is configured: never dropped.
            raise SinkError("POLICYBOT_SLACK_COMMS_CHANNEL is not set", permanent=True)
        if reminder:
            return await self._remind(escalation)
        permalink = await self.permalink(escalation)
        text, blocks = alert_message(escalation, timezone=self.timezone, permalink=permalink)
        purpose = "alert"
        try:
            return await self._post(text, blocks, metadata(escalation.id, purpose))
        except SlackApiError as exc:
            if code_of(exc) not in CONTENT_ERRORS:
                raise classify(exc, "chat.postMessage", self.channel) from None
            # Slack refused the content (and so certainly posted nothing): a minimal
            # alert still tells the team, and the full one is a command away.
            log.warning(
                "escalation %s alert refused (%s): minimal alert", escalation.id, code_of(exc)
            )
        note = context(
            "_Slack refused the full alert. An administrator can read it with "
            f"`policybot escalations show {escalation.id}`._"
        )
        try:
            return await self._post(text, [note], metadata(escalation.id, purpose))
        except Exception as exc:
            raise classify(exc, "chat.postMessage", self.channel) from None

    async def _remind(self, escalation: EscalationView) -> str:
        """A short nudge in the alert's thread, shown in the channel too (a thread
        nobody has joined notifies nobody); without the alert's ts, in the channel."""
        alert_ts = self._alert_ts(escalation)
        text = reminder_message(escalation, self.timezone, threaded=alert_ts is not None)
        thread = {"thread_ts": alert_ts, "reply_broadcast": True} if alert_ts else {}
        meta = metadata(escalation.id, "reminder")
        try:
            return await self._post(text, [context(text)], meta, **thread)
        except Exception as exc:
            raise classify(exc, "chat.postMessage", self.channel) from None

    def _alert_ts(self, escalation: EscalationView) -> str | None:
        refs = (
            d.delivered_ref
            for d in escalation.deliveries
            if d.sink == self.name and d.purpose == "alert" and d.delivered_ref
        )
        return next(refs, None)

    async def _post(
        self, text: str, blocks: list[Block], meta: dict[str, Any], **extra: Any
    ) -> str:
        try:
            resp = await self.client.chat_postMessage(
                channel=str(self.channel),
                text=text,
                blocks=blocks,
                metadata=meta,
                unfurl_links=False,
                unfurl_media=False,
                **extra,
            )
        except SlackApiError:
            raise
        except Exception as exc:
            raise classify(exc, "chat.postMessage", self.channel) from None
        return str(resp["ts"])

    async def find_posted(self, escalation: EscalationView, reminder: bool = False) -> str | None:
        """The ts of this alert if an earlier attempt posted it (bounded history read)."""
        if not self.channel:
            return None
        purpose = "reminder" if reminder else "alert"
        oldest = (escalation.created_at - HISTORY_SLACK).timestamp()
        cursor: str | None = None
        for _ in range(HISTORY_PAGES):
            try:
                resp = await self.client.conversations_history(
                    channel=self.channel,
                    oldest=f"{oldest:.6f}",
                    limit=HISTORY_PAGE_SIZE,
                    include_all_metadata=True,
                    cursor=cursor,
                )
            except Exception as exc:
                error = classify(exc, "conversations.history", self.channel)
                if error.permanent:
                    # Cannot look (e.g. no groups:history): a repeat beats a lost alert.
                    log.warning("cannot check for an earlier post: %s", error)
                    return None
                raise error from None
            for message in resp.get("messages") or []:
                if _matches(message, escalation.id, purpose):
                    return str(message.get("ts"))
            cursor = (resp.get("response_metadata") or {}).get("next_cursor") or None
            if not cursor:
                return None
        log.warning("escalation %s: history too long to check; posting", escalation.id)
        return None

    async def remind_reporter(self, escalation: EscalationView) -> str:
        """A DM nudge with the same "Alert the comms team now" button as the report."""
        user = escalation.reporter_user_id
        if escalation.reporter_platform != "slack" or not user:
            raise SinkError("the reporter is not on Slack", permanent=True)
        text = REPORTER_REMINDER.format(id=escalation.id)
        blocks = [
            {"type": "section", "text": {"type": "mrkdwn", "text": text}},
            alert_state_block(escalation.id, held=True),
        ]
        try:
            return await self._post_to(user, text, blocks, escalation.id)
        except Exception as exc:
            raise classify(exc, "chat.postMessage", "the reporter's DM") from None

    async def _post_to(self, channel: str, text: str, blocks: list[Block], esc_id: int) -> str:
        resp = await self.client.chat_postMessage(
            channel=channel,
            text=text,
            blocks=blocks,
            metadata=metadata(esc_id, "reporter_reminder"),
        )
        return str(resp["ts"])

    async def permalink(self, e: EscalationView) -> str | None:
        return await source_permalink(self.client, e)


def slack_sink(settings: Settings) -> SlackSink | None:
    """The sink for a dispatcher outside the server (`policybot escalations dispatch`)."""
    if not settings.slack_bot_token:
        return None
    return SlackSink(
        client=sink_client(settings),
        channel=settings.slack_comms_channel,
        timezone=settings.timezone,
    )


__all__ = ["EVENT_TYPE", "SlackSink", "sink_client", "slack_sink"]
