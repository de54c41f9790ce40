"""Which conversation is the comms channel, and what happens when it is unknown."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from conftest import TeamsHarness, start_harness, teams_settings
from fake_connector import FakeConnector
from teams_activities import (
    COMMS_TEAM,
    OTHER_TEAM,
    channel_mention,
    personal_message,
    team_install,
    team_installation_update,
)

SAFEGUARDING = "I saw a post from a child saying they are being hurt at home"


async def test_without_a_comms_channel_the_alert_waits_and_retries(teams: TeamsHarness) -> None:
    await teams.post(personal_message(teams.service_url, SAFEGUARDING))
    counts = await teams.dispatcher.run_once()
    assert counts.failed == 1  # kept, and retried by the dispatcher, never dropped
    [row] = teams.store.list()
    [delivery] = [d for d in teams.store.get(row.id).deliveries if d.sink == "teams"]  # type: ignore[union-attr]
    assert delivery.last_error and "POLICYBOT_TEAMS_COMMS_CONVERSATION" in delivery.last_error
    await teams.post(team_install(teams.service_url))
    assert (await teams.dispatcher.run_once()).delivered == 1


async def test_a_later_team_install_does_not_take_over(teams: TeamsHarness) -> None:
    await teams.post(team_install(teams.service_url, team=COMMS_TEAM))
    await teams.post(team_install(teams.service_url, team=OTHER_TEAM))
    await teams.post(personal_message(teams.service_url, SAFEGUARDING))
    await teams.dispatcher.run_once()
    assert [c for c in teams.connector.posted_to(COMMS_TEAM) if c.route == "send" and c.cards()]
    alerts = [c for c in teams.connector.posted_to(OTHER_TEAM) if "report #" in c.text()]
    assert alerts == []


async def test_a_configured_comms_channel_needs_no_install(
    tmp_path: Path, core: Any, connector: FakeConnector
) -> None:
    channel = "19:comms-escalations@thread.tacv2"
    settings = teams_settings(
        tmp_path / "data",
        teams_comms_conversation_id=channel,
        teams_service_url=connector.service_url,
    )
    teams, engine = await start_harness(settings, core, connector)
    try:
        # Installs elsewhere never capture it: only the configured channel gets alerts.
        await teams.post(team_install(teams.service_url, team=OTHER_TEAM))
        await teams.post(personal_message(teams.service_url, SAFEGUARDING))
        assert (await teams.dispatcher.run_once()).delivered == 1
        [alert] = [c for c in teams.connector.posted_to(channel) if c.cards()]
        assert SAFEGUARDING in alert.text()
    finally:
        await teams.client.close()
        engine.dispose()


async def test_no_private_chat_still_gets_the_contact(teams: TeamsHarness) -> None:
    activity = channel_mention(
        teams.service_url, "a journalist from the Times rang me about a study", team=OTHER_TEAM
    )
    teams.connector.refuse["create"] = 403  # the 1:1 chat cannot be opened
    await teams.post(activity)
    texts = [c.text() for c in teams.connector.posted_to(OTHER_TEAM)]
    assert any("private chat" in t for t in texts)
    assert any("communications@hra.nhs.uk" in t for t in texts)
    assert not any("Times" in t for t in texts)
    [row] = teams.store.list()
    assert row.kind == "media"  # the report itself is safe in the database


async def test_both_install_announcements_capture_and_greet_once(teams: TeamsHarness) -> None:
    await teams.post(team_installation_update(teams.service_url))
    await teams.post(team_install(teams.service_url))
    [hello] = teams.connector.posted_to(COMMS_TEAM)
    assert "this channel" in hello.text() and hello.cards() == []
