"""Thread memory in the real database (SQLite and PostgreSQL): shared, expiring, purged."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from bot.escalation.db import make_engine
from bot.threads import ThreadMemory


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 25, 11, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


def test_a_thread_remembers_its_last_question_for_a_day(db_url: str):
    clock = Clock()
    key = f"slack:D1:{uuid.uuid4().hex}"
    engine = make_engine(db_url)
    one, two = ThreadMemory(engine, clock=clock), ThreadMemory(make_engine(db_url), clock=clock)
    assert one.previous(key) is None
    one.remember(key, "can I set up a twitter account for my team?")
    # Another replica (its own engine) sees it: the memory is the database's, not the process's.
    assert two.previous(key) == "can I set up a twitter account for my team?"
    one.remember(key, "what's the disclaimer for my blog?")
    assert two.previous(key) == "what's the disclaimer for my blog?"
    clock.now += timedelta(hours=25)
    assert two.previous(key) is None  # expired: a question a day later starts afresh
    assert one.purge() >= 1
    assert one.purge() == 0
    engine.dispose()


def test_an_unreachable_database_means_no_context_not_an_error():
    memory = ThreadMemory(make_engine("postgresql://nobody@127.0.0.1:1/none?connect_timeout=2"))
    memory.remember("cli::x", "a question")
    assert memory.previous("cli::x") is None
