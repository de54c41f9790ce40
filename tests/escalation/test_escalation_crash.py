"""A process killed between commit and send loses nothing: the next dispatcher delivers.

The child records two escalations, starts dispatching with a sink that hangs, and is
SIGKILLed while the first send is in flight. One row was committed and never claimed, the
other was claimed under a lease that dies with the process. A fresh dispatcher in this
process delivers both, once each.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import CountingSink

from bot.escalation.db import make_engine
from bot.escalation.dispatcher import Dispatcher
from bot.escalation.outbox import EscalationStore
from bot.settings import Settings

REPO = Path(__file__).resolve().parents[2]
LEASE = 1.0

CHILD = f"""
import asyncio, sys
from bot.core.models import Message
from bot.escalation.db import make_engine
from bot.escalation.dispatcher import Dispatcher
from bot.escalation.outbox import EscalationStore
from bot.settings import Settings

store = EscalationStore(make_engine(sys.argv[1]))
for n in (1, 2):
    store.record(Message(text="a child on our page posted their address", platform="slack",
                         event_id=f"crash-{{n}}"), "safeguarding", business_hours=False)
print("recorded", flush=True)

class Hanging:
    name = "counting"
    async def send(self, escalation, reminder=False):
        print("sending", escalation.id, flush=True)
        await asyncio.sleep(3600)

dispatcher = Dispatcher(store, [Hanging()], Settings(_env_file=None), batch_size=1,
                        lease_seconds={LEASE})
asyncio.run(dispatcher.run_once())
"""


def test_killed_between_commit_and_send_delivers_once_after_restart(db_url: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, db_url],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        cwd=REPO,
    )
    assert child.stdout is not None
    lines = []
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        line = child.stdout.readline()
        lines.append(line.strip())
        if line.startswith("sending") or not line:
            break
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=10)
    assert child.returncode == -signal.SIGKILL
    assert lines[:2] == ["recorded", "sending 1"], lines

    store = EscalationStore(make_engine(db_url))
    sink = CountingSink("counting")
    settings = Settings(_env_file=None, reminder_minutes=600)
    dispatcher = Dispatcher(store, [sink], settings, lease_seconds=LEASE)
    first = asyncio.run(dispatcher.run_once())
    assert first.delivered == 1  # the unclaimed row; row 1 is still under the dead lease
    time.sleep(LEASE + 0.2)
    assert asyncio.run(dispatcher.run_once()).delivered == 1
    assert asyncio.run(dispatcher.run_once()).claimed == 0
    assert sink.sent == {(1, False): 1, (2, False): 1}
    store.engine.dispose()
