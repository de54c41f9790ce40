"""Reports end to end: recorded, alerted to the comms channel, acknowledged and resolved."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from conftest import TeamsHarness
from fake_connector import Call
from teams_activities import (
    ALICE,
    COMMS_MEMBER,
    COMMS_TEAM,
    OTHER_TEAM,
    OUTSIDER,
    card_action,
    channel_mention,
    comms_conversation,
    personal_conversation,
    personal_message,
    team_install,
)

from tests.card_parts import teams_action, teams_actions
from tests.card_parts import teams_nodes as _nodes

MEDIA = "A journalist from the Guardian just rang me asking about the cancer study approval"
SAFEGUARDING = "I saw a post from a child saying they are being hurt at home"
ALICE_CHAT = personal_conversation(ALICE)


async def _install_in_comms(teams: TeamsHarness) -> None:
    assert (await teams.post(team_install(teams.service_url))).status == 202
    [hello] = teams.connector.posted_to(COMMS_TEAM)
    assert "this channel" in hello.text()


async def _report(teams: TeamsHarness, text: str) -> tuple[int, dict[str, Any]]:
    activity = personal_message(teams.service_url, text)
    assert (await teams.post(activity)).status == 202
    [reply] = teams.connector.posted_to(ALICE_CHAT["id"])
    [card] = reply.cards()
    [row] = teams.store.list()
    return row.id, card


def _alerts(teams: TeamsHarness) -> list[Call]:
    return [c for c in teams.connector.posted_to(COMMS_TEAM) if c.route == "send" and c.cards()]


async def _alerted(teams: TeamsHarness) -> tuple[int, Call]:
    await _install_in_comms(teams)
    escalation_id, card = await _report(teams, MEDIA)
    click = card_action(
        teams.service_url,
        "alert",
        teams_action(card, "alert")["data"],
        conversation=ALICE_CHAT,
        user=ALICE,
    )
    await teams.invoke(click)
    assert (await teams.dispatcher.run_once()).delivered == 1
    [alert] = _alerts(teams)
    return escalation_id, alert


def _click(
    teams: TeamsHarness, verb: str, escalation_id: int, user: dict, root: str, **inputs: str
) -> dict:
    return card_action(
        teams.service_url,
        verb,
        {"escalation": escalation_id, **inputs},
        conversation=comms_conversation(root),
        user=user,
        reply_to=root,
    )


async def test_report_waits_for_the_reporter_then_alerts_the_comms_channel(
    teams: TeamsHarness,
) -> None:
    await _install_in_comms(teams)
    escalation_id, card = await _report(teams, MEDIA)
    [alert_button] = teams_actions(card)
    assert alert_button["title"] == "Alert the comms team"
    # The one button sits in the body, right under the status, above the quote.
    kinds = [b["type"] for b in card["body"]]
    assert kinds.index("ActionSet") < kinds.index("Container")
    assert (await teams.dispatcher.run_once()).claimed == 0  # held until the reporter says so
    assert _alerts(teams) == []

    click = card_action(
        teams.service_url, "alert", alert_button["data"], conversation=ALICE_CHAT, user=ALICE
    )
    response = await teams.invoke(click)
    assert response["type"] == "application/vnd.microsoft.card.adaptive"
    assert f"report #{escalation_id}" in str(response["value"])
    assert teams_actions(response["value"]) == []

    assert (await teams.dispatcher.run_once()).delivered == 1
    [alert] = _alerts(teams)
    text = alert.text()
    assert MEDIA in text and "Alice Reporter" in text and "in business hours" in text
    [mention] = alert.cards()[0]["msteams"]["entities"]
    assert mention["mentioned"]["id"] == ALICE["aadObjectId"]
    verbs = [a.get("verb") for a in teams_actions(alert.cards()[0])]
    assert verbs == ["ack", None, "resolve"]  # Acknowledge; Resolve… opens its form
    assert teams.store.get(escalation_id).status == "open"  # type: ignore[union-attr]


async def test_only_the_reporter_can_send_the_alert(teams: TeamsHarness) -> None:
    escalation_id, card = await _report(teams, MEDIA)
    click = card_action(
        teams.service_url,
        "alert",
        teams_action(card, "alert")["data"],
        conversation=ALICE_CHAT,
        user=OUTSIDER,
    )
    response = await teams.invoke(click)
    assert response["type"] == "application/vnd.microsoft.activity.message"
    assert teams.store.get(escalation_id).status == "held"  # type: ignore[union-attr]


async def test_safeguarding_is_alerted_without_waiting(teams: TeamsHarness) -> None:
    await _install_in_comms(teams)
    escalation_id, card = await _report(teams, SAFEGUARDING)
    assert teams_actions(card) == [] and f"report #{escalation_id}" in str(card)
    assert (await teams.dispatcher.run_once()).delivered == 1
    [alert] = _alerts(teams)
    assert "Safeguarding" in alert.text() and SAFEGUARDING in alert.text()


async def test_acknowledge_by_a_team_member_updates_the_card_and_tells_the_reporter(
    teams: TeamsHarness,
) -> None:
    escalation_id, alert = await _alerted(teams)
    posted_id = _posted_id(teams, alert)
    response = await teams.invoke(_click(teams, "ack", escalation_id, COMMS_MEMBER, posted_id))
    card = response["value"]
    assert "Acknowledged by Cara Comms" in str(card)
    assert [a.get("verb") for a in teams_actions(card)] == [None, "resolve"]
    [update] = teams.connector.ok_calls("update")
    assert update.activity_id == posted_id and "Acknowledged by Cara Comms" in update.text()
    told = [c for c in teams.connector.posted_to(ALICE_CHAT["id"]) if "picked up" in c.text()]
    assert len(told) == 1
    assert teams.store.get(escalation_id).status == "acknowledged"  # type: ignore[union-attr]

    # A second click changes nothing and tells nobody again; Resolve needs an outcome.
    await teams.invoke(_click(teams, "ack", escalation_id, COMMS_MEMBER, posted_id))
    response = await teams.invoke(_click(teams, "resolve", escalation_id, COMMS_MEMBER, posted_id))
    assert "Choose how it ended" in str(response)
    assert teams.store.get(escalation_id).status == "acknowledged"  # type: ignore[union-attr]
    click = _click(teams, "resolve", escalation_id, COMMS_MEMBER, posted_id, outcome="handled")
    response = await teams.invoke(click)
    card = response["value"]
    assert "Resolved by Cara Comms" in str(card) and "Acknowledged by Cara Comms" in str(card)
    assert "Handled: action taken" in str(card) and teams_actions(card) == []
    assert card["body"][0]["style"] == "good" and "✅ Resolved:" in str(card["body"][0])
    notices = [c.text() for c in teams.connector.posted_to(ALICE_CHAT["id"])]
    assert sum("picked up" in n for n in notices) == 1
    assert sum("resolved" in n for n in notices) == 1


def _posted_id(teams: TeamsHarness, alert: Call) -> str:
    """The id the connector gave the alert, as the dispatcher recorded it."""
    view = teams.store.list()[0]
    [delivery] = [d for d in teams.store.get(view.id).deliveries if d.sink == "teams"]  # type: ignore[union-attr]
    assert delivery.delivered_ref and alert.ok
    return delivery.delivered_ref


async def test_non_member_is_refused(teams: TeamsHarness) -> None:
    escalation_id, alert = await _alerted(teams)
    posted_id = _posted_id(teams, alert)
    response = await teams.invoke(_click(teams, "ack", escalation_id, OUTSIDER, posted_id))
    assert response["type"] == "application/vnd.microsoft.activity.message"
    assert "Only members" in response["value"]
    assert teams.store.get(escalation_id).status == "open"  # type: ignore[union-attr]
    assert teams.connector.ok_calls("update") == []
    assert not [c for c in teams.connector.posted_to(ALICE_CHAT["id"]) if "picked up" in c.text()]


async def test_connector_5xx_then_success_delivers_once(teams: TeamsHarness) -> None:
    await _install_in_comms(teams)
    escalation_id, _ = await _report(teams, SAFEGUARDING)
    teams.connector.fail_next(1, status=502)
    first = await teams.dispatcher.run_once()
    assert first.failed == 1
    [failed] = [c for c in teams.connector.calls if not c.ok]
    assert failed.status == 502 and failed.conversation == COMMS_TEAM
    assert (await teams.dispatcher.run_once()).delivered == 1
    assert (await teams.dispatcher.run_once()).claimed == 0
    assert len(_alerts(teams)) == 1
    [delivery] = [d for d in teams.store.get(escalation_id).deliveries if d.sink == "teams"]  # type: ignore[union-attr]
    assert delivery.attempts == 2 and delivery.delivered_ref


async def test_a_channel_report_stays_out_of_the_channel(teams: TeamsHarness) -> None:
    activity = channel_mention(teams.service_url, MEDIA, team=OTHER_TEAM)
    assert (await teams.post(activity)).status == 202
    [public] = teams.connector.posted_to(OTHER_TEAM)
    assert public.cards() == [] and "private chat" in public.text()
    assert "Guardian" not in public.text() and "journalist" not in public.text()
    [created] = teams.connector.ok_calls("create")
    assert created.body["members"][0]["id"] == ALICE["id"]
    [private] = [c for c in teams.connector.ok_calls("send") if c.conversation.startswith("a:")]
    assert private.cards() and "Alert the comms team" in private.text()
    [row] = teams.store.list()
    assert row.status == "held" and row.words and "Guardian" in row.words


async def test_report_form_sends_whatever_words_are_used(teams: TeamsHarness) -> None:
    await _install_in_comms(teams)
    ask = personal_message(teams.service_url, "Report a safeguarding concern")
    await teams.post(ask)
    [form] = teams.connector.posted_to(ALICE_CHAT["id"])
    [send] = form.cards()[0]["actions"]
    [field] = [n for n in form.cards()[0]["body"] if n["type"] == "Input.Text"]
    assert field["label"] and "safeguarding" in str(form.cards()[0]["body"][0]).lower()
    click = card_action(
        teams.service_url,
        "report",
        send["data"] | {"details": "Worrying comments under our latest post"},
        conversation=ALICE_CHAT,
        user=ALICE,
    )
    response = await teams.invoke(click)
    [row] = teams.store.list()
    assert row.kind == "safeguarding" and row.status == "open"
    assert f"report #{row.id}" in str(response["value"])
    # Their words are kept in the card as their record, as plain text runs.
    runs = [n["text"] for n in _nodes(response["value"]) if n.get("type") == "TextRun"]
    assert "Worrying comments under our latest post" in runs
    assert (await teams.dispatcher.run_once()).delivered == 1


async def test_logs_at_info_never_carry_the_words(
    teams: TeamsHarness, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    escalation_id, alert = await _alerted(teams)
    await teams.invoke(_click(teams, "ack", escalation_id, COMMS_MEMBER, _posted_id(teams, alert)))
    await teams.post(channel_mention(teams.service_url, MEDIA, team=OTHER_TEAM))
    logged = "\n".join(r.getMessage() + (r.exc_text or "") for r in caplog.records)
    assert "escalation" in logged  # the flow did log, by id
    for secret in ("Guardian", "journalist", "cancer study"):
        assert secret not in logged
