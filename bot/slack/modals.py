"""Report forms (modals), the App Home, and turning a submitted form into a report.

A form's fields become the reporter's words (plain labelled lines), so every sink and
the CLI show them without knowing about forms. The media form's deadline also sets the
priority: a journalist's deadline close at hand goes to the front of the queue.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bot.escalation.outbox import DEFAULT_PRIORITY

from . import texts
from .render import Block, button, context, mrkdwn, plain_words, section

SUBMIT_CALLBACK = "report_submit"
NEAR_DEADLINE = timedelta(hours=4)
HIGH_PRIORITY = DEFAULT_PRIORITY["safeguarding"]
_TITLES = texts.KIND_TITLES  # each within a modal title's 24 characters

# (block_id, label, kind of input, required, placeholder)
_FIELDS: dict[str, list[tuple[str, str, str, bool, str]]] = {
    "media": [
        ("outlet", "Outlet", "text", True, "e.g. BBC News, Daily Mail, a podcast"),
        ("journalist", "Journalist", "text", True, "Name and how they contacted you"),
        ("deadline", "Their deadline", "datetime", False, ""),
        ("topic", "Topic", "long", True, "What do they want to know or talk about?"),
    ],
    "safeguarding": [
        ("details", "What happened?", "long", True, "What you saw or were told, and when"),
        ("where", "Where online?", "text", False, "Site, account or link"),
    ],
    "harassment": [
        ("details", "What is happening?", "long", True, "Messages, posts or comments"),
        ("where", "Where online?", "text", False, "Site, account or link"),
    ],
}


def _plain(text: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": text, "emoji": True}


def _input(block_id: str, label: str, kind: str, required: bool, hint: str) -> Block:
    if kind == "datetime":
        element: Block = {"type": "datetimepicker", "action_id": "value"}
    else:
        element = {
            "type": "plain_text_input",
            "action_id": "value",
            "multiline": kind == "long",
            "max_length": 2900 if kind == "long" else 300,
        }
        if hint:
            element["placeholder"] = _plain(hint)
    return {
        "type": "input",
        "block_id": block_id,
        "label": _plain(label),
        "optional": not required,
        "element": element,
    }


def report_view(kind: str, contact: str | None = None) -> Block:
    blocks: list[Block] = [section(texts.FORM_INVITE + " Only the communications team sees it.")]
    if contact:
        blocks.append(context(f":telephone_receiver: {mrkdwn(contact)}"))
    blocks += [_input(*field) for field in _FIELDS[kind]]
    return {
        "type": "modal",
        "callback_id": SUBMIT_CALLBACK,
        "private_metadata": json.dumps({"kind": kind}),
        "title": _plain(_TITLES[kind]),
        "submit": _plain("Send to comms team"),
        "close": _plain("Cancel"),
        "blocks": blocks,
    }


def choose_view() -> Block:
    """The global shortcut's first step: which kind of report (then `report_view`)."""
    options = [
        {"text": _plain(_TITLES[k]), "value": k} for k in ("media", "safeguarding", "harassment")
    ]
    return {
        "type": "modal",
        "callback_id": "report_choose",
        "title": _plain("Report a concern"),
        "close": _plain("Cancel"),
        "blocks": [
            section("What would you like to report? Only the communications team sees it."),
            {
                "type": "actions",
                "block_id": "report_kind",
                "elements": [
                    {
                        "type": "static_select",
                        "action_id": "report_kind",
                        "placeholder": _plain("Choose one"),
                        "options": options,
                    }
                ],
            },
        ],
    }


def sent_view(
    escalation_id: int, kind: str, contact: str | None, words: str | None = None
) -> Block:
    """The receipt the form turns into: the report number, the contacts with their
    hours, and the words sent, so the reporter keeps a record of them."""
    receipt = texts.RECEIPT.format(id=escalation_id, kind=_TITLES.get(kind, kind).lower())
    blocks = [section(f":white_check_mark: {receipt}")]
    if contact:
        blocks.append(section(f"If it can't wait: {mrkdwn(contact)}"))
    if words:
        blocks += plain_words(words, "What you sent")
    return {
        "type": "modal",
        "title": _plain("Report sent"),
        "close": _plain("Close"),
        "blocks": blocks,
    }


def report_button(kind: str) -> Block:
    return button(f"Report: {_TITLES[kind].lower()}", f"report_open_{kind}", kind)


def report_buttons() -> Block:
    return {
        "type": "actions",
        "block_id": "report_open",
        "elements": [report_button(k) for k in ("media", "safeguarding", "harassment")],
    }


def home_view(contact: str | None) -> Block:
    blocks: list[Block] = [
        {"type": "header", "text": _plain("Social media policy")},
        section(texts.HOME_INTRO),
        report_buttons(),
    ]
    if contact:
        blocks.append(context(f":telephone_receiver: Communications team: {mrkdwn(contact)}"))
    return {"type": "home", "blocks": blocks}


@dataclass(frozen=True)
class ReportForm:
    kind: str
    words: str
    deadline: datetime | None = None

    def priority(self, now: datetime) -> int | None:
        """None keeps the kind's default; a close media deadline raises it."""
        if self.deadline is not None and self.deadline - now <= NEAR_DEADLINE:
            return HIGH_PRIORITY
        return None


def kind_of(view: dict[str, Any]) -> str:
    try:
        kind = json.loads(view.get("private_metadata") or "{}").get("kind")
    except json.JSONDecodeError:
        kind = None
    if kind not in _FIELDS:
        raise ValueError("report form without a known kind")
    return str(kind)


def parse_report(view: dict[str, Any], timezone: str) -> ReportForm:
    """The submitted form as labelled lines (the words) and the deadline, if any."""
    kind = kind_of(view)
    values = (view.get("state") or {}).get("values") or {}
    lines: list[str] = []
    deadline: datetime | None = None
    for block_id, label, field_kind, _required, _hint in _FIELDS[kind]:
        state = (values.get(block_id) or {}).get("value") or {}
        if field_kind == "datetime":
            stamp = state.get("selected_date_time")
            if stamp:
                deadline = datetime.fromtimestamp(int(stamp), UTC)
                local = deadline.astimezone(ZoneInfo(timezone))
                lines.append(f"{label}: {local:%a %d %b %Y, %H:%M %Z}")
            continue
        text = (state.get("value") or "").strip()
        if text:
            lines.append(f"{label}: {text}" if "\n" not in text else f"{label}:\n{text}")
    return ReportForm(kind=kind, words="\n".join(lines), deadline=deadline)


def required_missing(view: dict[str, Any]) -> dict[str, str]:
    """Server-side check of required fields (Slack checks too; a client may not)."""
    kind = kind_of(view)
    values = (view.get("state") or {}).get("values") or {}
    errors = {}
    for block_id, _label, field_kind, required, _hint in _FIELDS[kind]:
        if not required or field_kind == "datetime":
            continue
        text = ((values.get(block_id) or {}).get("value") or {}).get("value") or ""
        if not text.strip():
            errors[block_id] = "Please fill this in."
    return errors


def first_block_id(view: dict[str, Any]) -> str:
    kind = kind_of(view)
    return _FIELDS[kind][0][0]
