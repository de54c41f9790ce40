"""Small measuring tools shared by the benchmarks: percentiles, timers, memory, the machine."""

from __future__ import annotations

import os
import platform
import subprocess
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import numpy as np

REPO = Path(__file__).resolve().parents[1]
T = TypeVar("T")


def percentile(values: Sequence[float], q: float) -> float:
    """Linear-interpolated percentile (numpy's default), so p99 of 50 values is defined."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


@dataclass
class Timings:
    """Milliseconds of repeated calls."""

    ms: list[float] = field(default_factory=list)

    def time(self, fn: Callable[..., T], *args: Any) -> T:
        """`fn(*args)`, timed."""
        start = time.perf_counter()
        result = fn(*args)
        self.ms.append((time.perf_counter() - start) * 1000)
        return result

    def p(self, q: float) -> float:
        return percentile(self.ms, q)

    @property
    def n(self) -> int:
        return len(self.ms)


@contextmanager
def stopwatch() -> Iterator[list[float]]:
    """`with stopwatch() as elapsed:` … `elapsed[0]` is the seconds taken."""
    out: list[float] = []
    start = time.perf_counter()
    try:
        yield out
    finally:
        out.append(time.perf_counter() - start)


def proc_status(pid: int | str = "self") -> dict[str, int]:
    """VmRSS / VmHWM (peak) of a process in MB, from /proc: no psutil needed."""
    found: dict[str, int] = {}
    try:
        lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    except OSError:
        return found
    for line in lines:
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            found[key] = int(value.split()[0]) // 1024
    return found


def rss_mb(pid: int | str = "self") -> int:
    return proc_status(pid).get("VmRSS", 0)


def du_mb(path: Path) -> float:
    total = sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    return total / 1024 / 1024


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _memory_gb() -> float:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                return int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    return 0.0


def _git_commit() -> str:
    try:
        out = subprocess.run(
            ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(REPO), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return out + (" (with uncommitted changes)" if dirty else "")


def machine() -> dict[str, str]:
    load = os.getloadavg() if hasattr(os, "getloadavg") else (0.0, 0.0, 0.0)
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu": _cpu_model(),
        "cores": str(os.cpu_count() or 0),
        "memory": f"{_memory_gb():.1f} GB",
        "python": platform.python_version(),
        "os": f"{platform.system()} {platform.release()}",
        "commit": _git_commit(),
        "load": "{:.1f} / {:.1f} / {:.1f}".format(*load),
    }


def load_average() -> float:
    return os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0


class UncachedQueries:
    """The production embedder without its query cache: every query pays the model."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner

    def embed_query(self, text: str) -> np.ndarray:
        return np.asarray(self.inner.embed_batch([text])[0])
