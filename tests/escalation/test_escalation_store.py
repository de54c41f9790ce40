"""The outbox on real SQLite and PostgreSQL: idempotent record, ack/resolve, purge, events."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from conftest import FakeClock, message
from sqlalchemy import inspect

from bot.escalation.db import describe, make_engine, normalise_url
from bot.escalation.interactions import InteractionStore
from bot.escalation.models import Base
from bot.escalation.outbox import EscalationNotFound, EscalationStore, idempotency_key


def test_duplicate_event_makes_one_row(store: EscalationStore) -> None:
    first, created = store.record(message(1), "media", business_hours=True)
    again, created_again = store.record(message(1), "media", business_hours=True)
    assert created and not created_again
    assert first.id == again.id
    assert store.count() == 1
    assert first.status == "open" and first.words and first.reporter_name == "Sam"
    assert first.priority == 1 and first.urgent


def test_missing_event_id_falls_back_to_a_hash(store: EscalationStore) -> None:
    m = message(2, event_id=None)
    a, _ = store.record(m, "safeguarding", business_hours=False)
    b, created = store.record(m, "safeguarding", business_hours=False)
    assert a.id == b.id and not created
    assert idempotency_key(m, "safeguarding").startswith("slack:sha256:")
    assert a.priority == 2  # safeguarding first


def test_ack_and_resolve_are_idempotent(store: EscalationStore, clock: FakeClock) -> None:
    row, _ = store.record(message(3), "harassment", business_hours=True)
    first = store.acknowledge(row.id, "Alex")
    clock.advance(minutes=5)
    second = store.acknowledge(row.id, "Blake")
    assert first.changed and not second.changed
    assert second.escalation.acknowledged_by == "Alex"
    assert second.escalation.acknowledged_at == first.escalation.acknowledged_at
    done = store.resolve(row.id, "Alex")
    twice = store.resolve(row.id, "Blake")
    late_ack = store.acknowledge(row.id, "Casey")
    assert done.changed and not twice.changed and not late_ack.changed
    assert twice.escalation.status == "resolved" and twice.escalation.resolved_by == "Alex"


def test_resolving_an_open_row_records_the_ack(store: EscalationStore) -> None:
    row, _ = store.record(message(4), "media", business_hours=True)
    result = store.resolve(row.id, "Dana").escalation
    assert result.status == "resolved" and result.acknowledged_by == "Dana"


def test_simultaneous_clicks_change_the_row_once(store: EscalationStore) -> None:
    row, _ = store.record(message(5), "media", business_hours=True)
    results: list[bool] = []
    threads = [
        threading.Thread(target=lambda n=n: results.append(store.acknowledge(row.id, n).changed))
        for n in ("a", "b", "c", "d")
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == [False, False, False, True]


def test_unknown_id(store: EscalationStore) -> None:
    with pytest.raises(EscalationNotFound):
        store.acknowledge(999, "x")
    assert store.get(999) is None


def test_purge_keeps_the_audit_trail(store: EscalationStore, clock: FakeClock) -> None:
    old, _ = store.record(message(6), "harassment", business_hours=False)
    store.acknowledge(old.id, "Eve")
    clock.advance(days=100)
    new, _ = store.record(message(7), "media", business_hours=True)
    assert store.purge_words(clock() - timedelta(days=90)) == 1
    assert store.purge_words(clock() - timedelta(days=90)) == 0
    purged = store.get(old.id)
    assert purged is not None and purged.words is None and purged.words_purged_at
    assert purged.kind == "harassment" and purged.acknowledged_by == "Eve"
    assert purged.reporter_user_id == "U123"
    assert purged.reporter_name is None  # names go with the words
    assert store.get(new.id).words and store.get(new.id).reporter_name == "Sam"  # type: ignore[union-attr]


def test_purge_drops_old_unanswered_questions(store: EscalationStore, clock: FakeClock) -> None:
    store.add_unanswered("can Jo Bloggs from ward 6 post about her patient?")
    clock.advance(days=100)
    store.add_unanswered("where do I claim mileage?")
    assert store.interactions.purge_unanswered(clock() - timedelta(days=90)) == 1
    assert [q.question for q in store.list_unanswered()] == ["where do I claim mileage?"]


def test_list_filters_by_status(store: EscalationStore) -> None:
    a, _ = store.record(message(8), "media", business_hours=True)
    store.record(message(9), "media", business_hours=True)
    store.acknowledge(a.id, "x")
    assert [e.id for e in store.list(status="acknowledged")] == [a.id]
    assert len(store.list()) == 2 and store.count(status="open") == 1


def test_claim_event_is_atomic_across_connections(db_url: str) -> None:
    engines = [make_engine(db_url) for _ in range(4)]
    stores = [InteractionStore(e) for e in engines]
    wins: list[bool] = []
    barrier = threading.Barrier(len(stores))

    def claim(s: InteractionStore) -> None:
        barrier.wait()
        wins.append(s.claim_event("T01", "Ev-dup"))

    threads = [threading.Thread(target=claim, args=(s,)) for s in stores]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(wins) == [False, False, False, True]
    assert stores[0].claim_event("T02", "Ev-dup")  # another team, another event
    for e in engines:
        e.dispose()


def test_feedback_and_unanswered(store: EscalationStore) -> None:
    store.add_feedback(platform="slack", reply_kind="answer", sections=["3.5", "3.1"], helpful=True)
    store.add_unanswered("can I use TikTok dances?")
    [fb] = store.list_feedback()
    assert fb.sections == ("3.5", "3.1") and fb.helpful and fb.question is None
    assert [u.question for u in store.list_unanswered()] == ["can I use TikTok dances?"]


def test_models_match_the_migration(db_url: str) -> None:
    engine = make_engine(db_url)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
        tables = set(inspect(conn).get_table_names())
    engine.dispose()
    assert not [d for d in diff if d[0] != "remove_table"], diff
    assert {"escalations", "escalation_deliveries", "processed_events"} <= tables


def test_urls_are_normalised_and_described_without_password() -> None:
    url = normalise_url("postgresql://bot:s3cret@db.internal:5432/policy")
    assert url.drivername == "postgresql+psycopg"
    assert "s3cret" not in describe(url) and "db.internal" in describe(url)


def test_sqlite_uses_wal(sqlite_url: str) -> None:
    engine = make_engine(sqlite_url)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 10000
    engine.dispose()


@pytest.mark.postgres
def test_postgres_connections_carry_the_timeouts(pg_url: str) -> None:
    from sqlalchemy import text

    from bot.escalation.db import Timeouts, migrate

    engine = make_engine(pg_url, timeouts=Timeouts(connect=2, statement=3, pool=1))
    migrate(engine)  # sets longer limits for itself, then puts them back
    with engine.connect() as conn:
        shown = {
            name: conn.execute(text(f"SHOW {name}")).scalar()
            for name in ("statement_timeout", "lock_timeout", "search_path")
        }
    engine.dispose()
    assert shown["statement_timeout"] == "3s" and shown["lock_timeout"] == "3s"
    assert shown["search_path"].startswith("pb_test_")  # the URL's own options are kept


def test_sqlite_waits_for_locks_as_long_as_a_statement_may_take(tmp_path: object) -> None:
    from sqlalchemy import text

    from bot.escalation.db import Timeouts

    engine = make_engine(f"sqlite:///{tmp_path}/t.db", timeouts=Timeouts(statement=4))
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 4000
        assert conn.execute(text("PRAGMA secure_delete")).scalar() == 1
    engine.dispose()


@pytest.mark.postgres
def test_a_migration_in_one_schema_never_waits_for_another_schemas(pg_url: str) -> None:
    # Two deployments (or two test workers) sharing one database: a replica mid-migration
    # in its schema must not hold up a replica starting in another.
    import uuid

    from sqlalchemy import text

    from bot.escalation import db

    engine = make_engine(pg_url)
    other = f"pb_other_{uuid.uuid4().hex[:8]}"
    with engine.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{other}"'))
        conn.commit()
    try:
        with engine.connect() as holder:  # this schema's migration lock, as migrate takes it
            holder.execute(
                text(f"SELECT pg_advisory_lock({db._LOCK_ARGS})"), {"k": db._MIGRATION_LOCK}
            )
            done = threading.Event()
            url = engine.url.set(query={"options": f"-csearch_path={other}"})
            worker = threading.Thread(target=lambda: (db.migrate(url), done.set()), daemon=True)
            worker.start()
            assert done.wait(20), "the other schema's migration waited on this one's lock"
            holder.execute(
                text(f"SELECT pg_advisory_unlock({db._LOCK_ARGS})"), {"k": db._MIGRATION_LOCK}
            )
    finally:
        with engine.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{other}" CASCADE'))
            conn.commit()
        engine.dispose()
