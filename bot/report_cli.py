"""`policybot report`: what the policy owner and the comms lead need from the database.

Top questions the policy did not answer (stored without user ids), feedback on replies,
and escalations by kind with the time the comms team took to acknowledge them; as
terminal tables, and with `--png` as one chart to paste into a paper. Reporters' words
and names never appear: only counts, kinds and durations.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

import click
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from .escalation.stats import collect, top_unanswered
from .report_data import STATUSES, Report
from .settings import Settings

QUESTION_WIDTH = 72


def build_report(
    engine: Engine,
    *,
    days: int | None,
    top: int = 10,
    now: datetime | None = None,
    reminder_minutes: int = 30,
) -> Report:
    end = now or datetime.now(UTC)
    start = end - timedelta(days=days) if days else None
    return Report(
        start=start,
        end=end,
        stats=collect(engine, start),
        top=top_unanswered(engine, start, limit=top),
        reminder_minutes=reminder_minutes,
    )


def duration(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    minutes = round(seconds / 60)
    if minutes < 1:
        return "< 1 min"
    if minutes < 60:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    if hours < 24:
        return f"{hours} h {minutes:02d} min"
    days, hours = divmod(hours, 24)
    return f"{days} d {hours} h"


def table(headers: Sequence[str], rows: Sequence[Sequence[object]], align: str = "") -> str:
    """A plain fixed-width table; `align` has one letter a column, l or r (default: the
    first column left, the rest right, for a label and its numbers)."""
    align = align or "l" + "r" * (len(headers) - 1)
    cells = [[str(c) for c in headers]] + [[str(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]

    def line(row: list[str]) -> str:
        parts = [
            c.rjust(w) if a == "r" else c.ljust(w)
            for c, w, a in zip(row, widths, align, strict=True)
        ]
        return "  ".join(parts).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(cells[0]), rule, *(line(r) for r in cells[1:])])


def _shorten(text: str, width: int = QUESTION_WIDTH) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1].rstrip() + "…"


def render_text(report: Report) -> str:
    stats = report.stats
    out = [f"policybot report: {report.period}", ""]
    esc_rows = []
    for kind in report.kinds:
        ack = report.ack(kind)
        counts = [stats.escalations[(kind, s)] for s in STATUSES]
        esc_rows.append(
            [kind, report.raised(kind), *counts, duration(ack.median), duration(ack.p90)]
        )
    out += ["Escalations (time to acknowledge: median, 90th percentile)"]
    out += [table(["kind", "raised", *STATUSES, "median ack", "p90 ack"], esc_rows), ""]

    fb_kinds = sorted({kind for kind, _ in stats.feedback})
    fb_rows = []
    for kind in fb_kinds:
        yes, no = stats.feedback[(kind, True)], stats.feedback[(kind, False)]
        fb_rows.append([kind, yes, no, f"{100 * yes / (yes + no):.0f}%"])
    out += ["Feedback on replies"]
    out += [
        table(["reply kind", "helpful", "not helpful", "helpful %"], fb_rows)
        if fb_rows
        else "  none"
    ]
    out += [""]

    out += [f"Questions the policy did not answer ({stats.unanswered} in all; most asked first)"]
    if report.top:
        q_rows = [
            [i, q.count, f"{q.last_asked:%Y-%m-%d}", _shorten(q.question)]
            for i, q in enumerate(report.top, 1)
        ]
        out.append(table(["#", "times", "last asked", "question"], q_rows, "rrll"))
    else:
        out.append("  none")
    return "\n".join(out)


@click.command("report")
@click.option(
    "--days",
    type=click.IntRange(min=1),
    default=30,
    show_default=True,
    help="Cover the last N days.",
)
@click.option("--all-time", is_flag=True, help="Cover everything in the database.")
@click.option(
    "--top",
    type=click.IntRange(min=1),
    default=10,
    show_default=True,
    help="How many unanswered questions to list.",
)
@click.option(
    "--png",
    "png",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also draw the figures as a PNG chart.",
)
def report(days: int, all_time: bool, top: int, png: Path | None) -> None:
    """Unanswered questions, feedback and escalations, for the policy owner."""
    from .escalation.db import describe, engine_from_settings
    from .logs import setup_logging

    settings = Settings()
    setup_logging(settings)
    # Migration chatter would land amid the tables; the server still logs it at start.
    logging.getLogger("alembic").setLevel(max(logging.WARNING, logging.getLogger().level))
    engine = engine_from_settings(settings)
    try:
        result = build_report(
            engine,
            days=None if all_time else days,
            top=top,
            reminder_minutes=settings.reminder_minutes,
        )
    except SQLAlchemyError as exc:
        where = describe(settings.effective_database_url)
        raise click.ClickException(
            f"cannot read the escalation database ({where}): {type(exc).__name__}"
        ) from exc
    finally:
        engine.dispose()
    click.echo(render_text(result))
    if png:
        from .report_chart import draw

        draw(result, png)
        click.echo(f"\nchart written to {png}")
