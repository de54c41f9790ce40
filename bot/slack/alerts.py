"""The alert the comms team sees in its private channel, and how it changes when handled.

Everything they need to act without opening anything else: kind, reporter (a real
mention), when (in or out of business hours), priority, the reporter's words as plain
rich text, a permalink, and the buttons, whose value is only the escalation id. Open,
acknowledged and resolved alerts differ at a glance (header emoji and words) and keep
who did what. A long report is read in full in a modal, never through a server command.
"""

from __future__ import annotations

import logging
import re
from typing import Any
from zoneinfo import ZoneInfo

from bot.escalation.outbox import DEFAULT_PRIORITY
from bot.escalation.view import EscalationView
from bot.escalation.workflow import OUTCOMES

from . import texts
from .payloads import is_direct
from .render import Block, button, context, escape, plain_words, shorten

log = logging.getLogger("policybot.slack")

# Words longer than this are cut in the alert; "Read the full report" shows them all.
MAX_ALERT_WORDS = 2500
HEADER_ID = "escalation_header"
ACTIONS_ID = "escalation_actions"
STATUS_ID = "escalation_status"
_USER_ID = re.compile(r"^[UW][A-Z0-9]{2,}$")
_EMAIL = re.compile(r"^[^@\s<>|]+@[^@\s<>|]+\.[a-z]{2,}$", re.I)
STATUS_EMOJI = {
    "open": ":rotating_light:",
    "acknowledged": ":eyes:",
    "resolved": ":white_check_mark:",
}
STATUS_WORD = {"open": "Open", "acknowledged": "Acknowledged", "resolved": "Resolved"}


def who(value: str | None) -> str:
    """A Slack user id renders as a mention; anything else (a CLI name) as text."""
    if not value:
        return "someone"
    return f"<@{value}>" if _USER_ID.match(value) else escape(value)


def reporter_line(e: EscalationView) -> str:
    """A mention the team can click, or a mail link; a name only as the last resort."""
    if e.reporter_platform == "slack" and e.reporter_user_id:
        name = f" ({escape(e.reporter_name)})" if e.reporter_name else ""
        return f"<@{e.reporter_user_id}>{name}"
    name = e.reporter_name or e.reporter_user_id or "unknown"
    if e.reporter_user_id and _EMAIL.match(e.reporter_user_id):
        return f"<mailto:{e.reporter_user_id}|{escape(name)}> (via {escape(e.reporter_platform)})"
    return f"{escape(name)} (via {escape(e.reporter_platform)})"


def when_line(e: EscalationView, timezone: str) -> str:
    local = e.created_at.astimezone(ZoneInfo(timezone))
    hours = "in business hours" if e.business_hours else "*out of hours*"
    return f"{local:%a %d %b %Y, %H:%M %Z} ({hours})"


def is_high_priority(e: EscalationView) -> bool:
    """Raised above its kind's default (e.g. a media deadline that is close)."""
    return e.priority > DEFAULT_PRIORITY.get(e.kind, 0)


def header_block(e: EscalationView) -> Block:
    title = texts.KIND_TITLES.get(e.kind, e.kind.title())
    state = "" if e.status == "open" else f"{STATUS_WORD.get(e.status, e.status)}: "
    text = f"{STATUS_EMOJI.get(e.status, '')} {state}{title} #{e.id}".strip()
    return {
        "type": "header",
        "block_id": HEADER_ID,
        "text": {"type": "plain_text", "text": shorten(text, 150), "emoji": True},
    }


def alert_message(
    e: EscalationView, *, timezone: str, permalink: str | None = None
) -> tuple[str, list[Block]]:
    title = texts.KIND_TITLES.get(e.kind, e.kind.title())
    flag = ":rotating_light:" if e.kind == "safeguarding" or is_high_priority(e) else ":mega:"
    fields = [
        f"*Kind:*\n{title}" + (" (urgent)" if e.urgent else ""),
        f"*Reporter:*\n{reporter_line(e)}",
        f"*When:*\n{when_line(e, timezone)}",
        f"*Priority:*\n{'HIGH' if is_high_priority(e) else 'normal'} ({e.priority})",
    ]
    blocks: list[Block] = [
        header_block(e),
        {"type": "section", "fields": [{"type": "mrkdwn", "text": f} for f in fields]},
    ]
    blocks.extend(word_blocks(e))
    if permalink:
        blocks.append(context(f":link: <{permalink}|Where it was reported>"))
    blocks.extend(status_blocks(e))
    # No words in the notification text: it shows on lock screens and in previews.
    text = f"{flag} {title} #{e.id}, reported by {reporter_line(e)}"
    return text, blocks


