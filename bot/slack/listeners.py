"""Every bolt listener: translate the payload, then hand over to conversation/reports/forms.

Events are acked by bolt before the listener runs (process_before_response=False);
actions, commands, shortcuts and view submissions call `ack()` first, so Slack always
gets its answer within 3 s and the work happens after it.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import re
from typing import Any

from slack_bolt.async_app import AsyncApp

from bot.core.models import Message

from . import conversation, forms, modals, reports, resolve, texts
from .middleware import first_delivery
from .payloads import user_of
from .render import context as context_block
from .render import section
from .surface import Surface, Where

log = logging.getLogger("policybot.slack")
REPORT_KINDS = ("media", "safeguarding", "harassment")


def register(app: AsyncApp, surface: Surface) -> None:
    _events(app, surface)
    _commands(app, surface)
    _actions(app, surface)


def _events(app: AsyncApp, surface: Surface) -> None:
    # DMs and mentions are taken by the InboxFirst middleware (inbound.py) before these
    # run; the listeners stay so bolt answers 200, not 404, to the messages it skips.
    @app.event("app_mention")
    async def on_mention() -> None:
        return None

    @app.event("message")
    async def on_message() -> None:
        return None

    @app.event("assistant_thread_started")
    async def on_thread_started(event: dict[str, Any], context: Any) -> None:
        if not await first_delivery(context):
            return
        thread = event.get("assistant_thread") or {}
        async with surface.guard(None, "assistant thread", context.get("request_id")):
            await conversation.start_thread(surface, thread["channel_id"], thread["thread_ts"])

    @app.event("assistant_thread_context_changed")
    async def on_thread_context(event: dict[str, Any]) -> None:
        return  # answers never depend on the channel being viewed

    @app.event("app_home_opened")
    async def on_home(event: dict[str, Any], context: Any) -> None:
        if event.get("tab") != "home":
            return
        async with surface.guard(None, "app home", context.get("request_id")):
            view = modals.home_view(surface.contacts_line())
            await surface.client.views_publish(user_id=event["user"], view=view)


def _commands(app: AsyncApp, surface: Surface) -> None:
    @app.command("/policy")
    async def on_policy(ack: Any, body: dict[str, Any], context: Any) -> None:
        await ack()
        where = Where(
            channel=body.get("channel_id", ""),
            user=body.get("user_id", ""),
            response_url=body.get("response_url"),
            private=False,
        )
        text = (body.get("text") or "").strip()
        verb, _, rest = text.partition(" ")
        async with surface.guard(where, "/policy", context.get("request_id")):
            if not text or verb.lower() == "help":
                await surface.post(where, texts.COMMAND_HELP, [section(texts.COMMAND_HELP)])
            elif verb.lower() == "report":
                await conversation.open_form(surface, body["trigger_id"], None)
            else:
                is_draft = verb.lower() == "check"
                message = Message(
                    text=rest if is_draft else text,
                    platform="slack",
                    user_id=where.user,
                    channel_id=where.channel,
                    event_id=f"command:{body.get('trigger_id')}",
                    is_draft=is_draft,
                )
                await conversation.handle_text(surface, message, where)

    @app.shortcut("check_draft")
    async def on_check_draft(ack: Any, body: dict[str, Any], context: Any) -> None:
        await ack()
        source = body.get("message") or {}
        where = Where(
            channel=(body.get("channel") or {}).get("id", ""),
            user=user_of(body),
            response_url=body.get("response_url"),
        )
        async with surface.guard(where, "draft shortcut", context.get("request_id")):
            message = Message(
                text=source.get("text") or "",
                platform="slack",
                user_id=where.user,
                channel_id=where.channel,
                is_draft=True,
            )
            await conversation.answer(surface, message, where)

    @app.shortcut("report_concern")
    async def on_report_shortcut(ack: Any, body: dict[str, Any], context: Any) -> None:
        await ack()
        async with surface.guard(None, "report shortcut", context.get("request_id")):
            await conversation.open_form(surface, body["trigger_id"], None)

    @app.view(modals.SUBMIT_CALLBACK)
    async def on_report_submit(ack: Any, body: dict[str, Any], view: dict[str, Any]) -> None:
        await forms.on_submit(surface, ack, body, view)


def _actions(app: AsyncApp, surface: Surface) -> None:
    for kind in REPORT_KINDS:
        app.action(f"report_open_{kind}")(_open_form(surface, kind))

    @app.action("report_kind")
    async def on_kind_chosen(ack: Any, body: dict[str, Any], action: dict[str, Any]) -> None:
        await ack()
        kind = (action.get("selected_option") or {}).get("value")
        if kind not in REPORT_KINDS:
            return
        view = body.get("view") or {}
        async with surface.guard(None, "report kind"):
            await surface.client.views_update(
                view_id=view["id"],
                hash=view.get("hash"),
                view=modals.report_view(kind, surface.contacts_line()),
            )

    @app.action("alert_comms")
    async def on_alert(ack: Any, body: dict[str, Any], context: Any) -> None:
        await ack()
        where = _clicker(body)
        async with surface.guard(where, "alert button", context.get("request_id")):
            await reports.on_alert_button(surface, body)

    @app.action("escalation_ack")
    async def on_ack(ack: Any, body: dict[str, Any], context: Any) -> None:
        await ack()
        async with surface.guard(_clicker(body), "acknowledge", context.get("request_id")):
            await reports.on_status_button(surface, body, "acknowledged")

    @app.action("escalation_resolve")
    async def on_resolve(ack: Any, body: dict[str, Any], context: Any) -> None:
        await ack()
        async with surface.guard(_clicker(body), "resolve", context.get("request_id")):
            await resolve.on_resolve_button(surface, body)

    @app.action("escalation_words")
    async def on_words(ack: Any, body: dict[str, Any], context: Any) -> None:
        await ack()
        async with surface.guard(_clicker(body), "full report", context.get("request_id")):
            await resolve.on_words_button(surface, body)

    @app.view(resolve.RESOLVE_CALLBACK)
    async def on_resolve_submit(ack: Any, body: dict[str, Any], view: dict[str, Any]) -> None:
        async with surface.guard(None, "resolve form"):
            await resolve.on_resolve_submit(surface, ack, body, view)

    # "Ask a question" and "Check a post": one handler, the button's id says which.
    @app.action(re.compile(r"^help_(ask|check)$"))
    async def on_help(ack: Any, body: dict[str, Any], action: dict[str, Any], context: Any) -> None:
        await ack()
        async with surface.guard(_clicker(body), "help", context.get("request_id")):
            await conversation.help_reply(surface, body, action["action_id"].removeprefix("help_"))

    @app.action("help_report")
    async def on_help_report(ack: Any, body: dict[str, Any], context: Any) -> None:
        await ack()
        async with surface.guard(_clicker(body), "help", context.get("request_id")):
            await conversation.open_form(surface, body["trigger_id"], None)

    @app.action("feedback_helpful")
    async def on_helpful(ack: Any, body: dict[str, Any], action: dict[str, Any]) -> None:
        await ack()
        async with surface.guard(None, "feedback"):
            await _feedback(surface, body, action, helpful=True)

    @app.action("feedback_not_helpful")
    async def on_not_helpful(ack: Any, body: dict[str, Any], action: dict[str, Any]) -> None:
        await ack()
        async with surface.guard(None, "feedback"):
            await _feedback(surface, body, action, helpful=False)


def _open_form(surface: Surface, kind: str) -> Any:
    async def on_open(ack: Any, body: dict[str, Any], context: Any) -> None:
        await ack()
        async with surface.guard(_clicker(body), "open form", context.get("request_id")):
            await conversation.open_form(surface, body["trigger_id"], kind)

    on_open.__name__ = f"on_open_{kind}"
    return on_open


def _clicker(body: dict[str, Any]) -> Where | None:
    """Where to apologise to whoever pressed a button (ephemerally)."""
    channel = (body.get("channel") or {}).get("id")
    if not channel and not body.get("response_url"):
        return None
    return Where(channel=channel or "", user=user_of(body), response_url=body.get("response_url"))


async def _feedback(
    surface: Surface, body: dict[str, Any], action: dict[str, Any], *, helpful: bool
) -> None:
    """Store one vote per person and reply; the user id is used for the dedup key only."""
    try:
        value = json.loads(action.get("value") or "{}")
    except json.JSONDecodeError:
        value = {}
    message = body.get("message") or {}
    container = body.get("container") or {}
    ts = message.get("ts") or container.get("message_ts") or ""
    key = hashlib.sha256(f"{container.get('channel_id')}|{ts}|{user_of(body)}".encode()).hexdigest()
    if await asyncio.to_thread(surface.store.claim_event, "slack-feedback", key):
        await asyncio.to_thread(
            surface.store.add_feedback,
            platform="slack",
            reply_kind=str(value.get("k") or "answer"),
            sections=[str(s) for s in value.get("s") or []],
            helpful=helpful,
            question=value.get("q"),
        )
        log.info("slack feedback helpful=%s kind=%s", helpful, value.get("k"))
    thanks = context_block(f":memo: {texts.FEEDBACK_THANKS}", block_id="feedback")
    await reports.replace_block(surface, body, "feedback", thanks, texts.FEEDBACK_THANKS)
