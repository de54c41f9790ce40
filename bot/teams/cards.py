"""Adaptive Card parts, and the cards for staff that are not replies: welcome, forms.

Cards are plain dicts (schema 1.5, the version Teams needs for `Action.Execute`). Text
of our own is TextBlock markdown; text a person wrote (a report, a draft) is a
RichTextBlock of TextRuns, which Teams never reads as markdown, so asterisks stay,
lists do not reflow and a link shows its address. Every text is clipped: a Teams
message carries about 28 KB in all. Colours follow docs/gallery's contrast rule:
text keeps the default colour; meaning comes from words, emoji and container styles.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from microsoft_agents.activity import (
    Activity,
    ActivityTypes,
    AdaptiveCardInvokeResponse,
    Attachment,
)

from bot.core.small_talk import EXAMPLE_QUESTIONS, HELP_ACTIONS, THREE_THINGS

CARD_TYPE = "application/vnd.microsoft.card.adaptive"
Card = dict[str, Any]

# Prompts that open a form rather than being answered from one line.
DRAFT_PROMPTS = frozenset({"can i post this?", "can i post this", "check a draft", "check a post"})
REPORT_PROMPTS = {
    "report a media approach": "media",
    "report a safeguarding concern": "safeguarding",
    "report online harassment": "harassment",
    "report harassment": "harassment",
}
# The report kinds behind "Report something": (button label, message sent).
REPORT_CHOICES = (
    ("Media approach", "Report a media approach"),
    ("Safeguarding", "Report a safeguarding concern"),
    ("Harassment", "Report online harassment"),
)
MAX_BLOCK = 3000
MAX_PLAIN_LINES = 40
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+!|~>])")


def clip(text: str, limit: int = MAX_BLOCK) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def escape_markdown(text: str) -> str:
    """A name or a label from outside, safe inside TextBlock markdown."""
    escaped = _MARKDOWN.sub(r"\\\1", text)
    return re.sub(r"^(\s*)([-*]|\d+\.)(\s)", r"\1\\\2\3", escaped, flags=re.M)


def text_block(text: str, **extra: Any) -> Card:
    return {"type": "TextBlock", "text": clip(text), "wrap": True, **extra}


def plain_text(text: str, limit: int = MAX_BLOCK, **extra: Any) -> list[Card]:
    """Someone's own words as TextRuns (never markdown), one block a line."""
    lines = clip(text, limit).split("\n")
    if len(lines) > MAX_PLAIN_LINES:
        lines = [*lines[: MAX_PLAIN_LINES - 1], " ".join(lines[MAX_PLAIN_LINES - 1 :])]
    return [
        {"type": "RichTextBlock", "inlines": [{"type": "TextRun", "text": line or " "}], **extra}
        | ({"spacing": "None"} if i else {})
        for i, line in enumerate(lines)
    ]


def quoted_words(text: str, label: str, limit: int = MAX_BLOCK) -> Card:
    items = [text_block(label, weight="Bolder", size="Small"), *plain_text(text, limit)]
    return {"type": "Container", "style": "emphasis", "items": items}


def card(body: list[Card], actions: Sequence[Card] = ()) -> Card:
    out: Card = {
        "type": "AdaptiveCard",
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "version": "1.5",
        "body": body,
    }
    if actions:
        out["actions"] = list(actions)
    return out


def execute(title: str, verb: str, data: dict[str, Any], **extra: Any) -> Card:
    return {"type": "Action.Execute", "title": title, "verb": verb, "data": data, **extra}


def action_set(*actions: Card) -> Card:
    """Buttons inside the body, where they belong in the reading order."""
    return {"type": "ActionSet", "actions": list(actions)}


def show_card(title: str, body: list[Card], actions: Sequence[Card] = ()) -> Card:
    return {"type": "Action.ShowCard", "title": title, "card": card(body, actions)}


def card_activity(content: Card, summary: str) -> Activity:
    """A message carrying one card; `summary` is what notifications and the chat list show."""
    return Activity(
        type=ActivityTypes.message,
        summary=clip(summary, 200),
        attachments=[Attachment(content_type=CARD_TYPE, content=content)],
    )


def card_response(content: Card) -> AdaptiveCardInvokeResponse:
    """The answer to an Action.Execute that replaces the clicked card with `content`.

    The card goes as an object: Teams renders `value` as the card itself.
    """
    return AdaptiveCardInvokeResponse(status_code=200, type=CARD_TYPE, value=content)


def imback(title: str, value: str) -> Card:
    # imBack posts the value as the person's own message, like a Slack suggested prompt.
    return {
        "type": "Action.Submit",
        "title": title,
        "data": {"msteams": {"type": "imBack", "value": value}},
    }


def help_actions() -> list[Card]:
    """The bot's three jobs as buttons (labels of 20 characters or fewer)."""
    ask, check, report = (label for label, _ in HELP_ACTIONS)
    examples = "\n".join(f"- {q}" for q in EXAMPLE_QUESTIONS)
    return [
        show_card(ask, [text_block(f"Type your question in this chat, for example:\n{examples}")]),
        show_card(check, draft_form_body(), [execute("Check it", "check_draft", {})]),
        show_card(
            report,
            [text_block("What would you like to report? Only the communications team sees it.")],
            [imback(label, value) for label, value in REPORT_CHOICES],
        ),
    ]


def welcome_card(contact_line: str) -> Card:
    body = [
        text_block("Hello, I'm policybot", size="Large", weight="Bolder"),
        text_block(
            "I answer questions about the HRA social media policy from the policy itself. "
            + THREE_THINGS
        ),
    ]
    if contact_line:
        body.append(text_block(f"Communications team: {contact_line}", isSubtle=True))
    return card(body, help_actions())


def draft_form_body(draft: str = "", label: str = "Your draft post") -> list[Card]:
    field: Card = {
        "type": "Input.Text",
        "id": "draft",
        "label": label,
        "isMultiline": True,
        "isRequired": True,
        "errorMessage": "Paste the draft first.",
        "maxLength": 4000,
    }
    if draft:
        field["value"] = clip(draft, 4000)
    return [field]


def draft_form_card() -> Card:
    body = [
        text_block("Check a post before you publish it", size="Medium", weight="Bolder"),
        *draft_form_body(),
    ]
    return card(body, [execute("Check it", "check_draft", {})])


REPORT_FORM_TITLES = {
    "media": "Report a media approach",
    "safeguarding": "Report a safeguarding concern",
    "harassment": "Report online harassment",
}
REPORT_QUESTIONS = {
    "media": "Who contacted you, from which organisation, how, and what did they ask?",
    "safeguarding": "What did you see, where (a link if you have one) and when?",
    "harassment": "What happened, where, and is it still going on?",
}
SEND_REPORT = "Send to comms team"


def report_form_card(kind: str, contact_line: str) -> Card:
    """A short form for a report the person has chosen to make: what they write goes to
    the communications team whatever words they use."""
    body = [
        text_block(REPORT_FORM_TITLES[kind], size="Medium", weight="Bolder"),
        {
            "type": "Input.Text",
            "id": "details",
            "label": REPORT_QUESTIONS[kind],
            "isMultiline": True,
            "isRequired": True,
            "errorMessage": "Tell me what happened first.",
            "maxLength": 4000,
        },
        text_block("Only the communications team will see this.", isSubtle=True),
    ]
    if contact_line:
        body.append(text_block(f"If it is urgent, don't wait: {contact_line}"))
    send = execute(SEND_REPORT, "report", {"kind": kind}, style="positive")
    return card(body, [send])


def note(text: str) -> Activity:
    return Activity(type=ActivityTypes.message, text=text, text_format="markdown")
