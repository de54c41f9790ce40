"""From probabilities to a decision: pure, no model."""

from __future__ import annotations

import numpy as np

from bot.core.triage import LABELS, Thresholds, decide
from bot.core.triage.scoring import choose_thresholds

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


def test_dev_bars_catch_every_report_false_alarms_allow() -> None:
    """A report the model is only fairly sure of (media 0.6) is caught when no question
    scores as high: the report bar sits as low as dev false alarms allow, not as high
    as a reach target would tolerate."""
    reports = [probs({"media": 0.99})] * 60 + [probs({"media": 0.6})] * 2
    reports += [probs({"safeguarding": 0.9})] * 20
    questions = [probs({"media": 0.3})] * 99 + [probs({"safeguarding": 0.5})]
    labels = ["media"] * 62 + ["safeguarding"] * 20 + ["question"] * 100
    bars = choose_thresholds(reports + questions, labels)
    assert bars.report <= 0.6 < 0.3 + bars.report
    assert bars.safeguarding <= 0.5  # one false alarm in 100 is within the 2% allowed
    found = [decide(p, bars).escalation for p in reports]
    assert found == labels[:82]
    quiet = [decide(p, bars).escalation for p in questions]
    assert quiet.count(None) >= 98


def test_no_report_bar_keeps_false_alarms_in_budget_falls_back_to_reach() -> None:
    """When questions score like reports, the bar keeps most reports reaching the team."""
    pieces = [probs({"media": 0.9})] * 50 + [probs({"media": 0.95})] * 50
    labels = ["media"] * 50 + ["question"] * 50
    bars = choose_thresholds(pieces, labels)
    assert decide(pieces[0], bars).escalation == "media"
