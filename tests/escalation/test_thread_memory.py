"""Thread memory in the real database (SQLite and PostgreSQL): shared, expiring, purged."""

from __future__ import annotations

import threading
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Column, DateTime, Engine, MetaData, String, Table, Text

from bot.escalation.db import make_engine, migrate
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


def test_threads_started_together_on_a_new_database_are_all_remembered(tmp_path):
    # A burst of first messages after start-up: each worker thread meets an unmigrated
    # database at once, and every one of them must still be remembered.
    memory = ThreadMemory(make_engine(f"sqlite:///{tmp_path}/fresh.db"))
    start = threading.Barrier(8)

    def first_turn(n: int) -> None:
        start.wait()
        memory.remember(f"slack:D{n}:1", f"question {n}")

    workers = [threading.Thread(target=first_turn, args=(n,)) for n in range(8)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert [memory.previous(f"slack:D{n}:1") for n in range(8)] == [
        f"question {n}" for n in range(8)
    ]


def test_a_broken_memory_never_costs_the_reply():
    def broken() -> Engine:
        raise RuntimeError("misconfigured")

    memory = ThreadMemory(broken)
    memory.remember("slack:D1:1", "a report")  # a report's reply goes on regardless
    assert memory.previous("slack:D1:1") is None


def test_threads_kept_by_an_earlier_version_survive_the_upgrade(tmp_path):
    # Before revision 0004 the bot created thread_memory itself on first use.
    url = f"sqlite:///{tmp_path}/old.db"
    migrate(url, to="0003_resolution")
    engine = make_engine(url)
    old = MetaData()
    table = Table(
        "thread_memory",
        old,
        Column("thread_key", String(255), primary_key=True),
        Column("question", Text, nullable=False),
        Column("updated_at", DateTime(timezone=True), nullable=False, index=True),
    )
    old.create_all(engine)
    with engine.begin() as conn:
        conn.execute(
            table.insert().values(
                thread_key="slack:D1:1", question="can I blog?", updated_at=datetime.now(UTC)
            )
        )
    migrate(url)
    assert ThreadMemory(engine).previous("slack:D1:1") == "can I blog?"
    engine.dispose()


def test_a_database_folder_that_went_away_is_not_replaced_by_an_empty_one(tmp_path):
    """Thread memory's engine is made on first use, perhaps while the SQLite folder is
    away (a lost mount): made there, a new empty database would take the real one's path,
    and reports written to it would hide the real one's."""
    from bot.app import _thread_memory
    from bot.settings import Settings

    folder = tmp_path / "db"
    memory = _thread_memory(Settings(database_url=f"sqlite:///{folder}/shared.db"))
    assert memory.previous("slack:D1:1") is None  # no memory, and no failed reply
    assert not folder.exists()


def test_a_replica_starting_while_a_configured_database_folder_is_away_fails(tmp_path):
    """A replica started while the SQLite folder is away (a volume not mounted yet) must
    not start a new, empty database at the shared path: it stops with a clear error,
    and the real database, back later, is the only one."""
    from bot.escalation.db import DatabaseError, engine_from_settings
    from bot.escalation.intake import intake_engine
    from bot.settings import Settings

    folder = tmp_path / "db"
    settings = Settings(database_url=f"sqlite:///{folder}/shared.db", data_dir=tmp_path / "d")
    with pytest.raises(DatabaseError, match="cannot reach the escalation database"):
        engine_from_settings(settings)
    intake_engine(settings).dispose()
    assert not folder.exists()


def test_the_embedded_database_is_made_on_a_fresh_machine(tmp_path):
    """No database configured: the one in the data folder is made where none is."""
    from bot.escalation.db import engine_from_settings
    from bot.settings import Settings

    engine_from_settings(Settings(data_dir=tmp_path / "fresh" / "data")).dispose()
    assert (tmp_path / "fresh" / "data" / "policybot.db").is_file()
