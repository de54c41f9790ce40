"""Adaptive Cards for staff: a `Reply` rendered for Teams, the welcome card, the draft form.

Cards are plain dicts (schema 1.5, the version Teams needs for `Action.Execute`).
Teams' TextBlock markdown has bold, italics and lists but no block quotes, so the
policy quotes in `Reply.text` become emphasised containers. Every text is clipped:
a Teams message carries about 28 KB in all.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from microsoft_agents.activity import (
    Activity,
    ActivityTypes,
    AdaptiveCardInvokeResponse,
    Attachment,
)

from bot.core.compose import contact_line as contacts_sentence
from bot.core.models import Contact, Reply
from bot.core.phrasing.display import body_text, summary_label

CARD_TYPE = "application/vnd.microsoft.card.adaptive"
Card = dict[str, Any]

# The same quick actions as the Slack app's suggested prompts: (button title, message sent).
PROMPTS = (
    ("Can I post this?", "Can I post this?"),
    (
        "Out-of-hours comms number",
        "What is the out-of-hours number for the communications team?",
    ),
    ("Report a media approach", "Report a media approach"),
    ("Report a safeguarding concern", "Report a safeguarding concern"),
)
# Prompts that open a form rather than being answered from one line.
DRAFT_PROMPTS = frozenset({"can i post this?", "can i post this", "check a draft"})
REPORT_PROMPTS = {
    "report a media approach": "media",
    "report a safeguarding concern": "safeguarding",
    "report online harassment": "harassment",
    "report harassment": "harassment",
}
MAX_BLOCK = 3000
REPORT_ACTION_TITLE = "🚨 Report it now"
ALERT_BUTTON = "Alert the comms team now"
HELD_NOTE = (
    "Only the communications team will see your words. Choose **Alert the comms team now** "
    "to send them to the team's channel."
)
SENT_NOTE = (
    "✅ Sent to the communications team (report #{id}). I'll tell you here when they pick it up."
)
_VERDICT_COLOUR = {"ok": "Good", "review": "Warning", "do_not_post": "Attention"}


def clip(text: str, limit: int = MAX_BLOCK) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def text_block(text: str, **extra: Any) -> Card:
    return {"type": "TextBlock", "text": clip(text), "wrap": True, **extra}


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


def markdown_blocks(text: str) -> list[Card]:
    """Paragraphs become TextBlocks; "> " quotes become emphasised containers whose
    "— §3.5 Title" attribution line is set small and subtle."""
    blocks: list[Card] = []
    for paragraph in (p.strip() for p in text.split("\n\n")):
        if not paragraph:
            continue
        lines = paragraph.splitlines()
        if not all(line.startswith(">") for line in lines):
            blocks.append(text_block(paragraph))
            continue
        quote = [line[1:].strip() for line in lines]
        attribution = [q for q in quote if q.startswith("— ")]
        words = "\n".join(q for q in quote if q and not q.startswith("— "))
        items = [text_block(words, fontType="Default")] if words else []
        items += [text_block(a, isSubtle=True, size="Small", spacing="None") for a in attribution]
        blocks.append({"type": "Container", "style": "emphasis", "items": items})
    return blocks


def summary_blocks(reply: Reply) -> list[Card]:
    """A generated summary (checked against the quotes), then the label that says so."""
    if not (reply.summary and reply.phrased_by):
        return []
    label = summary_label(reply.phrased_by)
    return [
        text_block(reply.summary),
        text_block(label, isSubtle=True, size="Small", spacing="None"),
    ]


def sources_block(reply: Reply) -> Card | None:
    if not reply.citations:
        return None
    cited = " · ".join(f"§{c.section} {c.title}" for c in reply.citations)
    return text_block(f"Sources: {cited}", isSubtle=True, size="Small")


def contacts_block(contacts: Sequence[Contact]) -> Card | None:
    now = [c for c in contacts if c.now] or list(contacts[:1])
    if not now:
        return None
    facts = [
        {
            "title": f"Contact now ({c.use})",
            "value": ("call " if c.kind == "phone" else "email ") + c.value,
        }
        for c in now
    ]
    return {"type": "FactSet", "facts": facts}


def post_check_blocks(reply: Reply) -> list[Card]:
    check = reply.post_check
    assert check is not None
    headline = reply.text.split("\n", 1)[0]
    blocks: list[Card] = [
        text_block(headline, size="Medium", weight="Bolder", color=_VERDICT_COLOUR[check.verdict])
    ]
    for finding in check.findings:
        items = [
            text_block(f"§{finding.section} — {finding.explanation}"),
            text_block(f"**Fix:** {finding.fix}", spacing="Small"),
        ]
        blocks.append({"type": "Container", "separator": True, "items": items})
    if check.corrected_draft:
        blocks.append(text_block("**Corrected draft:**"))
        draft = text_block(check.corrected_draft)
        blocks.append({"type": "Container", "style": "emphasis", "items": [draft]})
    return blocks


def feedback_actions(reply: Reply, question: str | None) -> list[Card]:
    data: dict[str, Any] = {
        "kind": reply.kind,
        "sections": [c.section for c in reply.citations][:5],
    }
    if question:
        # Only the asker's own question, for the policy owner's review of gaps.
        data["question"] = clip(question, 500)
    return [
        execute("👍 Helpful", "feedback", {**data, "helpful": True}),
        execute("👎 Not helpful", "feedback", {**data, "helpful": False}),
    ]


def reply_card(
    reply: Reply,
    *,
    question: str | None = None,
    escalation_id: int | None = None,
    alerted: bool = False,
) -> Card:
    """The card for any `Reply`. With an escalation id it is a report's card: its alert
    state or the alert button instead of feedback buttons."""
    body = (
        post_check_blocks(reply)
        if reply.post_check
        else summary_blocks(reply) + markdown_blocks(body_text(reply))
    )
    if reply.escalation:
        contacts = contacts_block(reply.escalation.contacts)
        body += [contacts] if contacts else []
    actions: list[Card] = []
    if escalation_id is None:
        actions = report_actions(reply) + feedback_actions(reply, question)
    elif alerted:
        body.append(text_block(SENT_NOTE.format(id=escalation_id), weight="Bolder", color="Good"))
    else:
        body.append(text_block(HELD_NOTE))
        data = {"escalation": escalation_id}
        actions.append(execute(ALERT_BUTTON, "alert", data, style="positive"))
    sources = sources_block(reply)
    body += [sources] if sources else []
    return card(body, actions)


def report_actions(reply: Reply) -> list[Card]:
    """Under an answer about reporting (or a maybe-report): one tap shows the report
    form of that kind inside the card, with the contact for the hour."""
    action = reply.report_action
    if action is None:
        return []
    form = report_form_card(action.kind, contacts_sentence(action.contacts))
    return [{"type": "Action.ShowCard", "title": REPORT_ACTION_TITLE, "card": form}]


def welcome_card(contact_line: str) -> Card:
    body = [
        text_block("Hello, I'm policybot", size="Large", weight="Bolder"),
        text_block(
            "I answer questions about the HRA social media policy from the policy itself, "
            "check draft posts, and pass media approaches, safeguarding concerns and online "
            "harassment to the communications team."
        ),
    ]
    if contact_line:
        body.append(text_block(contact_line, isSubtle=True))
    return card(body, [imback(title, value) for title, value in PROMPTS])


def imback(title: str, value: str) -> Card:
    # imBack posts the value as the person's own message, like a Slack suggested prompt.
    return {
        "type": "Action.Submit",
        "title": title,
        "data": {"msteams": {"type": "imBack", "value": value}},
    }


def draft_form_card() -> Card:
    body = [
        text_block("Paste the post you want to check", weight="Bolder"),
        {
            "type": "Input.Text",
            "id": "draft",
            "isMultiline": True,
            "maxLength": 4000,
            "placeholder": "Your draft post",
        },
    ]
    return card(body, [execute("Check it", "check_draft", {})])


REPORT_QUESTIONS = {
    "media": "Who contacted you, from which organisation, how, and what did they ask?",
    "safeguarding": "What did you see, where (a link if you have one) and when?",
    "harassment": "What happened, where, and is it still going on?",
}


def report_form_card(kind: str, contact_line: str) -> Card:
    """A short form for a report the person has chosen to make: what they write goes to
    the communications team whatever words they use."""
    body = [
        text_block(REPORT_QUESTIONS[kind], weight="Bolder"),
        {
            "type": "Input.Text",
            "id": "details",
            "isMultiline": True,
            "isRequired": True,
            "errorMessage": "Tell me what happened first.",
            "maxLength": 4000,
        },
        text_block("Only the communications team will see this.", isSubtle=True),
    ]
    if contact_line:
        body.append(text_block(f"If it is urgent, don't wait: {contact_line}"))
    send = execute("Send to the communications team", "report", {"kind": kind}, style="positive")
    return card(body, [send])


def note(text: str) -> Activity:
    return Activity(type=ActivityTypes.message, text=text, text_format="markdown")
