"""Delivery through faults: a dead replica's alerts taken over, and a Slack outage.

Real `policybot escalations dispatch` processes (the dispatcher `policybot serve` runs)
with default settings against the fake Web API (fault_slack.py), on SQLite and, when it
is reachable, PostgreSQL.
- Takeover: replica A posts N alerts and Slack keeps them without answering; replica B
  runs alongside (and must not touch A's renewed leases); A is SIGKILLed. Measured:
  kill → every alert recorded as delivered by B, and how many were posted twice.
- Recovery: Slack answers 503 to every post for a while, then recovers. Measured:
  recovery → every alert delivered.
"""

from __future__ import annotations

import asyncio
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import db_hang
from .cold import clean_env
from .fault_slack import FaultySlackApi
from .measure import REPO
from .results import Outcome, Table, Target

TITLE = "Delivery through faults (dead replica, Slack outage)"
TAKEOVER_TARGET_S = 15.0
RECOVERY_TARGET_S = 10.0
COMMS = "GBENCHCOMMS"
PG = "host=127.0.0.1 dbname=test user=postgres"


@dataclass
class Figures:
    backend: str
    alerts: int
    takeover_s: float
    stolen_while_alive: int
    takeover_twice: int
    recovery_s: float
    outage_s: float
    recovery_twice: int
    db_hang: Any = None  # db_hang.DbHang, PostgreSQL only


def _dispatcher(
    db_url: str, api_url: str, workdir: Path, *, quick: bool
) -> subprocess.Popen[bytes]:
    env = clean_env(workdir / "dispatch-data")
    if quick:  # only checks the benchmark works: a shorter lease, a shorter wait
        env["POLICYBOT_DELIVERY_LEASE"] = "3"
    env.update(
        DATABASE_URL=db_url,
        SLACK_BOT_TOKEN="xoxb-bench",
        SLACK_API_URL=api_url,
        POLICYBOT_SLACK_COMMS_CHANNEL=COMMS,
        # A's posts are held by the fake: keep them in flight until it is killed.
        POLICYBOT_SLACK_TIMEOUT="120",
    )
    args = [sys.executable, "-m", "bot", "escalations", "dispatch"]
    log = (workdir / f"dispatch-{time.monotonic_ns()}.log").open("wb")
    return subprocess.Popen(args, env=env, cwd=REPO, stdout=log, stderr=subprocess.STDOUT)


async def _until(check: Callable[[], bool], timeout: float) -> float:
    start = time.monotonic()
    while not check():
        if time.monotonic() - start > timeout:
            raise TimeoutError(f"not within {timeout:.0f} s")
        await asyncio.sleep(0.05)
    return time.monotonic() - start


def _record(store: Any, n: int, tag: str) -> list[int]:
    from bot.core.models import Message

    ids = []
    for i in range(n):
        message = Message(
            text=f"bench report {tag} {i}", platform="slack", user_id="UBENCH", event_id=f"{tag}{i}"
        )
        ids.append(store.record(message, "safeguarding", business_hours=False)[0].id)
    return ids


def _delivered(store: Any, ids: list[int]) -> Callable[[], bool]:
    from sqlalchemy import func, select

    from bot.escalation.models import Delivery

    query = select(func.count(Delivery.id)).where(
        Delivery.escalation_id.in_(ids),
        Delivery.sink == "slack",
        Delivery.purpose == "alert",
        Delivery.delivered_at.is_not(None),
    )

    def check() -> bool:
        with store.session() as s:
            return int(s.scalar(query) or 0) == len(ids)

    return check


async def _measure(
    backend: str, db_url: str, workdir: Path, *, alerts: int, quick: bool
) -> Figures:
    from bot.escalation.db import make_engine, migrate
    from bot.escalation.outbox import EscalationStore

    migrate(db_url)
    store = EscalationStore(make_engine(db_url))
    fake = FaultySlackApi()
    await fake.start()
    procs: list[subprocess.Popen[bytes]] = []
    try:
        # --- takeover ---------------------------------------------------------------
        fake.mode = "hold"
        ids = _record(store, alerts, f"take-{backend}-")
        procs.append(_dispatcher(db_url, fake.api_url, workdir, quick=quick))
        await _until(lambda: len(fake.kept) >= alerts, 90)
        procs.append(_dispatcher(db_url, fake.api_url, workdir, quick=quick))
        await asyncio.sleep(4 if quick else 15)  # B is up, polling, beside A's live leases
        stolen = len(fake.kept) - alerts
        procs[0].send_signal(signal.SIGKILL)
        procs[0].wait(timeout=10)
        fake.mode = "ok"
        takeover = await _until(_delivered(store, ids), 60)
        takeover_twice = len(fake.alert_ids()) - len(set(fake.alert_ids()))
        # --- recovery (replica B alone) ---------------------------------------------
        fake.mode = "down"
        before = len(fake.kept)
        later = _record(store, alerts, f"down-{backend}-")
        outage = 3.0 if quick else 30.0
        await asyncio.sleep(outage)
        fake.mode = "ok"
        recovery = await _until(_delivered(store, later), 60)
        posted = [i for i in fake.alert_ids()[before:] if i in later]
        hang = None
        if backend == "PostgreSQL" and not quick:
            for proc in procs:
                proc.kill()
                proc.wait(timeout=10)
            hang = await db_hang.measure(
                db_url,
                store,
                fake,
                lambda url: _dispatcher(url, fake.api_url, workdir, quick=quick),
                _until,
                _record,
                _delivered,
            )
        return Figures(
            backend=backend,
            alerts=alerts,
            takeover_s=takeover,
            stolen_while_alive=stolen,
            takeover_twice=takeover_twice,
            recovery_s=recovery,
            outage_s=outage,
            recovery_twice=len(posted) - len(set(posted)),
            db_hang=hang,
        )
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait(timeout=10)
        await fake.stop()
        store.engine.dispose()


