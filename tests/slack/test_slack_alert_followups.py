"""After the alert, through real bolt and the fake Web API: "Read the full report" opens a
modal with every word (comms members only), and the reminder is a short nudge in the
alert's thread, never a second copy of the words."""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any

import slack_fixtures
from slack_helpers import COMMS, Harness, block_action, dm, texts_of

from bot.escalation.dispatcher import Dispatcher

fake = slack_fixtures.fake
slack_settings = slack_fixtures.slack_settings
slack = slack_fixtures.slack

CONCERN = "A young person in our online panel told me an adult has been asking to meet them alone."
# Past the alert's 2,500 characters, with a last sentence only the full report shows.
DETAIL = " ".join(f"Detail {n}: the adult wrote to her again at {n} o'clock." for n in range(60))
LAST = "The last message names the school she goes to."
LONG_REPORT = f"{CONCERN} {DETAIL} {LAST}"


async def _alerted(slack: Harness, words: str) -> dict[str, Any]:
    """A safeguarding report (alerted at once); the alert as the comms channel has it."""
    await slack.event(dm(words), "EvSafe1")
    posts = await slack.wait("chat.postMessage", 2)
    [alert] = [p for p in posts if p["channel"] == COMMS]
    [kept] = slack.fake.posts_in(COMMS)  # with the ts Slack gave it
    return {"type": "message", "text": alert["text"], "blocks": alert["blocks"], "ts": kept["ts"]}


def _slack_alert_recorded(escalation: Any) -> bool:
    return any(
        d.delivered_ref for d in escalation.deliveries if d.sink == "slack" and d.purpose == "alert"
    )


def _view(call: dict[str, Any]) -> dict[str, Any]:
    view = call["view"]
    return view if isinstance(view, dict) else json.loads(view)  # type: ignore[no-any-return]


async def test_read_the_full_report_opens_a_modal_with_every_word(slack: Harness) -> None:
    alert = await _alerted(slack, LONG_REPORT)
    assert LAST not in texts_of(alert["blocks"])  # the alert is cut…
    buttons = [
        e
        for b in alert["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
        if e["action_id"] == "escalation_words"
    ]
    [button] = buttons
    assert button["text"]["text"] == "Read the full report" and button["value"] == "1"
    press = block_action("escalation_words", "1", user="UCOMMS1", channel=COMMS, message=alert)
    status, _, elapsed = await slack.interaction(press)
    assert status == 200 and elapsed < 3
    [opened] = await slack.wait("views.open")
    assert opened["trigger_id"] == press["trigger_id"]
    modal = _view(opened)
    assert modal["type"] == "modal" and modal["title"]["text"] == "Report #1"
    # …the modal is whole, as rich text (never mrkdwn), in order.
    assert all(b["type"] == "rich_text" for b in modal["blocks"])
    shown = texts_of(modal["blocks"])
    assert LAST in shown and " ".join(shown.split()) == LONG_REPORT


async def test_only_comms_members_can_read_the_full_report(slack: Harness) -> None:
    alert = await _alerted(slack, LONG_REPORT)
    press = block_action(
        "escalation_words",
        "1",
        user="UNOTCOMMS",
        channel=COMMS,
        message=alert,
        response_url=slack.fake.response_url("words"),
    )
    await slack.interaction(press)
    [refusal] = await slack.wait("response_url")
    assert refusal["response_type"] == "ephemeral" and "Only members" in refusal["text"]
    assert LAST not in json.dumps(refusal)
    await slack.settle()
    assert slack.fake.count("views.open") == 0


async def test_the_reminder_is_a_short_nudge_in_the_alerts_thread(slack: Harness) -> None:
    alert = await _alerted(slack, CONCERN)
    services = slack.services
    # The Slack alert's post is recorded (a reminder comes half an hour later in real
    # life). Only that delivery: the log sink's is recorded at once, and a reminder
    # claimed before the alert's ts is stored goes to the channel unthreaded.
    deadline = time.monotonic() + 10
    while not _slack_alert_recorded(services.escalations.get(1)):
        assert time.monotonic() < deadline, "the alert's post was never recorded"
        await asyncio.sleep(0.05)
    # Nobody acknowledged it: a dispatcher whose reminder is already due.
    settings = services.settings.model_copy(update={"reminder_minutes": 0})
    due = Dispatcher(services.escalations, services.sinks, settings)
    await due.run_once()  # schedules it; this or the app's own dispatcher sends it
    deadline = time.monotonic() + 10
    while len(slack.fake.posts_in(COMMS)) < 2:
        assert time.monotonic() < deadline, "no reminder"
        await asyncio.sleep(0.05)
    [_, reminder] = slack.fake.posts_in(COMMS)
    assert reminder["thread_ts"] == alert["ts"]
    [call] = [
        p for p in slack.fake.of("chat.postMessage") if p["channel"] == COMMS and p.get("thread_ts")
    ]
    assert call["reply_broadcast"] in (True, "true", "1")  # the channel sees it too
    shown = reminder["text"] + texts_of(reminder["blocks"])
    assert "Report #1" in shown and "not been acknowledged" in shown and "alert above" in shown
    assert "young person" not in shown and "meet them" not in shown  # never the words again
    assert slack.fake.alert_posts(COMMS, "reminder") == [1]
    await due.run_once()
    await slack.settle()
    assert len(slack.fake.posts_in(COMMS)) == 2  # one reminder, ever


async def test_the_help_buttons_answer_only_the_person_who_pressed(slack: Harness) -> None:
    # "Ask a question" shows example questions, "Check a post" how to send a draft. One
    # press at a time, as a person presses them: each is answered after its ack, so two
    # presses at once may be answered in either order.
    pressed = (("help_ask", "for example"), ("help_check", "Can I post this"))
    for count, (action_id, shown) in enumerate(pressed, start=1):
        press = block_action(action_id, action_id, user="U123", channel="D123")
        status, _, _ = await slack.interaction(press)
        assert status == 200
        # In a DM with the bot the answer is a message there (nobody else can read it).
        sent = (await slack.wait("chat.postMessage", count))[-1]
        assert sent["channel"] == "D123" and shown in sent["text"]
