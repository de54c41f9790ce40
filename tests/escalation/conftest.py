"""Fixtures for escalation tests: real SQLite files and a real PostgreSQL schema per run."""

from __future__ import annotations

import os
import threading
import uuid
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import psycopg
import pytest
from sqlalchemy import text

from bot.core.models import Message
from bot.escalation.db import make_engine, migrate
from bot.escalation.outbox import EscalationStore
from bot.escalation.view import EscalationView
from bot.settings import Settings

PG_HOST = "127.0.0.1"
PG_DB = "test"
TABLES = "escalation_deliveries, escalations, processed_events, feedback, unanswered, inbox, thread_memory"


class FakeClock:
    def __init__(self, now: datetime | None = None) -> None:
        self.now = now or datetime(2026, 3, 4, 10, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs: float) -> None:
        self.now += timedelta(**kwargs)


class CountingSink:
    """Counts sends per escalation; fails the first `failures` calls. Thread-safe."""

    def __init__(self, name: str = "counting", failures: int = 0) -> None:
        self.name = name
        self.failures = failures
        self.calls = 0
        self.sent: Counter[tuple[int, bool]] = Counter()
        self._lock = threading.Lock()

    async def send(self, escalation: EscalationView, reminder: bool = False) -> str:
        with self._lock:
            self.calls += 1
            if self.calls <= self.failures:
                raise ConnectionError("sink down")
            self.sent[(escalation.id, reminder)] += 1
        return f"{self.name}-{escalation.id}-{'r' if reminder else 'a'}"


def message(n: int = 1, **kwargs: object) -> Message:
    base: dict[str, object] = {
        "text": f"a reporter from the Times rang me ({n})",
        "platform": "slack",
        "user_id": "U123",
        "user_name": "Sam",
        "channel_id": "D1",
        "event_id": f"Ev{n}",
    }
    base.update(kwargs)
    return Message(**base)  # type: ignore[arg-type]


def _pg_user() -> str | None:
    for user in (os.environ.get("PGUSER"), "root", "postgres"):
        if not user:
            continue
        try:
            with psycopg.connect(host=PG_HOST, dbname=PG_DB, user=user, connect_timeout=3):
                return user
        except psycopg.OperationalError:
            continue
    return None


@pytest.fixture(scope="session")
def pg_base_url() -> Iterator[str]:
    user = _pg_user()
    if user is None:
        pytest.skip(f"PostgreSQL unreachable at {PG_HOST}:5432/{PG_DB} (users root, postgres)")
    schema = f"pb_test_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(host=PG_HOST, dbname=PG_DB, user=user, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    # search_path puts every table (and alembic_version) in this run's own schema.
    url = f"postgresql://{user}@{PG_HOST}:5432/{PG_DB}?options=-csearch_path%3D{schema}"
    migrate(url)
    yield url
    with psycopg.connect(host=PG_HOST, dbname=PG_DB, user=user, autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture
def pg_url(pg_base_url: str) -> str:
    engine = make_engine(pg_base_url)
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {TABLES} RESTART IDENTITY CASCADE"))
    engine.dispose()
    return pg_base_url


@pytest.fixture
def sqlite_url(tmp_path: object) -> str:
    url = f"sqlite:///{tmp_path}/escalations.db"
    migrate(url)
    return url


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest) -> str:
    name = "sqlite_url" if request.param == "sqlite" else "pg_url"
    return str(request.getfixturevalue(name))


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def store(db_url: str, clock: FakeClock) -> Iterator[EscalationStore]:
    engine = make_engine(db_url)
    yield EscalationStore(engine, clock=clock)
    engine.dispose()


@pytest.fixture
def settings(tmp_path: object) -> Settings:
    return Settings(
        _env_file=None,
        data_dir=tmp_path,
        reminder_minutes=30,
        max_delivery_backoff_seconds=60,
        dispatch_interval_seconds=0.05,
    )
