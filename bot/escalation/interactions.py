"""Tables the chat adapters share across replicas: event dedup, feedback, unanswered.

None of them stores a user id: feedback and unanswered questions serve the policy owner,
who needs the question, not the person.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, delete, select, update
from sqlalchemy.orm import sessionmaker

from bot.core.hours import Clock, SystemClock
from bot.escalation.db import insert_for, rowcount
from bot.escalation.models import Feedback, ProcessedEvent, Unanswered


@dataclass(frozen=True)
class FeedbackView:
    id: int
    created_at: datetime
    platform: str
    reply_kind: str
    sections: tuple[str, ...]
    helpful: bool
    question: str | None


@dataclass(frozen=True)
class UnansweredView:
    id: int
    question: str
    created_at: datetime


class InteractionStore:
    def __init__(self, engine: Engine, *, clock: Clock | None = None) -> None:
        self.engine = engine
        self.clock: Clock = clock or SystemClock()
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    def claim_event(self, platform: str, event_id: str) -> bool:
        """True for the first caller with this event, False for every retry or replica.

        One INSERT .. ON CONFLICT DO NOTHING: the primary key decides, atomically, on
        both SQLite and PostgreSQL (Slack retries an event that was not acked in 3 s).
        """
        stmt = insert_for(self.engine)(ProcessedEvent).values(
            platform=platform, event_id=event_id, claimed_at=self.clock()
        )
        stmt = stmt.on_conflict_do_nothing(index_elements=["platform", "event_id"]).returning(
            ProcessedEvent.event_id
        )
        with self._sessions() as s, s.begin():
            return s.execute(stmt).first() is not None

    def forget_events(self, older_than: datetime) -> int:
        """Drop dedup entries no platform will retry any more."""
        with self._sessions() as s, s.begin():
            stmt = delete(ProcessedEvent).where(ProcessedEvent.claimed_at < older_than)
            return rowcount(s.execute(stmt))

    def add_feedback(
        self,
        *,
        platform: str,
        reply_kind: str,
        sections: Sequence[str],
        helpful: bool,
        question: str | None = None,
    ) -> int:
        row = Feedback(
            created_at=self.clock(),
            platform=platform,
            reply_kind=reply_kind,
            sections=",".join(sections),
            helpful=helpful,
            question=question,
        )
        with self._sessions() as s, s.begin():
            s.add(row)
            s.flush()
            return row.id

    def list_feedback(self, *, limit: int = 100) -> list[FeedbackView]:
        query = select(Feedback).order_by(Feedback.id.desc()).limit(limit)
        with self._sessions() as s:
            return [
                FeedbackView(
                    id=r.id,
                    created_at=r.created_at,
                    platform=r.platform,
                    reply_kind=r.reply_kind,
                    sections=tuple(x for x in r.sections.split(",") if x),
                    helpful=r.helpful,
                    question=r.question,
                )
                for r in s.scalars(query)
            ]

    def purge_feedback_questions(self, older_than: datetime) -> int:
        stmt = (
            update(Feedback)
            .where(Feedback.created_at < older_than, Feedback.question.is_not(None))
            .values(question=None)
        )
        with self._sessions() as s, s.begin():
            return rowcount(s.execute(stmt))

    def purge_unanswered(self, older_than: datetime) -> int:
        """Drop unanswered questions asked before `older_than` (they can name people)."""
        with self._sessions() as s, s.begin():
            stmt = delete(Unanswered).where(Unanswered.created_at < older_than)
            return rowcount(s.execute(stmt))

    def add_unanswered(self, question: str) -> int:
        row = Unanswered(question=question, created_at=self.clock())
        with self._sessions() as s, s.begin():
            s.add(row)
            s.flush()
            return row.id

    def list_unanswered(self, *, limit: int = 100) -> list[UnansweredView]:
        query = select(Unanswered).order_by(Unanswered.id.desc()).limit(limit)
        with self._sessions() as s:
            return [UnansweredView(r.id, r.question, r.created_at) for r in s.scalars(query)]
