"""DMs and mentions go through the inbox: durable before bolt answers Slack's request.

`inbound_of` (pure) says which events could be a report and what message they carry:
the message, not the delivery, is the key (team, channel, ts), so Slack's retries, an
edited mention (re-sent with `edited` and a new event id) and a second replica all find
the same row. `InboxFirst` is the bolt middleware that writes it before the 200;
`process` is the work on a row, the same whether this replica just wrote it or took
it over from one that died.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime
from typing import Any

from slack_bolt.middleware.async_middleware import AsyncMiddleware
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse
from sqlalchemy.exc import SQLAlchemyError

from bot.escalation.inbox import Inbound, InboxItem
from bot.escalation.intake import Accepted, Outcome

from . import conversation, texts
from .middleware import Next
from .payloads import event_message, is_direct, strip_mention, team_of, ts_to_datetime
from .render import escape
from .surface import REPLY_METADATA, Surface, Where, new_request_id

log = logging.getLogger("policybot.slack")
PLATFORM = "slack"
REPLY_EVENT = "policybot_reply"
PERSON_SUBTYPES = (None, "file_share", "thread_broadcast")
# Database errors while working on a row: apologise now, and let the inbox retry it.
# A write that timed out may still land (a slow database): wait this long before
# telling the person the database is away.
NOTE_GRACE = 3.0
RETRY_ON: tuple[type[BaseException], ...] = (SQLAlchemyError, TimeoutError)


def inbound_of(body: dict[str, Any], bot_user_id: str | None) -> Inbound | None:
    """The inbox entry for a DM or a mention; None for anything else."""
    if body.get("type") != "event_callback":
        return None
    event = body.get("event")
    if not isinstance(event, dict) or not event.get("channel") or not event.get("ts"):
        return None
    if event.get("type") == "message":
        # message_changed / deleted / joins are not new messages (an edit is the same
        # report); a message with a file (a screenshot of a journalist's email) is.
        if event.get("subtype") not in PERSON_SUBTYPES:
            return None
        if not is_direct(event.get("channel"), event.get("channel_type")):
            return None
    elif event.get("type") != "app_mention":
        return None
    key = f"{team_of(body)}:{event['channel']}:{event['ts']}"
    payload = {
        "event": event,
        "event_id": body.get("event_id"),
        "team": team_of(body),
        "bot_user_id": bot_user_id,
    }
    when = ts_to_datetime(str(event.get("ts")))
    return Inbound(
        platform=PLATFORM,
        message_key=key,
        event_id=str(body.get("event_id") or "") or None,
        payload=payload,
        received_at=when or datetime.now(UTC),
    )


class InboxFirst(AsyncMiddleware):
    """Write a DM or mention to the inbox before bolt acks it, then work on it."""

    def __init__(self, surface: Surface) -> None:
        self.surface = surface

    async def async_process(
        self, *, req: AsyncBoltRequest, resp: BoltResponse, next: Next
    ) -> BoltResponse:
        entry = inbound_of(req.body, req.context.bot_user_id)
        intake = self.surface.services.intake
        if entry is None or intake is None:
            return await next()
        accepted = await intake.accept(entry)
        if accepted.outcome is Outcome.NEW and accepted.item is not None:
            intake.worker.start(accepted.item)
        elif accepted.outcome in (Outcome.SPOOLED, Outcome.LOST):
            retry = req.headers.get("x-slack-retry-num", [None])[0]
            if accepted.kept or retry is None:
                # Not awaited: the note is a Web API call, and Slack's ack must not wait.
                task = asyncio.create_task(tell_contact(self.surface, entry, accepted))
                background = self.surface.services.background
                background.append(task)
                task.add_done_callback(background.remove)
        # LOST: not 200, so Slack delivers it again (maybe to a replica that can write it).
        return BoltResponse(status=200 if accepted.kept else 503, body="")


async def tell_contact(surface: Surface, entry: Inbound, accepted: Accepted) -> None:
    """The database is away: the person still learns who to contact, this hour."""
    if await accepted.written_late(NOTE_GRACE):
        return  # only slow: the message is in the inbox and will be answered as usual
    event = entry.payload["event"]
    text = texts.INBOX_SPOOLED if accepted.kept else texts.INBOX_DOWN
    contact = surface.contact()
    text += " " + (
        texts.APOLOGY_CONTACT.format(contact=escape(contact)).strip()
        if contact
        else "Please contact the communications team directly."
    )
    where = _where(event)
    try:
        await asyncio.wait_for(surface.post(where, text, [], confidential=True), 10)
    except Exception as exc:
        log.warning("slack contact note failed: %s", type(exc).__name__)


async def already_answered(surface: Surface, where: Where, key: str) -> bool:
    """Whether a replica that died answered this DM before it could mark it done: its
    reply carries the message's key as metadata (only DM replies can be read back;
    a mention's ephemeral reply cannot)."""
    if not where.private or not where.thread_ts:
        return False
    try:
        resp = await asyncio.wait_for(
            surface.client.conversations_replies(
                channel=where.channel, ts=where.thread_ts, include_all_metadata=True, limit=100
            ),
            5,
        )
    except Exception as exc:  # unknown: answering twice beats not answering
        log.info("conversations.replies failed: %s", type(exc).__name__)
        return False
    for message in resp.get("messages") or []:
        meta = message.get("metadata") or {}
        if (
            meta.get("event_type") == REPLY_EVENT
            and (meta.get("event_payload") or {}).get("inbox") == key
        ):
            return True
    return False


def _where(event: dict[str, Any]) -> Where:
    private = event.get("type") == "message"
    thread = event.get("thread_ts") or event.get("ts")
    return Where(
        channel=event["channel"], user=event.get("user", ""), thread_ts=thread, private=private
    )


async def process(surface: Surface, item: InboxItem) -> None:
    """Answer one DM or mention from its inbox row (triage, report, reply)."""
    payload = item.payload
    event: dict[str, Any] = payload["event"]
    body = {"event_id": f"msg:{item.message_key}", "team_id": payload.get("team")}
    where = _where(event)
    rid = new_request_id()
    if item.attempts > 1 and await already_answered(surface, where, item.message_key):
        log.info("inbox message %s was answered before a takeover: not again", item.id)
        return
    REPLY_METADATA.set({"event_type": REPLY_EVENT, "event_payload": {"inbox": item.message_key}})
    if event.get("type") == "app_mention":
        async with surface.guard(where, "mention", rid, retry_on=RETRY_ON):
            text = strip_mention(event.get("text") or "", payload.get("bot_user_id"))
            await conversation.handle_text(surface, event_message(body, event, text=text), where)
        return
    thread = event.get("thread_ts") or event.get("ts")
    async with surface.guard(where, "dm", rid, retry_on=RETRY_ON):
        await conversation.set_status(surface, where.channel, thread)
        message = event_message(body, event, text=event.get("text") or "")
        reply = await conversation.handle_text(surface, message, where)
        if reply is not None and event.get("thread_ts"):
            await conversation.set_title(surface, where.channel, event["thread_ts"], reply)
