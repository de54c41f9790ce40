"""Thread memory: the last question of each conversation, so a follow-up can be read with it.

Kept in the database (SQLite embedded, PostgreSQL shared by replicas), one row per thread,
forgotten after `ttl` (24 h by default) and deleted by `policybot escalations purge`.
Fail-soft: if the database is unreachable the question is answered on its own.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from sqlalchemy import Column, DateTime, Engine, MetaData, String, Table, Text, delete, select
from sqlalchemy.exc import SQLAlchemyError

log = logging.getLogger(__name__)

TTL = timedelta(hours=24)
_metadata = MetaData()
thread_memory = Table(
    "thread_memory",
    _metadata,
    Column("thread_key", String(255), primary_key=True),
    Column("question", Text, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False, index=True),
)


def _utc_now() -> datetime:
    return datetime.now(UTC)


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)  # SQLite drops the zone


class ThreadMemory:
    def __init__(
        self,
        engine: Engine | Callable[[], Engine],
        *,
        ttl: timedelta = TTL,
        clock: Callable[[], datetime] = _utc_now,
    ) -> None:
        # A factory defers connecting until the first follow-up needs it.
        self._engine = engine
        self.ttl = ttl
        self.clock = clock
        self._ready = False

    @property
    def engine(self) -> Engine:
        if not isinstance(self._engine, Engine):
            self._engine = self._engine()
        return self._engine

    def _ensure(self) -> None:
        if not self._ready:
            _metadata.create_all(self.engine, checkfirst=True)
            self._ready = True

    def previous(self, key: str) -> str | None:
        try:
            self._ensure()
            with self.engine.connect() as conn:
                row = conn.execute(
                    select(thread_memory.c.question, thread_memory.c.updated_at).where(
                        thread_memory.c.thread_key == key
                    )
                ).first()
        except SQLAlchemyError as exc:
            log.warning("thread memory unavailable: %s", type(exc).__name__)
            return None
        if row is None or _aware(row.updated_at) < self.clock() - self.ttl:
            return None
        return str(row.question)

    def remember(self, key: str, question: str) -> None:
        try:
            self._ensure()
            with self.engine.begin() as conn:
                conn.execute(delete(thread_memory).where(thread_memory.c.thread_key == key))
                conn.execute(
                    thread_memory.insert().values(
                        thread_key=key, question=question, updated_at=self.clock()
                    )
                )
        except SQLAlchemyError as exc:
            log.warning("thread memory not saved: %s", type(exc).__name__)

    def purge(self, older_than: datetime | None = None) -> int:
        """Delete threads idle since `older_than` (default: past their time to live)."""
        cutoff = older_than or self.clock() - self.ttl
        self._ensure()
        with self.engine.begin() as conn:
            result = conn.execute(delete(thread_memory).where(thread_memory.c.updated_at < cutoff))
        return int(result.rowcount or 0)
