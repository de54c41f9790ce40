"""The Teams alert through connector failures: one attempt per try, 429 waits, a refusal
only a person can fix is parked with the fix, and a card re-sent after an uncertain
attempt says it may be a repeat (docs/teams.md, "Delivery guarantees")."""

from __future__ import annotations

import asyncio

from conftest import TeamsHarness
from teams_activities import COMMS_TEAM, personal_message, team_install

from tests.card_parts import teams_action

SAFEGUARDING = "I saw a post from a child saying they are being hurt at home"


def _alerts(teams: TeamsHarness) -> list[str]:
    return [
        c.text() for c in teams.connector.posted_to(COMMS_TEAM) if c.route == "send" and c.cards()
    ]


async def _safeguarding_report(teams: TeamsHarness) -> int:
    await teams.post(team_install(teams.service_url))
    await teams.post(personal_message(teams.service_url, SAFEGUARDING))
    [row] = teams.store.list()
    return row.id


async def test_a_card_re_sent_after_a_502_says_it_may_repeat(teams: TeamsHarness) -> None:
    esc = await _safeguarding_report(teams)
    teams.connector.fail_next(1, status=502)
    assert (await teams.dispatcher.run_once()).failed == 1
    assert len([c for c in teams.connector.calls if c.route == "send" and c.status == 502]) == 1
    assert (await teams.dispatcher.run_once()).delivered == 1
    [card] = _alerts(teams)
    assert "Sent again after a connection problem" in card and f"#{esc}" in card


async def test_429_is_retried_after_retry_after_without_a_repeat_note(
    teams: TeamsHarness,
) -> None:
    esc = await _safeguarding_report(teams)
    teams.connector.fail_next(1, status=429, retry_after="1")
    assert (await teams.dispatcher.run_once()).failed == 1
    view = teams.store.get(esc)
    assert view is not None
    [delivery] = [d for d in view.deliveries if d.sink == "teams"]
    assert delivery.last_error == "SinkError: connector: 429"
    assert (await teams.dispatcher.run_once()).claimed == 0  # Retry-After not over yet
    await asyncio.sleep(1.1)
    assert (await teams.dispatcher.run_once()).delivered == 1
    [card] = _alerts(teams)
    assert "Sent again" not in card  # a 429 posted nothing: no repeat to warn about


async def test_403_parks_the_alert_with_the_fix(teams: TeamsHarness) -> None:
    await _safeguarding_report(teams)
    teams.connector.refuse["send"] = 403
    assert (await teams.dispatcher.run_once()).failed == 1
    [problem] = teams.dispatcher.health.problems()
    assert problem.startswith("teams:") and "add the app to the communications team" in problem
    assert (await teams.dispatcher.run_once()).claimed == 0  # parked, not hammered


async def test_a_held_report_gets_one_reminder_in_the_reporters_chat(teams: TeamsHarness) -> None:
    from teams_activities import ALICE, personal_conversation

    from bot.escalation.dispatcher import Dispatcher

    await teams.post(team_install(teams.service_url))
    media = "A journalist from the Guardian just rang me asking about the cancer study approval"
    await teams.post(personal_message(teams.service_url, media))
    [row] = teams.store.list()
    assert row.status == "held"
    settings = teams.services.settings.model_copy(update={"held_reminder_minutes": 0.0})
    now = Dispatcher(teams.store, list(teams.dispatcher.sinks.values()), settings)
    chat = personal_conversation(ALICE)["id"]
    before = len(teams.connector.posted_to(chat))
    assert (await now.run_once()).delivered == 1
    await now.run_once()
    reminders = teams.connector.posted_to(chat)[before:]
    [reminder] = reminders  # one, ever
    assert f"#{row.id}" in reminder.text() and "not been sent" in reminder.text()
    [card] = reminder.cards()
    assert teams_action(card, "alert")["data"] == {"escalation": row.id}  # the same button
    assert _alerts(teams) == []  # the comms team hears nothing until the reporter says so
