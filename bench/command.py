"""`policybot bench` / `python -m bench`: run the benchmarks and write docs/benchmarks.md."""

from __future__ import annotations

import logging
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from .measure import REPO, load_average, machine
from .results import Outcome

BENCHMARKS = (
    "latency",
    "answers",
    "slack",
    "slack_pg",
    "scale",
    "cold",
    "drafts",
    "phrasing",
    "faults",
)
# Cold start runs before Slack, which reuses its ingested store; scale, the longest, last.
RUN_ORDER = (
    "latency",
    "answers",
    "drafts",
    "phrasing",
    "cold",
    "slack",
    "slack_pg",
    "faults",
    "scale",
)
EVAL = REPO / "tests" / "eval"
EVAL_FILES = ("questions", "holdout", "triage", "drafts")
POLICY = REPO / "knowledge" / "hra-social-media-policy.txt"


@dataclass(frozen=True)
class Options:
    quick: bool
    sizes: list[int]
    only: tuple[str, ...]
    workdir: Path

    @property
    def bursts(self) -> list[int]:
        return [5, 10] if self.quick else [50, 200]


def _shared_store(options: Options) -> Path:
    """One ingested store for the benchmarks that read the shipped policy: each ingest
    costs seconds of embedding and none of them writes to it or times the ingest."""
    return options.workdir / "policy-data"


def _latency(options: Options, embedder: Any) -> Outcome:
    from bot.app import build_core
    from bot.evaluation import load_cases
    from bot.settings import Settings

    from . import latency
    from .naive import NaivePipeline

    settings = Settings(data_dir=_shared_store(options))
    core = build_core(settings, embedder=embedder)
    limit = 8 if options.quick else None
    cases = {name: load_cases(EVAL / f"{name}.jsonl")[:limit] for name in EVAL_FILES}
    naive = NaivePipeline(policy=POLICY, embedder=core.embedder, workdir=options.workdir)
    return latency.run(core, naive, cases, quick=options.quick)


def _answers(options: Options, embedder: Any) -> Outcome:
    from bot.app import build_core
    from bot.core.models import Message
    from bot.settings import Settings

    from . import answers
    from .naive import NaivePipeline

    core = build_core(Settings(data_dir=_shared_store(options)), embedder=embedder)
    workdir = options.workdir / "answers-naive"
    naive = NaivePipeline(policy=POLICY, embedder=core.embedder, workdir=workdir)
    core.assistant.handle(Message(text="warm up"))  # as `policybot eval` does
    return answers.run(core.assistant.handle, naive, answers.splits(), quick=options.quick)


def _drafts(options: Options, embedder: Any) -> Outcome:
    from bot.app import build_core
    from bot.evaluation import load_cases
    from bot.settings import Settings

    from . import drafts_check

    core = build_core(Settings(data_dir=_shared_store(options)), embedder=embedder)
    cases = [c for path in sorted(EVAL.glob("drafts*.jsonl")) for c in load_cases(path)]
    return drafts_check.run(core, cases[:8] if options.quick else cases, quick=options.quick)


def _phrasing(options: Options, embedder: Any) -> Outcome:
    from bot.app import build_core
    from bot.settings import Settings

    from . import phrasing

    core = build_core(Settings(data_dir=_shared_store(options)), embedder=embedder)
    return phrasing.run(core, quick=options.quick)


def _slack(options: Options, embedder: Any) -> Outcome:
    from . import slack_load

    return slack_load.run(options.workdir, sizes=options.bursts, answer_timeout=120.0)


def _slack_pg(options: Options, embedder: Any) -> Outcome:
    from . import slack_load

    return slack_load.run(
        options.workdir, sizes=options.bursts, answer_timeout=120.0, postgres=True
    )


def _scale(options: Options, embedder: Any) -> Outcome:
    from . import scale

    # A quick run measures in this process with the model already loaded: it checks the
    # benchmark works, its memory figures are the bench process's.
    return scale.run(
        options.sizes,
        options.workdir,
        questions=10 if options.quick else 100,
        embedder=embedder if options.quick else None,
    )


def _cold(options: Options, embedder: Any) -> Outcome:
    from . import cold

    return cold.run(options.workdir, repeats=1 if options.quick else 3, phases=not options.quick)


def _faults(options: Options, embedder: Any) -> Outcome:
    from . import faults

    return faults.run(options.workdir, quick=options.quick)


