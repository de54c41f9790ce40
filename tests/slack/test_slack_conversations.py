"""End to end through the real bolt app: signed requests in, Web API calls out.

Each test posts real-format payloads to /slack/events on the real server app (store,
dispatcher, the session's real core) and asserts on what reached the fake Web API.
"""

from __future__ import annotations

import time

import slack_fixtures
from slack_helpers import REPORTER, Harness, dm, signed_headers, texts_of

fake = slack_fixtures.fake
slack_settings = slack_fixtures.slack_settings
slack = slack_fixtures.slack

QUESTION = "Can I mention that I work at the HRA in my Twitter bio?"


async def test_dm_question_gets_threaded_cited_answer(slack: Harness) -> None:
    event = dm(QUESTION)
    status, _, elapsed = await slack.event(event, "EvDM1")
    assert status == 200 and elapsed < 3
    [post] = await slack.wait("chat.postMessage")
    assert post["channel"] == "D0REPORTER" and post["thread_ts"] == event["ts"]
    shown = texts_of(post["blocks"])
    assert "§3.1 Participating in online activities" in shown  # a citation context line
    assert "(§3.1)" in post["text"]  # the plain fallback: the lead, with its section
    actions = [b for b in post["blocks"] if b.get("block_id") == "feedback"]
    assert [e["action_id"] for e in actions[0]["elements"]] == [
        "feedback_helpful",
        "feedback_not_helpful",
    ]


async def test_mention_answers_in_thread_without_the_mention(slack: Harness) -> None:
    event = {
        "type": "app_mention",
        "channel": "C0GENERAL",
        "user": REPORTER,
        "text": f"<@UBOT> {QUESTION}",
        "ts": "1700000300.000200",
        "event_ts": "1700000300.000200",
    }
    status, _, _ = await slack.event(event, "EvMention1")
    assert status == 200
    [post] = await slack.wait("chat.postMessage")
    assert post["channel"] == "C0GENERAL" and post["thread_ts"] == "1700000300.000200"
    assert "§3.1" in texts_of(post["blocks"])
    assert "UBOT" not in post["text"]


async def test_slash_command_answers_ephemerally(slack: Harness) -> None:
    status, body, elapsed = await slack.form(
        {
            "command": "/policy",
            "text": QUESTION,
            "user_id": REPORTER,
            "channel_id": "C0GENERAL",
            "team_id": "T0HRA",
            "trigger_id": "1.2.3",
            "response_url": slack.fake.response_url("cmd1"),
        }
    )
    assert status == 200 and elapsed < 3 and body == ""  # empty ack: nothing echoed
    [answer] = await slack.wait("response_url")
    assert answer["response_type"] == "ephemeral"
    assert "§3.1" in texts_of(answer["blocks"])
    assert slack.fake.count("chat.postMessage") == 0


async def test_message_shortcut_checks_draft(slack: Harness) -> None:
    draft = "Patient John Smith, NHS number 943 476 5919, loved the study! The HRA is useless"
    payload = {
        "type": "message_action",
        "callback_id": "check_draft",
        "team": {"id": "T0HRA"},
        "user": {"id": REPORTER, "name": "sam"},
        "channel": {"id": "C0GENERAL", "name": "general"},
        "message": {"type": "message", "user": "U999", "ts": "1700000400.000100", "text": draft},
        "trigger_id": "4.5.6",
        "response_url": slack.fake.response_url("shortcut1"),
        "message_ts": "1700000400.000100",
    }
    status, _, elapsed = await slack.interaction(payload)
    assert status == 200 and elapsed < 3
    [verdict] = await slack.wait("response_url")
    shown = texts_of(verdict["blocks"])
    assert "Do not post" in shown and "Fix:" in shown and "§3.1" in shown
    assert verdict["response_type"] == "ephemeral"


async def test_retried_event_is_answered_once(slack: Harness) -> None:
    first = await slack.event(dm(QUESTION), "EvRetry1")
    again = await slack.event(dm(QUESTION), "EvRetry1", retry=1)
    assert first[0] == again[0] == 200
    await slack.wait("chat.postMessage")
    await slack.settle()
    assert slack.fake.count("chat.postMessage") == 1


async def test_first_delivery_with_a_retry_header_is_still_answered(slack: Harness) -> None:
    # The original may have been lost: a retry header alone is no reason to drop it.
    await slack.event(dm(QUESTION), "EvOnlyRetry", retry=2)
    await slack.wait("chat.postMessage")


async def test_rate_limited_post_is_retried_and_delivered_once(slack: Harness) -> None:
    slack.fake.rate_limit("chat.postMessage", times=1, retry_after=1)
    status, _, elapsed = await slack.event(dm(QUESTION), "Ev429")
    assert status == 200 and elapsed < 3
    await slack.wait("chat.postMessage", timeout=15)
    await slack.settle()
    assert slack.fake.count("chat.postMessage#429") == 1
    assert slack.fake.count("chat.postMessage") == 1


async def test_unsigned_and_stale_requests_are_refused(slack: Harness) -> None:
    import json

    from slack_helpers import event_body

    body = json.dumps(event_body(dm(QUESTION), "EvBad"))
    unsigned = await slack.post_raw(body, {}, "application/json")
    stale = await slack.post_raw(
        body, signed_headers(body, timestamp=int(time.time()) - 600), "application/json"
    )
    forged = await slack.post_raw(
        body, signed_headers(body, secret="not-the-secret"), "application/json"
    )
    assert unsigned[0] == stale[0] == forged[0] == 401
    await slack.settle()
    assert slack.fake.count("chat.postMessage") == 0


async def test_bots_are_ignored(slack: Harness) -> None:
    await slack.event(dm("hello from a bot", bot_id="BOTHER"), "EvBot1")
    await slack.event(dm("hello from me", user="UBOT"), "EvBot2")
    await slack.event(dm("an integration", subtype="bot_message"), "EvBot3")
    await slack.settle()
    assert slack.fake.count("chat.postMessage") == 0


async def test_prompt_report_a_media_approach_offers_the_form(slack: Harness) -> None:
    await slack.event(dm("Report a media approach", thread_ts="1700000000.000001"), "EvPrompt")
    [post] = await slack.wait("chat.postMessage")
    assert post["blocks"][0]["accessory"]["action_id"] == "report_open_media"
    assert slack.fake.count("assistant.threads.setStatus") == 1


async def test_assistant_thread_started_sets_prompts_and_greets(slack: Harness) -> None:
    event = {
        "type": "assistant_thread_started",
        "assistant_thread": {
            "user_id": REPORTER,
            "channel_id": "D0REPORTER",
            "thread_ts": "1700000500.000100",
            "context": {},
        },
        "event_ts": "1700000500.000200",
    }
    await slack.event(event, "EvThread1")
    [prompts] = await slack.wait("assistant.threads.setSuggestedPrompts")
    titles = [p["title"] for p in prompts["prompts"]]
    assert titles == [
        "Can I post this?",
        "Out-of-hours comms number",
        "Report a media approach",
        "Report a safeguarding concern",
    ]
    [greeting] = await slack.wait("chat.postMessage")
    assert greeting["thread_ts"] == "1700000500.000100"


async def test_thread_reply_sets_a_neutral_title(slack: Harness) -> None:
    await slack.event(dm(QUESTION, thread_ts="1700000500.000100"), "EvTitle")
    [title] = await slack.wait("assistant.threads.setTitle")
    assert title["title"] == "Policy question"  # never the person's words
