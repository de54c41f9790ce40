"""Pure parts of the Teams adapter: reading activities, rendering cards."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from microsoft_agents.activity import Activity
from teams_activities import ALICE, channel_mention, personal_message

from bot.core.models import Citation, EscalationInfo, Reply
from bot.escalation.view import EscalationView
from bot.teams.activities import (
    base_conversation_id,
    event_key,
    is_personal,
    message_text,
    to_message,
)
from bot.teams.alert_card import alert_card
from bot.teams.cards import MAX_BLOCK, markdown_blocks, reply_card

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


def test_policy_quotes_become_containers_with_a_subtle_attribution() -> None:
    text = "Lead line.\n\n> Staff must not respond to the media.\n> — §3.5 Responding to the media"
    lead, quote = markdown_blocks(text)
    assert lead["text"] == "Lead line."
    assert quote["type"] == "Container" and quote["style"] == "emphasis"
    words, attribution = quote["items"]
    assert words["text"] == "Staff must not respond to the media."
    assert attribution["text"].startswith("— §3.5") and attribution["isSubtle"]


def test_text_is_clipped() -> None:
    [block] = markdown_blocks("x" * (MAX_BLOCK * 2))
    assert len(block["text"]) == MAX_BLOCK


def _report_reply() -> Reply:
    return Reply(
        kind="escalation",
        text="This sounds like a media approach.",
        citations=[Citation(section="3.5", title="Responding to the media", quote="...")],
        escalation=EscalationInfo(kind="media"),
    )


def test_report_cards_offer_the_alert_until_it_is_sent() -> None:
    held = reply_card(_report_reply(), escalation_id=7)
    assert [a["verb"] for a in held["actions"]] == ["alert"]
    assert held["actions"][0]["data"] == {"escalation": 7}
    sent = reply_card(_report_reply(), escalation_id=7, alerted=True)
    assert "actions" not in sent and "report #7" in str(sent["body"])


def _view(status: str, **extra: object) -> EscalationView:
    values: dict = {
        "id": 3,
        "kind": "safeguarding",
        "status": status,
        "created_at": datetime(2026, 11, 25, 22, 30, tzinfo=UTC),
        "business_hours": False,
        "urgent": True,
        "priority": 2,
        "idempotency_key": "k",
        "reporter_platform": "teams",
        "reporter_user_id": "aad-alice",
        "reporter_name": "Alice Reporter",
        "source_platform": "teams",
        "source_channel": "a:1",
        "source_thread": None,
        "words": "the words",
    }
    return EscalationView(**(values | extra))  # type: ignore[arg-type]


def test_alert_card_buttons_follow_the_status() -> None:
    open_card = alert_card(_view("open"), zone=LONDON)
    assert [a["verb"] for a in open_card["actions"]] == ["ack", "resolve"]
    assert "out of hours" in str(open_card) and "the words" in str(open_card)
    acked = alert_card(
        _view("acknowledged", acknowledged_by="Cara", acknowledged_at=datetime.now(UTC)),
        zone=LONDON,
    )
    assert [a["verb"] for a in acked["actions"]] == ["resolve"]
    resolved = alert_card(
        _view("resolved", resolved_by="Cara", resolved_at=datetime.now(UTC)), zone=LONDON
    )
    assert "actions" not in resolved
    purged = alert_card(_view("open", words=None), zone=LONDON)
    assert "purged" in str(purged)


def test_reminder_cards_say_so() -> None:
    assert "not been acknowledged" in str(alert_card(_view("open"), zone=LONDON, reminder=True))


def test_teams_markup_is_removed_from_the_text() -> None:
    def text(raw: str) -> str:
        return message_text(Activity(type="message", text=raw))

    assert text("<p>Can I post this: &quot;Proud of my REC&quot;</p>") == (
        'Can I post this: "Proud of my REC"'
    )
    assert text("ask&nbsp;<at>Bob</at> whether I <3 research") == "ask Bob whether I <3 research"
