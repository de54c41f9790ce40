"""With an app id every activity needs a valid Bot Framework JWT; without one, anonymous."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import jwt
import pytest
from aiohttp.test_utils import TestClient, TestServer
from cryptography.hazmat.primitives.asymmetric import rsa
from fake_connector import FakeConnector
from teams_activities import personal_message

from bot.errors import ConfigError
from bot.escalation.db import engine_from_settings
from bot.escalation.outbox import EscalationStore
from bot.server import build_web_app
from bot.services import Services
from bot.settings import Settings

APP_ID = "00000000-1111-2222-3333-444444444444"
TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47"


def _forged(issuer: str, *, audience: str = APP_ID, service_url: str = "") -> str:
    """An RS256 token that looks like the Bot Framework's but is signed with our own key."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    now = datetime.now(UTC)
    claims = {
        "iss": issuer,
        "aud": audience,
        "serviceurl": service_url,
        "nbf": now - timedelta(minutes=1),
        "exp": now + timedelta(hours=1),
    }
    return jwt.encode(claims, key, algorithm="RS256", headers={"kid": "forged-key-id"})


@pytest.fixture
async def authenticated(tmp_path: Path, core: Any, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("MICROSOFT_APP_ID", APP_ID)
    monkeypatch.setenv("MICROSOFT_APP_PASSWORD", "not-a-real-secret")
    monkeypatch.setenv("MICROSOFT_APP_TENANT_ID", TENANT)
    settings = Settings(_env_file=None, data_dir=tmp_path)  # type: ignore[call-arg]
    assert settings.teams_on and not settings.teams_enabled  # credentials alone switch it on
    engine = engine_from_settings(settings)
    services = Services(settings=settings, core=core, escalations=EscalationStore(engine))
    client = TestClient(TestServer(build_web_app(services), host="127.0.0.1"))
    await client.start_server()
    yield client
    await client.close()
    engine.dispose()


async def test_unauthenticated_and_forged_requests_are_refused(
    authenticated: TestClient, connector: FakeConnector
) -> None:
    activity = personal_message(connector.service_url, "Can I post this?")
    tokens = [
        None,
        "Bearer",
        "Bearer not.a.jwt",
        "Bearer " + _forged("https://api.botframework.com", service_url=connector.service_url),
        "Bearer " + _forged("https://sts.windows.net/evil-tenant/"),
        "Bearer " + _forged("https://api.botframework.com", audience="someone-else"),
    ]
    for token in tokens:
        headers = {"Authorization": token} if token else {}
        response = await authenticated.post("/api/messages", json=activity, headers=headers)
        assert response.status == 401, token
    assert connector.calls == []  # nothing was answered
    # Only the Teams route is guarded: probes and other surfaces need no Bot Framework token.
    assert (await authenticated.get("/healthz")).status == 200


def test_an_app_id_without_a_secret_fails_at_start(tmp_path: Path, core: Any) -> None:
    settings = Settings(_env_file=None, data_dir=tmp_path, microsoft_app_id=APP_ID)  # type: ignore[call-arg]
    services = Services(
        settings=settings, core=core, escalations=EscalationStore(engine_from_settings(settings))
    )
    with pytest.raises(ConfigError, match="MICROSOFT_APP_PASSWORD"):
        build_web_app(services)


def test_sdk_credential_names_are_accepted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONNECTIONS__SERVICE_CONNECTION__SETTINGS__CLIENTID", APP_ID)
    monkeypatch.setenv("CONNECTIONS__SERVICE_CONNECTION__SETTINGS__CLIENTSECRET", "s3cret")
    monkeypatch.setenv("CONNECTIONS__SERVICE_CONNECTION__SETTINGS__TENANTID", TENANT)
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert settings.microsoft_app_id == APP_ID and settings.microsoft_app_tenant_id == TENANT
    assert settings.microsoft_app_password is not None


async def test_anonymous_mode_says_so_loudly(
    tmp_path: Path, core: Any, caplog: pytest.LogCaptureFixture
) -> None:
    settings = Settings(_env_file=None, data_dir=tmp_path, teams_enabled=True)  # type: ignore[call-arg]
    services = Services(
        settings=settings, core=core, escalations=EscalationStore(engine_from_settings(settings))
    )
    with caplog.at_level(logging.WARNING):
        build_web_app(services)
    assert any(
        "ANONYMOUS" in r.getMessage() and r.levelno == logging.WARNING for r in caplog.records
    )
