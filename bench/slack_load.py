"""Slack acks under load: `policybot serve` in HTTP mode, signed events, a fake Web API.

Only public behaviour is used: the server runs as a subprocess pointed at a fake Web API
(`fake_slack_api.py`) on this process's loop; it gets signed `event_callback` payloads
(DMs, unique event ids) in bursts of 50 then 200 concurrent requests. Per event: time to
HTTP 200 (the ack Slack waits at most 3 s for) and time until its answer reaches
chat.postMessage. A tenth of each burst is sent again as Slack's retries
(X-Slack-Retry-Num) to check nothing is answered twice. The baseline is GET /healthz
on the same server at the same concurrency: the HTTP stack's own floor.
"""

from __future__ import annotations

import asyncio
import shutil
import socket
import subprocess
import sys
import time
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp

from .cold import clean_env
from .fake_slack_api import SECRET, FakeSlackApi, event_body, signed_headers
from .measure import REPO, percentile, proc_status
from .pg import pg_schema
from .results import Outcome, Table, Target, ms, ratio, times

TITLE = "Slack acks under load (HTTP mode, fake Web API)"
ACK_P99_TARGET_MS = 250.0
RSS_TARGET_MB = 800
QUESTIONS = REPO / "tests" / "eval" / "questions.jsonl"


@dataclass
class Burst:
    size: int
    acks_ms: list[float] = field(default_factory=list)
    statuses: list[int] = field(default_factory=list)
    answers_ms: list[float] = field(default_factory=list)
    health_ms: list[float] = field(default_factory=list)
    lost: int = 0
    twice: int = 0
    retries: int = 0


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def _timed(
    session: aiohttp.ClientSession, method: str, url: str, **kw: Any
) -> tuple[int, float]:
    start = time.perf_counter()
    async with session.request(method, url, **kw) as resp:
        await resp.read()
        return resp.status, (time.perf_counter() - start) * 1000


async def _wait_ready(
    session: aiohttp.ClientSession, base: str, proc: subprocess.Popen[bytes], timeout: float
) -> str | None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return f"policybot serve exited with {proc.returncode}"
        try:
            status, _ = await _timed(session, "GET", f"{base}/readyz")
            if status == 200:
                return None
        except aiohttp.ClientError:
            pass
        await asyncio.sleep(0.5)
    return f"policybot serve not ready after {timeout:.0f} s"


async def _burst(
    session: aiohttp.ClientSession,
    base: str,
    fake: FakeSlackApi,
    size: int,
    tag: str,
    questions: list[str],
    answer_timeout: float,
) -> Burst:
    burst = Burst(size=size)
    health = await asyncio.gather(*(_timed(session, "GET", f"{base}/healthz") for _ in range(size)))
    burst.health_ms = [t for _, t in health]
    channels = [f"D{tag}{i:05d}" for i in range(size)]
    bodies = [
        event_body(c, f"Ev{tag}{i:05d}", questions[i % len(questions)])
        for i, c in enumerate(channels)
    ]
    sent = time.perf_counter()
    results = await asyncio.gather(
        *(
            _timed(session, "POST", f"{base}/slack/events", data=b, headers=signed_headers(b))
            for b in bodies
        )
    )
    burst.statuses = [s for s, _ in results]
    burst.acks_ms = [t for _, t in results]
    # Slack's retries of a tenth of the events: same event id, new delivery.
    again = bodies[::10]
    burst.retries = len(again)
    await asyncio.gather(
        *(
            _timed(session, "POST", f"{base}/slack/events", data=b, headers=signed_headers(b, 1))
            for b in again
        )
    )
    wanted = set(channels)
    deadline = time.monotonic() + answer_timeout
    while time.monotonic() < deadline and not wanted <= {p.channel for p in fake.posted}:
        await asyncio.sleep(0.05)
    await asyncio.sleep(1.0)  # let any double answer arrive before counting
    firsts: dict[str, float] = {}
    counts: dict[str, int] = {}
    for post in fake.posted:
        if post.channel in wanted:
            counts[post.channel] = counts.get(post.channel, 0) + 1
            firsts.setdefault(post.channel, post.at)
    burst.answers_ms = [(firsts[c] - sent) * 1000 for c in channels if c in firsts]
    burst.lost = len(wanted - firsts.keys())
    burst.twice = sum(1 for n in counts.values() if n > 1)
    return burst


def _prepare(workdir: Path) -> Path:
    """A data dir with the policy already ingested: a replica's start, not first use."""
    data = workdir / "slack-data"
    if (data / "chroma").is_dir():  # the other database's run prepared it already
        return data
    ingested = workdir / "cold-data" / "chroma"  # the cold-start benchmark's, when it ran
    if ingested.is_dir():
        shutil.copytree(ingested, data / "chroma")
    else:
        subprocess.run(
            [sys.executable, "-m", "bot", "ingest"],
            env=clean_env(data),
            cwd=str(REPO),
            capture_output=True,
            check=False,
        )
    return data


def _questions() -> list[str]:
    from bot.evaluation import load_cases

    return [c.text for c in load_cases(QUESTIONS) if not c.escalate and not c.oos]


