"""Slack scenario fixtures: the real server app (bolt, store, dispatcher) on a test port,
talking to the fake Web API, with the session's real core behind it.

Test modules bind these by assignment (`slack = slack_fixtures.slack`) rather than
through a tests/slack/conftest.py: tests/escalation imports its helpers with
`from conftest import ...`, which a second conftest module would shadow when both
folders are collected in one run.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer
from fake_slack import FakeSlack
from slack_helpers import COMMS, SECRET, Harness

from bot.server import build_web_app
from bot.services import build_services
from bot.settings import Settings


@pytest.fixture
def fake() -> Iterator[FakeSlack]:
    server = FakeSlack().start()
    yield server
    server.stop()


@pytest.fixture
def slack_settings(tmp_path: Path, fake: FakeSlack) -> Settings:
    return Settings(
        data_dir=tmp_path / "data",
        slack_bot_token="xoxb-test",
        slack_signing_secret=SECRET,
        slack_api_url=fake.api_url,
        slack_comms_channel=COMMS,
        dispatch_interval_seconds=0.05,
        # About Slack, not a slow database (as tests/teams/conftest.py).
        inbox_write_timeout_seconds=10.0,
    )


@pytest.fixture
async def slack(core: Any, slack_settings: Settings, fake: FakeSlack) -> AsyncIterator[Harness]:
    services = build_services(slack_settings, core=core)
    client = TestClient(TestServer(build_web_app(services)))
    await client.start_server()
    try:
        yield Harness(client, services, fake)
    finally:
        await client.close()
        services.escalations.engine.dispose()
