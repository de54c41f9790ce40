"""Reports in Slack: hold or send a detected report, the "Alert the comms team now" button,
and Acknowledge / Resolve in the comms channel.

The row is written the moment a report is detected (held until the reporter presses
the button, or open at once for safeguarding when so configured), so the reporter's
words never travel in a button and are never lost. Buttons carry only the row's id.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from bot.core.layout import SENT_STATUS, ReportState
from bot.core.models import EscalationKind, Message, Reply
from bot.escalation.outbox import EscalationNotFound
from bot.escalation.view import EscalationView
from bot.escalation.workflow import Confirm, Recorded

from . import alerts, texts
from .payloads import display_name, is_direct, user_of
from .render import Block
from .reply_blocks import alert_state_block, render_reply
from .surface import Surface, Where

log = logging.getLogger("policybot.slack")


# users.info only adds a display name: it may not hold up the reply (Slack can be slow).
NAME_TIMEOUT = 1.5


async def with_name(surface: Surface, message: Message) -> Message:
    """The reporter's name for the alert and the audit trail (best effort, bounded)."""
    if message.user_name or not message.user_id:
        return message
    try:
        resp = await asyncio.wait_for(surface.client.users_info(user=message.user_id), NAME_TIMEOUT)
        name = display_name(resp.get("user") or {})
    except Exception as exc:  # a name is nice to have; the report must not wait on it
        log.info("users.info failed for a reporter: %s", type(exc).__name__)
        return message
    return message.model_copy(update={"user_name": name})


async def record(
    surface: Surface,
    message: Message,
    kind: EscalationKind,
    *,
    held: bool | None = None,
    priority: int | None = None,
) -> Recorded:
    workflow = surface.services.reports
    return await asyncio.to_thread(workflow.record, message, kind, held=held, priority=priority)


async def reply_to_report(surface: Surface, message: Message, reply: Reply, where: Where) -> None:
    """A detected report: write it, then answer privately with the button or a receipt."""
    assert reply.escalation is not None
    recorded = await record(surface, await with_name(surface, message), reply.escalation.kind)
    view = recorded.escalation
    notes = [] if where.private else [texts.PUBLIC_NOTE]
    state = ReportState(view.id, sent=not recorded.held, from_channel=not where.private)
    text, blocks = render_reply(reply, report=state, notes=notes)
    await surface.post(where, text, blocks, confidential=True)
    if recorded.receipt_due(private=where.private) and message.user_id:
        # An ephemeral note vanishes on reload: the reporter also gets a DM receipt.
        await surface.tell_user(message.user_id, receipt(view))


def receipt(view: EscalationView) -> str:
    kind = texts.KIND_TITLES.get(view.kind, view.kind).lower()
    return texts.RECEIPT.format(id=view.id, kind=kind)


def _action_id(body: dict[str, Any]) -> int | None:
    try:
        return int((body.get("actions") or [{}])[0].get("value") or "")
    except ValueError:
        return None


def _channel(body: dict[str, Any]) -> str:
    return str(
        (body.get("channel") or {}).get("id")
        or (body.get("container") or {}).get("channel_id")
        or ""
    )


async def tell_clicker(surface: Surface, body: dict[str, Any], text: str) -> None:
    """An ephemeral note to whoever pressed a button."""
    if body.get("response_url"):
        await surface.respond(body["response_url"], text, replace_original=False)
        return
    await surface.client.chat_postEphemeral(channel=_channel(body), user=user_of(body), text=text)


async def replace_block(
    surface: Surface, body: dict[str, Any], block_id: str, new: Block, note: str
) -> None:
    """Swap one block of the message a button was on (chat.update, or its response_url);
    when the message is not in the payload, say `note` to the clicker instead."""
    message = body.get("message") or {}
    blocks = [new if b.get("block_id") == block_id else b for b in message.get("blocks") or []]
    container = body.get("container") or {}
    if not blocks or (container.get("is_ephemeral") and not body.get("response_url")):
        await tell_clicker(surface, body, note)
    elif container.get("is_ephemeral"):
        await surface.respond(
            body["response_url"], message.get("text", ""), blocks, replace_original=True
        )
    else:
        await surface.client.chat_update(
            channel=_channel(body),
            ts=str(message.get("ts") or container.get("message_ts") or ""),
            text=message.get("text", ""),
            blocks=blocks,
        )


async def on_alert_button(surface: Surface, body: dict[str, Any]) -> None:
    """The reporter presses "Alert the comms team now": release the held row."""
    escalation_id, user = _action_id(body), user_of(body)
    workflow = surface.services.reports
    result = await asyncio.to_thread(workflow.confirm, escalation_id, lambda who: who == user)
    if result.outcome is Confirm.NOT_FOUND or result.escalation is None:
        await tell_clicker(surface, body, texts.NOT_FOUND)
        return
    if result.outcome is Confirm.NOT_YOURS:
        await tell_clicker(surface, body, texts.NOT_YOURS)
        return
    view = result.escalation
    sent = alert_state_block(view.id, held=False, kind=view.kind)
    await replace_block(surface, body, "report_state", sent, SENT_STATUS.format(id=view.id))
    log.info("slack escalation %s released outcome=%s", view.id, result.outcome.value)
    if result.outcome is Confirm.SENT and not is_direct(_channel(body)):
        await surface.tell_user(user, receipt(view))


async def is_comms_member(surface: Surface, user: str) -> bool:
    """Membership of the comms channel, read fresh (conversations.members, all pages)."""
    channel = surface.comms_channel
    if not channel or not user:
        return False
    cursor: str | None = None
    while True:
        resp = await surface.client.conversations_members(channel=channel, limit=200, cursor=cursor)
        if user in (resp.get("members") or []):
            return True
        cursor = (resp.get("response_metadata") or {}).get("next_cursor") or None
        if not cursor:
            return False


async def on_status_button(surface: Surface, body: dict[str, Any], to: str) -> None:
    """Acknowledge or Resolve in the comms channel; a second click changes nothing."""
    escalation_id, user = _action_id(body), user_of(body)
    if not await is_comms_member(surface, user):
        log.info("slack %s of escalation %s refused: not a comms member", to, escalation_id)
        await tell_clicker(surface, body, texts.NOT_COMMS)
        return
    if escalation_id is None:
        await tell_clicker(surface, body, texts.NOT_FOUND)
        return
    try:
        result = await asyncio.to_thread(surface.services.reports.move, escalation_id, user, to=to)
    except EscalationNotFound:
        await tell_clicker(surface, body, texts.NOT_FOUND)
        return
    view = result.escalation
    message = body.get("message") or {}
    blocks = alerts.updated_alert(message.get("blocks") or [], view)
    await surface.client.chat_update(
        channel=_channel(body),
        ts=str(message.get("ts") or (body.get("container") or {}).get("message_ts") or ""),
        text=message.get("text") or f"Escalation #{view.id}",
        blocks=blocks,
    )
    if result.changed:
        await tell_reporter(surface, view)


async def tell_reporter(surface: Surface, view: EscalationView) -> None:
    """In the reporter's DM thread when the report came from one, else in a DM."""
    if view.reporter_platform != "slack" or not view.reporter_user_id:
        return  # reported on another surface: that surface tells them
    text = alerts.reporter_notice(view)
    if view.source_channel and is_direct(view.source_channel) and view.source_thread:
        await surface.client.chat_postMessage(
            channel=view.source_channel, thread_ts=view.source_thread, text=text
        )
        return
    await surface.tell_user(view.reporter_user_id, text)
