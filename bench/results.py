"""What a benchmark hands to the report: tables, targets and notes, plus the raw numbers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Target:
    name: str
    figure: str  # what was measured, with its ratio to the baseline
    goal: str
    met: bool | None  # None: not judged (e.g. a quick run's sizes are too small)


@dataclass
class Table:
    headers: list[str]
    rows: list[list[str]] = field(default_factory=list)

    def add(self, *cells: object) -> None:
        self.rows.append([_cell(c) for c in cells])


@dataclass
class Outcome:
    key: str  # latency | slack | scale | cold
    title: str
    tables: list[tuple[str, Table]] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    skipped: str | None = None
    data: dict[str, Any] = field(default_factory=dict)


def _cell(value: object) -> str:
    if isinstance(value, float):
        if value != value:  # NaN: nothing to measure
            return "n/a"
        return f"{value:.1f}" if abs(value) >= 10 else f"{value:.2f}"
    return str(value)


def ms(value: float) -> str:
    return "n/a" if value != value else f"{value:.1f} ms"


def ratio(value: float, base: float) -> float:
    return value / base if base > 0 else float("nan")


def times(value: float) -> str:
    return "n/a" if value != value else f"{value:.2f}×"


def skipped(key: str, title: str, reason: str) -> Outcome:
    return Outcome(key=key, title=title, skipped=reason)
