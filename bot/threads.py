"""Thread memory: the last question of each conversation, so a follow-up can be read with it.

Kept in the database (SQLite embedded, PostgreSQL shared by replicas), one row per thread,
forgotten after `ttl` (24 h by default) and deleted by `policybot escalations purge`.
Fail-soft: if the database is unreachable, or anything else goes wrong here, the question
is answered on its own and a report is filed as usual; memory never costs a reply.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, delete, insert, select

from bot.escalation.models import ThreadTurn

log = logging.getLogger(__name__)

TTL = timedelta(hours=24)


def _utc_now() -> datetime:
    return datetime.now(UTC)


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
        # The table comes with the escalation schema; a process that answers questions
        # but has not opened the escalation store yet migrates it here, once.
        if not self._ready:
            from bot.escalation.db import migrate  # alembic only once a thread needs it

            migrate(self.engine)
            self._ready = True

    def previous(self, key: str) -> str | None:
        try:
            self._ensure()
            with self.engine.connect() as conn:
                row = conn.execute(
                    select(ThreadTurn.question, ThreadTurn.updated_at).where(
                        ThreadTurn.thread_key == key
                    )
                ).first()
        except Exception as exc:  # a lost follow-up beats a lost reply
            log.warning("thread memory unavailable: %s", type(exc).__name__)
            return None
        if row is None or row.updated_at < self.clock() - self.ttl:
            return None
        return str(row.question)

    def remember(self, key: str, question: str) -> None:
        try:
            self._ensure()
            with self.engine.begin() as conn:
                conn.execute(delete(ThreadTurn).where(ThreadTurn.thread_key == key))
                conn.execute(
                    insert(ThreadTurn).values(
                        thread_key=key, question=question, updated_at=self.clock()
                    )
                )
        except Exception as exc:  # as above: never the reply's failure
            log.warning("thread memory not saved: %s", type(exc).__name__)

    def purge(self, older_than: datetime | None = None) -> int:
        """Delete threads idle since `older_than` (default: past their time to live)."""
        cutoff = older_than or self.clock() - self.ttl
        self._ensure()
        with self.engine.begin() as conn:
            result = conn.execute(delete(ThreadTurn).where(ThreadTurn.updated_at < cutoff))
        return int(result.rowcount or 0)
