"""Real `policybot serve` replicas for fault tests, and the checks every test ends with.

Each replica is a subprocess on a free port with its own data dir (a copy of the
session's ingested store, so no replica pays for a first-use ingest) and a shared
escalation database. Reports are signed Slack DMs, one reporter channel each, so
"answered once" and "stored once" are counted per channel.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
from sqlalchemy import text

from bot.escalation.db import make_engine

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "slack"))
from fake_slack_faults import SlowFakeSlack as FakeSlack
from slack_helpers import SECRET, dm, event_body, signed_headers

REPO = Path(__file__).resolve().parents[2]
COMMS = "GCOMMS"
REPORT = "A teenager commented on our Instagram post with their home address and school name ({n})"
READY_TIMEOUT = 90.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Replica:
    name: str
    port: int
    proc: subprocess.Popen[bytes]
    log_path: Path

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(timeout=10)

    def term(self) -> None:
        self.proc.send_signal(signal.SIGTERM)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


@dataclass
class Cluster:
    tmp: Path
    db_url: str
    fake: FakeSlack
    store_template: Path
    env: dict[str, str] = field(default_factory=dict)
    replicas: list[Replica] = field(default_factory=list)

    def start(self, name: str, **extra: str) -> Replica:
        data = self.tmp / name
        if not (data / "chroma").exists():
            shutil.copytree(self.store_template, data / "chroma")
        port = free_port()
        env = {
            **os.environ,
            "POLICYBOT_DATA_DIR": str(data),
            "DATABASE_URL": self.db_url,
            "SLACK_SIGNING_SECRET": SECRET,
            "SLACK_BOT_TOKEN": "xoxb-fault",
            "SLACK_API_URL": self.fake.api_url,
            "POLICYBOT_SLACK_COMMS_CHANNEL": COMMS,
            "POLICYBOT_LOG_LEVEL": "INFO",
            "POLICYBOT_INBOX_LEASE": "3",
            "POLICYBOT_INBOX_RETRY": "1",
            "POLICYBOT_DISPATCH_INTERVAL": "0.5",
            "HF_HUB_OFFLINE": "1",
            **self.env,
            **extra,
        }
        log_path = self.tmp / f"{name}.log"
        with log_path.open("ab") as log:
            proc = subprocess.Popen(
                [sys.executable, "-m", "bot", "serve", "--port", str(port)],
                env=env,
                cwd=REPO,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        replica = Replica(name, port, proc, log_path)
        self.replicas.append(replica)
        return replica

    def stop_all(self) -> None:
        for replica in self.replicas:
            replica.stop()


async def wait_ready(session: aiohttp.ClientSession, *replicas: Replica) -> None:
    deadline = time.monotonic() + READY_TIMEOUT
    for replica in replicas:
        while True:
            if replica.proc.poll() is not None:
                raise AssertionError(f"{replica.name} exited:\n{replica.log()[-3000:]}")
            try:
                async with session.get(f"{replica.base}/readyz") as resp:
                    if resp.status == 200:
                        break
            except aiohttp.ClientError:
                pass
            if time.monotonic() > deadline:
                raise AssertionError(f"{replica.name} not ready:\n{replica.log()[-3000:]}")
            await asyncio.sleep(0.2)


def reporter_channel(tag: str, n: int) -> str:
    return f"D{tag}{n:04d}"


async def send_report(
    session: aiohttp.ClientSession, replica: Replica, tag: str, n: int, *, retry: int = 0
) -> tuple[int, float]:
    """One signed DM carrying a safeguarding report; returns (HTTP status, seconds)."""
    event = dm(REPORT.format(n=n), user=f"U{tag}{n:04d}")
    event["channel"] = reporter_channel(tag, n)
    event["ts"] = event["event_ts"] = f"{int(time.time())}.{n:06d}"
    body = json.dumps(event_body(event, f"Ev{tag}{n:04d}"))
    headers = {**signed_headers(body), "Content-Type": "application/json"}
    if retry:
        headers |= {"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"}
    start = time.perf_counter()
    async with session.post(f"{replica.base}/slack/events", data=body, headers=headers) as resp:
        await resp.read()
        return resp.status, time.perf_counter() - start


def is_contact_note(call: dict[str, Any]) -> bool:
    return str(call.get("text") or "").startswith("I can't")


def answers(fake: FakeSlack, tag: str) -> Counter[str]:
    """Real replies (not "database away" notes) per reporter channel."""
    return Counter(
        str(c.get("channel"))
        for c in fake.of("chat.postMessage")
        if str(c.get("channel", "")).startswith(f"D{tag}") and not is_contact_note(c)
    )


def notes(fake: FakeSlack, tag: str) -> Counter[str]:
    return Counter(
        str(c.get("channel"))
        for c in fake.of("chat.postMessage")
        if str(c.get("channel", "")).startswith(f"D{tag}") and is_contact_note(c)
    )


def alerts(fake: FakeSlack) -> Counter[int]:
    """Comms-channel alerts per escalation id."""
    found: Counter[int] = Counter()
    for call in fake.of("chat.postMessage"):
        if call.get("channel") == COMMS and "Reminder" not in str(call.get("text")):
            match = re.search(r"#(\d+)", str(call.get("text") or ""))
            if match:
                found[int(match.group(1))] += 1
    return found


def stored(db_url: str, tag: str) -> dict[str, list[int]]:
    """Escalation ids per reporter channel."""
    engine = make_engine(db_url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(
                text("SELECT id, source_channel FROM escalations WHERE source_channel LIKE :p"),
                {"p": f"D{tag}%"},
            ).all()
    finally:
        engine.dispose()
    out: dict[str, list[int]] = {}
    for row_id, channel in rows:
        out.setdefault(str(channel), []).append(int(row_id))
    return out


async def settle_until(
    fake: FakeSlack, db_url: str, tag: str, n: int, timeout: float
) -> tuple[dict[str, list[int]], Counter[str], Counter[int]]:
    """Wait until every report is stored, answered and alerted (or the timeout)."""
    deadline = time.monotonic() + timeout
    while True:
        rows = await asyncio.to_thread(stored, db_url, tag)
        replies = answers(fake, tag)
        posted = alerts(fake)
        ids = {i for ids in rows.values() for i in ids}
        done = len(rows) == n and len(replies) == n and ids <= set(posted)
        if done or time.monotonic() > deadline:
            await asyncio.sleep(1.0)  # time for any double to show
            return (
                await asyncio.to_thread(stored, db_url, tag),
                answers(fake, tag),
                alerts(fake),
            )
        await asyncio.sleep(0.2)


def assert_once_each(
    rows: dict[str, list[int]], replies: Counter[str], posted: Counter[int], tag: str, n: int
) -> None:
    channels = {reporter_channel(tag, i) for i in range(n)}
    assert set(rows) == channels, f"stored for {len(rows)}/{n}: missing {channels - set(rows)}"
    assert all(len(ids) == 1 for ids in rows.values()), {
        c: i for c, i in rows.items() if len(i) > 1
    }
    assert set(replies) == channels, f"answered {len(replies)}/{n}"
    assert all(count == 1 for count in replies.values()), "answered twice: " + str(
        {c: k for c, k in replies.items() if k > 1}
    )
    ids = [i for ids in rows.values() for i in ids]
    assert all(posted.get(i) == 1 for i in ids), {i: posted.get(i) for i in ids}
