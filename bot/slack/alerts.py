"""The alert the comms team sees in its private channel, and how it changes when handled.

Everything they need to act without opening anything else: kind, reporter, when (in
or out of business hours), priority, the reporter's words, a permalink, and the
Acknowledge / Resolve buttons whose value is only the escalation id.
"""

from __future__ import annotations

import re
from typing import Any
from zoneinfo import ZoneInfo

from bot.escalation.outbox import DEFAULT_PRIORITY
from bot.escalation.view import EscalationView

from . import texts
from .render import MAX_SECTION, Block, button, chunks, context, escape, section, shorten

# The words are split over at most this many sections; the rest stays in the database
# (`policybot escalations show ID`), so one alert never nears the 50-block limit.
MAX_WORD_SECTIONS = 8
ACTIONS_ID = "escalation_actions"
STATUS_ID = "escalation_status"
_USER_ID = re.compile(r"^[UW][A-Z0-9]{2,}$")


def who(value: str | None) -> str:
    """A Slack user id renders as a mention; anything else (a CLI name) as text."""
    if not value:
        return "someone"
    return f"<@{value}>" if _USER_ID.match(value) else escape(value)


def reporter_line(e: EscalationView) -> str:
    if e.reporter_platform == "slack" and e.reporter_user_id:
        name = f" ({escape(e.reporter_name)})" if e.reporter_name else ""
        return f"<@{e.reporter_user_id}>{name}"
    name = e.reporter_name or e.reporter_user_id or "unknown"
    return f"{escape(name)} (via {escape(e.reporter_platform)})"


def when_line(e: EscalationView, timezone: str) -> str:
    local = e.created_at.astimezone(ZoneInfo(timezone))
    hours = "in business hours" if e.business_hours else "*out of hours*"
    return f"{local:%a %d %b %Y, %H:%M %Z} ({hours})"


def is_high_priority(e: EscalationView) -> bool:
    """Raised above its kind's default (e.g. a media deadline that is close)."""
    return e.priority > DEFAULT_PRIORITY.get(e.kind, 0)


def alert_message(
    e: EscalationView, *, timezone: str, permalink: str | None = None, reminder: bool = False
) -> tuple[str, list[Block]]:
    title = texts.KIND_TITLES.get(e.kind, e.kind.title())
    flag = ":rotating_light:" if e.kind == "safeguarding" or is_high_priority(e) else ":mega:"
    prefix = "Reminder, not yet acknowledged: " if reminder else ""
    header = f"{prefix}{title} #{e.id}"
    fields = [
        f"*Kind:*\n{title}" + (" (urgent)" if e.urgent else ""),
        f"*Reporter:*\n{reporter_line(e)}",
        f"*When:*\n{when_line(e, timezone)}",
        f"*Priority:*\n{'HIGH' if is_high_priority(e) else 'normal'} ({e.priority})",
    ]
    blocks: list[Block] = [
        {"type": "header", "text": {"type": "plain_text", "text": shorten(f"{header}", 150)}},
        {"type": "section", "fields": [{"type": "mrkdwn", "text": f} for f in fields]},
    ]
    blocks.extend(_word_blocks(e))
    if permalink:
        blocks.append(context(f":link: <{permalink}|Where it was reported>"))
    blocks.extend(status_blocks(e))
    # No words in the notification text: it shows on lock screens and in previews.
    text = f"{flag} {header}, reported by {reporter_line(e)}"
    return text, blocks


def _word_blocks(e: EscalationView) -> list[Block]:
    if e.words is None:
        return [context("_The reporter's words were purged after the retention period._")]
    quoted = "\n".join(f"> {line}" for line in escape(e.words).split("\n"))
    pieces = chunks(f"*Their words:*\n{quoted}", MAX_SECTION)
    blocks = [section(p) for p in pieces[:MAX_WORD_SECTIONS]]
    if len(pieces) > MAX_WORD_SECTIONS:
        blocks.append(context(f"_Shortened: `policybot escalations show {e.id}` has it all._"))
    return blocks


def status_blocks(e: EscalationView) -> list[Block]:
    """The status line and the buttons that still make sense in this state."""
    blocks: list[Block] = []
    if e.status == "resolved":
        blocks.append(
            context(f":white_check_mark: Resolved by {who(e.resolved_by)}.", block_id=STATUS_ID)
        )
        return blocks
    if e.status == "acknowledged":
        blocks.append(context(f":eyes: Acknowledged by {who(e.acknowledged_by)}.", STATUS_ID))
    value = str(e.id)
    elements = []
    if e.status != "acknowledged":
        elements.append(button("Acknowledge", "escalation_ack", value, "primary"))
    elements.append(button("Resolve", "escalation_resolve", value))
    blocks.append({"type": "actions", "block_id": ACTIONS_ID, "elements": elements})
    return blocks


def updated_alert(existing: list[dict[str, Any]], e: EscalationView) -> list[Block]:
    """The posted alert with its status and buttons replaced; everything else kept."""
    kept = [b for b in existing if b.get("block_id") not in (ACTIONS_ID, STATUS_ID)]
    return kept + status_blocks(e)


def reporter_notice(e: EscalationView) -> str:
    if e.status == "resolved":
        return texts.RESOLVED_NOTICE.format(who=who(e.resolved_by), id=e.id)
    return texts.ACKNOWLEDGED_NOTICE.format(who=who(e.acknowledged_by), id=e.id)
