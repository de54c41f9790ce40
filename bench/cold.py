"""Cold start: process start to first answer, and the memory of one replica.

`policybot ask` runs in a fresh process against a data dir ingested beforehand (so no
ingest is timed), next to the floor: a process that loads the same model (hash check
included) and embeds one question. Peak RSS comes from the kernel's accounting of each
child's /proc status (VmHWM), read until it exits.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from .measure import REPO, percentile, proc_status
from .results import Outcome, Table, Target, ratio, times

TITLE = "Cold start and memory per replica"
QUESTION = "can I mention the HRA in my LinkedIn bio?"
RSS_TARGET_MB = 800


@dataclass(frozen=True)
class Spawn:
    first_output_s: float
    exit_s: float
    peak_rss_mb: float
    ok: bool


def clean_env(data_dir: Path) -> dict[str, str]:
    """The parent's environment without any policybot, Slack or database setting."""
    prefixes = ("POLICYBOT_", "SLACK_", "MICROSOFT_", "CONNECTIONS__", "SMTP_")
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(prefixes) and k not in ("DATABASE_URL", "PORT")
    }
    env.update(POLICYBOT_DATA_DIR=str(data_dir), POLICYBOT_LOG_LEVEL="WARNING")
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def _watch_peak(pid: int, peak: list[int]) -> None:
    # The kernel's own per-child figure (wait4's ru_maxrss) is useless here: a child
    # started by vfork/exec inherits the parent's high-water mark, i.e. the bench's.
    while (hwm := proc_status(pid).get("VmHWM")) is not None:
        peak[0] = max(peak[0], hwm)
        time.sleep(0.02)


def spawn(args: list[str], env: dict[str, str]) -> Spawn:
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
        cwd=str(REPO),
    )
    peak = [0]
    watcher = threading.Thread(target=_watch_peak, args=(proc.pid, peak), daemon=True)
    watcher.start()
    assert proc.stdout is not None
    first_line = proc.stdout.readline()
    first = time.perf_counter() - start
    proc.stdout.read()
    proc.stdout.close()
    proc.wait()
    watcher.join(timeout=5)
    return Spawn(first, time.perf_counter() - start, peak[0], bool(first_line))


def _median(spawns: list[Spawn], attr: str) -> float:
    return percentile([getattr(s, attr) for s in spawns], 50)


def run(workdir: Path, *, repeats: int = 3, phases: bool = True) -> Outcome:
    outcome = Outcome(key="cold", title=TITLE)
    data = workdir / "cold-data"
    env = clean_env(data)
    # Phases first: that process also ingests the policy, so the runs below start warm-disk
    # against a ready store, as a replica behind a shared, already-ingested store does.
    # Without it (quick runs) the first `ask` ingests, and its time says so.
    breakdown = _phases(env) if phases else None
    if breakdown is not None and not breakdown.rows:
        outcome.skipped = "the phases process printed nothing (see `python -m bench.cold --phases`)"
        return outcome
    floor: list[Spawn] = []
    asks: list[Spawn] = []
    for _ in range(repeats):  # interleaved, so both see the same neighbours
        floor.append(spawn(["-m", "bench.cold", "--floor"], env))
        asks.append(spawn(["-m", "bot", "ask", QUESTION], env))
    if not all(s.ok for s in asks):
        outcome.skipped = "policybot ask printed nothing"
        return outcome
    table = Table(["process", "runs", "start → first output", "start → exit", "peak RSS"])
    table.headers.append("÷ floor (time / RSS)")
    f_first, a_first = _median(floor, "first_output_s"), _median(asks, "first_output_s")
    f_rss, a_rss = _median(floor, "peak_rss_mb"), _median(asks, "peak_rss_mb")
    table.add(
        "floor: load the model + embed one question",
        repeats,
        f"{f_first:.2f} s",
        f"{_median(floor, 'exit_s'):.2f} s",
        f"{f_rss:.0f} MB",
        "1.00× / 1.00×",
    )
    table.add(
        "`policybot ask` (pre-ingested store)"
        if phases
        else "`policybot ask` (first use: ingests)",
        repeats,
        f"{a_first:.2f} s",
        f"{_median(asks, 'exit_s'):.2f} s",
        f"{a_rss:.0f} MB",
        f"{times(ratio(a_first, f_first))} / {times(ratio(a_rss, f_rss))}",
    )
    outcome.tables.append(("Medians of interleaved runs", table))
    if breakdown is not None:
        outcome.tables.append(("Where the first answer's time goes (in one process)", breakdown))
    outcome.targets.append(
        Target(
            "RSS per replica ≤ 800 MB (`policybot ask` peak)",
            f"{a_rss:.0f} MB ({times(ratio(a_rss, f_rss))} the bare model's {f_rss:.0f} MB)",
            "≤ 800 MB",
            a_rss <= RSS_TARGET_MB,
        )
    )
    outcome.data = {
        "floor_first_s": f_first,
        "ask_first_s": a_first,
        "floor_rss_mb": f_rss,
        "ask_rss_mb": a_rss,
    }
    return outcome


def _phases(env: dict[str, str]) -> Table:
    done = subprocess.run(
        [sys.executable, "-m", "bench.cold", "--phases"],
        env=env,
        cwd=str(REPO),
        capture_output=True,
        text=True,
    )
    table = Table(["phase", "seconds"])
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    for name, seconds in (json.loads(lines[-1]) if lines else {}).items():
        table.add(name, f"{seconds:.2f}")
    return table


def floor() -> None:
    """The floor process: what any process answering with this model must do."""
    from ingest.embedder import SentenceTransformerEmbedder

    SentenceTransformerEmbedder().embed_query(QUESTION)
    print("embedded", flush=True)


def phases() -> None:
    """Time each step of `policybot ask` in one process (ingesting first if need be)."""
    marks: dict[str, float] = {}
    start = time.perf_counter()

    def mark(name: str) -> None:
        nonlocal start
        marks[name] = time.perf_counter() - start
        start = time.perf_counter()

    from bot.app import build_core, load_embedder, open_store, run_ingest
    from bot.core.models import Message
    from bot.settings import Settings

    mark("import policybot (torch, transformers, chromadb, …)")
    settings = Settings()
    embedder = load_embedder(settings)
    mark("load and verify the model")
    store = open_store(settings)
    if store.count() == 0:
        run_ingest(settings, store, embedder)
        mark("(first use only) ingest the policy")
    core = build_core(settings, embedder=embedder)
    mark("open the store, load chunks, build BM25")
    core.assistant.handle(Message(text=QUESTION))
    mark("first answer")
    core.assistant.handle(Message(text=QUESTION + " please"))
    mark("second answer (warm)")
    print(json.dumps(marks), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description="Cold-start helper processes.")
    parser.add_argument("--floor", action="store_true")
    parser.add_argument("--phases", action="store_true")
    args = parser.parse_args()
    if args.floor:
        floor()
    elif args.phases:
        phases()


if __name__ == "__main__":
    main()
