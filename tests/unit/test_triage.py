"""Triage against the labelled set, plus the lines between a report and a question."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.core.triage import Triage, classify

CASES = Path(__file__).resolve().parents[1] / "eval" / "triage.jsonl"
KINDS = ("media", "safeguarding", "harassment")


def _load() -> list[dict[str, object]]:
    return [json.loads(line) for line in CASES.read_text("utf-8").splitlines() if line.strip()]


def _scores(rows: list[dict[str, object]]) -> dict[str, tuple[float, float]]:
    got = [classify(str(row["text"])).escalation for row in rows]
    want = [row.get("escalate") for row in rows]
    scores = {}
    for kind in KINDS:
        tp = sum(g == w == kind for g, w in zip(got, want, strict=True))
        predicted = sum(g == kind for g in got)
        actual = sum(w == kind for w in want)
        scores[kind] = (tp / predicted if predicted else 1.0, tp / actual if actual else 1.0)
    return scores


def test_labelled_set_is_big_enough() -> None:
    rows = _load()
    for kind in KINDS:
        assert sum(r.get("escalate") == kind for r in rows) >= 20
    assert sum("escalate" not in r for r in rows) >= 70
    assert len({r["id"] for r in rows}) == len(rows)


def test_precision_and_recall_per_kind() -> None:
    rows = _load()
    scores = _scores(rows)
    assert scores["safeguarding"][1] == 1.0, scores
    for kind in KINDS:
        precision, recall = scores[kind]
        assert precision >= 0.9 and recall >= 0.9, (kind, scores)
    got = [classify(str(r["text"])).escalation for r in rows]
    accuracy = sum(g == r.get("escalate") for g, r in zip(got, rows, strict=True)) / len(rows)
    assert accuracy >= 0.95
    false_escalations = sum(
        g is not None and "escalate" not in r for g, r in zip(got, rows, strict=True)
    )
    assert false_escalations <= 1


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("What should I do if a journalist contacts me?", None),
        ("A journalist has just emailed me asking for a comment", "media"),
        ("if a reporter ever DMs me, what do I say?", None),
        ("A reporter DM'd me, what do I say?", "media"),
        ("How do I report harassment?", None),
        ("Someone keeps messaging me threats, how do I report it?", "harassment"),
        ("What if a child on our page posts their address?", None),
        ("A child on our page posted their address", "safeguarding"),
        ("not sure if this counts, a kid on our page posted their address", "safeguarding"),
        ("what do I do if someone on our page has just said they want to end it", "safeguarding"),
        ("No journalist has contacted me, I'm just asking", None),
        ("I'm not being harassed, I just want to know the rules", None),
        ("Can I post: 'A journalist asked me about our work today'", None),
        ('Can I post: "If you feel suicidal, call Samaritans"', None),
        ('Someone commented "I\'m going to end it tonight" on our post', "safeguarding"),
        ("A journalist keeps sending me threatening messages", "harassment"),
        ("", None),
    ],
)
def test_reports_versus_questions(text: str, kind: str | None) -> None:
    assert classify(text).escalation == kind


def test_result_is_a_small_frozen_record_without_the_words() -> None:
    result = classify("A reporter from the Times rang me about the study")
    assert isinstance(result, Triage)
    assert result.reasons and all("times" not in reason for reason in result.reasons)
    with pytest.raises(AttributeError):
        result.escalation = None  # type: ignore[misc]
