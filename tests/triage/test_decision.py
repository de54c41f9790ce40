"""From probabilities to a decision: pure, no model."""

from __future__ import annotations

import numpy as np

from bot.core.triage import LABELS, Thresholds, decide

BARS = Thresholds(report=0.6, possible=0.3, safeguarding=0.4, sentence=0.9)


def probs(*rows: dict[str, float]) -> np.ndarray:
    out = np.zeros((len(rows), len(LABELS)))
    for i, row in enumerate(rows):
        out[i, 0] = 1.0 - sum(row.values())
        for label, value in row.items():
            out[i, LABELS.index(label)] = value
    return out


def test_a_clear_report_escalates_with_its_kind() -> None:
    assert decide(probs({"media": 0.9}), BARS).escalation == "media"


def test_safeguarding_has_the_lower_bar_and_wins_over_a_likelier_kind() -> None:
    result = decide(probs({"harassment": 0.5, "safeguarding": 0.45}), BARS)
    assert result.escalation == "safeguarding"


def test_between_the_bars_it_is_only_a_possible_report() -> None:
    result = decide(probs({"harassment": 0.35}), BARS)
    assert (result.escalation, result.possible) == (None, "harassment")


def test_a_question_is_neither() -> None:
    result = decide(probs({"media": 0.05}), BARS)
    assert (result.escalation, result.possible) == (None, None)


def test_a_sentence_counts_only_above_the_sentence_bar() -> None:
    weak = decide(probs({"media": 0.1}, {"media": 0.85}), BARS)
    strong = decide(probs({"media": 0.1}, {"media": 0.95}), BARS)
    assert weak.escalation is None
    assert strong.escalation == "media"
