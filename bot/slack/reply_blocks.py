"""A `Reply` as Block Kit, in the one reply design of `bot.core.layout`.

Reports: the status (or the one button) first, in the block the button swaps, then
what to do and one quote. Answers: the lead, the quote once, other sources as context
lines each quoting its own words. Drafts and reports are shown as rich text.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.core.compose import contact_line
from bot.core.layout import (
    ALERT_LABEL,
    HELD_STATUS,
    SENT_FOLLOW_UP,
    SENT_STATUS,
    Layout,
    Quote,
    ReportState,
    answer_layout,
    finding_lines,
    report_layout,
)
from bot.core.models import PostCheck, Reply, ReportAction
from bot.core.small_talk import HELP_ACTIONS

from . import texts
from .render import (
    MAX_QUOTE,
    Block,
    button,
    context,
    escape,
    fallback_text,
    feedback_block,
    fit,
    mrkdwn,
    plain_words,
    section,
    shorten,
    text_blocks,
)

STATE_ID = "report_state"
VERDICT_LABEL = {
    "ok": ":white_check_mark: *OK to post*",
    "review": ":warning: *Review before posting*",
    "do_not_post": ":no_entry: *Do not post*",
}
KIND_EMOJI = {"media": ":newspaper:", "safeguarding": ":shield:", "harassment": ":warning:"}
HELP_BLOCK = "help_actions"


def alert_state_block(escalation_id: int, *, held: bool, kind: str | None = None) -> Block:
    """A report's title and status, or its one button: one block, so pressing the
    button swaps exactly this block and nothing below it contradicts the new state."""
    title = texts.KIND_TITLES.get(kind or "", "")
    head = f"{KIND_EMOJI.get(kind or '', '')} *{title}*\n" if title else ""
    if not held:
        sent = f"{SENT_STATUS.format(id=escalation_id)}"
        return section(f"{head}:white_check_mark: *{sent}* {SENT_FOLLOW_UP}", STATE_ID)
    block = section(f"{head}{HELD_STATUS}", block_id=STATE_ID)
    block["accessory"] = button(ALERT_LABEL, "alert_comms", str(escalation_id), "danger")
    return block


def quote_block(quote: Quote) -> Block:
    lines = "\n".join(f"> {line}" for line in escape(quote.text).split("\n")) if quote.text else ""
    attribution = f"> — _{escape(quote.label)}_"
    return section(f"{lines}\n{attribution}" if lines else attribution)


def source_line(quote: Quote) -> Block:
    """A further source: the section to read, with its own words (shown only here)."""
    words = f"  “{escape(shorten(' '.join(quote.text.split()), MAX_QUOTE))}”" if quote.text else ""
    return context(f":page_facing_up: *{escape(quote.label)}*{words}")


def layout_blocks(layout: Layout, state: ReportState | None = None) -> list[Block]:
    blocks: list[Block] = []
    if state is not None:
        blocks.append(
            alert_state_block(state.escalation_id, held=not state.sent, kind=layout.report_kind)
        )
    if layout.summary:
        # A generated summary leads, labelled; the policy's own words follow it.
        blocks += [section(mrkdwn(escape(layout.summary)), block_id="summary")]
        blocks.append(
            context(f":robot_face: _{escape(layout.summary_label or '')}_", "summary_label")
        )
    for line in layout.lead:
        blocks += text_blocks(line)
    if layout.steps:
        blocks.append(
            section(mrkdwn("**What to do**\n" + "\n".join(f"• {s}" for s in layout.steps)))
        )
    if layout.contacts:
        blocks.append(section(mrkdwn(layout.contacts)))
    if layout.quote:
        blocks.append(quote_block(layout.quote))
    blocks += [context(mrkdwn(note)) for note in layout.notes]
    if layout.words:
        blocks += plain_words(layout.words, layout.words_label)
    return blocks


def post_check_blocks(check: PostCheck, draft: str | None = None) -> list[Block]:
    blocks = [section(VERDICT_LABEL[check.verdict], block_id="verdict")]
    for number, explanation, fix in finding_lines(check):
        body = f"*§{escape(number)}* {escape(explanation)}\n*Fix:* {escape(fix)}"
        blocks.append(section(body))
    if check.corrected_draft:
        blocks += plain_words(check.corrected_draft, "Corrected draft")
    if draft:
        blocks += plain_words(draft, "Your draft")
    blocks.append(context(escape(texts.CHECK_ANOTHER)))
    return blocks


def report_action_block(action: ReportAction, shown: str = "") -> Block:
    """Under an answer about reporting (or a maybe-report): one tap opens the report form
    of that kind, with the contacts and their hours beside it (unless `shown` has them)."""
    line = "" if any(c.value in shown for c in action.contacts) else contact_line(action.contacts)
    text = f":rotating_light: *{escape(action.label)}*" + (f"\n{mrkdwn(line)}" if line else "")
    block = section(text, block_id="report_action")
    block["accessory"] = button(
        texts.REPORT_ACTION_BUTTON, f"report_open_{action.kind}", action.kind, "danger"
    )
    return block


def help_block() -> Block:
    """The bot's three jobs as buttons."""
    ids = {"ask": "help_ask", "check": "help_check", "report": "help_report"}
    return {
        "type": "actions",
        "block_id": HELP_BLOCK,
        "elements": [button(label, ids[what], what) for label, what in HELP_ACTIONS],
    }


def render_reply(
    reply: Reply,
    *,
    feedback: str | None = None,
    report: ReportState | None = None,
    notes: Sequence[str] = (),
    draft: str | None = None,
) -> tuple[str, list[Block]]:
    """The fallback text and the blocks of one reply.

    `feedback` is the feedback buttons' value (None: no buttons); `report` the report's
    state; `notes` extra context lines; `draft` the draft a check was made on.
    """
    sources: list[Block] = []
    if report is not None and reply.escalation is not None:
        layout = report_layout(reply, report)
        body = layout_blocks(layout, report)
        fallback = f"{layout.title}: {layout.status}"
    elif reply.post_check is not None:
        body = post_check_blocks(reply.post_check, draft)
        fallback = reply.text.split("\n", 1)[0]
    else:
        layout = answer_layout(reply)
        body = layout_blocks(layout)
        sources = [source_line(q) for q in layout.more]
        fallback = "\n".join(layout.lead) or reply.text
    tail: list[Block] = []
    if reply.kind == "help":
        tail.append(help_block())
    elif report is None and reply.report_action is not None:
        tail.append(report_action_block(reply.report_action, reply.text))
    tail.extend(context(escape(note)) for note in notes)
    if feedback is not None and reply.kind != "help":
        tail.append(feedback_block(feedback))
    return fallback_text(fallback), fit(body, sources, tail)
