"""The labelled case files, scored through the whole assistant exactly as `policybot eval` does.

These are the figures the README quotes; a change that lowers them fails here, not months
later in a user's chat.
"""

from __future__ import annotations

from pathlib import Path

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


def test_dev_split_reports_reach_the_comms_team_and_few_questions_do(core):
    """The triage dev split (tests/eval/triage/splits.json), scored through the whole
    assistant. Its bars were chosen on it, so these are floors, not forecasts: the
    first-scored test batches are the forecast (README)."""
    scores = scored(core, "triage/dev/w4-involvement-lead.jsonl")
    for kind, recall in scores.kind_recall.items():
        assert recall.value >= 0.75, (kind, recall, scores.failures)
    reached = sum(n for (want, got), n in scores.confusion.items() if want != "none" != got)
    reports = sum(n for (want, _), n in scores.confusion.items() if want != "none")
    assert reached / reports >= 0.95, scores.failures  # the comms team hears, whatever kind
    assert scores.false_alarms.value <= 0.04, scores.failures
    assert scored(core, "holdout.jsonl").escalation.value == 1.0


def test_drafts_meet_the_issue_floors(core):
    scores = scored(core, "drafts.jsonl")
    assert scores.verdict.total >= 50
    assert scores.verdict.value >= 0.9, scores.failures
    assert scores.flags.value >= 0.9, scores.failures
