"""A submitted report form: saved before the modal closes, so nothing is lost.

view_submission must be acked within 3 s, but the ack can carry the outcome: the row
is written first (a few ms; bounded by `SAVE_TIMEOUT`), then the modal turns into a
receipt. If saving fails the modal stays open with the text in it and an error that
gives the comms contact, so the reporter can retry or call instead.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from bot.core.models import EscalationKind, Message

from . import modals, reports, texts
from .payloads import display_name
from .render import escape
from .surface import Surface, new_request_id

log = logging.getLogger("policybot.slack")

SAVE_TIMEOUT = 2.0
Ack = Callable[..., Awaitable[Any]]


async def on_submit(surface: Surface, ack: Ack, body: dict[str, Any], view: dict[str, Any]) -> None:
    try:
        kind: EscalationKind = modals.kind_of(view)  # type: ignore[assignment]
    except ValueError:
        await ack()
        return
    missing = modals.required_missing(view)
    if missing:
        await ack(response_action="errors", errors=missing)
        return
    try:
        form = modals.parse_report(view, surface.settings.timezone)
        user = body.get("user") or {}
        message = Message(
            text=form.words,
            platform="slack",
            user_id=user.get("id"),
            user_name=display_name(user),
            # The view id is stable across a resubmission: the same form, the same report.
            event_id=f"view:{view.get('id')}",
        )
        saving = reports.record(
            surface, message, kind, held=False, priority=form.priority(surface.now())
        )
        recorded = await asyncio.wait_for(saving, timeout=SAVE_TIMEOUT)
        row, created = recorded.escalation, recorded.created
    except Exception as exc:
        rid = new_request_id()
        log.error(
            "slack report form not saved (request %s): %s",
            rid,
            type(exc).__name__,
            extra={"request_id": rid},
        )
        contact = escape(surface.contact() or "the communications team")
        error = texts.SAVE_FAILED.format(contact=contact) + f" (ref {rid})"
        await ack(response_action="errors", errors={modals.first_block_id(view): error})
        return
    receipt = modals.sent_view(row.id, kind, surface.contacts_line(), words=form.words)
    await ack(response_action="update", view=receipt)
    log.info("slack report form saved as escalation %s kind=%s", row.id, kind)
    if created and message.user_id:
        async with surface.guard(None, "report receipt"):
            await surface.tell_user(message.user_id, reports.receipt(row))
