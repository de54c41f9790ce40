"""The dispatcher's state in `escalation_deliveries`: schedule, claim, renew, record.

One row per escalation, sink and purpose: the comms alert, the one comms reminder, and
the one nudge to a reporter who has not confirmed a held report. Every write is one
conditional UPDATE or INSERT .. ON CONFLICT DO NOTHING, so any number of dispatchers
on SQLite or PostgreSQL agree without locks held across a send.

Leases are fenced by `claim_token`: a dispatcher renews, records or releases only the
rows that still carry its token, and a claim only takes rows whose lease has run out.
A renewed lease is therefore never taken over, and a dead dispatcher's rows are free
again one lease after its last renewal.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, case, exists, literal, or_, select, update
from sqlalchemy.sql import ColumnElement

from bot.core.hours import Clock
from bot.escalation.db import insert_for, rowcount
from bot.escalation.models import Delivery, Escalation, UTCDateTime
from bot.escalation.outbox import HELD, EscalationStore
from bot.escalation.sink import UNCERTAIN
from bot.escalation.view import EscalationView

ALERT = "alert"
REMINDER = "reminder"
REPORTER_REMINDER = "reporter_reminder"
# Written by a claim over a lease that ran out without a result: the dead dispatcher
# may have posted, so the next attempt looks before it sends.
LOST_LEASE = UNCERTAIN + "the previous attempt's dispatcher stopped mid-send"


@dataclass(frozen=True)
class Claimed:
    delivery_id: int
    sink: str
    purpose: str
    attempts: int  # including this one
    last_error: str | None  # of the previous attempt
    escalation: EscalationView

    @property
    def reminder(self) -> bool:
        return self.purpose == REMINDER

    @property
    def uncertain(self) -> bool:
        """An earlier attempt may have reached the platform."""
        return (self.last_error or "").startswith(UNCERTAIN)


@dataclass(frozen=True)
class Plan:
    """What to schedule: sinks for alerts and reminders, and sinks that nudge reporters."""

    sinks: Sequence[str]
    reporter_sinks: Sequence[str]
    reminder_after: timedelta
    reporter_reminder_after: timedelta


class DeliveryRows:
    def __init__(self, store: EscalationStore, clock: Clock, lease: timedelta) -> None:
        self.store = store
        self.clock = clock
        self.lease = lease

    # --- schedule --------------------------------------------------------------------
    def schedule(self, plan: Plan) -> int:
        now = self.clock()
        total = 0
        with self.store.session() as s, s.begin():
            # Reminders nobody needs any more are cancelled: the comms reminder once the
            # row is acknowledged, the reporter's nudge once the report left "held".
            for purpose, still_needed in (
                (REMINDER, Escalation.status == "open"),
                (REPORTER_REMINDER, Escalation.status == HELD),
            ):
                s.execute(
                    update(Delivery)
                    .where(
                        Delivery.purpose == purpose,
                        Delivery.delivered_at.is_(None),
                        Delivery.cancelled_at.is_(None),
                        Delivery.escalation_id.in_(select(Escalation.id).where(~still_needed)),
                    )
                    .values(cancelled_at=now)
                )
            for sink in plan.sinks:
                total += self._insert(s, sink, ALERT, [Escalation.status == "open"], now)
                due = Escalation.created_at <= now - plan.reminder_after
                total += self._insert(s, sink, REMINDER, [Escalation.status == "open", due], now)
            for sink in plan.reporter_sinks:
                due = Escalation.created_at <= now - plan.reporter_reminder_after
                held = [Escalation.status == HELD, Escalation.reporter_platform == sink, due]
                total += self._insert(s, sink, REPORTER_REMINDER, held, now)
        return total

    def _insert(
        self, s: object, sink: str, purpose: str, where: list[ColumnElement[bool]], now: datetime
    ) -> int:
        missing = ~exists().where(
            Delivery.escalation_id == Escalation.id,
            Delivery.sink == sink,
            Delivery.purpose == purpose,
        )
        rows = select(
            Escalation.id,
            literal(sink),
            literal(purpose),
            Escalation.priority,
            literal(0),
            literal(now, UTCDateTime()),
        ).where(missing, *where)
        columns = ["escalation_id", "sink", "purpose", "priority", "attempts", "next_attempt_at"]
        stmt = (
            insert_for(self.store.engine)(Delivery)
            .from_select(columns, rows)
            .on_conflict_do_nothing(index_elements=["escalation_id", "sink", "purpose"])
            .returning(Delivery.id)
        )
        return len(s.execute(stmt).all())  # type: ignore[attr-defined]

    # --- claim -------------------------------------------------------------------------
    def _due(self, sinks: Iterable[str], now: datetime) -> ColumnElement[bool]:
        return and_(
            Delivery.delivered_at.is_(None),
            Delivery.cancelled_at.is_(None),
            Delivery.sink.in_(list(sinks)),
            Delivery.next_attempt_at <= now,
            or_(Delivery.claimed_until.is_(None), Delivery.claimed_until < now),
        )

    def claim(self, sinks: Sequence[str], token: str, limit: int) -> list[Claimed]:
        now = self.clock()
        candidates = (
            select(Delivery.id)
            .where(self._due(sinks, now))
            .order_by(Delivery.priority.desc(), Delivery.id)
            .limit(limit)
        )
        claim = update(Delivery).values(
            claim_token=token,
            claimed_until=now + self.lease,
            attempts=Delivery.attempts + 1,
            # SET sees the old row: a token still there means its claimer never came back.
            last_error=case(
                (Delivery.claim_token.is_not(None), literal(LOST_LEASE)),
                else_=Delivery.last_error,
            ),
        )
        with self.store.session() as s, s.begin():
            if self.store.engine.dialect.name == "postgresql":
                # Two statements on purpose: inside `UPDATE .. WHERE id IN (SELECT ..
                # LIMIT n FOR UPDATE SKIP LOCKED)` PostgreSQL may rescan the subquery per
                # row, and SKIP LOCKED then skips the rows just updated: all rows claimed.
                ids = s.scalars(candidates.with_for_update(skip_locked=True)).all()
                target = Delivery.id.in_(ids)
            else:
                # SQLite: one statement is one write transaction, and it evaluates the
                # subquery once; a SELECT first would need a lock upgrade that WAL refuses.
                target = Delivery.id.in_(candidates.scalar_subquery())
            # The due condition again: a row claimed meanwhile no longer matches.
            s.execute(
                claim.where(target, self._due(sinks, now)).execution_options(
                    synchronize_session=False
                )
            )
        with self.store.session() as s:
            rows = s.scalars(
                select(Delivery).where(Delivery.claim_token == token).order_by(Delivery.id)
            ).all()
            return [
                Claimed(
                    delivery_id=row.id,
                    sink=row.sink,
                    purpose=row.purpose,
                    attempts=row.attempts,
                    last_error=row.last_error,
                    # A reminder threads under its alert, so it needs the alert's post;
                    # nothing else does (one query less per claimed row).
                    escalation=EscalationView.of(
                        row.escalation, with_deliveries=row.purpose == REMINDER
                    ),
                )
                for row in rows
            ]

    def renew(self, token: str) -> int:
        """Push this claim's lease forward; only rows that still carry the token."""
        stmt = (
            update(Delivery)
            .where(Delivery.claim_token == token, Delivery.delivered_at.is_(None))
            .values(claimed_until=self.clock() + self.lease)
        )
        with self.store.session() as s, s.begin():
            return rowcount(s.execute(stmt))

    # --- record ------------------------------------------------------------------------
    def succeeded(self, item: Claimed, token: str, ref: str) -> bool:
        """Record the post; False when the lease was lost (another dispatcher owns it)."""
        now = self.clock()
        with self.store.session() as s, s.begin():
            mine = rowcount(
                s.execute(
                    update(Delivery)
                    .where(Delivery.id == item.delivery_id, Delivery.claim_token == token)
                    .values(
                        delivered_at=now,
                        delivered_ref=ref[:1024],
                        claim_token=None,
                        claimed_until=None,
                        last_error=None,
                    )
                )
            )
            if item.reminder:
                s.execute(
                    update(Escalation)
                    .where(
                        Escalation.id == item.escalation.id,
                        Escalation.reminder_sent_at.is_(None),
                    )
                    .values(reminder_sent_at=now)
                )
        return mine == 1

    def pull_forward(self, sink: str) -> int:
        """The sink works again: whatever was backing off (or parked) for it goes now,
        so a recovered Slack gets the backlog at once rather than one backoff later.

        Its own transaction, after the success is committed: two of these may queue on
        the same rows, and neither holds a delivery's own lock meanwhile.
        """
        now = self.clock()
        stmt = (
            update(Delivery)
            .where(
                Delivery.sink == sink,
                Delivery.delivered_at.is_(None),
                Delivery.cancelled_at.is_(None),
                Delivery.claim_token.is_(None),
                Delivery.next_attempt_at > now,
            )
            .values(next_attempt_at=now)
        )
        with self.store.session() as s, s.begin():
            return rowcount(s.execute(stmt))

    def failed(self, item: Claimed, token: str, error: str, retry_at: datetime) -> bool:
        with self.store.session() as s, s.begin():
            mine = rowcount(
                s.execute(
                    update(Delivery)
                    .where(Delivery.id == item.delivery_id, Delivery.claim_token == token)
                    .values(
                        last_error=error[:500],
                        next_attempt_at=retry_at,
                        claim_token=None,
                        claimed_until=None,
                    )
                )
            )
        return mine == 1
