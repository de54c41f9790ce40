"""Aggregates over the escalation database for /metrics and `policybot report`.

Read-only and cheap enough to run at every Prometheus scrape: counts are grouped in SQL;
only acknowledged rows (two timestamps each) come back whole. Nothing here reads who
reported what: the figures never carry a user id or a reporter's words.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, case, func, select
from sqlalchemy.sql import ColumnElement

from bot.escalation.models import Delivery, Escalation, Feedback, Unanswered


@dataclass(frozen=True)
class AckTime:
    kind: str
    seconds: float


@dataclass(frozen=True)
class TopQuestion:
    question: str  # the most recent wording of the question
    count: int
    last_asked: datetime


@dataclass
class Stats:
    """Everything the policy owner's report and the scrape-time gauges need."""

    since: datetime | None
    escalations: Counter[tuple[str, str]] = field(default_factory=Counter)  # (kind, status)
    ack_times: list[AckTime] = field(default_factory=list)
    feedback: Counter[tuple[str, bool]] = field(default_factory=Counter)  # (reply kind, helpful)
    unanswered: int = 0


def _since(column: Any, since: datetime | None) -> list[ColumnElement[bool]]:
    """The WHERE clause for "on or after `since`" (none: everything)."""
    return [] if since is None else [column >= since]


def escalation_counts(engine: Engine, since: datetime | None = None) -> Counter[tuple[str, str]]:
    query = (
        select(Escalation.kind, Escalation.status, func.count(Escalation.id))
        .where(*_since(Escalation.created_at, since))
        .group_by(Escalation.kind, Escalation.status)
    )
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    return Counter({(kind, status): int(n) for kind, status, n in rows})


def ack_times(engine: Engine, since: datetime | None = None) -> list[AckTime]:
    query = select(Escalation.kind, Escalation.created_at, Escalation.acknowledged_at).where(
        Escalation.acknowledged_at.is_not(None), *_since(Escalation.created_at, since)
    )
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    # Clock skew between replicas can put an ack a moment before creation: clamp at 0.
    return [
        AckTime(kind, max(0.0, (acked - created).total_seconds()))
        for kind, created, acked in rows
        if acked is not None
    ]


def feedback_counts(engine: Engine, since: datetime | None = None) -> Counter[tuple[str, bool]]:
    query = (
        select(Feedback.reply_kind, Feedback.helpful, func.count(Feedback.id))
        .where(*_since(Feedback.created_at, since))
        .group_by(Feedback.reply_kind, Feedback.helpful)
    )
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    return Counter({(kind, bool(helpful)): int(n) for kind, helpful, n in rows})


def unanswered_count(engine: Engine, since: datetime | None = None) -> int:
    query = select(func.count(Unanswered.id)).where(*_since(Unanswered.created_at, since))
    with engine.connect() as conn:
        return int(conn.execute(query).scalar() or 0)


def collect(engine: Engine, since: datetime | None = None) -> Stats:
    return Stats(
        since=since,
        escalations=escalation_counts(engine, since),
        ack_times=ack_times(engine, since),
        feedback=feedback_counts(engine, since),
        unanswered=unanswered_count(engine, since),
    )


_NOISE = re.compile(r"[^\w\s']+")


def question_key(question: str) -> str:
    """The same question asked twice: case, spacing and punctuation do not count."""
    return " ".join(_NOISE.sub(" ", question.lower()).split())


def top_unanswered(
    engine: Engine, since: datetime | None = None, *, limit: int = 10
) -> list[TopQuestion]:
    query = (
        select(Unanswered.question, Unanswered.created_at)
        .where(*_since(Unanswered.created_at, since))
        .order_by(Unanswered.created_at)
    )
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    counts: Counter[str] = Counter()
    latest: dict[str, tuple[str, datetime]] = {}
    for question, created in rows:
        key = question_key(question)
        if not key:
            continue
        counts[key] += 1
        latest[key] = (question.strip(), created)
    ranked = sorted(counts, key=lambda k: (-counts[k], -latest[k][1].timestamp(), k))
    return [TopQuestion(latest[k][0], counts[k], latest[k][1]) for k in ranked[:limit]]


def oldest_open(engine: Engine) -> datetime | None:
    """When the longest-waiting unacknowledged escalation was raised (alerting)."""
    query = select(func.min(Escalation.created_at)).where(Escalation.status == "open")
    with engine.connect() as conn:
        return conn.execute(query).scalar()


@dataclass
class DeliveryFigures:
    """The comms team's safety net: alerts that have not reached a sink yet."""

    undelivered: Counter[str] = field(default_factory=Counter)  # by sink
    failing: Counter[str] = field(default_factory=Counter)  # undelivered, last attempt failed
    parked: Counter[str] = field(default_factory=Counter)  # waiting for a person to fix it
    oldest_undelivered: datetime | None = None  # when its escalation was raised


def delivery_figures(engine: Engine) -> DeliveryFigures:
    pending = (
        Delivery.purpose == "alert",
        Delivery.delivered_at.is_(None),
        Delivery.cancelled_at.is_(None),
    )
    query = (
        select(
            Delivery.sink,
            func.count(Delivery.id),
            func.count(Delivery.last_error),
            func.sum(case((Delivery.last_error.like("parked:%"), 1), else_=0)),
        )
        .where(*pending)
        .group_by(Delivery.sink)
    )
    oldest = (
        select(func.min(Escalation.created_at))
        .join(Delivery, Delivery.escalation_id == Escalation.id)
        .where(*pending)
    )
    figures = DeliveryFigures()
    with engine.connect() as conn:
        for sink, total, failing, parked in conn.execute(query).all():
            figures.undelivered[sink] = int(total)
            figures.failing[sink] = int(failing)
            figures.parked[sink] = int(parked or 0)
        figures.oldest_undelivered = conn.execute(oldest).scalar()
    return figures
