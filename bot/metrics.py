"""GET /metrics in Prometheus text format, and a request id for every HTTP request.

Two kinds of series:
- per process, observed as replies are made: `policybot_reply_seconds{kind}`,
  `policybot_reply_errors_total`, `policybot_not_covered_replies_total`. Sum them over
  replicas.
- read from the escalation database (metrics_sampler.py: on its own thread, a scrape
  waits half a second at most): escalations by kind and status, time to acknowledge,
  the oldest open escalation, undelivered / failing / parked comms alerts and the age
  of the oldest, feedback, unanswered questions. Every replica shares one database and
  reports the same figures: aggregate them with `max`, never `sum`.
- this replica's dispatcher: seconds since its last progress, and whether it is stuck.

Replies are timed by wrapping the assistant's `handle` on the instance when the server
is built, so the Slack and Teams adapters (which call `services.assistant.handle`) are
measured without knowing about metrics. Each app has its own `CollectorRegistry`, so two
apps in one process (tests) never share or clash over series.
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
import weakref
from collections.abc import Awaitable, Callable, Iterable, Iterator
from datetime import UTC, datetime
from typing import Any

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram
from prometheus_client.core import GaugeMetricFamily, HistogramMetricFamily, Metric
from prometheus_client.exposition import generate_latest
from prometheus_client.registry import Collector
from prometheus_client.utils import floatToGoString
from sqlalchemy import Engine

from .escalation import stats
from .logs import new_request_id, request_id_var
from .metrics_sampler import StoreSampler, delivery_families, sample_age_family

log = logging.getLogger(__name__)

REPLY_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0)
# Minutes to a day: the comms team is reminded after 30 minutes (POLICYBOT_REMINDER_MINUTES).
ACK_BUCKETS = (60.0, 300.0, 900.0, 1800.0, 3600.0, 4 * 3600.0, 24 * 3600.0)
KINDS = ("media", "safeguarding", "harassment")
STATUSES = ("held", "open", "acknowledged", "resolved")
REQUEST_ID_HEADER = "X-Request-Id"
_SAFE_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class Metrics:
    def __init__(self, registry: CollectorRegistry | None = None) -> None:
        self.registry = registry or CollectorRegistry()
        self.reply_seconds = Histogram(
            "policybot_reply_seconds",
            "Time to compose a reply to one message, by reply kind.",
            ["kind"],
            buckets=REPLY_BUCKETS,
            registry=self.registry,
        )
        self.reply_errors = Counter(
            "policybot_reply_errors",
            "Messages whose reply failed with an error (this process).",
            registry=self.registry,
        )
        self.not_covered = Counter(
            "policybot_not_covered_replies",
            "Questions the policy did not answer (this process).",
            registry=self.registry,
        )

    def observe_reply(self, kind: str, seconds: float) -> None:
        self.reply_seconds.labels(kind=kind).observe(seconds)
        if kind == "not_covered":
            self.not_covered.inc()

    def observe_error(self) -> None:
        self.reply_errors.inc()

    def watch_store(
        self,
        engine: Engine,
        health: Callable[[], Any] | None = None,
        sinks: Callable[[], Iterable[str]] = tuple,
    ) -> StoreCollector:
        collector = StoreCollector(engine, health, sinks)
        self.registry.register(collector)
        return collector

    def render(self) -> bytes:
        return generate_latest(self.registry)


class ObservedHandle:
    """Stands in for `Assistant.handle` on one instance: same call, timed.

    Several observers, because tests build several apps over one assistant; held
    weakly, so an app that is gone stops being told.
    """

    def __init__(self, inner: Callable[[Any], Any]) -> None:
        self.inner = inner
        self.observers: weakref.WeakSet[Metrics] = weakref.WeakSet()

    def __call__(self, message: Any) -> Any:
        start = time.perf_counter()
        try:
            reply = self.inner(message)
        except Exception:
            for metrics in list(self.observers):
                metrics.observe_error()
            raise
        seconds = time.perf_counter() - start
        for metrics in list(self.observers):
            metrics.observe_reply(str(reply.kind), seconds)
        return reply


def instrument(assistant: object, metrics: Metrics) -> None:
    """Time every `assistant.handle(message)` from now on, whoever calls it."""
    current = vars(assistant).get("handle")
    if not isinstance(current, ObservedHandle):
        current = ObservedHandle(assistant.handle)  # type: ignore[attr-defined]
        # An instance attribute shadows the class's method for this object only.
        setattr(assistant, "handle", current)  # noqa: B010
    current.observers.add(metrics)


def _seconds_since(moment: datetime | None, now: datetime) -> float:
    return max(0.0, (now - moment).total_seconds()) if moment else 0.0


class StoreCollector(Collector):
    """Figures from the shared escalation database, sampled off the scrape's thread."""

    def __init__(
        self,
        engine: Engine,
        health: Callable[[], Any] | None = None,
        sinks: Callable[[], Iterable[str]] = tuple,
    ) -> None:
        self.sampler = StoreSampler(engine)
        self.health = health
        self.sinks = sinks

    def collect(self) -> Iterable[Metric]:
        up = GaugeMetricFamily(
            "policybot_store_up", "1 when the escalation database answered this scrape."
        )
        sample, fresh = self.sampler.sample()
        up.add_metric([], 1 if fresh else 0)
        found: list[Metric] = [up, sample_age_family(sample), *self._dispatcher()]
        if sample is None:
            return found
        return [
            *found,
            *self._families(sample.figures, sample.oldest_open),
            *delivery_families(sample.deliveries, self.sinks()),
        ]

    def _dispatcher(self) -> Iterator[Metric]:
        """This replica's dispatcher: seconds since it last made progress (watchdog)."""
        health = self.health() if self.health else None
        if health is None:
            return
        yield GaugeMetricFamily(
            "policybot_dispatcher_silent_seconds",
            "Seconds since this replica's dispatcher last made progress.",
            value=health.silent_for(),
        )
        yield GaugeMetricFamily(
            "policybot_dispatcher_stuck",
            "1 when this replica's dispatcher has made no progress for too long.",
            value=1 if health.stuck else 0,
        )

    def _families(self, figures: stats.Stats, oldest: datetime | None) -> Iterator[Metric]:
        escalations = GaugeMetricFamily(
            "policybot_escalations", "Escalations by kind and status.", labels=["kind", "status"]
        )
        kinds = sorted(set(KINDS) | {kind for kind, _ in figures.escalations})
        statuses = list(STATUSES) + sorted({s for _, s in figures.escalations} - set(STATUSES))
        for kind in kinds:
            for status in statuses:
                escalations.add_metric([kind, status], figures.escalations[(kind, status)])
        yield escalations

        ack = HistogramMetricFamily(
            "policybot_escalation_ack_seconds",
            "Time from an escalation being raised to its acknowledgement, by kind.",
            labels=["kind"],
        )
        for kind in kinds:
            seconds = [a.seconds for a in figures.ack_times if a.kind == kind]
            buckets = [
                (floatToGoString(b), float(sum(s <= b for s in seconds))) for b in ACK_BUCKETS
            ]
            buckets.append(("+Inf", float(len(seconds))))
            ack.add_metric([kind], buckets, sum_value=sum(seconds))
        yield ack

        yield GaugeMetricFamily(
            "policybot_escalation_oldest_open_seconds",
            "Age of the oldest escalation nobody has acknowledged yet (0: none open).",
            value=_seconds_since(oldest, datetime.now(UTC)),
        )
        feedback = GaugeMetricFamily(
            "policybot_feedback", "Feedback on replies, by reply kind.", labels=["kind", "helpful"]
        )
        for (kind, helpful), count in sorted(figures.feedback.items()):
            feedback.add_metric([kind, "true" if helpful else "false"], count)
        yield feedback
        yield GaugeMetricFamily(
            "policybot_unanswered_questions",
            "Questions the policy could not answer, kept for the policy owner.",
            value=figures.unanswered,
        )