RUNNERS: dict[str, Callable[[Options, Any], Outcome]] = {
    "latency": _latency,
    "answers": _answers,
    "slack": _slack,
    "slack_pg": _slack_pg,
    "scale": _scale,
    "cold": _cold,
    "drafts": _drafts,
    "phrasing": _phrasing,
    "faults": _faults,
}


def run_all(options: Options, *, embedder: Any = None) -> list[Outcome]:
    """Run the chosen benchmarks; one that fails is reported as failed, not fatal."""
    if embedder is None and (
        {"latency", "answers", "scale", "drafts", "phrasing"} & set(options.only)
    ):
        from ingest.embedder import SentenceTransformerEmbedder

        embedder = SentenceTransformerEmbedder()
    outcomes = []
    for key in RUN_ORDER:
        if key not in options.only:
            continue
        click.echo(f"bench: {key}…", err=True)
        start = time.perf_counter()
        try:
            outcomes.append(RUNNERS[key](options, embedder))
            click.echo(f"bench: {key} took {time.perf_counter() - start:.0f} s", err=True)
        except Exception as exc:  # one broken benchmark must not hide the others' figures
            traceback.print_exc()
            outcomes.append(
                Outcome(key=key, title=key, skipped=f"failed: {type(exc).__name__}: {exc}")
            )
    return outcomes


def _parse_sizes(value: str) -> list[int]:
    try:
        sizes = [int(part) for part in value.split(",") if part.strip()]
    except ValueError as exc:
        raise click.BadParameter("sizes are numbers, e.g. 1,10,100,1000") from exc
    if not sizes or min(sizes) < 1:
        raise click.BadParameter("give at least one size of 1 or more")
    return sizes


def _parse_only(value: str | None) -> tuple[str, ...]:
    if not value:
        return BENCHMARKS
    chosen = tuple(part.strip() for part in value.split(",") if part.strip())
    unknown = [c for c in chosen if c not in BENCHMARKS]
    if unknown:
        raise click.BadParameter(f"unknown: {', '.join(unknown)}; choose from {BENCHMARKS}")
    return chosen


def _command_line(*, quick: bool, sizes: str | None, only: str | None, out: Path) -> str:
    """The command as typed, for the report's first line (whichever entry point ran it)."""
    parts = [click.get_current_context().command_path]
    parts += ["--quick"] if quick else []
    parts += [f"--sizes {sizes}"] if sizes else []
    parts += [f"--only {only}"] if only else []
    try:
        shown = out.resolve().relative_to(REPO)
    except ValueError:
        shown = out
    return " ".join([*parts, f"--out {shown}"])


@click.command("bench")
@click.option("--quick", is_flag=True, help="Tiny sizes: checks the benchmarks still run.")
@click.option("--sizes", default=None, help="Policies per scale step (default 1,10,100,1000).")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=REPO / "docs" / "benchmarks.md",
    show_default="docs/benchmarks.md",
    help="Where to write the markdown report.",
)
@click.option(
    "--only",
    default=None,
    help="Comma-separated subset of latency,answers,slack,slack_pg,scale,cold,drafts,phrasing,faults.",
)
@click.option("--keep", is_flag=True, help="Keep the working directory (stores, logs).")
def bench(quick: bool, sizes: str | None, out: Path, only: str | None, keep: bool) -> None:
    """Measure answer latency and quality by split, Slack acks under load, scale, cold start and delivery faults."""
    from .report import findings_from, render

    logging.basicConfig(level=logging.WARNING)
    workdir = Path(tempfile.mkdtemp(prefix="policybot-bench-"))
    options = Options(
        quick=quick,
        sizes=_parse_sizes(sizes or ("1,3" if quick else "1,10,100,1000")),
        only=_parse_only(only),
        workdir=workdir,
    )
    command = _command_line(quick=quick, sizes=sizes, only=only, out=out)
    started = machine()
    try:
        outcomes = run_all(options)
    finally:
        if keep:
            click.echo(f"bench: working files kept in {workdir}", err=True)
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    text = render(
        command=command,
        machine=started,
        load_after=load_average(),
        outcomes=outcomes,
        findings=findings_from(outcomes),
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    click.echo(f"bench: wrote {out}", err=True)
    if any((o.skipped or "").startswith("failed:") for o in outcomes):
        sys.exit(1)
