"""Pure parts of the Teams adapter: reading activities, rendering cards."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from microsoft_agents.activity import Activity
from teams_activities import ALICE, channel_mention, personal_message

from bot.card_gallery import sample_view
from bot.core.layout import ReportState
from bot.core.models import Citation, EscalationInfo, Reply
from bot.escalation.view import EscalationView
from bot.teams.activities import (
    base_conversation_id,
    event_key,
    is_personal,
    message_text,
    to_message,
)
from bot.teams.alert_card import alert_card, reminder_card
from bot.teams.cards import MAX_BLOCK, plain_text
from bot.teams.reply_cards import reply_card
from tests.card_parts import teams_actions

URL = "https://smba.trafficmanager.net/amer/"
LONDON = ZoneInfo("Europe/London")


def _activity(raw: dict) -> Activity:
    return Activity.model_validate(raw)


def test_message_fields_come_from_the_activity() -> None:
    activity = _activity(channel_mention(URL, "hello", root="1700"))
    message = to_message(activity, "hello")
    assert message.platform == "teams" and message.user_id == ALICE["aadObjectId"]
    assert message.user_name == "Alice Reporter" and message.thread_ref == "1700"
    assert message.channel_id == activity.conversation.id and not message.is_draft
    assert base_conversation_id(message.channel_id).endswith("@thread.tacv2")
    assert not is_personal(activity) and is_personal(_activity(personal_message(URL, "hi")))


def test_event_keys_differ_across_conversations_with_the_same_activity_id() -> None:
    first = _activity(personal_message(URL, "a"))
    second = _activity(channel_mention(URL, "b"))
    second.id = first.id
    assert event_key(first) != event_key(second)
    assert event_key(first) == event_key(
        _activity(first.model_dump(by_alias=True, exclude_none=True))
    )


def test_someones_words_are_text_runs_never_markdown() -> None:
    blocks = plain_text("**bold** and [a link](https://evil.example)\n- item")
    runs = [b["inlines"][0] for b in blocks]
    assert all(r["type"] == "TextRun" for r in runs)
    assert runs[0]["text"] == "**bold** and [a link](https://evil.example)"
    assert runs[1]["text"] == "- item"


def test_text_is_clipped() -> None:
    [block] = plain_text("x" * (MAX_BLOCK * 2))
    assert len(block["inlines"][0]["text"]) == MAX_BLOCK


def _report_reply() -> Reply:
    return Reply(
        kind="escalation",
        text="This sounds like a media approach.",
        citations=[Citation(section="3.5", title="Responding to the media", quote="...")],
        escalation=EscalationInfo(kind="media"),
    )


def test_report_cards_offer_the_alert_until_it_is_sent() -> None:
    held = reply_card(_report_reply(), report=ReportState(7, sent=False))
    assert [a["verb"] for a in teams_actions(held)] == ["alert"]
    assert teams_actions(held)[0]["data"] == {"escalation": 7}
    sent = reply_card(_report_reply(), report=ReportState(7, sent=True))
    assert teams_actions(sent) == [] and "report #7" in str(sent["body"])


def _view(status: str, **extra: object) -> EscalationView:
    return sample_view(**({"status": status, "words": "the words"} | extra))


def test_alert_card_buttons_follow_the_status() -> None:
    open_card = alert_card(_view("open"), zone=LONDON)
    assert [a.get("verb") for a in teams_actions(open_card)] == ["ack", None, "resolve"]
    assert "out of hours" in str(open_card) and "the words" in str(open_card)
    acked = alert_card(
        _view("acknowledged", acknowledged_by="Cara", acknowledged_at=datetime.now(UTC)),
        zone=LONDON,
    )
    assert [a.get("verb") for a in teams_actions(acked)] == [None, "resolve"]
    resolved = alert_card(
        _view("resolved", resolved_by="Cara", resolved_at=datetime.now(UTC)), zone=LONDON
    )
    assert "actions" not in resolved
    purged = alert_card(_view("open", words=None), zone=LONDON)
    assert "purged" in str(purged)


def test_reminder_cards_are_a_nudge_not_a_copy() -> None:
    nudge = str(reminder_card(_view("open"), zone=LONDON))
    assert "not been acknowledged" in nudge and "the words" not in nudge


def test_teams_markup_is_removed_from_the_text() -> None:
    def text(raw: str) -> str:
        return message_text(Activity(type="message", text=raw))

    assert text("<p>Can I post this: &quot;Proud of my REC&quot;</p>") == (
        'Can I post this: "Proud of my REC"'
    )
    assert text("ask&nbsp;<at>Bob</at> whether I <3 research") == "ask Bob whether I <3 research"
