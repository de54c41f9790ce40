"""The card the communications team sees in its channel for one escalation.

It is re-rendered from the escalation row after every change, so the card in the
channel always shows the row's state. Open, acknowledged and resolved cards differ at a
glance (heading words, emoji and container style; text keeps the default colour) and
keep who did what. Resolve opens a short form (outcome, optional note) whose button is
the confirmation. The reporter is a real mention; their words are plain text, and a
long report is read in full in a task module.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.escalation.view import EscalationView
from bot.escalation.workflow import OUTCOMES

from .cards import Card, card, escape_markdown, execute, quoted_words, show_card, text_block

KIND_TITLES = {
    "safeguarding": "Safeguarding concern",
    "media": "Media approach",
    "harassment": "Online harassment",
}
_HEADING = {
    "open": ("🚨", "", "attention"),
    "acknowledged": ("👀", "Acknowledged: ", "emphasis"),
    "resolved": ("✅", "Resolved: ", "good"),
}
MAX_WORDS = 2000
WORDS_VERB = "words"


def _when(at: datetime | None, zone: ZoneInfo) -> str:
    return at.astimezone(zone).strftime("%a %d %b %Y %H:%M") if at else ""


def status_lines(view: EscalationView, zone: ZoneInfo) -> list[str]:
    """Who did what, kept on the card as it moves on."""
    lines = []
    if view.acknowledged_by:
        at = _when(view.acknowledged_at, zone)
        lines.append(f"👀 Acknowledged by {escape_markdown(view.acknowledged_by)} at {at}.")
    if view.status == "resolved":
        at = _when(view.resolved_at, zone)
        lines.append(f"✅ Resolved by {escape_markdown(view.resolved_by or '')} at {at}.")
        if view.resolution:
            outcome = OUTCOMES.get(view.resolution, view.resolution)
            lines.append(f"Outcome: **{escape_markdown(outcome)}**")
    if view.status == "open":
        lines.append("Open: nobody has acknowledged it yet.")
    return lines


def summary(view: EscalationView, reminder: bool = False) -> str:
    title = KIND_TITLES.get(view.kind, view.kind)
    prefix = "Reminder: " if reminder else ""
    return f"{prefix}{title} reported (#{view.id})"


def _reporter(view: EscalationView) -> tuple[str, list[dict[str, Any]]]:
    """A Teams mention of the reporter (their Entra object id), else their name."""
    name = (
        (view.reporter_name or view.reporter_user_id or "unknown").replace("<", "").replace(">", "")
    )
    if view.reporter_platform == "teams" and view.reporter_user_id:
        tag = f"<at>{name}</at>"
        mention = {
            "type": "mention",
            "text": tag,
            "mentioned": {"id": view.reporter_user_id, "name": name},
        }
        return tag, [mention]
    return f"{escape_markdown(name)} (via {view.reporter_platform.capitalize()})", []


def _resolve_form(view: EscalationView) -> Card:
    choices = [{"title": label, "value": value} for value, label in OUTCOMES.items()]
    body: list[Card] = [
        text_block(f"Close report #{view.id}? The reporter is told it is resolved."),
        {
            "type": "Input.ChoiceSet",
            "id": "outcome",
            "label": "Outcome",
            "isRequired": True,
            "errorMessage": "Choose how it ended.",
            "choices": choices,
        },
        {
            "type": "Input.Text",
            "id": "note",
            "label": "Note (optional)",
            "isMultiline": True,
            "maxLength": 1000,
        },
    ]
    confirm = execute("Confirm resolve", "resolve", {"escalation": view.id}, style="positive")
    return show_card("Resolve…", body, [confirm])


def alert_card(view: EscalationView, *, zone: ZoneInfo, repeat_note: str | None = None) -> Card:
    title = KIND_TITLES.get(view.kind, view.kind)
    emoji, state, style = _HEADING.get(view.status, _HEADING["open"])
    hours = "in business hours" if view.business_hours else "out of hours"
    heading = text_block(
        f"{emoji} {state}{title} — report #{view.id}", size="Large", weight="Bolder"
    )
    body: list[Card] = [{"type": "Container", "style": style, "items": [heading]}]
    if repeat_note:
        body.append(text_block(repeat_note, isSubtle=True))
    reporter, entities = _reporter(view)
    facts = [
        {"title": "Received", "value": f"{_when(view.created_at, zone)} ({hours})"},
        {"title": "Via", "value": view.source_platform.capitalize()},
    ]
    body += [text_block(f"Reported by {reporter}"), {"type": "FactSet", "facts": facts}]
    actions: list[Card] = []
    if view.words is None:
        body.append(text_block("The reporter's words were purged after the retention period."))
    else:
        long = len(view.words) > MAX_WORDS
        words = view.words[:MAX_WORDS].rsplit(" ", 1)[0] + " …" if long else view.words
        body.append(quoted_words(words, "Their words"))
        if long:
            actions.append(_words_button(view))
    body.append(text_block("\n\n".join(status_lines(view, zone)), spacing="Medium"))
    if view.status == "open":
        actions.insert(0, execute("Acknowledge", "ack", {"escalation": view.id}, style="positive"))
    if view.status in ("open", "acknowledged"):
        actions.insert(1 if view.status == "open" else 0, _resolve_form(view))
    out = card(body, actions)
    if entities:
        out["msteams"] = {"entities": entities}
    return out


def _words_button(view: EscalationView) -> Card:
    """Opens the whole report in a task module (Teams' dialog)."""
    data = {"msteams": {"type": "task/fetch"}, "verb": WORDS_VERB, "escalation": view.id}
    return {"type": "Action.Submit", "title": "Full report", "data": data}


def words_card(view: EscalationView) -> Card:
    return card([quoted_words(view.words or "", f"Report #{view.id}: their words", 60000)])


def reminder_card(view: EscalationView, zone: ZoneInfo) -> Card:
    """A short nudge in the alert's thread; never a second copy of the words."""
    title = KIND_TITLES.get(view.kind, view.kind).lower()
    at = _when(view.created_at, zone)
    text = f"⏰ Report #{view.id} ({title}, {at}) has not been acknowledged yet. Please pick it up from the alert."
    return card([text_block(text)])


def reporter_update(view: EscalationView) -> str:
    """What the reporter is told when the team picks their report up or closes it."""
    what = KIND_TITLES.get(view.kind, view.kind).lower()
    if view.status == "resolved":
        return f"The communications team has marked your report #{view.id} ({what}) as resolved."
    return (
        f"The communications team has picked up your report #{view.id} ({what}): "
        f"{view.acknowledged_by} is looking at it."
    )
