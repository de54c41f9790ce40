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

from bot.core.models import Citation, Contact, PostCheck, Reply, ReportAction
from bot.core.phrasing.display import body_text, summary_label

from . import texts

MAX_BLOCKS = 50
MAX_SECTION = 3000
MAX_FALLBACK = 3000
MAX_VALUE = 2000
MAX_QUOTE = 280
VERDICT_LABEL = {
    "ok": ":white_check_mark: *OK to post*",
    "review": ":warning: *Review before posting*",
    "do_not_post": ":no_entry: *Do not post*",
}
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


def citation_line(citation: Citation) -> Block:
    """One source as a context line: the section to read, and the words it says."""
    label = escape(f"§{citation.section} {citation.title}".strip())
    quote = escape(shorten(" ".join(citation.quote.split()), MAX_QUOTE))
    return context(f":page_facing_up: *{label}*  “{quote}”")


def contact_now(contacts: Sequence[Contact]) -> str | None:
    now = next((c for c in contacts if c.now), contacts[0] if contacts else None)
    if now is None:
        return None
    verb = "call" if now.kind == "phone" else "email"
    return f"{now.use.capitalize()}: {verb} {now.value}"


def post_check_blocks(check: PostCheck) -> list[Block]:
    blocks = [section(VERDICT_LABEL[check.verdict], block_id="verdict")]
    for finding in check.findings:
        body = f"*§{escape(finding.section)}* {escape(finding.explanation)}"
        blocks.extend(section(p) for p in chunks(f"{body}\n*Fix:* {escape(finding.fix)}"))
    if check.corrected_draft:
        quoted = "\n".join(f"> {line}" for line in escape(check.corrected_draft).split("\n"))
        blocks.extend(section(p) for p in chunks(f"*Corrected draft:*\n{quoted}"))
    return blocks


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


def alert_state_block(escalation_id: int, *, held: bool) -> Block:
    """Under a report: the note with the button that sends it, or the note that it was
    sent. One block, so pressing the button swaps exactly this block."""
    if not held:
        return context(
            ":white_check_mark: " + texts.SENT_NOTE.format(id=escalation_id), "report_state"
        )
    block = section(texts.HELD_NOTE, block_id="report_state")
    block["accessory"] = button(
        f":rotating_light: {texts.ALERT_BUTTON}", "alert_comms", str(escalation_id), "danger"
    )
    return block


def report_action_block(action: ReportAction) -> Block:
    """Under an answer about reporting (or a maybe-report): one tap opens the report form
    of that kind, with the contact for the hour beside it."""
    line = contact_now(action.contacts)
    text = f":rotating_light: *{escape(action.label)}?*" + (f"\n{escape(line)}" if line else "")
    block = section(text, block_id="report_action")
    block["accessory"] = button(
        texts.REPORT_ACTION_BUTTON, f"report_open_{action.kind}", action.kind, "danger"
    )
    return block


def summary_blocks(reply: Reply) -> list[Block]:
    """A generated summary (checked against the quotes), then the label that says so."""
    if not (reply.summary and reply.phrased_by):
        return []
    label = f":robot_face: _{escape(summary_label(reply.phrased_by))}_"
    return [section(mrkdwn(reply.summary), block_id="summary"), context(label, "summary_label")]


def render_reply(
    reply: Reply,
    *,
    feedback: str | None = None,
    report: tuple[int, bool] | None = None,
    notes: Sequence[str] = (),
) -> tuple[str, list[Block]]:
    """The fallback text and the blocks of one reply.

    `feedback` is the feedback buttons' value (None: no buttons); `report` is the
    escalation id and whether it is still held; `notes` are extra context lines.
    """
    if reply.post_check is not None:
        body = post_check_blocks(reply.post_check)
    else:
        body = summary_blocks(reply) + text_blocks(body_text(reply))
    tail: list[Block] = []
    if reply.escalation is not None and (line := contact_now(reply.escalation.contacts)):
        tail.append(section(f":telephone_receiver: *{escape(line)}*", block_id="contact_now"))
    if report is not None:
        tail.append(alert_state_block(report[0], held=report[1]))
    elif reply.report_action is not None:
        tail.append(report_action_block(reply.report_action))
    tail.extend(context(escape(note)) for note in notes)
    if feedback is not None:
        tail.append(feedback_block(feedback))
    sources = [citation_line(c) for c in reply.citations]
    return fallback_text(reply.text), fit(body, sources, tail)


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
