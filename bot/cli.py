"""`policybot` command line: ingest, ask, chat, eval (and the groups other modules add)."""

from __future__ import annotations

import json
import logging
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import click

from .errors import PolicybotError
from .logs import setup_logging
from .settings import Settings


def _settings() -> Settings:
    settings = Settings()
    setup_logging(settings)
    return settings


def _core(settings: Settings):
    from .app import build_core

    return build_core(settings)


class _Group(click.Group):
    """Turns user-facing errors into one clean line instead of a traceback."""

    def invoke(self, ctx: click.Context):  # type: ignore[no-untyped-def]
        try:
            return super().invoke(ctx)
        except PolicybotError as exc:
            raise click.ClickException(str(exc)) from exc


@click.group(cls=_Group)
@click.version_option(package_name="policybot")
def main() -> None:
    """Answers questions about the social media policy, checks drafts, escalates reports."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
def ingest(paths: tuple[Path, ...]) -> None:
    """Load policy documents into the vector store (default: the knowledge folder).

    Safe to re-run: unchanged chunks are skipped, edited ones replaced, removed ones deleted.
    """
    from tqdm import tqdm

    from .app import example_question_report, load_embedder, open_store, run_ingest

    settings = _settings()
    store = open_store(settings)
    embedder = load_embedder(settings)
    bars: list[tqdm] = []

    def progress_factory(total: int):
        bar = tqdm(total=total, unit="chunk", disable=total < 200 or not sys.stderr.isatty())
        bars.append(bar)
        return bar.update

    report = run_ingest(
        settings, store, embedder, list(paths) or None, progress_factory=progress_factory
    )
    for bar in bars:
        bar.close()
    click.echo(report.summary())
    for line in example_question_report(settings, store, embedder, report):
        click.echo(line)


def _read_jsonl(source: str) -> Iterator[tuple[int, str | None, dict]]:
    """(line number, text or None when the line is not a case, the parsed object)."""
    handle = sys.stdin if source == "-" else open(source, encoding="utf-8")  # noqa: SIM115
    with handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except json.JSONDecodeError:
                item = None
            if not isinstance(item, dict):
                yield number, None, {}
                continue
            text = item.get("text")
            yield number, text if isinstance(text, str) else None, item


@main.command()
@click.argument("question", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print the reply as one JSON object.")
@click.option("--jsonl", "jsonl", metavar="FILE|-", help="Answer one JSON object a line.")
@click.option("--draft", is_flag=True, help="Treat the whole text as a draft to check.")
def ask(question: str | None, as_json: bool, jsonl: str | None, draft: bool) -> None:
    """Answer one question (or a JSONL file of them) from the policy."""
    from .core.models import Message
    from .terminal import render

    if question is None and jsonl is None:
        raise click.UsageError(
            'Give a question, e.g. policybot ask "can I post this?", or --jsonl.'
        )
    core = _core(_settings())
    if jsonl is None:
        reply = core.assistant.handle(Message(text=question or "", is_draft=draft))
        click.echo(reply.to_json() if as_json else render(reply))
        return
    run = uuid.uuid4().hex[:12]  # threads of one run never continue an earlier run's
    for number, text, item in _read_jsonl(jsonl):
        if text is None:
            error = {"id": item.get("id"), "error": f"line {number}: needs a JSON object with text"}
            click.echo(json.dumps(error))
            continue
        thread = item.get("thread")
        message = Message(
            text=text,
            id=item.get("id"),
            is_draft=bool(item.get("draft")),
            # Lines sharing a "thread" value are one conversation, in order.
            thread_ref=str(thread) if thread is not None else None,
            channel_id=f"jsonl:{run}",
        )
        click.echo(core.assistant.handle(message).to_json())


@main.command()
def chat() -> None:
    """Chat with the policy in the terminal."""
    from .chat_escalation import TerminalEscalations
    from .terminal import chat_loop

    settings = _settings()
    click.echo("Loading the policy…", err=True)
    core = _core(settings)
    titles = ", ".join(
        f"{d.title}" + (f" v{d.version}" if d.version else "") for d in core.kb.documents.values()
    )
    escalations = TerminalEscalations(settings, core)
    chat_loop(core.assistant.handle, intro=f"policybot — {titles}", on_escalation=escalations)


@main.command("eval")
@click.argument("case_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--show-failures", is_flag=True, help="List every case that missed.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def evaluate(case_file: Path, show_failures: bool, as_json: bool) -> None:
    """Score the bot on a labelled case file; exit 1 under the configured floors."""
    from .core.models import Message
    from .evaluation import (
        ask_cases,
        below_floors,
        load_cases,
        report_lines,
        score_all,
        scores_json,
    )

    settings = _settings()
    cases = load_cases(case_file)
    core = _core(settings)
    core.assistant.handle(Message(text="warm up"))
    scores = score_all(ask_cases(core.assistant.handle, cases))
    if as_json:
        click.echo(scores_json(scores))
    else:
        click.echo(f"{len(cases)} cases from {case_file}")
        click.echo("\n".join(report_lines(scores)))
        if show_failures and scores.failures:
            click.echo("\nmisses:\n  " + "\n  ".join(scores.failures))
    failed = below_floors(
        scores,
        [
            ("hit@3", scores.hit_at_3, settings.min_hit_at3),
            ("top-1", scores.top_1, settings.min_top1),
            ("contain", scores.contain, settings.min_contain),
            ("not-covered", scores.not_covered, settings.min_not_covered),
        ],
    )
    if failed:
        click.echo("below floor: " + ", ".join(failed), err=True)
        sys.exit(1)


@main.command()
@click.option("--port", type=int, default=None, help="Port to listen on (default: $PORT or 3000).")
def serve(port: int | None) -> None:
    """Run the server: Slack, Teams, /healthz, /readyz, /metrics."""
    from .server import serve as run_server

    run_server(_settings(), port)


def _register_optional_groups() -> None:
    """Command groups that live beside the features they drive."""
    try:
        from .escalation.cli import escalations
    except ImportError as exc:  # pragma: no cover - a partial checkout
        logging.getLogger(__name__).debug("escalations commands unavailable: %s", exc)
    else:
        main.add_command(escalations)
    try:
        from bench.command import bench
    except ImportError as exc:  # pragma: no cover - an install without the bench package
        logging.getLogger(__name__).debug("bench command unavailable: %s", exc)
    else:
        main.add_command(bench)
    from .config_cli import config
    from .report_cli import report
    from .train_cli import train

    main.add_command(config)
    main.add_command(report)
    main.add_command(train)
    from .teams.package import teams_package

    main.add_command(teams_package)


_register_optional_groups()
