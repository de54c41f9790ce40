"""The outside probe: `policybot serve` as a real process, real-format signed events.

First start ingests the shipped policy into a fresh data dir (~10 s with the real
model), so the probe waits on /readyz before it posts anything.
"""

from __future__ import annotations

import asyncio
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pytest
import slack_fixtures
from fake_slack import FakeSlack
from slack_helpers import SECRET, dm, event_body, signed_headers, texts_of

fake = slack_fixtures.fake

REPO = Path(__file__).resolve().parents[2]
QUESTION = "What is the out-of-hours number to call if a journalist asks me for a comment?"
READY_TIMEOUT = 120.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve_command(port: int) -> list[str]:
    script = REPO / ".venv" / "bin" / "policybot"
    if script.exists():
        return [str(script), "serve", "--port", str(port)]
    return [sys.executable, "-m", "bot", "serve", "--port", str(port)]


@pytest.fixture
def server(
    tmp_path: Path, fake: FakeSlack, ingested: Path
) -> Iterator[tuple[str, Path, subprocess.Popen]]:
    port = free_port()
    log_path = tmp_path / "serve.log"
    env = {
        **os.environ,
        "POLICYBOT_DATA_DIR": str(ingested),
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_BOT_TOKEN": "xoxb-probe",
        "SLACK_API_URL": fake.api_url,
        "POLICYBOT_SLACK_COMMS_CHANNEL": "GCOMMS",
        "POLICYBOT_LOG_LEVEL": "INFO",
        "HF_HUB_OFFLINE": "1",
    }
    with log_path.open("w") as log:
        proc = subprocess.Popen(
            serve_command(port), env=env, cwd=REPO, stdout=log, stderr=subprocess.STDOUT
        )
        try:
            yield f"http://127.0.0.1:{port}", log_path, proc
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


async def wait_ready(
    session: aiohttp.ClientSession, base: str, log_path: Path, proc: subprocess.Popen
) -> None:
    deadline = time.monotonic() + READY_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(
                f"policybot serve exited ({proc.returncode}):\n{log_path.read_text()[-3000:]}"
            )
        try:
            async with session.get(f"{base}/readyz") as resp:
                if resp.status == 200:
                    return
        except aiohttp.ClientError:
            pass
        await asyncio.sleep(0.25)
    pytest.fail(f"/readyz not ready in {READY_TIMEOUT} s:\n{log_path.read_text()[-3000:]}")


async def post(
    session: aiohttp.ClientSession, base: str, body: str, headers: dict[str, str]
) -> tuple[int, float]:
    start = time.perf_counter()
    headers = {**headers, "Content-Type": "application/json"}
    async with session.post(f"{base}/slack/events", data=body, headers=headers) as resp:
        await resp.read()
        return resp.status, time.perf_counter() - start


async def test_serve_probe_refuses_bad_signatures_acks_fast_and_answers_once(
    server: tuple[str, Path, subprocess.Popen], fake: FakeSlack
) -> None:
    base, log_path, proc = server
    body = json.dumps(event_body(dm(QUESTION), "EvProbe0001"))
    async with aiohttp.ClientSession() as session:
        await wait_ready(session, base, log_path, proc)
        unsigned = await post(session, base, body, {})
        stale = await post(
            session, base, body, signed_headers(body, timestamp=int(time.time()) - 900)
        )
        first = await post(session, base, body, signed_headers(body))
        retry = {
            **signed_headers(body),
            "X-Slack-Retry-Num": "1",
            "X-Slack-Retry-Reason": "http_timeout",
        }
        again = await post(session, base, body, retry)
    acks = {"unsigned": unsigned, "stale": stale, "first": first, "retry": again}
    print("probe acks (status, seconds):", {k: (s, round(t, 3)) for k, (s, t) in acks.items()})
    assert unsigned[0] == 401 and stale[0] == 401
    assert first[0] == 200 and again[0] == 200
    assert first[1] < 3 and again[1] < 3
    deadline = time.monotonic() + 15
    while fake.count("chat.postMessage") < 1 and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
    await asyncio.sleep(1.5)  # time for a duplicate answer to show up, if there were one
    posts = fake.of("chat.postMessage")
    assert len(posts) == 1, log_path.read_text()[-3000:]
    assert "§3.1" in texts_of(posts[0]["blocks"])  # cited
    assert "07968 149916" in posts[0]["text"]
    assert "journalist asks me" not in log_path.read_text()  # no message text in the logs