async def _drive(
    workdir: Path, sizes: list[int], answer_timeout: float, database_url: str | None = None
) -> tuple[list[Burst], dict[str, int], str | None]:
    fake = FakeSlackApi()
    await fake.start()
    port = _free_port()
    env = clean_env(_prepare(workdir))
    env |= {
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_BOT_TOKEN": "xoxb-bench",
        "SLACK_API_URL": fake.api_url,
    }
    if database_url:
        env["DATABASE_URL"] = database_url
    log = (workdir / "serve.log").open("wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", "serve", "--port", str(port)],
        env=env,
        cwd=str(REPO),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    bursts: list[Burst] = []
    memory: dict[str, int] = {}
    try:
        connector = aiohttp.TCPConnector(limit=0)
        async with aiohttp.ClientSession(connector=connector) as session:
            problem = await _wait_ready(session, base, proc, timeout=300)
            if problem:
                return [], {}, problem
            memory["ready"] = proc_status(proc.pid).get("VmRSS", 0)
            questions = _questions()
            # One answered event first: the first request pays bolt's auth.test and lazy imports.
            warm = await _burst(session, base, fake, 1, "W", questions, answer_timeout)
            if warm.lost:
                return [], {}, "the warm-up event was never answered"
            for i, size in enumerate(sizes):
                bursts.append(
                    await _burst(session, base, fake, size, f"B{i}", questions, answer_timeout)
                )
            memory |= proc_status(proc.pid)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()
        await fake.stop()
    return bursts, memory, None


def _unavailable() -> str | None:
    try:
        import bot.slack as slack
    except ImportError as exc:
        return f"the Slack adapter does not import ({exc})"
    return None if hasattr(slack, "mount") else "bot.slack has no mount() yet"


def run(
    workdir: Path,
    *,
    sizes: list[int],
    answer_timeout: float = 120.0,
    postgres: bool = False,
) -> Outcome:
    """Every DM is written to the inbox before its 200: SQLite by default, or PostgreSQL
    (the multi-replica store) with `postgres=True`."""
    if postgres:
        outcome = Outcome(key="slack_pg", title=TITLE + ", PostgreSQL")
    else:
        outcome = Outcome(key="slack", title=TITLE + ", SQLite")
    reason = _unavailable()
    if reason is None:
        with pg_schema() if postgres else nullcontext(None) as url:
            if postgres and url is None:
                reason = "PostgreSQL unreachable at 127.0.0.1:5432/test"
            else:
                bursts, memory, reason = asyncio.run(_drive(workdir, sizes, answer_timeout, url))
    if reason is not None:
        log = workdir / "serve.log"
        tail = log.read_text(errors="replace").strip().splitlines()[-1:] if log.exists() else []
        outcome.skipped = reason + (f" (last log line: {tail[0][:200]})" if tail else "")
        return outcome
    table = Table(["concurrent events", "HTTP 200", "ack p50", "ack p99", "/healthz p99"])
    table.headers += [
        "ack p99 ÷ /healthz p99",
        "answer p50",
        "answer p99",
        "lost",
        "answered twice",
    ]
    for b in bursts:
        ok = sum(1 for s in b.statuses if s == 200)
        table.add(
            b.size,
            f"{ok}/{b.size}",
            ms(percentile(b.acks_ms, 50)),
            ms(percentile(b.acks_ms, 99)),
            ms(percentile(b.health_ms, 99)),
            times(ratio(percentile(b.acks_ms, 99), percentile(b.health_ms, 99))),
            ms(percentile(b.answers_ms, 50)),
            ms(percentile(b.answers_ms, 99)),
            b.lost,
            f"{b.twice} (of {b.retries} retried)",
        )
    outcome.tables.append(("Bursts (all events sent at once)", table))
    worst = max(bursts, key=lambda b: b.size)
    p99 = percentile(worst.acks_ms, 99)
    outcome.targets += [
        Target(
            f"ack p99 ≤ 250 ms at {worst.size} concurrent events",
            f"{ms(p99)} ({times(ratio(p99, percentile(worst.health_ms, 99)))} /healthz p99)",
            "≤ 250 ms",
            p99 <= ACK_P99_TARGET_MS,
        ),
        Target(
            "no event answered twice, none lost",
            ", ".join(f"{b.size}: {b.twice} twice, {b.lost} lost" for b in bursts),
            "0 and 0",
            all(b.twice == 0 and b.lost == 0 for b in bursts),
        ),
    ]
    if memory:
        peak = memory.get("VmHWM", 0)
        outcome.targets.append(
            Target(
                "RSS per replica ≤ 800 MB (`policybot serve` peak through the bursts)",
                f"{peak} MB (when ready {memory.get('ready', 0)} MB, "
                f"after the bursts {memory.get('VmRSS', 0)} MB)",
                "≤ 800 MB",
                peak <= RSS_TARGET_MB,
            )
        )
    outcome.data = {
        "bursts": [
            {k: v for k, v in vars(b).items() if not k.endswith("_ms")}
            | {
                "ack_p50": percentile(b.acks_ms, 50),
                "ack_p99": percentile(b.acks_ms, 99),
                "answer_p50": percentile(b.answers_ms, 50),
                "answer_p99": percentile(b.answers_ms, 99),
                "healthz_p99": percentile(b.health_ms, 99),
            }
            for b in bursts
        ],
        "serve_rss_mb": memory.get("VmRSS", 0),
        "serve_peak_rss_mb": memory.get("VmHWM", 0),
    }
    return outcome
