"""One person's message in, one rendered reply out: the path every Slack surface shares.

DMs, mentions, `/policy` and the message shortcut differ only in the `Message` they
build and the `Where` they answer; this module runs the core off the event loop and
decides what the reply may show where.
"""

from __future__ import annotations

import logging
from typing import Any

from bot.core.compose import draft_check_of
from bot.core.models import Message, Reply
from bot.core.small_talk import EXAMPLE_QUESTIONS

from . import modals, reports, texts
from .payloads import is_direct, user_of
from .render import feedback_value, section
from .reply_blocks import help_block, render_reply
from .surface import Surface, Where

log = logging.getLogger("policybot.slack")

TITLES = {
    "answer": "Policy question",
    "not_covered": "Policy question",
    "post_check": "Draft check",
}


def thread_title(reply: Reply) -> str:
    if reply.escalation is not None:
        return f"Report: {texts.KIND_TITLES[reply.escalation.kind].lower()}"
    return TITLES.get(reply.kind, "Policy question")


async def answer(surface: Surface, message: Message, where: Where) -> Reply:
    """Ask the core (CPU-bound, so in a thread) and post its reply."""
    reply: Reply = await surface.services.ask(message)
    log.info(
        "slack reply kind=%s sections=%s",
        reply.kind,
        ",".join(c.section for c in reply.citations) or "-",
    )
    if reply.kind == "escalation" and reply.escalation is not None:
        await reports.reply_to_report(surface, message, reply, where)
        if (check := draft_check_of(reply)) is not None:
            # Beside a report, so kept as private as the report's own reply.
            text, blocks = render_reply(check)
            await surface.post(where, text, blocks, confidential=True)
        return reply
    question = None if message.is_draft or reply.kind == "post_check" else message.text
    draft = message.text if reply.kind == "post_check" else None
    text, blocks = render_reply(reply, feedback=feedback_value(reply, question), draft=draft)
    await surface.post(where, text, blocks)
    return reply


async def handle_text(surface: Surface, message: Message, where: Where) -> Reply | None:
    """A typed message: a suggested prompt gets its form or help; anything else, the core."""
    key = " ".join(message.text.lower().split())
    if not message.is_draft and (kind := texts.FORM_PROMPTS.get(key)):
        invite = section(texts.FORM_INVITE)
        invite["accessory"] = modals.report_button(kind)
        await surface.post(where, texts.FORM_INVITE, [invite], confidential=True)
        return None
    if not message.is_draft and key in texts.DRAFT_PROMPTS:
        await surface.post(where, texts.DRAFT_HELP, [section(texts.DRAFT_HELP)])
        return None
    return await answer(surface, message, where)


async def set_status(surface: Surface, channel: str, thread_ts: str | None) -> None:
    """The assistant thread's "is thinking" line; plain DMs refuse it, which is fine."""
    if not thread_ts:
        return
    try:
        await surface.client.assistant_threads_setStatus(
            channel_id=channel, thread_ts=thread_ts, status="is checking the policy…"
        )
    except Exception as exc:
        log.debug("assistant.threads.setStatus failed: %s", type(exc).__name__)


async def set_title(surface: Surface, channel: str, thread_ts: str, reply: Reply) -> None:
    try:
        await surface.client.assistant_threads_setTitle(
            channel_id=channel, thread_ts=thread_ts, title=thread_title(reply)
        )
    except Exception as exc:
        log.debug("assistant.threads.setTitle failed: %s", type(exc).__name__)


async def start_thread(surface: Surface, channel: str, thread_ts: str) -> None:
    """A new assistant thread: suggested prompts and a greeting (our words, no rules)."""
    try:
        await surface.client.assistant_threads_setSuggestedPrompts(
            channel_id=channel,
            thread_ts=thread_ts,
            title=texts.PROMPTS_TITLE,
            prompts=list(texts.SUGGESTED_PROMPTS),
        )
    except Exception as exc:
        log.info("assistant.threads.setSuggestedPrompts failed: %s", type(exc).__name__)
    blocks = [section(texts.GREETING), help_block()]
    await surface.client.chat_postMessage(
        channel=channel, thread_ts=thread_ts, text=texts.GREETING, blocks=blocks
    )


async def help_reply(surface: Surface, body: dict[str, Any], what: str) -> None:
    """A help button: example questions, or how to send a draft (only to the clicker)."""
    if what == "ask":
        examples = "\n".join(f"• {q}" for q in EXAMPLE_QUESTIONS)
        text = texts.ASK_HELP.format(examples=examples)
    else:
        text = texts.DRAFT_HELP
    channel = (body.get("channel") or {}).get("id") or (body.get("container") or {}).get(
        "channel_id", ""
    )
    where = Where(
        channel=channel,
        user=user_of(body),
        response_url=body.get("response_url"),
        private=is_direct(channel),
    )
    await surface.post(where, text, [section(text)], confidential=True)


async def open_form(surface: Surface, trigger_id: str, kind: str | None) -> None:
    """A report form (or, with no kind yet, the chooser): views.open within 3 s."""
    view = modals.report_view(kind, surface.contacts_line()) if kind else modals.choose_view()
    await surface.client.views_open(trigger_id=trigger_id, view=view)