def word_blocks(e: EscalationView) -> list[Block]:
    if e.words is None:
        return [context("_The reporter's words were purged after the retention period._")]
    words = e.words
    if len(words) > MAX_ALERT_WORDS:
        cut = words[:MAX_ALERT_WORDS].rsplit(" ", 1)[0]
        words = f"{cut} …"
    blocks = plain_words(words, "Their words")
    if len(e.words) > MAX_ALERT_WORDS:
        blocks.append(
            context(
                f"_Shortened here: {len(e.words):,} characters in all; read them in full below._"
            )
        )
    return blocks


def status_blocks(e: EscalationView) -> list[Block]:
    """Who did what, and the buttons that still make sense in this state."""
    lines = []
    if e.acknowledged_by:
        lines.append(f":eyes: Acknowledged by {who(e.acknowledged_by)}.")
    if e.status == "resolved":
        outcome = OUTCOMES.get(e.resolution or "", e.resolution or "")
        how = f" Outcome: *{escape(outcome)}*." if outcome else ""
        lines.append(f":white_check_mark: Resolved by {who(e.resolved_by)}.{how}")
        if e.resolution_note:
            lines.append(f"Note: {escape(shorten(e.resolution_note, 500))}")
    blocks: list[Block] = []
    if lines:
        blocks.append(context("\n".join(lines), block_id=STATUS_ID))
    value = str(e.id)
    elements = []
    if e.status == "open":
        elements.append(button("Acknowledge", "escalation_ack", value, "primary"))
    if e.status in ("open", "acknowledged"):
        # Opens a form asking how it ended, and the form's submit is the confirmation.
        elements.append(button("Resolve…", "escalation_resolve", value))
    if e.words is not None and len(e.words) > MAX_ALERT_WORDS:
        elements.append(button("Read the full report", "escalation_words", value))
    if elements:
        blocks.append({"type": "actions", "block_id": ACTIONS_ID, "elements": elements})
    return blocks


def updated_alert(existing: list[dict[str, Any]], e: EscalationView) -> list[Block]:
    """The posted alert with its header, status and buttons replaced; the rest kept."""
    replaced = (ACTIONS_ID, STATUS_ID)
    kept = [
        header_block(e) if b.get("block_id") == HEADER_ID else b
        for b in existing
        if b.get("block_id") not in replaced
    ]
    return kept + status_blocks(e)


def reminder_message(e: EscalationView, timezone: str, threaded: bool) -> str:
    """A short nudge under the alert; never a second copy of the reporter's words."""
    title = texts.KIND_TITLES.get(e.kind, e.kind.title()).lower()
    local = e.created_at.astimezone(ZoneInfo(timezone))
    where = "the alert above" if threaded else "its alert in this channel"
    return (
        f":alarm_clock: Report #{e.id} ({title}, {local:%a %H:%M}) has not been acknowledged "
        f"yet. Please pick it up from {where}."
    )


async def source_permalink(client: Any, e: EscalationView) -> str | None:
    """A link to where it was reported; DMs only the reporter can open are left out."""
    if e.source_platform != "slack" or not e.source_channel or not e.source_thread:
        return None
    if is_direct(e.source_channel):
        return None
    try:
        resp = await client.chat_getPermalink(channel=e.source_channel, message_ts=e.source_thread)
    except Exception as exc:  # the alert matters more than the link
        log.info("permalink for escalation %s failed: %s", e.id, type(exc).__name__)
        return None
    return str(resp.get("permalink") or "") or None


def reporter_notice(e: EscalationView) -> str:
    if e.status == "resolved":
        return texts.RESOLVED_NOTICE.format(who=who(e.resolved_by), id=e.id)
    return texts.ACKNOWLEDGED_NOTICE.format(who=who(e.acknowledged_by), id=e.id)
