"""The card the communications team sees in its channel for one escalation.

It is re-rendered from the escalation row after every change, so the card in the
channel always shows the row's state; the Acknowledge/Resolve buttons are simply
absent once they no longer apply.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.escalation.view import EscalationView

from .cards import Card, card, clip, execute, text_block

KIND_TITLES = {
    "safeguarding": "🚨 Safeguarding concern",
    "media": "📰 Media approach",
    "harassment": "⚠️ Online harassment",
}
MAX_WORDS = 2000


def _when(at: datetime | None, zone: ZoneInfo) -> str:
    return at.astimezone(zone).strftime("%a %d %b %Y %H:%M") if at else ""


def status_line(view: EscalationView, zone: ZoneInfo) -> str:
    if view.status == "resolved":
        return f"✔️ Resolved by {view.resolved_by} at {_when(view.resolved_at, zone)}."
    if view.status == "acknowledged":
        return f"👀 Acknowledged by {view.acknowledged_by} at {_when(view.acknowledged_at, zone)}."
    return "Open: nobody has acknowledged it yet."


def summary(view: EscalationView, reminder: bool = False) -> str:
    title = KIND_TITLES.get(view.kind, view.kind).split(" ", 1)[-1]
    prefix = "Reminder: " if reminder else ""
    return f"{prefix}{title} reported (#{view.id})"


def alert_card(view: EscalationView, *, zone: ZoneInfo, reminder: bool = False) -> Card:
    title = KIND_TITLES.get(view.kind, view.kind)
    hours = "in business hours" if view.business_hours else "out of hours"
    body: list[Card] = [
        text_block(
            f"{title} — report #{view.id}",
            size="Large",
            weight="Bolder",
            color="Attention" if view.kind == "safeguarding" else "Default",
        )
    ]
    if reminder and view.status == "open":
        body.append(
            text_block(
                "Reminder: this report has not been acknowledged yet.",
                weight="Bolder",
                color="Warning",
            )
        )
    facts = [
        {"title": "Reporter", "value": view.reporter_name or view.reporter_user_id or "unknown"},
        {"title": "Received", "value": f"{_when(view.created_at, zone)} ({hours})"},
        {"title": "Via", "value": view.source_platform.capitalize()},
    ]
    body.append({"type": "FactSet", "facts": facts})
    if view.words is not None:
        words = clip(view.words, MAX_WORDS)
        if len(view.words) > MAX_WORDS:
            words += f"\n\n(Shortened: `policybot escalations show {view.id}` has it all.)"
        body.append({"type": "Container", "style": "emphasis", "items": [text_block(words)]})
    else:
        body.append(text_block("The reporter's words were purged after the retention period."))
    body.append(text_block(status_line(view, zone), weight="Bolder", spacing="Medium"))
    data = {"escalation": view.id}
    actions: list[Card] = []
    if view.status == "open":
        actions.append(execute("Acknowledge", "ack", data, style="positive"))
    if view.status in ("open", "acknowledged"):
        actions.append(execute("Resolve", "resolve", data))
    return card(body, actions)


def reporter_update(view: EscalationView) -> str:
    """What the reporter is told when the team picks their report up or closes it."""
    what = KIND_TITLES.get(view.kind, view.kind).split(" ", 1)[-1].lower()
    if view.status == "resolved":
        return f"The communications team has marked your report #{view.id} ({what}) as resolved."
    return (
        f"The communications team has picked up your report #{view.id} ({what}): "
        f"{view.acknowledged_by} is looking at it."
    )
