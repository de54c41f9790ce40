"""The report as one A4-landscape PNG a comms lead can paste into a paper.

Uses matplotlib's object API (`Figure`, no pyplot): no GUI backend, no global state,
safe on a server without a display.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from .report_data import STATUSES, Report

# NHS identity colours, so the chart sits well in an NHS paper.
BLUE, DARK_BLUE, GREEN, YELLOW, RED, GREY = (
    "#005EB8",
    "#003087",
    "#009639",
    "#FFB81C",
    "#DA291C",
    "#768692",
)
STATUS_COLOURS = {"open": RED, "acknowledged": YELLOW, "resolved": GREEN, "held": GREY}


def _empty(ax: Axes, text: str) -> None:
    ax.text(0.5, 0.5, text, ha="center", va="center", color=GREY, transform=ax.transAxes)
    ax.set_xticks([])
    ax.set_yticks([])
    for side in ("left", "bottom"):
        ax.spines[side].set_visible(False)


def _style(ax: Axes, title: str) -> None:
    ax.set_title(title, loc="left", fontsize=12, fontweight="bold", color=DARK_BLUE)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def _escalations(ax: Axes, report: Report) -> None:
    _style(ax, "Escalations by kind and status")
    kinds = report.kinds
    if not any(report.raised(k) for k in kinds):
        _empty(ax, "No escalations in this period")
        return
    left = [0] * len(kinds)
    for status in STATUSES:
        counts = [report.stats.escalations[(k, status)] for k in kinds]
        if not any(counts):
            continue
        ax.barh(kinds, counts, left=left, color=STATUS_COLOURS.get(status, GREY), label=status)
        left = [a + b for a, b in zip(left, counts, strict=True)]
    ax.invert_yaxis()
    ax.set_xlabel("escalations")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.legend(frameon=False, fontsize=9, loc="lower right")


def _ack(ax: Axes, report: Report) -> None:
    _style(ax, "Time to acknowledge (minutes)")
    kinds = report.kinds
    summaries = [report.ack(k) for k in kinds]
    if not any(s.count for s in summaries):
        _empty(ax, "No acknowledged escalations in this period")
        return
    positions = range(len(kinds))
    medians = [(s.median or 0) / 60 for s in summaries]
    p90s = [(s.p90 or 0) / 60 for s in summaries]
    ax.bar([p - 0.2 for p in positions], medians, width=0.4, color=BLUE, label="median")
    ax.bar([p + 0.2 for p in positions], p90s, width=0.4, color=DARK_BLUE, label="90th percentile")
    ax.set_xticks(
        list(positions), [f"{k}\n(n={s.count})" for k, s in zip(kinds, summaries, strict=True)]
    )
    # The comms team is reminded at this point: bars above the line waited for a reminder.
    ax.axhline(
        report.reminder_minutes,
        color=RED,
        linestyle="--",
        linewidth=1,
        label=f"reminder at {report.reminder_minutes} min",
    )
    # Headroom above the tallest bar keeps the legend clear of the data.
    ax.set_ylim(0, max([*p90s, report.reminder_minutes]) * 1.3)
    ax.legend(frameon=False, fontsize=9, loc="upper right", ncols=3)


def _feedback(ax: Axes, report: Report) -> None:
    _style(ax, "Feedback on replies")
    kinds = sorted({k for k, _ in report.stats.feedback})
    if not kinds:
        _empty(ax, "No feedback in this period")
        return
    positions = range(len(kinds))
    yes = [report.stats.feedback[(k, True)] for k in kinds]
    no = [report.stats.feedback[(k, False)] for k in kinds]
    ax.bar([p - 0.2 for p in positions], yes, width=0.4, color=GREEN, label="helpful")
    ax.bar([p + 0.2 for p in positions], no, width=0.4, color=RED, label="not helpful")
    ax.set_xticks(list(positions), [k.replace("_", " ") for k in kinds])
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.legend(frameon=False, fontsize=9)


def _unanswered(ax: Axes, report: Report) -> None:
    _style(ax, "Questions the policy did not answer")
    if not report.top:
        _empty(ax, "No unanswered questions in this period")
        return
    top = report.top[:8]  # more than eight labels no longer fit a quarter page
    labels = [textwrap.shorten(q.question, 60, placeholder="…") for q in top]
    ax.barh(range(len(top)), [q.count for q in top], color=BLUE)
    ax.set_yticks(range(len(top)), [textwrap.fill(label, 34) for label in labels], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel(f"times asked ({report.stats.unanswered} unanswered questions in all)")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))


def draw(report: Report, path: Path) -> Path:
    figure = Figure(figsize=(11.69, 8.27), layout="constrained")
    figure.suptitle(
        f"policybot: social media policy questions and escalations, {report.period}",
        fontsize=14,
        color=DARK_BLUE,
    )
    (a, b), (c, d) = figure.subplots(2, 2)
    _escalations(a, report)
    _ack(b, report)
    _feedback(c, report)
    _unanswered(d, report)
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=150, format="png")
    return path