@contextmanager
def _postgres() -> Iterator[str | None]:
    """A schema of its own on the local PostgreSQL, or None when it is not there."""
    try:
        import psycopg

        schema = f"pb_bench_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(PG, connect_timeout=3, autocommit=True) as conn:
            conn.execute(f'CREATE SCHEMA "{schema}"')
    except Exception:
        yield None
        return
    try:
        yield f"postgresql://postgres@127.0.0.1:5432/test?options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(PG, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


def run(workdir: Path, *, quick: bool) -> Outcome:
    alerts = 3 if quick else 10
    figures: list[Figures] = []
    sqlite = f"sqlite:///{workdir / 'faults.db'}"
    figures.append(asyncio.run(_measure("SQLite", sqlite, workdir, alerts=alerts, quick=quick)))
    # A quick run only checks the benchmark works: SQLite alone.
    with _postgres() as pg_url:
        if pg_url and not quick:
            figures.append(
                asyncio.run(_measure("PostgreSQL", pg_url, workdir, alerts=alerts, quick=quick))
            )
    return _outcome(figures, postgres=len(figures) > 1, quick=quick)


def _outcome(figures: list[Figures], *, postgres: bool, quick: bool) -> Outcome:
    table = Table(
        [
            "store",
            "alerts",
            "takeover after SIGKILL",
            "taken while A alive",
            "posted twice (takeover)",
            "Slack outage",
            "delivered after recovery",
            "posted twice (recovery)",
        ]
    )
    for f in figures:
        table.add(
            f.backend,
            f.alerts,
            f"{f.takeover_s:.1f} s",
            f.stolen_while_alive,
            f.takeover_twice,
            f"{f.outage_s:.0f} s",
            f"{f.recovery_s:.1f} s",
            f.recovery_twice,
        )
    worst_take = max(f.takeover_s for f in figures)
    worst_rec = max(f.recovery_s for f in figures)
    clean = all(
        f.takeover_twice == 0 and f.recovery_twice == 0 and f.stolen_while_alive == 0
        for f in figures
    )
    notes = [
        "Defaults: 10 s lease renewed every 3.3 s, dispatch every 2 s, backoff capped at 5 s, "
        "Slack timeout 120 s for this run (so replica A's posts stay in flight until the kill).",
        "Takeover = lease left at the kill (≤ 10 s) + the next pass (≤ 2 s) + one "
        "conversations.history read that finds the posts A made: nothing is posted again.",
        "Recovery = the rest of the current backoff (≤ 5 s) + the next pass; the first "
        "success pulls every other waiting alert forward.",
    ]
    if quick:
        notes.append("A --quick run: 3 s lease, short waits; the targets are for the defaults.")
    if not postgres:
        notes.append("SQLite only: a --quick run, or PostgreSQL not reachable at 127.0.0.1:5432.")
    tables = [("Each alert delivered once through both faults", table)]
    hung = [f.db_hang for f in figures if f.db_hang is not None]
    if hung:
        hang_table = Table(["PostgreSQL link hung for", "delivered after the heal", "posted twice"])
        for h in hung:
            hang_table.add(f"{h.hang_s:.0f} s", f"{h.after_heal_s:.1f} s", h.posted_twice)
        tables.append(("Hung database link healed, old connections still hung", hang_table))
        notes.append(
            "Hung link: the call hung at the partition is cut 15 s into it (statement "
            "timeout 10 s + 5 s); the pool then drops its old connections and the next "
            "pass delivers over a fresh one."
        )
    data: dict[str, Any] = {
        "runs": [vars(f) | {"db_hang": vars(f.db_hang) if f.db_hang else None} for f in figures]
    }
    return Outcome(
        key="faults",
        title=TITLE,
        tables=tables,
        targets=[
            Target(
                "dead replica's alerts taken over",
                f"{worst_take:.1f} s (worst store)",
                f"≤ {TAKEOVER_TARGET_S:.0f} s",
                None if quick else worst_take <= TAKEOVER_TARGET_S and clean,
            ),
            Target(
                "delivered after Slack recovers",
                f"{worst_rec:.1f} s (worst store)",
                f"≤ {RECOVERY_TARGET_S:.0f} s",
                None if quick else worst_rec <= RECOVERY_TARGET_S and clean,
            ),
        ],
        notes=notes,
        data=data,
    )
