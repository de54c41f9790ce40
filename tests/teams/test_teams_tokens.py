"""Real JWTs against the SDK's real validation: the issuer is pinned to the Bot Framework
channel, the tenant's own issuer only by choice, and tokens without a key id get 401."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer
from bot_tokens import (
    BOT_FRAMEWORK,
    BOT_FRAMEWORK_KEYS,
    KeyServer,
    rs256_without_kid,
    tenant_keys,
    unsigned,
)
from fake_connector import FakeConnector
from microsoft_agents.authentication.msal import MsalAuth
from teams_activities import ALICE, personal_conversation, personal_message

from bot.escalation.db import engine_from_settings
from bot.escalation.outbox import EscalationStore
from bot.server import build_web_app
from bot.services import Services
from bot.settings import Settings

APP_ID = "00000000-1111-2222-3333-444444444444"
TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47"
OTHER_TENANT = "0b9b90ad-1111-4c5e-8d6b-9f0d1c2e3f40"


@pytest.fixture
async def keys(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[KeyServer]:
    server = await KeyServer().start()
    server.serve_for(
        monkeypatch, BOT_FRAMEWORK_KEYS, tenant_keys(TENANT), tenant_keys(OTHER_TENANT)
    )

    # Accepted turns get an outbound token for the connector; Entra is not reachable.
    async def outbound_token(*_args: Any, **_kwargs: Any) -> str:
        return "outbound-test-token"

    monkeypatch.setattr(MsalAuth, "get_access_token", outbound_token)
    yield server
    await server.close()


async def _client(tmp_path: Path, core: Any, **settings: Any) -> TestClient:
    values = {
        "data_dir": tmp_path,
        "microsoft_app_id": APP_ID,
        "microsoft_app_password": "not-a-real-secret",
        "microsoft_app_tenant_id": TENANT,
    }
    config = Settings(_env_file=None, **(values | settings))  # type: ignore[call-arg]
    services = Services(
        settings=config, core=core, escalations=EscalationStore(engine_from_settings(config))
    )
    client = TestClient(TestServer(build_web_app(services), host="127.0.0.1"))
    await client.start_server()
    return client


# With credentials the SDK only talks to Microsoft hosts; a typing activity gets no
# reply, so nothing is ever sent there.
TEAMS_SERVICE = "https://smba.trafficmanager.net/amer/"


def _typing(service_url: str = TEAMS_SERVICE) -> dict[str, Any]:
    """An activity the bot accepts without replying."""
    activity = personal_message(service_url, "")
    activity |= {"type": "typing", "conversation": personal_conversation(ALICE)}
    activity.pop("text")
    return activity


async def _status(client: TestClient, token: str, activity: dict[str, Any]) -> int:
    response = await client.post(
        "/api/messages", json=activity, headers={"Authorization": f"Bearer {token}"}
    )
    return response.status


def _tenant_token(keys: KeyServer, tenant: str) -> str:
    return keys.token(issuer=f"https://sts.windows.net/{tenant}/", audience=APP_ID, tid=tenant)


async def test_only_the_bot_framework_channel_is_accepted_by_default(
    tmp_path: Path, core: Any, keys: KeyServer, connector: FakeConnector
) -> None:
    client = await _client(tmp_path, core)
    try:
        activity = _typing()
        channel = keys.token(issuer=BOT_FRAMEWORK, audience=APP_ID, serviceurl=TEAMS_SERVICE)
        assert await _status(client, channel, activity) in (200, 202)
        assert keys.fetches >= 1  # the SDK really fetched our key to verify the signature
        # A token of the bot's own tenant, signed by a key the SDK trusts: still refused.
        assert await _status(client, _tenant_token(keys, TENANT), activity) == 401
        assert await _status(client, _tenant_token(keys, OTHER_TENANT), activity) == 401
        wrong_audience = keys.token(issuer=BOT_FRAMEWORK, audience="someone-else")
        assert await _status(client, wrong_audience, activity) == 401
    finally:
        await client.close()


async def test_the_tenant_issuer_is_accepted_only_when_configured(
    tmp_path: Path, core: Any, keys: KeyServer, connector: FakeConnector
) -> None:
    client = await _client(tmp_path, core, teams_accept_tenant_tokens=True)
    try:
        activity = _typing()
        assert await _status(client, _tenant_token(keys, TENANT), activity) in (200, 202)
        # A foreign tenant stays out, and so does a token whose tid does not match its issuer.
        assert await _status(client, _tenant_token(keys, OTHER_TENANT), activity) == 401
        forged_tid = keys.token(
            issuer=f"https://sts.windows.net/{OTHER_TENANT}/", audience=APP_ID, tid=TENANT
        )
        assert await _status(client, forged_tid, activity) == 401
    finally:
        await client.close()


async def test_tokens_without_a_key_id_get_401_and_no_traceback(
    tmp_path: Path,
    core: Any,
    keys: KeyServer,
    connector: FakeConnector,
    caplog: pytest.LogCaptureFixture,
) -> None:
    client = await _client(tmp_path, core)
    claims = {"iss": BOT_FRAMEWORK, "aud": APP_ID, "serviceurl": connector.service_url}
    try:
        with caplog.at_level(logging.INFO):
            for token in (unsigned(claims), rs256_without_kid(keys.key, claims)):
                assert await _status(client, token, _typing(connector.service_url)) == 401
    finally:
        await client.close()
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]
    assert connector.calls == []
