"""A dispatcher process SIGKILLed while its posts are in flight: another one takes its
work over within 15 s and posts nothing twice; a live dispatcher's renewed lease is
never taken over, however long its send takes."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from slack_faults import COMMS, delivered, fault_settings, report, run_until, slack_dispatcher

from bot.escalation.db import make_engine
from bot.escalation.outbox import EscalationStore

from fake_slack import FakeSlack  # isort: skip  (on sys.path through slack_faults)
from fake_slack_script import Late  # isort: skip

REPO = Path(__file__).resolve().parents[2]
POST = "chat.postMessage"
LEASE = 3.0


@pytest.fixture
def fake() -> Iterator[FakeSlack]:
    server = FakeSlack().start()
    yield server
    server.stop()


def dispatcher_process(db_url: str, fake: FakeSlack, tmp_path: Path) -> subprocess.Popen[bytes]:
    """`policybot escalations dispatch`, the standalone dispatcher, as a real process."""
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "PYTHONPATH": str(REPO),
        "HF_HUB_OFFLINE": "1",
        "POLICYBOT_DATA_DIR": str(tmp_path / "data"),
        "DATABASE_URL": db_url,
        "SLACK_BOT_TOKEN": "xoxb-test",
        "SLACK_API_URL": fake.api_url,
        "POLICYBOT_SLACK_COMMS_CHANNEL": COMMS,
        "POLICYBOT_SLACK_TIMEOUT": "60",  # the in-flight posts stay in flight
        "POLICYBOT_DELIVERY_LEASE": str(LEASE),
        "POLICYBOT_DISPATCH_INTERVAL": "0.2",
    }
    return subprocess.Popen(
        [sys.executable, "-m", "bot", "escalations", "dispatch"],
        env=env,
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


async def wait(condition: object, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not within {timeout} s")
        await asyncio.sleep(0.05)


async def test_a_killed_dispatchers_posts_are_taken_over_within_15_s_and_never_repeated(
    db_url: str, fake: FakeSlack, tmp_path: Path
) -> None:
    """The dead one is a real `policybot escalations dispatch` process; the survivor, a
    dispatcher on the same database with the same settings, runs here."""
    store = EscalationStore(make_engine(db_url))
    ids = sorted(report(store, 100 + n) for n in range(4))
    # Slack keeps each post and holds the answer: all four are in flight when it dies.
    fake.script(POST, *[Late(30.0)] * len(ids))
    first = dispatcher_process(db_url, fake, tmp_path)
    try:
        await wait(lambda: len(fake.posts_in(COMMS)) == len(ids), 40, "the first posts")
        survivor = slack_dispatcher(
            store, fault_settings(fake, tmp_path, delivery_lease_seconds=LEASE)
        )
        # Alongside the live replica first: its renewed leases are left alone.
        assert (await survivor.run_once()).claimed == 0
        first.send_signal(signal.SIGKILL)
        killed = time.monotonic()
        first.wait(timeout=10)
        await run_until(survivor, lambda: delivered(store) == set(ids), timeout=30)
        takeover = time.monotonic() - killed
    finally:
        if first.poll() is None:
            first.kill()
    assert takeover <= 15.0, f"taken over after {takeover:.1f} s"
    assert sorted(fake.alert_posts(COMMS)) == ids  # each alert posted exactly once
    assert fake.count(POST) == len(ids)  # the survivor found them; it posted nothing
    for esc in ids:
        view = store.get(esc)
        assert view is not None
        [slack] = [d for d in view.deliveries if d.sink == "slack"]
        assert slack.attempts == 2  # the dead one's attempt, then the survivor's look-up
    store.engine.dispose()


async def test_a_renewed_lease_is_never_taken_over(
    db_url: str, fake: FakeSlack, tmp_path: Path
) -> None:
    """A send that outlasts the lease five times over: the lease is renewed, and a
    second dispatcher polling all along never claims the row."""
    store = EscalationStore(make_engine(db_url))
    esc = report(store, 200)
    settings = fault_settings(fake, tmp_path, delivery_lease_seconds=1.0, slack_timeout_seconds=10)
    fake.script(POST, Late(5.0))
    slow, rival = slack_dispatcher(store, settings), slack_dispatcher(store, settings)
    sending = asyncio.create_task(slow.run_once())
    await asyncio.sleep(0.5)
    rival_claims = 0
    while not sending.done():
        rival_claims += (await rival.run_once()).claimed
        await asyncio.sleep(0.1)
    assert (await sending).delivered == 1
    await run_until(rival, lambda: delivered(store) == {esc}, timeout=5)
    assert rival_claims == 0
    assert fake.alert_posts(COMMS) == [esc] and fake.count("conversations.history") == 0
    store.engine.dispose()
