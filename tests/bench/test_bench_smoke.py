"""The benchmark still runs end to end at tiny sizes and writes a complete report.

No timing is asserted: figures on a shared 2-core machine say nothing about a change.
The numbers are only checked to be there.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from bench.naive import split_policy
from bench.variants import variant_text
from bot.cli import main

pytestmark = pytest.mark.slow

POLICY = Path(__file__).resolve().parents[2] / "knowledge" / "hra-social-media-policy.txt"
FIGURE = re.compile(r"\d+(?:\.\d+)? ms")


def section(report: str, title: str) -> str:
    """The numbered section whose heading holds `title` (numbers shift as sections come)."""
    for part in report.split("\n## ")[1:]:
        if title in part.split("\n", 1)[0]:
            return part
    raise AssertionError(f"no section {title!r}")


# Three runs side by side, not one long one: each group's own sections, and the parts
# every report has.
GROUPS = {
    "latency,answers,drafts,phrasing,scale": (
        "Answer latency and quality",
        "Answer quality on the blind answer batches, by split",
        "Knowledge-base scale",
        "Draft checks",
        "Generated summaries",
    ),
    "slack,slack_pg": ("Slack acks under load",),
    "cold,faults": ("Cold start and memory per replica", "Delivery through faults"),
}


@pytest.mark.parametrize("only", list(GROUPS))
def test_quick_benchmark_writes_every_section(tmp_path: Path, only: str) -> None:
    out = tmp_path / "benchmarks.md"
    result = CliRunner().invoke(main, ["bench", "--quick", "--only", only, "--out", str(out)])
    assert result.exit_code == 0, result.output
    report = out.read_text(encoding="utf-8")
    for heading in ("## Machine", "## Targets", *GROUPS[only], "## Closing note"):
        assert heading in report
    assert "failed:" not in report
    if "latency" in only:
        latency = section(report, "Answer latency and quality")
        assert "one query embedding" in latency and "naive LangChain" in latency
        assert len(FIGURE.findall(latency)) >= 10
        scale = section(report, "Knowledge-base scale")
        assert "| 1 |" in scale and "| 3 |" in scale
    if "slack" in only:
        for database in ("SQLite", "PostgreSQL"):
            slack = section(report, f"Slack acks under load (HTTP mode, fake Web API), {database}")
            # The Slack surface (or PostgreSQL) may be unavailable; then the report says why.
            assert "Skipped:" in slack or "ack p99" in slack
    if "cold" in only:
        assert "MB" in section(report, "Cold start and memory per replica")


def test_variants_are_deterministic_renamed_and_sectioned() -> None:
    stem, text = variant_text(POLICY, 7)
    assert (stem, text) == variant_text(POLICY, 7)
    assert "Health Research Authority" not in text
    assert not re.search(r"\bHRA\b", text)
    assert re.search(r"^1\. ", text, re.MULTILINE)
    assert variant_text(POLICY, 8)[1] != text


def test_naive_splits_are_labelled_with_the_section_they_start_in() -> None:
    splits = split_policy(POLICY.read_text(encoding="utf-8"), POLICY.stem)
    assert all(len(s.text) <= 1000 for s in splits)
    assert splits[0].section == ""  # the front matter comes before § 1
    assert {"1", "3.1", "3.2"} <= {s.section for s in splits}
