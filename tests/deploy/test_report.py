"""`policybot report`: tables and a PNG for the policy owner, from a real SQLite database."""

from __future__ import annotations

import struct
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import main
from bot.core.models import EscalationKind, Message
from bot.escalation.db import engine_from_settings
from bot.escalation.outbox import EscalationStore
from bot.escalation.stats import question_key
from bot.report_cli import build_report, duration, render_text
from bot.report_data import summarise
from bot.settings import Settings

NOW = datetime.now(UTC).replace(microsecond=0)


class Clock:
    def __init__(self) -> None:
        self.now = NOW - timedelta(days=2)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def store() -> Iterator[tuple[EscalationStore, Clock]]:
    clock = Clock()
    engine = engine_from_settings(Settings())  # the isolated data dir's SQLite file
    yield EscalationStore(engine, clock=clock), clock
    engine.dispose()


def fill(store: EscalationStore, clock: Clock) -> None:
    def report(n: int, kind: EscalationKind, ack_after: timedelta | None) -> None:
        clock.now = NOW - timedelta(days=2, hours=n)
        words = f"secret words of reporter {n}"
        view, _ = store.record(
            Message(text=words, user_name=f"Reporter {n}", event_id=f"E{n}"), kind, True
        )
        if ack_after is not None:
            clock.now += ack_after
            store.acknowledge(view.id, by="comms")

    report(1, "media", timedelta(minutes=10))
    report(2, "media", timedelta(minutes=50))
    report(3, "safeguarding", timedelta(minutes=4))
    report(4, "harassment", None)
    for helpful in (True, True, False):
        store.add_feedback(platform="slack", reply_kind="answer", sections=["3.5"], helpful=helpful)
    store.add_feedback(platform="teams", reply_kind="not_covered", sections=[], helpful=False)
    for question in (
        "Where do I claim mileage?",
        "where do i claim  MILEAGE",
        "Can I expense a taxi?",
    ):
        store.add_unanswered(question)
    clock.now = NOW - timedelta(days=60)
    store.add_unanswered("an old question from last season")


def test_report_tables_count_escalations_ack_times_feedback_and_questions(store):
    fill(*store)
    result = CliRunner().invoke(main, ["report", "--days", "30"])
    assert result.exit_code == 0, result.output
    out = result.output
    rows = {line.split()[0]: line.split() for line in out.splitlines() if line.strip()}
    # kind raised open acknowledged resolved held, median ack, p90 ack
    assert rows["media"][:7] == ["media", "2", "0", "2", "0", "0", "30"]
    assert "50 min" in " ".join(rows["media"])
    assert rows["safeguarding"][:3] == ["safeguarding", "1", "0"]
    assert rows["harassment"][:3] == ["harassment", "1", "1"]
    assert rows["answer"] == ["answer", "2", "1", "67%"]
    assert "3 in all" in out
    mileage = next(line for line in out.splitlines() if "mileage" in line.lower())
    assert mileage.split()[1] == "2"  # asked twice, in two wordings
    assert "old question" not in out
    assert "secret words" not in out and "Reporter 1" not in out


def test_all_time_includes_older_questions(store):
    fill(*store)
    result = CliRunner().invoke(main, ["report", "--all-time"])
    assert result.exit_code == 0, result.output
    assert "old question from last season" in result.output and "4 in all" in result.output


def test_report_writes_a_png_chart(store, tmp_path: Path):
    fill(*store)
    png = tmp_path / "out" / "report.png"
    result = CliRunner().invoke(main, ["report", "--png", str(png)])
    assert result.exit_code == 0, result.output
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (1753, 1240)  # A4 landscape at 150 dpi


def test_an_empty_database_still_reports(tmp_path: Path):
    result = CliRunner().invoke(main, ["report", "--png", str(tmp_path / "empty.png")])
    assert result.exit_code == 0, result.output
    assert "none" in result.output and (tmp_path / "empty.png").exists()


def test_helpers():
    assert duration(None) == "-" and duration(20) == "< 1 min" and duration(600) == "10 min"
    assert duration(3 * 3600 + 5 * 60) == "3 h 05 min" and duration(26 * 3600) == "1 d 2 h"
    assert summarise([60.0 * m for m in range(1, 11)]).p90 == 540.0
    assert question_key("Where do I claim   MILEAGE?!") == "where do i claim mileage"


def test_report_period_wording(store):
    engine = store[0].engine
    assert "all time" in render_text(build_report(engine, days=None))
    assert " to " in build_report(engine, days=7).period
