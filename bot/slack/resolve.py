"""Resolving an alert (a form: outcome, optional note, and its submit as the
confirmation) and reading a long report in full (a modal), for comms members only.

The modal carries only the escalation id and where the alert is; the row is read
again on submit, so a report resolved meanwhile is not resolved twice.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from bot.escalation.outbox import EscalationNotFound
from bot.escalation.view import EscalationView
from bot.escalation.workflow import OUTCOMES

from . import alerts, texts
from .render import Block, plain_words, section, shorten
from .reports import is_comms_member, tell_clicker, tell_reporter
from .surface import Surface

log = logging.getLogger("policybot.slack")

RESOLVE_CALLBACK = "escalation_resolve_submit"
MAX_MODAL_BLOCKS = 100
Ack = Callable[..., Awaitable[Any]]


def _plain(text: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": text, "emoji": True}


def resolve_view(e: EscalationView, channel: str, ts: str) -> Block:
    title = texts.KIND_TITLES.get(e.kind, e.kind).lower()
    options = [{"text": _plain(label), "value": value} for value, label in OUTCOMES.items()]
    return {
        "type": "modal",
        "callback_id": RESOLVE_CALLBACK,
        "private_metadata": json.dumps({"id": e.id, "channel": channel, "ts": ts}),
        "title": _plain(f"Resolve report #{e.id}"[:24]),
        "submit": _plain("Resolve"),
        "close": _plain("Cancel"),
        "blocks": [
            section(f"Close report #{e.id} ({title})? The reporter is told it is resolved."),
            {
                "type": "input",
                "block_id": "outcome",
                "label": _plain("Outcome"),
                "element": {
                    "type": "static_select",
                    "action_id": "value",
                    "placeholder": _plain("How did it end?"),
                    "options": options,
                },
            },
            {
                "type": "input",
                "block_id": "note",
                "optional": True,
                "label": _plain("Note (optional)"),
                "element": {
                    "type": "plain_text_input",
                    "action_id": "value",
                    "multiline": True,
                    "max_length": 1000,
                },
            },
        ],
    }


def words_view(e: EscalationView) -> Block:
    """The whole report, as plain rich text, within a modal's 100 blocks."""
    title = shorten(f"Report #{e.id}", 24)
    blocks = plain_words(e.words or "", None)[: MAX_MODAL_BLOCKS - 1]
    return {"type": "modal", "title": _plain(title), "close": _plain("Close"), "blocks": blocks}


def _clicked_id(body: dict[str, Any]) -> int | None:
    try:
        return int((body.get("actions") or [{}])[0].get("value") or "")
    except ValueError:
        return None


def _where(body: dict[str, Any]) -> tuple[str, str]:
    container = body.get("container") or {}
    message = body.get("message") or {}
    channel = (body.get("channel") or {}).get("id") or container.get("channel_id") or ""
    return str(channel), str(message.get("ts") or container.get("message_ts") or "")


async def _allowed_view(surface: Surface, body: dict[str, Any]) -> EscalationView | None:
    """The clicked escalation, if the clicker is a comms member and it exists."""
    user = (body.get("user") or {}).get("id", "")
    if not await is_comms_member(surface, user):
        await tell_clicker(surface, body, texts.NOT_COMMS)
        return None
    escalation_id = _clicked_id(body)
    view = await asyncio.to_thread(surface.store.get, escalation_id) if escalation_id else None
    if view is None:
        await tell_clicker(surface, body, texts.NOT_FOUND)
    return view


async def on_resolve_button(surface: Surface, body: dict[str, Any]) -> None:
    view = await _allowed_view(surface, body)
    if view is None:
        return
    channel, ts = _where(body)
    await surface.client.views_open(
        trigger_id=body["trigger_id"], view=resolve_view(view, channel, ts)
    )


async def on_words_button(surface: Surface, body: dict[str, Any]) -> None:
    view = await _allowed_view(surface, body)
    if view is None:
        return
    if view.words is None:
        await tell_clicker(
            surface, body, "The reporter's words were purged after the retention period."
        )
        return
    await surface.client.views_open(trigger_id=body["trigger_id"], view=words_view(view))


async def on_resolve_submit(
    surface: Surface, ack: Ack, body: dict[str, Any], view: dict[str, Any]
) -> None:
    """The form's submit is the confirmation: resolve with the outcome, update the alert."""
    values = (view.get("state") or {}).get("values") or {}
    outcome = ((values.get("outcome") or {}).get("value") or {}).get("selected_option") or {}
    chosen = outcome.get("value")
    if chosen not in OUTCOMES:
        await ack(response_action="errors", errors={"outcome": "Choose how it ended."})
        return
    note = ((values.get("note") or {}).get("value") or {}).get("value") or ""
    user = (body.get("user") or {}).get("id", "")
    if not await is_comms_member(surface, user):
        await ack(response_action="errors", errors={"outcome": texts.NOT_COMMS})
        return
    await ack()
    meta = json.loads(view.get("private_metadata") or "{}")
    try:
        result = await asyncio.to_thread(
            surface.services.reports.move,
            int(meta.get("id", 0)),
            user,
            to="resolved",
            outcome=chosen,
            note=note,
        )
    except EscalationNotFound:
        return
    e = result.escalation
    log.info("slack escalation %s resolved changed=%s", e.id, result.changed)
    if meta.get("channel") and meta.get("ts"):
        permalink = await alerts.source_permalink(surface.client, e)
        text, blocks = alerts.alert_message(
            e, timezone=surface.settings.timezone, permalink=permalink
        )
        await surface.client.chat_update(
            channel=meta["channel"], ts=meta["ts"], text=text, blocks=blocks
        )
    if result.changed:
        await tell_reporter(surface, e)
