"""The policy owner's report as data: what `policybot report` prints and charts.

Kept apart from the command and the chart so that each depends on it, not on the other.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from .escalation.stats import Stats, TopQuestion

__all__ = ["KINDS", "STATUSES", "AckSummary", "Report", "summarise"]

KINDS = ("media", "safeguarding", "harassment")
STATUSES = ("open", "acknowledged", "resolved", "held")


@dataclass(frozen=True)
class AckSummary:
    count: int
    median: float | None
    p90: float | None
    slowest: float | None


@dataclass(frozen=True)
class Report:
    start: datetime | None
    end: datetime
    stats: Stats
    top: list[TopQuestion]
    reminder_minutes: int

    @property
    def kinds(self) -> list[str]:
        seen = {kind for kind, _ in self.stats.escalations}
        return list(KINDS) + sorted(seen - set(KINDS))

    def raised(self, kind: str) -> int:
        return sum(n for (k, _), n in self.stats.escalations.items() if k == kind)

    def ack(self, kind: str) -> AckSummary:
        return summarise([a.seconds for a in self.stats.ack_times if a.kind == kind])

    @property
    def period(self) -> str:
        end = f"{self.end:%d %b %Y}"
        return f"{self.start:%d %b %Y} to {end}" if self.start else f"all time to {end}"


def summarise(seconds: Sequence[float]) -> AckSummary:
    if not seconds:
        return AckSummary(0, None, None, None)
    ordered = sorted(seconds)
    # Nearest-rank 90th percentile: an observed time, not an interpolated one.
    p90 = ordered[max(0, math.ceil(0.9 * len(ordered)) - 1)]
    return AckSummary(len(ordered), statistics.median(ordered), p90, ordered[-1])
