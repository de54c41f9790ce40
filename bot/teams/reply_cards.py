"""A `Reply` as a Teams card, in the one reply design of `bot.core.layout`.

Reports: title, status (or the one button, in the body, above everything else), what
to do, one quote. Answers: the lead, the quote, other sources behind a toggle. Draft
checks: the verdict, findings, the draft itself and a form to check another.
"""

from __future__ import annotations

from typing import Any

from bot.core.compose import contact_line as contacts_sentence
from bot.core.layout import (
    ALERT_LABEL,
    Layout,
    Quote,
    ReportState,
    answer_layout,
    finding_lines,
    post_check_layout,
    report_layout,
)
from bot.core.models import Reply

from .cards import (
    Card,
    action_set,
    card,
    clip,
    draft_form_body,
    execute,
    help_actions,
    quoted_words,
    report_form_card,
    text_block,
)

REPORT_ACTION_TITLE = "🚨 Report it"
MORE_ID = "more_sources"
# Meaning is in the words and emoji; the style only tints the container, so the text
# keeps the host's default colour (contrast) in light and dark themes alike.
_VERDICT = {
    "ok": ("✅ OK to post", "good"),
    "review": ("⚠️ Review before posting", "warning"),
    "do_not_post": ("⛔ Do not post", "attention"),
}
KIND_EMOJI = {"media": "📰", "safeguarding": "🛡️", "harassment": "⚠️"}


def quote_container(quote: Quote) -> Card:
    items = [text_block(quote.text)] if quote.text else []
    items.append(text_block(f"— {quote.label}", size="Small", spacing="None"))
    return {"type": "Container", "style": "emphasis", "items": items}


def _more(more: list[Quote]) -> list[Card]:
    """Other sources behind one toggle, each quoted once."""
    if not more:
        return []
    toggle = {
        "type": "Action.ToggleVisibility",
        "title": f"Other sources ({len(more)})",
        "targetElements": [MORE_ID],
    }
    hidden = {
        "type": "Container",
        "id": MORE_ID,
        "isVisible": False,
        "items": [quote_container(q) for q in more],
    }
    return [action_set(toggle), hidden]


def _steps(layout: Layout) -> list[Card]:
    """One tight line a step, under the status: a markdown list's indent and margins
    would make a report card half as tall again, and it is read at a worried moment."""
    blocks = [
        text_block(f"• {step}", spacing="Small" if i == 0 else "None")
        for i, step in enumerate(layout.steps)
    ]
    if layout.contacts:
        blocks.append(text_block(layout.contacts, spacing="Small"))
    return blocks


def _status(layout: Layout) -> list[Card]:
    if layout.status is None:
        return []
    if layout.alert_id is None:
        sent = text_block(f"✅ **{layout.status}**")
        return [{"type": "Container", "style": "good", "items": [sent]}]
    button = execute(ALERT_LABEL, "alert", {"escalation": layout.alert_id}, style="positive")
    return [text_block(layout.status, spacing="Small"), action_set(button)]


def layout_body(layout: Layout) -> list[Card]:
    body: list[Card] = []
    if layout.title:
        emoji = KIND_EMOJI.get(layout.report_kind or "", "")
        body.append(text_block(f"{emoji} {layout.title}".strip(), size="Medium", weight="Bolder"))
    body += _status(layout)
    if layout.summary:
        # A generated summary leads, labelled; the policy's own words follow it.
        body.append(text_block(layout.summary))
        body.append(
            text_block(layout.summary_label or "", isSubtle=True, size="Small", spacing="None")
        )
    body += [text_block(line) for line in layout.lead]
    body += _steps(layout)
    if layout.quote:
        body.append(quote_container(layout.quote))
    body += _more(layout.more)
    body += [text_block(n, isSubtle=True, size="Small") for n in layout.notes]
    if layout.words and layout.words_label:
        body.append(quoted_words(layout.words, layout.words_label))
    return body


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


def report_actions(reply: Reply) -> list[Card]:
    """Under an answer about reporting (or a maybe-report): one tap shows the report
    form of that kind inside the card, with the contacts and their hours."""
    action = reply.report_action
    if action is None:
        return []
    # The contact number once per card: not again in the form when the answer gives it.
    shown = any(c.value in reply.text for c in action.contacts)
    form = report_form_card(action.kind, "" if shown else contacts_sentence(action.contacts))
    return [{"type": "Action.ShowCard", "title": REPORT_ACTION_TITLE, "card": form}]


def post_check_body(reply: Reply, draft: str | None) -> list[Card]:
    check = reply.post_check
    assert check is not None
    headline, style = _VERDICT[check.verdict]
    rest = post_check_layout(reply).lead[0].split(" — ", 1)[-1] if check.findings else ""
    heading = text_block(headline, size="Medium", weight="Bolder")
    items = [heading] + ([text_block(rest, spacing="None")] if rest else [])
    body: list[Card] = [{"type": "Container", "style": style, "items": items}]
    for section, explanation, fix in finding_lines(check):
        lines = [text_block(f"§{section} — {explanation}"), text_block(f"**Fix:** {fix}")]
        body.append({"type": "Container", "separator": True, "items": lines})
    if check.corrected_draft:
        body.append(quoted_words(check.corrected_draft, "Corrected draft"))
    if draft:
        body.append(quoted_words(draft, "Your draft"))
    return body


def reply_card(
    reply: Reply,
    *,
    question: str | None = None,
    report: ReportState | None = None,
    draft: str | None = None,
) -> Card:
    """The card for any `Reply`. With a report state it is a report's card (its status
    or the alert button); a draft check keeps the draft and offers to check another."""
    if report is not None and reply.escalation is not None:
        return card(layout_body(report_layout(reply, report)))
    if reply.post_check is not None:
        again = draft_form_body(label="Check another draft")
        body = post_check_body(reply, draft)
        return card(body, [_check_another(again)])
    body = layout_body(answer_layout(reply))
    if reply.kind == "help":
        return card(body, help_actions())
    return card(body, report_actions(reply) + feedback_actions(reply, question))


def _check_another(form: list[Card]) -> Card:
    return {
        "type": "Action.ShowCard",
        "title": "Check another",
        "card": card(form, [execute("Check it", "check_draft", {})]),
    }


def summary_of(reply: Reply, report: ReportState | None = None) -> str:
    """The notification line: what the card says first."""
    if report is not None and reply.escalation is not None:
        layout = report_layout(reply, report)
        return (
            f"{layout.title}: {layout.status}" if report.sent else f"{layout.title}: {ALERT_LABEL}?"
        )
    first = reply.text.strip().split("\n", 1)[0].replace("**", "")
    if first.endswith(":") and reply.citations:
        first = f"§{reply.citations[0].section} {reply.citations[0].title}"
    return clip(first or "policybot", 120)


REFRESH_VERB = "report_refresh"


def with_refresh(content: Card, escalation_id: int, viewer: str | None, *, form: bool) -> Card:
    """A report card Teams asks for again each time it is viewed (Adaptive Card
    `refresh`), so the answer can say which contact applies now (bot.teams.live_card).
    `viewer`: the reporter's Teams id; the posted card itself never says "now"."""
    data: dict[str, Any] = {"escalation": escalation_id}
    if form:
        data["form"] = True  # the card shows their words back: keep them on refresh
    refresh: Card = {"action": execute("Refresh", REFRESH_VERB, data)}
    if viewer:
        refresh["userIds"] = [viewer]
    return content | {"refresh": refresh}
