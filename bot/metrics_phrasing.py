"""/metrics for the optional chat model: its calls by purpose and outcome, and the
summaries the verifier rejected by reason (this process; sum over replicas)."""

from __future__ import annotations

from collections.abc import Iterable

from prometheus_client.core import CounterMetricFamily, Metric
from prometheus_client.registry import Collector

from .core.phrasing.assist import Stats
from .core.phrasing.verifier import REASONS


class PhrasingCollector(Collector):
    def __init__(self, stats: Stats) -> None:
        self.stats = stats

    def collect(self) -> Iterable[Metric]:
        calls, rejections = self.stats.snapshot()
        by_outcome = CounterMetricFamily(
            "policybot_model_calls",
            "Calls to the optional chat model by purpose (summary, rewrite, triage) and "
            "outcome (shown, rejected, timeout, http_error, rate_limited, refused, empty, ...).",
            labels=["purpose", "outcome"],
        )
        for (purpose, outcome), count in sorted(calls.items()):
            by_outcome.add_metric([purpose, outcome], count)
        rejected = CounterMetricFamily(
            "policybot_summary_rejections",
            "Generated summaries the verifier kept from staff, by reason; the extractive "
            "reply was sent instead.",
            labels=["reason"],
        )
        for reason in REASONS:
            rejected.add_metric([reason], rejections.get(reason, 0))
        return [by_outcome, rejected]
