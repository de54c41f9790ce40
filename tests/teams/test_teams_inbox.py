"""Teams messages through the inbox: durable before triage, one answer per activity
however often the Bot Connector delivers it, a replica that takes over answers in the
same chat, and 400 (never 500) for bodies that are not activities."""

from __future__ import annotations

import logging

import pytest
from conftest import TeamsHarness
from sqlalchemy import select
from teams_activities import personal_message

from bot.escalation.models import InboxEntry

QUESTION = "Can I say that I work for the HRA in my social media profile?"


def rows(teams: TeamsHarness) -> list[InboxEntry]:
    with teams.services.escalations.session() as s:
        return list(s.scalars(select(InboxEntry)))


async def test_a_redelivered_activity_is_answered_once(teams: TeamsHarness) -> None:
    activity = personal_message(teams.service_url, QUESTION)
    for _ in range(3):
        response = await teams.post(activity)
        assert response.status == 202
    assert len(teams.connector.posted_to(activity["conversation"]["id"])) == 1
    [row] = rows(teams)
    assert row.platform == "teams" and row.done_at is not None and row.payload == "{}"


async def test_a_row_left_by_another_replica_is_answered_in_the_same_chat(
    teams: TeamsHarness,
) -> None:
    activity = personal_message(teams.service_url, QUESTION)
    intake = teams.services.intake
    # Written by a replica that stopped before answering: unclaimed, for any worker.
    stopping = intake.worker.stopping
    intake.worker.stopping = True
    try:
        assert (await teams.post(activity)).status == 202
    finally:
        intake.worker.stopping = stopping
    assert teams.connector.posted_to(activity["conversation"]["id"]) == []
    assert await intake.worker.tick() == 1
    for task in list(intake.worker._tasks.values()):
        await task
    [reply] = teams.connector.posted_to(activity["conversation"]["id"])
    assert reply.cards()
    [row] = rows(teams)
    assert row.done_at is not None


@pytest.mark.parametrize("body", [b'{"type": "message", "text": ', b"[1, 2]", b"not json"])
async def test_bad_bodies_get_400_without_error_logs(
    teams: TeamsHarness, caplog: pytest.LogCaptureFixture, body: bytes
) -> None:
    caplog.set_level(logging.INFO)
    response = await teams.client.post(
        "/api/messages", data=body, headers={"Content-Type": "application/json"}
    )
    assert response.status == 400
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
