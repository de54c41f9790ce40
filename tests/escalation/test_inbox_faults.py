"""Inbound faults with real `policybot serve` replicas, on SQLite and PostgreSQL.

Three replicas start once per database (starting one costs ~20 s on these machines):
the database tests use two of them, the SIGTERM test stops "a", the SIGKILL test kills
"b", and a survivor finishes their work each time.

Every test ends the same way: each report stored once, alerted to the comms channel
once, and answered once. The faults are those of issue 12's table, inbound rows:
SIGKILL and SIGTERM the moment Slack has its 200s for a burst of reports, a database
refusing connections and a database that accepts but never answers (PostgreSQL behind
a TCP proxy this test controls; SQLite with its directory moved away, or locked).
"""

from __future__ import annotations

import asyncio
import os
import sqlite3
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import aiohttp
import pytest
from replicas import (
    Cluster,
    FakeSlack,
    assert_once_each,
    notes,
    send_report,
    settle_until,
    wait_ready,
)
from tcp_proxy import TcpProxy

from bot.escalation.db import migrate

BURST = 30
SETTLE = 35.0


class SqliteFaults:
    """The shared SQLite file: "refuse" moves its folder away, "hang" locks it."""

    def __init__(self, tmp: Path) -> None:
        self.dir = tmp / "db"
        self.dir.mkdir()
        self.away = tmp / "db-away"
        self.url = self.direct_url = f"sqlite:///{self.dir}/shared.db"
        migrate(self.url)
        self.lock: sqlite3.Connection | None = None

    def refuse(self) -> None:
        os.rename(self.dir, self.away)

    def hang(self) -> None:
        self.lock = sqlite3.connect(self.dir / "shared.db", check_same_thread=False)
        self.lock.execute("BEGIN EXCLUSIVE")

    def resume(self) -> None:
        if self.away.exists():
            os.rename(self.away, self.dir)
        if self.lock is not None:
            self.lock.rollback()
            self.lock.close()
            self.lock = None

    def stop(self) -> None:
        self.resume()


class PostgresFaults:
    """The test's schema, reached by the replicas through a proxy it controls."""

    def __init__(self, direct_url: str) -> None:
        self.direct_url = direct_url
        self.proxy = TcpProxy()
        parts = urlsplit(direct_url)
        netloc = parts.netloc.rsplit(":", 1)[0] + f":{self.proxy.port}"
        self.url = urlunsplit(parts._replace(netloc=netloc))

    def refuse(self) -> None:
        self.proxy.refuse()

    def hang(self) -> None:
        self.proxy.hang()

    def resume(self) -> None:
        self.proxy.resume()

    def stop(self) -> None:
        self.proxy.stop()


Faults = SqliteFaults | PostgresFaults


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def faults(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Faults]:
    if request.param == "sqlite":
        made: Faults = SqliteFaults(tmp_path_factory.mktemp("sqlite-faults"))
    else:
        made = PostgresFaults(str(request.getfixturevalue("pg_base_url")))
    yield made
    made.stop()


@pytest.fixture(scope="module")
def cluster(
    faults: Faults, core: object, session_data_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Cluster]:
    fake = FakeSlack().start()
    made = Cluster(
        tmp=tmp_path_factory.mktemp("replicas"),
        db_url=faults.url,
        fake=fake,
        store_template=session_data_dir / "chroma",
        env={"POLICYBOT_SHUTDOWN_DEADLINE": "10"},
    )
    for name in ("a", "b", "c"):  # started together: the tests need no restarts
        made.start(name)
    try:
        yield made
    finally:
        made.stop_all()
        fake.stop()


@pytest.fixture
async def session() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as client:
        yield client