METRICS: web.AppKey[Metrics] = web.AppKey("policybot_metrics", Metrics)


async def metrics_view(request: web.Request) -> web.Response:
    # Scrape-time queries hit the database: keep them off the event loop.
    body = await asyncio.to_thread(request.app[METRICS].render)
    return web.Response(body=body, headers={"Content-Type": CONTENT_TYPE_LATEST})


Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@web.middleware
async def request_id_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Every log line written while serving a request carries its id (JSON logs)."""
    given = request.headers.get(REQUEST_ID_HEADER, "")
    request_id = given if _SAFE_ID.match(given) else new_request_id()
    token = request_id_var.set(request_id)
    try:
        response = await handler(request)
    finally:
        request_id_var.reset(token)
    if not response.prepared:
        response.headers[REQUEST_ID_HEADER] = request_id
    return response


def mount(app: web.Application, services: Any) -> Metrics:
    """Called by `bot.server.build_web_app` with the shared `Services`."""
    metrics = Metrics()
    # The dispatcher (and its health) is built after the routes: look it up per scrape.
    collector = metrics.watch_store(
        services.escalations.engine,
        lambda: getattr(services.dispatcher, "health", None),
        lambda: [sink.name for sink in services.sinks],
    )

    async def close_sampler(_app: web.Application) -> None:
        collector.sampler.close()

    app.on_cleanup.append(close_sampler)
    instrument(services.core.assistant, metrics)
    if (assist := getattr(services.core.assistant, "assist", None)) is not None:
        from .metrics_phrasing import PhrasingCollector

        metrics.registry.register(PhrasingCollector(assist.stats))
    app[METRICS] = metrics
    app.middlewares.append(request_id_middleware)
    app.router.add_get("/metrics", metrics_view)
    return metrics
