"""Database figures for /metrics, read on a thread of their own so a scrape never waits
on a slow or hung database for more than a moment.

A scrape asks for a fresh sample and waits at most `wait` seconds for it; when the
database does not answer in time it gets the last sample instead (and
`policybot_store_sample_age_seconds` says how old that is). One sample at a time: a
hung read is not joined by another one per scrape.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from datetime import UTC, datetime
from threading import Lock

from prometheus_client.core import GaugeMetricFamily, Metric
from sqlalchemy import Engine

from .escalation import stats

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class StoreSample:
    figures: stats.Stats
    oldest_open: datetime | None
    deliveries: stats.DeliveryFigures
    taken: float  # time.monotonic()


def read_store(engine: Engine) -> StoreSample:
    return StoreSample(
        figures=stats.collect(engine),
        oldest_open=stats.oldest_open(engine),
        deliveries=stats.delivery_figures(engine),
        taken=time.monotonic(),
    )


class StoreSampler:
    def __init__(
        self,
        engine: Engine,
        *,
        wait: float = 0.5,
        read: Callable[[Engine], StoreSample] = read_store,
    ) -> None:
        self.engine = engine
        self.wait = wait
        self.read = read
        self.latest: StoreSample | None = None
        self.last_ok = False
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="metrics-sample")
        self._inflight: Future[StoreSample] | None = None
        self._lock = Lock()

    def sample(self) -> tuple[StoreSample | None, bool]:
        """The freshest sample within `wait` seconds, and whether this one is current."""
        with self._lock:
            if self._inflight is None or self._inflight.done():
                self._inflight = self._pool.submit(self.read, self.engine)
            inflight = self._inflight
        try:
            self.latest = inflight.result(timeout=self.wait)
            self.last_ok = True
        except FutureTimeout:
            log.warning("metrics: escalation database slow; serving the last sample")
            self.last_ok = False
        except Exception as exc:
            log.warning("metrics: escalation database unreachable (%s)", type(exc).__name__)
            self.last_ok = False
        return self.latest, self.last_ok

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)


def _age(moment: datetime | None) -> float:
    return max(0.0, (datetime.now(UTC) - moment).total_seconds()) if moment else 0.0


def delivery_families(
    figures: stats.DeliveryFigures, known: Iterable[str] = ()
) -> Iterator[Metric]:
    # Every configured sink has a series, 0 when all is well, so an alert rule on
    # `> 0` and a dashboard both see it from the first scrape.
    sinks = sorted(set(figures.undelivered) | set(known))
    for name, help_text, counter in (
        (
            "policybot_deliveries_undelivered",
            "Comms alerts not yet delivered, by sink.",
            figures.undelivered,
        ),
        (
            "policybot_deliveries_failing",
            "Undelivered comms alerts whose last attempt failed, by sink.",
            figures.failing,
        ),
        (
            "policybot_deliveries_parked",
            "Undelivered comms alerts waiting for a person to fix the sink (see /readyz).",
            figures.parked,
        ),
    ):
        family = GaugeMetricFamily(name, help_text, labels=["sink"])
        for sink in sinks:
            family.add_metric([sink], counter[sink])
        yield family
    yield GaugeMetricFamily(
        "policybot_delivery_oldest_undelivered_seconds",
        "Age of the oldest escalation whose comms alert is not delivered yet (0: none).",
        value=_age(figures.oldest_undelivered),
    )


def sample_age_family(sample: StoreSample | None) -> Metric:
    age = time.monotonic() - sample.taken if sample else float("nan")
    return GaugeMetricFamily(
        "policybot_store_sample_age_seconds",
        "Age of the database figures served by this scrape.",
        value=age,
    )