def report(row: str, results: list[tuple[int, float]], since: float) -> None:
    """The figures for the issue's table (shown with `pytest -s`)."""
    acks = sorted(seconds for _, seconds in results)
    print(
        f"\nFAULT {row}: {len(results)} reports, ack max {acks[-1] * 1000:.0f} ms; "
        f"all stored, answered and alerted once {time.monotonic() - since:.1f} s after the fault/heal"
    )


async def running(cluster: Cluster, session: aiohttp.ClientSession, *names: str) -> list:
    """The named replicas, alive; any a test stopped is started again (in parallel)."""
    live = {r.name: r for r in cluster.replicas if r.proc.poll() is None}
    for name in names:
        if name not in live:
            live[name] = cluster.start(name)
    await wait_ready(session, *(live[name] for name in names))
    return [live[name] for name in names]


@pytest.mark.parametrize("fault", ["refuse", "hang"])
async def test_database_away_reporters_told_and_nothing_lost(
    cluster: Cluster, faults: Faults, session: aiohttp.ClientSession, fault: str
) -> None:
    a, b = await running(cluster, session, "a", "b")
    tag, n = ("R" if fault == "refuse" else "H"), 4
    getattr(faults, fault)()
    try:
        results = await asyncio.gather(
            *(send_report(session, (a, b)[i % 2], tag, i) for i in range(n))
        )
        # Acked within Slack's 3 s, durable on local disk, and every reporter told
        # the contact for the hour while the database is away.
        assert [status for status, _ in results] == [200] * n
        assert max(seconds for _, seconds in results) < 3.0
        deadline = time.monotonic() + 10
        while len(notes(cluster.fake, tag)) < n and time.monotonic() < deadline:
            await asyncio.sleep(0.1)
        assert len(notes(cluster.fake, tag)) == n
        texts = [c["text"] for c in cluster.fake.of("chat.postMessage") if c["channel"][1:2] == tag]
        assert all("07" in t or "contact" in t for t in texts)
        await asyncio.sleep(1.0)
    finally:
        faults.resume()
    healed = time.monotonic()
    outcome = await settle_until(cluster.fake, faults.direct_url, tag, n, SETTLE)
    assert_once_each(*outcome, tag, n)
    report(f"database {fault}", results, healed)


async def test_sigterm_right_after_the_200s(
    cluster: Cluster, faults: Faults, session: aiohttp.ClientSession
) -> None:
    a, b, _c = await running(cluster, session, "a", "b", "c")
    results = await asyncio.gather(*(send_report(session, a, "T", n) for n in range(BURST)))
    a.term()  # a rolling deploy
    assert [status for status, _ in results] == [200] * BURST
    start = time.monotonic()
    for _ in range(20):
        async with session.get(f"{a.base}/readyz") as resp:
            if resp.status == 503:
                break
        await asyncio.sleep(0.05)
    else:
        pytest.fail("/readyz stayed 200 after SIGTERM")
    assert await asyncio.to_thread(a.proc.wait, 20) == 0
    assert time.monotonic() - start < 15  # the 10 s deadline and a clean exit
    outcome = await settle_until(cluster.fake, faults.direct_url, "T", BURST, SETTLE)
    assert_once_each(*outcome, "T", BURST)
    report("SIGTERM", results, start)
    assert "left for another replica" in a.log()
    assert b.proc.poll() is None


async def test_sigkill_right_after_the_200s(
    cluster: Cluster, faults: Faults, session: aiohttp.ClientSession
) -> None:
    # Run after the SIGTERM test: "b" is the victim, "c" finishes its work.
    b, _c = await running(cluster, session, "b", "c")
    results = await asyncio.gather(*(send_report(session, b, "K", n) for n in range(BURST)))
    b.kill()  # Slack has its 200s; the replica dies with the burst in its hands
    killed = time.monotonic()
    assert [status for status, _ in results] == [200] * BURST
    outcome = await settle_until(cluster.fake, faults.direct_url, "K", BURST, SETTLE)
    assert_once_each(*outcome, "K", BURST)
    report("SIGKILL", results, killed)
