"""Block Kit rendering on plain data: limits, escaping, verdicts, alerts."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from bot.core.layout import ReportState
from bot.core.models import Citation, Contact, EscalationInfo, Finding, PostCheck, Reply
from bot.escalation.view import EscalationView
from bot.slack import alerts, modals
from bot.slack.payloads import is_bot_event, strip_mention
from bot.slack.render import MAX_BLOCKS, MAX_SECTION, feedback_value, mrkdwn
from bot.slack.reply_blocks import render_reply

CITATION = Citation(section="3.5", title="Responding to the media", quote="Staff must not respond.")


def _all_texts(blocks: list[dict]) -> list[str]:
    found: list[str] = []
    for block in blocks:
        if "text" in block and isinstance(block["text"], dict):
            found.append(block["text"]["text"])
        for element in block.get("elements", []):
            if isinstance(element.get("text"), str):
                found.append(element["text"])
    return found


def test_answer_quotes_once_with_its_section_and_a_fallback() -> None:
    reply = Reply(
        kind="answer",
        text="**“Staff must not respond.”** (§3.5)\n\n> Refer it to the team.\n> — §3.5 Responding to the media",
        citations=[CITATION],
    )
    text, blocks = render_reply(reply, feedback="{}")
    assert "Staff must not respond" in text  # the lead is the notification text
    shown = "\n".join(_all_texts(blocks))
    assert "§3.5 Responding to the media" in shown and "Refer it to the team." in shown
    # Each sentence once: the lead is not repeated in a source line under the quote.
    assert shown.count("Staff must not respond") == 1


def test_long_replies_respect_block_kit_limits() -> None:
    paragraphs = "\n\n".join(f"Paragraph {i} " + "word " * 400 for i in range(80))
    citations = [CITATION] * 30
    reply = Reply(kind="answer", text=paragraphs, citations=citations)
    text, blocks = render_reply(reply, feedback=feedback_value(reply, "q" * 5000))
    assert len(blocks) <= MAX_BLOCKS
    assert all(len(t) <= MAX_SECTION for t in _all_texts(blocks))
    assert blocks[-1]["block_id"] == "feedback"  # the buttons survive the cut
    assert len(blocks[-1]["elements"][0]["value"]) <= 2000
    assert len(text) <= 3000


def test_one_huge_paragraph_is_split_not_dropped() -> None:
    reply = Reply(kind="answer", text="x" * 7000)
    _, blocks = render_reply(reply)
    assert sum(len(t) for t in _all_texts(blocks)) == 7000


def test_control_sequences_are_escaped_but_quotes_stay() -> None:
    assert mrkdwn("<!channel> **Do not post** a > b\n> quoted") == (
        "&lt;!channel&gt; *Do not post* a &gt; b\n> quoted"
    )


def test_post_check_shows_verdict_findings_and_fixes() -> None:
    check = PostCheck(
        verdict="do_not_post",
        findings=[
            Finding(
                rule="patient_data",
                section="3.1",
                explanation="It has an NHS number.",
                fix="Remove it.",
            )
        ],
    )
    reply = Reply(kind="post_check", text="**Do not post**", post_check=check)
    _, blocks = render_reply(reply)
    shown = "\n".join(_all_texts(blocks))
    assert (
        "Do not post" in shown
        and "*§3.1* It has an NHS number." in shown
        and "*Fix:* Remove it." in shown
    )


def test_escalation_reply_shows_contact_and_button() -> None:
    contacts = [Contact(kind="phone", value="07968 149916", use="out of hours", now=True)]
    reply = Reply(
        kind="escalation",
        text="Report it.",
        escalation=EscalationInfo(kind="media", contacts=contacts),
    )
    _, blocks = render_reply(reply, report=ReportState(7, sent=False))
    assert "Out of hours: also *call 07968 149916*" in "\n".join(_all_texts(blocks))
    state = blocks[0]  # the status and its button come first
    assert state["block_id"] == "report_state" and state["accessory"]["value"] == "7"


def test_feedback_value_never_carries_a_draft() -> None:
    reply = Reply(kind="post_check", text="ok", post_check=PostCheck(verdict="ok"))
    assert "q" not in json.loads(feedback_value(reply, "my draft"))


def _view(**kwargs: object) -> EscalationView:
    base: dict[str, object] = {
        "id": 4,
        "kind": "safeguarding",
        "status": "open",
        "created_at": datetime(2026, 11, 28, 22, 15, tzinfo=UTC),
        "business_hours": False,
        "urgent": True,
        "priority": 2,
        "idempotency_key": "k",
        "reporter_platform": "slack",
        "reporter_user_id": "U123",
        "reporter_name": "Sam",
        "source_platform": "slack",
        "source_channel": "C1",
        "source_thread": "1.2",
        "words": "line one\n<!here> line two",
    }
    base.update(kwargs)
    return EscalationView(**base)  # type: ignore[arg-type]


def test_alert_shows_everything_the_team_needs() -> None:
    text, blocks = alerts.alert_message(_view(), timezone="Europe/London", permalink="https://x/p1")
    shown = json.dumps(blocks)
    assert "Safeguarding concern #4" in shown and "<@U123> (Sam)" in shown
    assert "Sat 28 Nov 2026, 22:15 GMT" in shown and "out of hours" in shown
    # The words are rich text: Slack shows "<!here>" as typed and pings nobody.
    [words] = [b for b in blocks if b["type"] == "rich_text"]
    assert words["elements"][0]["elements"][0]["text"] == "line one\n<!here> line two"
    assert "https://x/p1" in shown and "line one" not in text


def test_alert_status_changes_keep_the_words() -> None:
    _, blocks = alerts.alert_message(_view(), timezone="Europe/London")
    acked = alerts.updated_alert(blocks, _view(status="acknowledged", acknowledged_by="U09ALICE"))
    assert "Acknowledged by <@U09ALICE>" in json.dumps(acked) and "line one" in json.dumps(acked)
    assert acked[0]["text"]["text"].startswith(":eyes: Acknowledged: ")
    [actions] = [b for b in acked if b.get("block_id") == alerts.ACTIONS_ID]
    assert [e["action_id"] for e in actions["elements"]] == ["escalation_resolve"]
    done = _view(
        status="resolved", acknowledged_by="U09ALICE", resolved_by="alice", resolution="no_action"
    )
    resolved = alerts.updated_alert(acked, done)
    shown = json.dumps(resolved)
    # Who did what is kept, with the outcome; the heading changes from the alarm.
    assert "Acknowledged by <@U09ALICE>" in shown and "Resolved by alice" in shown
    assert "No action needed" in shown and ":rotating_light:" not in resolved[0]["text"]["text"]
    assert not [b for b in resolved if b.get("block_id") == alerts.ACTIONS_ID]


def test_purged_words_and_very_long_words() -> None:
    _, purged = alerts.alert_message(_view(words=None), timezone="Europe/London")
    assert "purged" in json.dumps(purged)
    _, long = alerts.alert_message(_view(words="w " * 40000), timezone="Europe/London")
    assert len(long) <= MAX_BLOCKS and "policybot escalations" not in json.dumps(long)
    [actions] = [b for b in long if b.get("block_id") == alerts.ACTIONS_ID]
    assert "escalation_words" in [e["action_id"] for e in actions["elements"]]


def test_mentions_and_bots() -> None:
    assert strip_mention("<@UBOT> can I post <@U2>?", "UBOT") == "can I post <@U2>?"
    assert strip_mention("<@UBOT|policybot>  hi", "UBOT") == "hi"
    assert is_bot_event({"bot_id": "B1", "user": "U1"}, "UBOT")
    assert is_bot_event({"user": "UBOT"}, "UBOT")
    assert not is_bot_event({"user": "U1"}, "UBOT")


def test_report_form_parsing_and_deadline_priority() -> None:
    view = modals.report_view("media")
    assert len(view["title"]["text"]) <= 24 and len(view["submit"]["text"]) <= 24
    deadline = datetime(2026, 11, 25, 14, 0, tzinfo=UTC)
    view["state"] = {
        "values": {
            "outlet": {"value": {"value": "BBC"}},
            "journalist": {"value": {"value": "Jo"}},
            "deadline": {"value": {"selected_date_time": int(deadline.timestamp())}},
            "topic": {"value": {"value": "line 1\nline 2"}},
        }
    }
    form = modals.parse_report(view, "Europe/London")
    assert (
        form.words
        == "Outlet: BBC\nJournalist: Jo\nTheir deadline: Wed 25 Nov 2026, 14:00 GMT\nTopic:\nline 1\nline 2"
    )
    assert form.priority(datetime(2026, 11, 25, 11, 0, tzinfo=UTC)) == 2
    assert form.priority(datetime(2026, 11, 24, 9, 0, tzinfo=UTC)) is None
