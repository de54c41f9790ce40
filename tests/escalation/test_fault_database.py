"""PostgreSQL behind a TCP proxy that hangs (accepts, never answers) and heals with the
old connections still hung: the dispatcher notices, recovers by itself and delivers
each alert once; /readyz and /metrics answer within a second throughout."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer
from slack_faults import COMMS, delivered, fault_settings, report, slack_dispatcher
from sqlalchemy import make_url
from tcp_proxy import TcpProxy

from bot.escalation.db import Timeouts, make_engine
from bot.escalation.outbox import EscalationStore
from bot.server import build_web_app
from bot.services import build_services
from bot.settings import Settings

from fake_slack import FakeSlack  # isort: skip  (on sys.path through slack_faults)

pytestmark = pytest.mark.postgres
# Scaled down: a call hung for 2 s is cut (statement timeout 1 s + 1 s).
FAST_DB = {
    "db_statement_timeout_seconds": 1.0,
    "db_connect_timeout_seconds": 1.0,
    "db_pool_timeout_seconds": 1.0,
    "dispatcher_stuck_seconds": 2.0,
}


@pytest.fixture
def proxy() -> Iterator[TcpProxy]:
    server = TcpProxy("127.0.0.1", 5432)
    yield server
    server.stop()


@pytest.fixture
def fake() -> Iterator[FakeSlack]:
    server = FakeSlack().start()
    yield server
    server.stop()


def through(proxy: TcpProxy, url: str) -> str:
    return make_url(url).set(port=proxy.port).render_as_string(hide_password=False)


async def test_a_hung_then_healed_database_with_old_connections_hung_still_delivers(
    pg_url: str, proxy: TcpProxy, fake: FakeSlack, tmp_path: Path
) -> None:
    settings = fault_settings(fake, tmp_path, **FAST_DB)
    store = EscalationStore(make_engine(through(proxy, pg_url), timeouts=Timeouts.of(settings)))
    direct = EscalationStore(make_engine(pg_url))  # the reporters' side, not behind the proxy
    dispatcher = slack_dispatcher(store, settings)
    stop = asyncio.Event()
    task = asyncio.create_task(dispatcher.run_forever(stop))
    try:
        first = report(direct, 1)
        await wait(lambda: delivered(direct) == {first}, 15)
        proxy.hang()
        second = report(direct, 2)
        await wait(lambda: dispatcher.health.stuck, 10)  # the watchdog's signal
        assert any("no progress" in p for p in dispatcher.health.problems())
        await asyncio.sleep(3)  # hung calls are cut meanwhile; reconnecting times out
        proxy.heal()  # new connections work; the pooled ones stay black-holed
        healed = time.monotonic()
        await wait(lambda: delivered(direct) == {first, second}, 20)
        recovery = time.monotonic() - healed
        await wait(lambda: not dispatcher.health.stuck, 5)
    finally:
        stop.set()
        await asyncio.wait_for(task, 20)
        store.engine.dispose()
        direct.engine.dispose()
    assert recovery <= 10, f"delivered {recovery:.1f} s after the network healed"
    assert sorted(fake.alert_posts(COMMS)) == [first, second]  # once each


async def wait(condition: Any, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {timeout} s")
        await asyncio.sleep(0.05)


@pytest.fixture
async def served(
    core: Any, pg_url: str, proxy: TcpProxy, tmp_path: Path
) -> AsyncIterator[TestClient]:
    settings = Settings(
        _env_file=None,
        data_dir=tmp_path / "data",
        database_url=through(proxy, pg_url),
        dispatch_interval_seconds=0.1,
        **FAST_DB,
    )
    services = build_services(settings, core=core)
    client = TestClient(TestServer(build_web_app(services)))
    await client.start_server()
    try:
        yield client
    finally:
        proxy.heal()
        await client.close()
        services.escalations.engine.dispose()


async def timed_get(client: TestClient, path: str) -> tuple[int, Any, float]:
    start = time.monotonic()
    response = await client.get(path)
    body = await (response.json() if path == "/readyz" else response.text())
    return response.status, body, time.monotonic() - start


async def test_readyz_and_metrics_answer_within_a_second_while_the_database_hangs(
    served: TestClient, proxy: TcpProxy
) -> None:
    status, body, _ = await timed_get(served, "/readyz")
    assert status == 200 and body["checks"] == {"store": True, "database": True, "dispatcher": True}
    proxy.hang()
    for _ in range(3):  # repeated probes do not pile up behind the hung one
        status, body, took = await timed_get(served, "/readyz")
        assert status == 503 and body["checks"]["database"] is False
        assert took < 1.0, f"/readyz took {took:.2f} s"
    status, text, took = await timed_get(served, "/metrics")
    assert status == 200 and took < 1.0, f"/metrics took {took:.2f} s"
    assert "policybot_store_up 0.0" in text
    await asyncio.sleep(2.5)  # the dispatcher has had no database for longer than 2 s
    status, body, took = await timed_get(served, "/readyz")
    assert took < 1.0 and body["checks"]["dispatcher"] is False
    assert any("no progress" in p for p in body["problems"])
    proxy.heal()
    deadline = time.monotonic() + 15
    while (status := (await timed_get(served, "/readyz"))[0]) != 200:
        assert time.monotonic() < deadline, "not ready again 15 s after the network healed"
        await asyncio.sleep(0.2)
