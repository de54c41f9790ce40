"""The inbox on real SQLite and PostgreSQL: dedup on the message and the delivery, leases
that lapse to another replica, group commit, a hung database cut and spooled."""

from __future__ import annotations

import asyncio
import sqlite3
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import FakeClock
from sqlalchemy import event

from bot.escalation.db import make_engine
from bot.escalation.inbox import Inbound, InboxStore
from bot.escalation.inbox_worker import InboxWorker
from bot.escalation.inbox_writer import InboxUnavailable, InboxWriter
from bot.escalation.spool import Spool


def entry(n: int, *, key: str | None = None, event_id: str | None = None) -> Inbound:
    return Inbound(
        platform="slack",
        message_key=key or f"T1:D{n}:1700000000.{n:06d}",
        event_id=event_id or f"Ev{n}",
        payload={"event": {"text": f"report {n}"}},
        received_at=datetime(2026, 3, 4, 10, 0, tzinfo=UTC),
    )


@pytest.fixture
def inbox(db_url: str, clock: FakeClock) -> InboxStore:
    return InboxStore(make_engine(db_url), clock=clock, lease_seconds=15)


def test_one_row_per_message_and_per_delivery(inbox: InboxStore) -> None:
    [first] = inbox.write([entry(1)])
    assert first is not None
    # Slack's retry (same event id), an edit (same message, new event id), a replay.
    assert inbox.write([entry(1)]) == [None]
    assert inbox.write([entry(1, event_id="EvEdited")]) == [None]
    assert inbox.write([entry(2, event_id="Ev1")]) == [None]  # a retry whose body changed
    assert inbox.pending() == 1


def test_a_lapsed_lease_goes_to_another_replica_once(db_url: str, clock: FakeClock) -> None:
    engine = make_engine(db_url)
    dead = InboxStore(engine, clock=clock, lease_seconds=15, replica="dead")
    live = InboxStore(engine, clock=clock, lease_seconds=15, replica="live")
    other = InboxStore(engine, clock=clock, lease_seconds=15, replica="other")
    [row_id] = dead.write([entry(1)])
    assert live.claim_expired() == []  # held by a replica that may still be alive
    clock.advance(seconds=16)
    [taken] = live.claim_expired()
    assert taken.id == row_id and taken.payload["event"]["text"] == "report 1"
    assert other.claim_expired() == []  # taken once
    clock.advance(seconds=10)
    assert live.renew() == 1  # the live replica keeps it ...
    clock.advance(seconds=10)
    assert other.claim_expired() == []  # ... and a renewed lease is not stolen
    live.done(row_id)
    clock.advance(seconds=60)
    assert other.claim_expired() == [] and live.pending() == 0
    engine.dispose()


def test_released_rows_are_taken_at_once(inbox: InboxStore, db_url: str, clock: FakeClock) -> None:
    ids = inbox.write([entry(1), entry(2)])
    assert inbox.release([i for i in ids if i]) == 2
    other = InboxStore(make_engine(db_url), clock=clock, replica="other")
    assert sorted(i.id for i in other.claim_expired()) == sorted(i for i in ids if i)


async def test_a_burst_is_written_in_few_transactions(db_url: str) -> None:
    engine = make_engine(db_url)
    commits: list[int] = []
    event.listen(engine, "commit", lambda _conn: commits.append(1))
    writer = InboxWriter(InboxStore(engine), timeout=5.0)
    ids = await asyncio.gather(*(writer.put(entry(n)) for n in range(200)))
    assert len({i for i in ids if i is not None}) == 200
    assert len(commits) < 20  # group commit, not one per event
    await writer.close()
    engine.dispose()


async def test_a_locked_sqlite_inbox_fails_fast_and_the_thread_comes_back(tmp_path: Path) -> None:
    from bot.escalation.db import migrate

    url = f"sqlite:///{tmp_path}/inbox.db"
    migrate(url)
    engine = make_engine(url)
    writer = InboxWriter(InboxStore(engine), timeout=0.3)
    lock = sqlite3.connect(tmp_path / "inbox.db")
    lock.execute("BEGIN EXCLUSIVE")  # another process holds the write lock
    start = time.monotonic()
    with pytest.raises(InboxUnavailable):
        await writer.put(entry(1))
    assert time.monotonic() - start < 1.0
    await asyncio.sleep(0.7)  # the writer cuts its hung call (sqlite3 interrupt)
    lock.rollback()
    lock.close()
    assert await writer.put(entry(2)) is not None
    await writer.close()
    engine.dispose()


async def test_the_spool_replays_once_into_the_inbox(inbox: InboxStore, tmp_path: Path) -> None:
    spool = Spool(tmp_path / "spool.jsonl")
    spool.append(entry(1))
    spool.append(entry(2))
    with (tmp_path / "spool.jsonl").open("a") as f:
        f.write('{"platform": "slack", "message_key"')  # a line cut by a crash
    inbox.write([entry(2)])  # this one reached the database after all
    worker = InboxWorker(inbox, spool=spool)
    assert await worker.replay_spool() == 2
    assert not spool.has_entries()
    assert inbox.pending() == 2  # entry 2 once, entry 1 once
    assert await worker.replay_spool() == 0


async def test_one_message_twice_in_one_batch_is_one_row(db_url: str) -> None:
    engine = make_engine(db_url)
    writer = InboxWriter(InboxStore(engine), timeout=5.0)
    ids = await asyncio.gather(
        writer.put(entry(1)), writer.put(entry(1, event_id="EvEdit")), writer.put(entry(2))
    )
    assert ids[0] is not None and ids[1] is None and ids[2] is not None
    await writer.close()
    engine.dispose()


def test_concurrent_spool_appends_are_all_on_disk(tmp_path: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    spool = Spool(tmp_path / "spool.jsonl")
    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(lambda n: spool.append(entry(n)), range(200)))
    assert sorted(e.event_id for e in spool.take()) == sorted(f"Ev{n}" for n in range(200))
