"""Teams fixtures: the real Agents SDK hosting on a test server, a fake Bot Connector,
a real escalation store (SQLite per test) and the session's real core."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from fake_connector import FakeConnector
from teams_activities import ALICE, COMMS_MEMBER, COMMS_TEAM

from bot.escalation.db import engine_from_settings
from bot.escalation.dispatcher import Dispatcher
from bot.escalation.outbox import EscalationStore
from bot.server import SERVICES
from bot.services import Services
from bot.settings import Settings
from bot.teams import mount


@dataclass
class TeamsHarness:
    client: TestClient
    connector: FakeConnector
    services: Services
    dispatcher: Dispatcher

    @property
    def service_url(self) -> str:
        return self.connector.service_url

    @property
    def store(self) -> EscalationStore:
        return self.services.escalations  # type: ignore[no-any-return]

    async def post(self, activity: dict[str, Any], **headers: str) -> web.Response:
        return await self.client.post("/api/messages", json=activity, headers=headers)

    async def invoke(self, activity: dict[str, Any]) -> dict[str, Any]:
        response = await self.post(activity)
        assert response.status == 200, await response.text()
        return await response.json()  # type: ignore[no-any-return]


def teams_settings(data_dir: Path, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "data_dir": data_dir,
        "teams_enabled": True,
        "dispatch_interval_seconds": 0.05,
        # These tests are about Teams, not a slow database: on a loaded CI host the first
        # SQLite write has taken over the 1 s default and spooled the message (the spool
        # path has its own tests in tests/escalation/test_inbox.py).
        "inbox_write_timeout_seconds": 10.0,
    }
    return Settings(_env_file=None, **(values | overrides))  # type: ignore[call-arg]


@pytest.fixture
async def connector() -> AsyncIterator[FakeConnector]:
    fake = await FakeConnector(members={COMMS_TEAM: [COMMS_MEMBER]}).start()
    yield fake
    await fake.close()


async def start_harness(
    settings: Settings, core: Any, connector: FakeConnector
) -> tuple[TeamsHarness, Any]:
    engine = engine_from_settings(settings)
    services = Services(settings=settings, core=core, escalations=EscalationStore(engine))
    app = web.Application()
    app[SERVICES] = services
    sink = mount(app, services)
    client = TestClient(TestServer(app, host="127.0.0.1"))
    await client.start_server()
    # No backoff: the next run_once retries at once, so tests need no clock games.
    dispatcher = Dispatcher(services.escalations, [sink], settings, base_backoff_seconds=0.0)
    return TeamsHarness(client, connector, services, dispatcher), engine


@pytest.fixture
async def teams(tmp_path: Path, core: Any, connector: FakeConnector) -> AsyncIterator[TeamsHarness]:
    harness, engine = await start_harness(teams_settings(tmp_path / "data"), core, connector)
    yield harness
    await harness.client.close()
    engine.dispose()


__all__ = ["ALICE", "TeamsHarness", "start_harness", "teams_settings"]
