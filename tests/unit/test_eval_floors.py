"""The labelled case files, scored through the whole assistant exactly as `policybot eval` does.

These are the figures the README quotes; a change that lowers them fails here, not months
later in a user's chat.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.models import Message
from bot.evaluation import load_cases, score_all

EVAL = Path(__file__).resolve().parents[1] / "eval"


def scored(core, name: str):
    cases = load_cases(EVAL / name)
    return score_all(
        (case, core.assistant.handle(Message(text=case.text, id=case.id)), 0.0) for case in cases
    )


def test_questions_meet_the_issue_floors(core):
    scores = scored(core, "questions.jsonl")
    assert scores.hit_at_3.total >= 80
    assert scores.hit_at_3.value >= 0.95, scores.failures
    assert scores.top_1.value >= 0.85, scores.failures
    assert scores.contain.value >= 0.95, scores.failures
    assert scores.not_covered.value >= 0.9, scores.failures
    assert scores.escalation.value == 1.0, scores.failures  # no question becomes a report


@pytest.mark.parametrize(
    "name", ["triage.jsonl", "triage_fresh.jsonl", "triage_fresh2.jsonl", "questions.jsonl"]
)
def test_every_safeguarding_report_escalates_and_few_questions_do(core, name):
    scores = scored(core, name)
    recall = scores.kind_recall.get("safeguarding")
    if recall is not None:
        assert recall.value == 1.0, scores.failures
    assert scores.escalation.value >= 0.95, scores.failures


def test_drafts_meet_the_issue_floors(core):
    scores = scored(core, "drafts.jsonl")
    assert scores.verdict.total >= 50
    assert scores.verdict.value >= 0.9, scores.failures
    assert scores.flags.value >= 0.9, scores.failures
