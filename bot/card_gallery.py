"""Every card and message kind the bot posts, built from real replies, for both surfaces.

Used by `scripts/render-cards` (the PNG gallery in docs/gallery/) and by the card-rule
tests, so the pictures and the rules are about the same cards staff see.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bot.core.assistant import Assistant
from bot.core.compose import contact_line
from bot.core.layout import ReportState
from bot.core.models import Message, Reply
from bot.escalation.view import DeliveryView, EscalationView
from bot.slack import alerts as slack_alerts
from bot.slack import modals as slack_modals
from bot.slack.reply_blocks import render_reply
from bot.teams import cards as teams_cards
from bot.teams.alert_card import alert_card, reminder_card
from bot.teams.reply_cards import reply_card

OUT_OF_HOURS = datetime(2026, 11, 28, 22, 15, tzinfo=UTC)  # a Saturday night in London
# A reporter's words with everything that must stay text: markdown, a list, a disguised
# link and a Slack broadcast.
UNTRUSTED = (
    "In #research someone shared a screenshot of a **14 year old** panel member's profile:\n"
    "- her name\n- her school\n"
    "See [the post](https://evil.example/phish) <!here>"
)
MEDIA = "A journalist from the Daily Mail just phoned me asking about the study we approved"
SAFEGUARDING = (
    "Someone in our research channel shared a screenshot of a 14 year old panel member's "
    "Instagram, saying an adult messages her every night and wants to meet her"
)
HARASSMENT = "Someone keeps sending me abusive messages on Twitter about my work at the HRA"
DRAFT = (
    "My personal blog: proud of my REC today! Patient John Smith (NHS 943 476 5919) said "
    "the *new* study was great"
)


@dataclass(frozen=True)
class Example:
    name: str
    teams: dict[str, Any] | None
    slack: list[dict[str, Any]] | None
    untrusted: str | None = None  # text someone else wrote, shown in this card
    from_channel: bool = False


def sample_view(**changes: Any) -> EscalationView:
    """An escalation as the cards show it (out of hours, from Teams); tests reuse it."""
    base: dict[str, Any] = {
        "id": 5,
        "kind": "safeguarding",
        "status": "open",
        "created_at": OUT_OF_HOURS,
        "business_hours": False,
        "urgent": True,
        "priority": 2,
        "idempotency_key": "k",
        "reporter_platform": "teams",
        "reporter_user_id": "aad-alice",
        "reporter_name": "Alice Reporter",
        "source_platform": "teams",
        "source_channel": "19:research@thread.tacv2",
        "source_thread": None,
        "words": UNTRUSTED,
    }
    return EscalationView(**(base | changes))


def _slack_view(**changes: Any) -> EscalationView:
    return sample_view(
        reporter_platform="slack",
        reporter_user_id="U0ALICE",
        source_platform="slack",
        source_channel="C0RESEARCH",
        source_thread="1700000000.000100",
        **changes,
    )


def examples(assistant: Assistant, *, out_of_hours: bool = True) -> list[Example]:
    """Each kind once; reports and answers as asked at `OUT_OF_HOURS` by default."""
    bot = copy.copy(assistant)
    if out_of_hours:
        bot.clock = lambda: OUT_OF_HOURS
    zone = ZoneInfo(bot.settings.timezone)

    def ask(text: str, draft: bool = False) -> Reply:
        return bot.handle(Message(text=text, platform="teams", is_draft=draft))

    contacts = contact_line(bot.contacts())
    out: list[Example] = []
    for name, question in (
        ("answer", "Can I say I work for the HRA in my Twitter bio?"),
        ("answer-contact", "what's the out of hours comms number?"),
        ("answer-disclaimer", "what disclaimer do I need on my personal blog?"),
        ("not-covered", "what is on the canteen menu today?"),
        ("small-talk", "hello"),
    ):
        reply = ask(question)
        out.append(
            Example(
                name, reply_card(reply, question=question), render_reply(reply, feedback="{}")[1]
            )
        )
    checked = ask(DRAFT, draft=True)
    out.append(
        Example(
            "draft-result",
            reply_card(checked, draft=DRAFT),
            render_reply(checked, draft=DRAFT)[1],
            untrusted=DRAFT,
        )
    )
    for name, words, sent, channel in (
        ("report-media-held", MEDIA, False, False),
        ("report-media-sent", MEDIA, True, False),
        ("report-safeguarding-sent", SAFEGUARDING, True, True),
        ("report-harassment-held", HARASSMENT, False, False),
    ):
        reply = ask(words)
        state = ReportState(7, sent=sent, from_channel=channel)
        out.append(
            Example(
                name,
                reply_card(reply, report=state),
                render_reply(reply, report=state)[1],
                from_channel=channel,
            )
        )
    form_reply = ask(SAFEGUARDING)
    form_state = ReportState(9, sent=True, words=UNTRUSTED)
    out.append(
        Example(
            "report-form-sent",
            reply_card(form_reply, report=form_state),
            slack_modals.sent_view(9, "safeguarding", contacts, words=UNTRUSTED)["blocks"],
            untrusted=UNTRUSTED,
        )
    )
    out += [
        Example("welcome", teams_cards.welcome_card(contacts), None),
        Example("draft-form", teams_cards.draft_form_card(), None),
        Example(
            "report-form",
            teams_cards.report_form_card("safeguarding", contacts),
            slack_modals.report_view("safeguarding", contacts)["blocks"],
        ),
        Example("app-home", None, slack_modals.home_view(contacts)["blocks"]),
    ]
    out += _alerts(zone, bot.settings.timezone)
    return out


def _alerts(zone: ZoneInfo, timezone: str) -> list[Example]:
    acked = {"status": "acknowledged", "acknowledged_by": "Cara Comms"}
    acked["acknowledged_at"] = OUT_OF_HOURS + timedelta(minutes=4)  # type: ignore[assignment]
    resolved = acked | {
        "status": "resolved",
        "resolved_by": "Dev Comms",
        "resolved_at": OUT_OF_HOURS + timedelta(minutes=40),
        "resolution": "referred",
    }
    slack_acked = {"status": "acknowledged", "acknowledged_by": "U0CARA"}
    slack_resolved = slack_acked | {
        "status": "resolved",
        "resolved_by": "U0DEV",
        "resolution": "referred",
    }
    delivered = DeliveryView(
        sink="slack",
        purpose="alert",
        attempts=1,
        last_error=None,
        next_attempt_at=OUT_OF_HOURS,
        delivered_at=OUT_OF_HOURS,
        delivered_ref="1700000000.000200",
        cancelled_at=None,
    )
    permalink = "https://hra.slack.com/archives/C0RESEARCH/p1700000000000100"

    def slack_alert(**changes: Any) -> list[dict[str, Any]]:
        view = _slack_view(**changes)
        return slack_alerts.alert_message(view, timezone=timezone, permalink=permalink)[1]

    reminder = _slack_view(deliveries=(delivered,))
    nudge = slack_alerts.reminder_message(reminder, timezone, threaded=True)
    return [
        Example("alert-open", alert_card(sample_view(), zone=zone), slack_alert(), UNTRUSTED),
        Example(
            "alert-acknowledged",
            alert_card(sample_view(**acked), zone=zone),
            slack_alert(**slack_acked),
            UNTRUSTED,
        ),
        Example(
            "alert-resolved",
            alert_card(sample_view(**resolved), zone=zone),
            slack_alert(**slack_resolved),
            UNTRUSTED,
        ),
        Example(
            "alert-long",
            alert_card(sample_view(words=UNTRUSTED + " more" * 600), zone=zone),
            slack_alert(words=UNTRUSTED + " more" * 600),
        ),
        Example(
            "alert-reminder",
            reminder_card(sample_view(), zone),
            [{"type": "context", "elements": [{"type": "mrkdwn", "text": nudge}]}],
        ),
    ]
