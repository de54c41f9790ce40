"""Reports end to end: forms, the alert button, the comms channel's Acknowledge / Resolve."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import slack_fixtures
from slack_helpers import (
    COMMS,
    REPORTER,
    Harness,
    block_action,
    dm,
    media_form,
    now_ts,
    texts_of,
)

fake = slack_fixtures.fake
slack_settings = slack_fixtures.slack_settings
slack = slack_fixtures.slack

MEDIA_WORDS = "A reporter from the Daily Mail has just emailed me asking about a study we approved"
# The session core's clock: Wednesday 25 November 2026, 11:00 in London.
CORE_NOW = datetime(2026, 11, 25, 11, 0, tzinfo=UTC)


async def submit_and_deliver(slack: Harness, **kwargs: Any) -> dict[str, Any]:
    status, body, elapsed = await slack.interaction(media_form(**kwargs))
    assert status == 200 and elapsed < 3
    assert json.loads(body)["response_action"] == "update"  # the modal becomes a receipt
    posts = await slack.wait("chat.postMessage", 2)
    [alert] = [p for p in posts if p["channel"] == COMMS]
    return alert


def alert_message(alert: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "message",
        "ts": "1700000000.000009",
        "text": alert["text"],
        "blocks": alert["blocks"],
    }


async def test_modal_submission_posts_escalation_to_comms_channel(slack: Harness) -> None:
    alert = await submit_and_deliver(slack)
    shown = texts_of(alert["blocks"])
    assert "Media approach #1" in shown
    assert "Outlet: Daily Mail" in shown and "Topic: The ABC-123 trial approval" in shown
    assert f"<@{REPORTER}>" in shown and "in business hours" in shown
    actions = [b for b in alert["blocks"] if b.get("block_id") == "escalation_actions"]
    assert [e["action_id"] for e in actions[0]["elements"]] == [
        "escalation_ack",
        "escalation_resolve",
    ]
    assert all(e["value"] == "1" for e in actions[0]["elements"])  # only the id travels
    assert "Daily Mail" not in alert["text"]  # no words in notifications
    [receipt] = [p for p in slack.fake.of("chat.postMessage") if p["channel"] == REPORTER]
    assert "#1" in receipt["text"] and "Daily Mail" not in receipt["text"]


async def test_near_deadline_raises_priority(slack: Harness) -> None:
    alert = await submit_and_deliver(slack, deadline=CORE_NOW + timedelta(hours=2))
    shown = texts_of(alert["blocks"])
    assert "HIGH" in shown and "Their deadline: Wed 25 Nov 2026, 13:00 GMT" in shown
    row = slack.services.escalations.get(1)
    assert row.priority == 2


async def test_acknowledge_by_comms_member_updates_alert_and_tells_reporter(slack: Harness) -> None:
    alert = await submit_and_deliver(slack)
    press = block_action(
        "escalation_ack",
        "1",
        user="UCOMMS3",
        channel=COMMS,
        message=alert_message(alert),
        response_url=slack.fake.response_url("ack"),
    )
    status, _, elapsed = await slack.interaction(press)
    assert status == 200 and elapsed < 3
    [update] = await slack.wait("chat.update")
    assert update["channel"] == COMMS and update["ts"] == "1700000000.000009"
    shown = texts_of(update["blocks"])
    assert "Acknowledged by <@UCOMMS3>" in shown and "Outlet: Daily Mail" in shown
    posts = await slack.wait("chat.postMessage", 3)
    told = [p for p in posts if p["channel"] == REPORTER and "picked up" in p["text"]]
    assert len(told) == 1
    assert slack.services.escalations.get(1).status == "acknowledged"
    # A second click changes nothing and tells nobody twice.
    await slack.interaction(press)
    await slack.wait("chat.update", 2)
    await slack.settle()
    assert len([p for p in slack.fake.of("chat.postMessage") if "picked up" in p["text"]]) == 1


async def test_acknowledge_by_non_member_is_refused(slack: Harness) -> None:
    alert = await submit_and_deliver(slack)
    press = block_action(
        "escalation_ack",
        "1",
        user="UNOTCOMMS",
        channel=COMMS,
        message=alert_message(alert),
        response_url=slack.fake.response_url("ack"),
    )
    status, _, _ = await slack.interaction(press)
    assert status == 200
    [refusal] = await slack.wait("response_url")
    assert refusal["response_type"] == "ephemeral" and "Only members" in refusal["text"]
    await slack.settle()
    assert slack.fake.count("chat.update") == 0
    assert slack.services.escalations.get(1).status == "open"
    assert slack.fake.count("conversations.members") == 2  # every page was read


def resolve_submission(form: dict[str, Any], outcome: str | None, note: str = "") -> dict[str, Any]:
    chosen = {"selected_option": {"value": outcome}} if outcome else {"selected_option": None}
    values = {
        "outcome": {"value": {"type": "static_select", **chosen}},
        "note": {"value": {"type": "plain_text_input", "value": note}},
    }
    return {
        "type": "view_submission",
        "team": {"id": "T0HRA", "domain": "hra"},
        "user": {"id": "UCOMMS1", "username": "cara", "name": "cara", "team_id": "T0HRA"},
        "api_app_id": "A0POLICY",
        "token": "legacy-token",
        "trigger_id": "7.8.10",
        "view": {**form, "id": "VRESOLVE", "hash": "h2", "state": {"values": values}},
    }


async def test_resolve_asks_for_an_outcome_then_closes_the_alert(slack: Harness) -> None:
    alert = await submit_and_deliver(slack)
    press = block_action(
        "escalation_resolve", "1", user="UCOMMS1", channel=COMMS, message=alert_message(alert)
    )
    await slack.interaction(press)
    # One click only opens the form: nothing is resolved until it is confirmed.
    [opened] = await slack.wait("views.open")
    assert slack.services.escalations.get(1).status == "open"
    form = opened["view"] if isinstance(opened["view"], dict) else json.loads(opened["view"])
    labels = [b["label"]["text"] for b in form["blocks"] if b["type"] == "input"]
    assert labels == ["Outcome", "Note (optional)"] and form["submit"]["text"] == "Resolve"
    _, body, _ = await slack.interaction(resolve_submission(form, None))
    assert json.loads(body)["errors"]["outcome"]  # an outcome is required
    assert slack.services.escalations.get(1).status == "open"
    await slack.interaction(resolve_submission(form, "advice", "Told them not to reply *yet*"))
    [update] = await slack.wait("chat.update")
    shown = texts_of(update["blocks"])
    assert "Resolved by <@UCOMMS1>" in shown and "Advice given to the reporter" in shown
    assert "Resolved: Media approach #1" in shown  # the heading says so, not only a colour
    assert not [b for b in update["blocks"] if b.get("block_id") == "escalation_actions"]
    row = slack.services.escalations.get(1)
    assert (row.status, row.resolution, row.resolution_note) == (
        "resolved",
        "advice",
        "Told them not to reply *yet*",
    )


async def test_dm_media_report_is_held_until_the_button(slack: Harness) -> None:
    event = dm(MEDIA_WORDS)
    await slack.event(event, "EvMedia1")
    [reply] = await slack.wait("chat.postMessage")
    state = next(b for b in reply["blocks"] if b.get("block_id") == "report_state")
    assert state["accessory"]["action_id"] == "alert_comms" and state["accessory"]["value"] == "1"
    assert slack.services.escalations.get(1).status == "held"
    await slack.settle()
    assert not [p for p in slack.fake.of("chat.postMessage") if p["channel"] == COMMS]
    assert slack.services.escalations.get(1).reporter_name == "Sam Reporter"  # users.info

    message = {
        "type": "message",
        "ts": "1700000000.000001",
        "text": reply["text"],
        "blocks": reply["blocks"],
    }
    press = block_action("alert_comms", "1", user=REPORTER, channel="D0REPORTER", message=message)
    await slack.interaction(press)
    [update] = await slack.wait("chat.update")
    updated = texts_of(update["blocks"])
    assert "Sent to the comms team, report #1." in updated
    assert "Send them when you're ready" not in updated  # nothing left that contradicts it
    posts = await slack.wait("chat.postMessage", 2)
    [alert] = [p for p in posts if p["channel"] == COMMS]
    assert MEDIA_WORDS in texts_of(alert["blocks"])
    # The reporter's thread: Acknowledge tells them there.
    press = block_action(
        "escalation_ack", "1", user="UCOMMS1", channel=COMMS, message=alert_message(alert)
    )
    await slack.interaction(press)
    posts = await slack.wait("chat.postMessage", 3)
    assert posts[-1]["channel"] == "D0REPORTER" and posts[-1]["thread_ts"] == event["ts"]


async def test_only_the_reporter_can_release_a_held_report(slack: Harness) -> None:
    await slack.event(dm(MEDIA_WORDS), "EvMedia2")
    await slack.wait("chat.postMessage")
    press = block_action(
        "alert_comms",
        "1",
        user="USOMEONE",
        channel="D0REPORTER",
        response_url=slack.fake.response_url(),
    )
    await slack.interaction(press)
    [refusal] = await slack.wait("response_url")
    assert "Only the person" in refusal["text"]
    assert slack.services.escalations.get(1).status == "held"


async def test_public_mention_report_is_ephemeral_without_the_words(slack: Harness) -> None:
    event = {
        "type": "app_mention",
        "channel": "C0GENERAL",
        "user": REPORTER,
        "text": f"<@UBOT> {MEDIA_WORDS}",
        "ts": now_ts(),
    }
    await slack.event(event, "EvPublic1")
    [ephemeral] = await slack.wait("chat.postEphemeral")
    assert ephemeral["user"] == REPORTER and ephemeral["channel"] == "C0GENERAL"
    assert "Daily Mail" not in texts_of(ephemeral["blocks"]) + ephemeral["text"]
    assert "Only you can see this" in texts_of(ephemeral["blocks"])
    await slack.settle()
    assert slack.fake.count("chat.postMessage") == 0  # nothing in the channel


async def test_safeguarding_is_alerted_at_once(slack: Harness) -> None:
    words = "A young person in our online panel told me an adult has been asking to meet them alone"
    await slack.event(dm(words), "EvSafe1")
    posts = await slack.wait("chat.postMessage", 2)
    [reply] = [p for p in posts if p["channel"] == "D0REPORTER"]
    assert "Sent to the comms team, report #1." in texts_of(reply["blocks"])
    [alert] = [p for p in posts if p["channel"] == COMMS]
    assert "Safeguarding concern #1" in texts_of(alert["blocks"])


async def test_global_shortcut_opens_the_chooser_then_the_form(slack: Harness) -> None:
    shortcut = {
        "type": "shortcut",
        "callback_id": "report_concern",
        "team": {"id": "T0HRA"},
        "user": {"id": REPORTER, "username": "sam"},
        "trigger_id": "9.9.9",
    }
    await slack.interaction(shortcut)
    [opened] = await slack.wait("views.open")
    assert opened["trigger_id"] == "9.9.9" and opened["view"]["callback_id"] == "report_choose"
    choose = {
        "type": "block_actions",
        "team": {"id": "T0HRA"},
        "user": {"id": REPORTER},
        "trigger_id": "9.9.10",
        "view": {"id": "VCHOOSE", "hash": "h1", "type": "modal", "callback_id": "report_choose"},
        "actions": [
            {
                "type": "static_select",
                "action_id": "report_kind",
                "block_id": "report_kind",
                "selected_option": {"value": "safeguarding"},
            }
        ],
    }
    await slack.interaction(choose)
    [updated] = await slack.wait("views.update")
    assert updated["view_id"] == "VCHOOSE" and updated["view"]["callback_id"] == "report_submit"
    assert json.loads(updated["view"]["private_metadata"]) == {"kind": "safeguarding"}


async def test_app_home_has_the_report_buttons(slack: Harness) -> None:
    await slack.event(
        {"type": "app_home_opened", "user": REPORTER, "tab": "home", "channel": "D0REPORTER"},
        "EvHome",
    )
    [published] = await slack.wait("views.publish")
    ids = [
        e["action_id"]
        for b in published["view"]["blocks"]
        for e in b.get("elements", [])
        if "action_id" in e
    ]
    assert ids == ["report_open_media", "report_open_safeguarding", "report_open_harassment"]
    press = block_action(
        "report_open_harassment", "harassment", user=REPORTER, channel="D0REPORTER"
    )
    await slack.interaction(press)
    [opened] = await slack.wait("views.open")
    assert json.loads(opened["view"]["private_metadata"]) == {"kind": "harassment"}


async def test_feedback_is_stored_once_without_the_user(slack: Harness) -> None:
    await slack.event(dm("Can I mention that I work at the HRA in my Twitter bio?"), "EvFb")
    [reply] = await slack.wait("chat.postMessage")
    value = next(b for b in reply["blocks"] if b.get("block_id") == "feedback")["elements"][1][
        "value"
    ]
    message = {
        "type": "message",
        "ts": "1700000000.000001",
        "text": reply["text"],
        "blocks": reply["blocks"],
    }
    press = block_action(
        "feedback_not_helpful", value, user=REPORTER, channel="D0REPORTER", message=message
    )
    await slack.interaction(press)
    await slack.interaction(press)
    await slack.wait("chat.update", 2)
    [stored] = slack.services.escalations.list_feedback()
    assert stored.helpful is False and stored.reply_kind == "answer" and "3.1" in stored.sections
    assert stored.question and "Twitter bio" in stored.question
    assert REPORTER not in json.dumps(stored.__dict__, default=str)
