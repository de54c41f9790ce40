"""`Reply` → Block Kit, within Slack's limits, always with a plain-text fallback.

Limits (Block Kit reference): 50 blocks a message, 3,000 characters a section or
context text, 2,000 a button value, 75 a button label. Anything longer is split on
paragraph boundaries or shortened with an ellipsis; never silently dropped mid-word
without a note.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

from bot.core.compose import contact_label, contact_phrase
from bot.core.models import Contact, Reply

MAX_BLOCKS = 50
MAX_SECTION = 3000
MAX_FALLBACK = 3000
MAX_VALUE = 2000
MAX_QUOTE = 280
Block = dict[str, Any]


def escape(text: str) -> str:
    """Escape Slack's control characters so no text can ping @channel or fake a link.

    A `>` that starts a line stays: it is the blockquote the reply uses for quotes.
    """
    text = text.replace("&", "&amp;").replace("<", "&lt;")
    return "\n".join(
        line[:1] + line[1:].replace(">", "&gt;")
        if line.startswith(">")
        else line.replace(">", "&gt;")
        for line in text.split("\n")
    )


def mrkdwn(text: str) -> str:
    """The core's markdown in Slack's dialect: **bold** → *bold*."""
    return re.sub(r"\*\*(.+?)\*\*", r"*\1*", escape(text), flags=re.S)


def shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def chunks(text: str, limit: int = MAX_SECTION) -> list[str]:
    """Split on blank lines, then lines, then hard, so each piece fits a section."""
    out: list[str] = []
    current = ""
    for para in text.split("\n\n"):
        pieces = [para] if len(para) <= limit else _hard_split(para, limit)
        for piece in pieces:
            joined = f"{current}\n\n{piece}" if current else piece
            if len(joined) <= limit:
                current = joined
            else:
                out.append(current)
                current = piece
    if current:
        out.append(current)
    return [c for c in out if c.strip()]


def _hard_split(text: str, limit: int) -> list[str]:
    pieces: list[str] = []
    for line in text.split("\n"):
        while len(line) > limit:
            cut = line.rfind(" ", 0, limit)
            cut = cut if cut > limit // 2 else limit
            pieces.append(line[:cut])
            line = line[cut:].lstrip()
        pieces.append(line)
    return pieces


def section(text: str, block_id: str | None = None) -> Block:
    block: Block = {"type": "section", "text": {"type": "mrkdwn", "text": text[:MAX_SECTION]}}
    if block_id:
        block["block_id"] = block_id
    return block


def context(text: str, block_id: str | None = None) -> Block:
    block: Block = {"type": "context", "elements": [{"type": "mrkdwn", "text": text[:MAX_SECTION]}]}
    if block_id:
        block["block_id"] = block_id
    return block


def button(label: str, action_id: str, value: str, style: str | None = None) -> Block:
    element: Block = {
        "type": "button",
        "text": {"type": "plain_text", "text": label[:75], "emoji": True},
        "action_id": action_id,
        "value": value[:MAX_VALUE],
    }
    if style:
        element["style"] = style
    return element


def text_blocks(text: str) -> list[Block]:
    return [section(piece) for piece in chunks(mrkdwn(text))]


def plain_words(text: str, label: str | None = None) -> list[Block]:
    """Someone's own words (a report, a draft) as rich text: Slack reads `text` elements
    literally, so no mrkdwn, no mention and no disguised link can come from them."""
    blocks: list[Block] = [context(f"*{escape(label)}*")] if label else []
    for piece in chunks(text, MAX_SECTION):
        quote = {"type": "rich_text_quote", "elements": [{"type": "text", "text": piece}]}
        blocks.append({"type": "rich_text", "elements": [quote]})
    return blocks


def contact_now(contacts: Sequence[Contact]) -> str | None:
    """The contact that applies at the moment, with its hours named (it may be read later)."""
    now = next((c for c in contacts if c.now), contacts[0] if contacts else None)
    if now is None:
        return None
    return f"{contact_label(now)}: {contact_phrase(now)}"


def feedback_value(reply: Reply, question: str | None) -> str:
    """What the feedback buttons carry: reply kind, cited sections, and the question."""
    data: dict[str, Any] = {"k": reply.kind, "s": [c.section for c in reply.citations][:10]}
    if question and reply.kind in ("answer", "not_covered"):
        data["q"] = question
    value = json.dumps(data, ensure_ascii=False)
    while len(value) > MAX_VALUE and data.get("q"):
        data["q"] = data["q"][: len(data["q"]) - (len(value) - MAX_VALUE) - 1]
        value = json.dumps(data, ensure_ascii=False)
    return value


def feedback_block(value: str) -> Block:
    return {
        "type": "actions",
        "block_id": "feedback",
        "elements": [
            button(":thumbsup: Helpful", "feedback_helpful", value),
            button(":thumbsdown: Not helpful", "feedback_not_helpful", value),
        ],
    }


def fit(body: list[Block], sources: list[Block], tail: list[Block]) -> list[Block]:
    """At most 50 blocks: the tail (buttons, contacts) always survives, sources go first."""
    room = MAX_BLOCKS - len(tail)
    if len(body) + len(sources) <= room:
        return body + sources + tail
    sources = sources[: max(0, room - len(body))]
    if len(body) + len(sources) > room:
        note = context("_(Reply shortened to fit Slack; ask again for more.)_")
        body = [*body[: room - 1], note]
    return body + sources + tail


def fallback_text(text: str) -> str:
    """The notification text: plain, short, and safe to show on a lock screen."""
    plain = re.sub(r"\*\*(.+?)\*\*", r"\1", text, flags=re.S)
    return shorten(escape(plain), MAX_FALLBACK)
