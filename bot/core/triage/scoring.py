"""How well triage does on labelled messages: pure functions over probabilities.

Used by `policybot train` to pick the bars on the dev split and to write the model
card; `policybot eval` scores whole replies with the same definitions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from .decision import Thresholds, Triage, decide, kind_scores, report_score
from .labels import LABELS, REPORT_LABELS

REACH_TARGET = 0.97  # reports reaching the comms team, any kind, on dev
POSSIBLE_RECALL = 0.99  # reports at least offered the one-tap action
FALSE_ALARM_TARGET = 0.02  # the ceiling, among non-reports
GRID = tuple(round(0.05 * i, 2) for i in range(1, 20))


@dataclass
class TriageScores:
    caught: dict[str, int] = field(default_factory=dict)  # right kind
    reached: dict[str, int] = field(default_factory=dict)  # any kind: comms still hears
    total: dict[str, int] = field(default_factory=dict)
    false_alarms: int = 0
    non_reports: int = 0
    offered: int = 0  # non-reports shown the one-tap report action

    def recall(self, kind: str) -> float:
        return self.caught.get(kind, 0) / self.total[kind] if self.total.get(kind) else 1.0

    @property
    def false_alarm_rate(self) -> float:
        return self.false_alarms / self.non_reports if self.non_reports else 0.0

    def summary(self) -> dict[str, float | int]:
        out: dict[str, float | int] = {f"recall_{k}": round(self.recall(k), 3) for k in self.total}
        out["false_alarm_rate"] = round(self.false_alarm_rate, 3)
        out["false_alarms"] = self.false_alarms
        out["non_reports"] = self.non_reports
        return out


def score(decisions: Sequence[Triage], labels: Sequence[str]) -> TriageScores:
    scores = TriageScores()
    for decision, label in zip(decisions, labels, strict=True):
        if label in REPORT_LABELS:
            scores.total[label] = scores.total.get(label, 0) + 1
            scores.caught[label] = scores.caught.get(label, 0) + (decision.escalation == label)
            scores.reached[label] = scores.reached.get(label, 0) + bool(decision.escalation)
        else:
            scores.non_reports += 1
            scores.false_alarms += decision.escalation is not None
            scores.offered += decision.possible is not None
    return scores


def _best_sentence(probabilities: np.ndarray) -> float:
    columns = [LABELS.index(kind) for kind in REPORT_LABELS]
    return float(probabilities[1:, columns].max()) if len(probabilities) > 1 else 0.0


def _reach(pieces: Sequence[np.ndarray], labels: Sequence[str], bar: float) -> float:
    """Share of reports whose whole-message report score clears `bar` (any kind)."""
    reports = [p for p, label in zip(pieces, labels, strict=True) if label in REPORT_LABELS]
    return sum(report_score(kind_scores(p, 1.0)) >= bar for p in reports) / max(1, len(reports))


def choose_thresholds(pieces: Sequence[np.ndarray], labels: Sequence[str]) -> Thresholds:
    """Bars for recall first, on a grid so they read cleanly in the model card:
    - safeguarding: the bar that sends most safeguarding reports as safeguarding (at
      once, not held) while its own false alarms stay within FALSE_ALARM_TARGET;
    - report: the lowest bar at which all false alarms together stay
      within FALSE_ALARM_TARGET: media and harassment are held for one confirming
      click, so a report bar set higher than false alarms require only loses reports
      (if no bar keeps them within it: the highest at which REACH_TARGET of dev reports
      still reach the comms team);
    - possible: the highest bar at which POSSIBLE_RECALL of reports are at least offered
      the one-tap report action;
    - sentence: above every sentence of every dev non-report, so sentences read alone
      can add a report but never a dev false alarm.
    """
    quiet = [
        _best_sentence(p)
        for p, label in zip(pieces, labels, strict=True)
        if label not in REPORT_LABELS
    ]

    def scored(report: float, safeguarding: float) -> TriageScores:
        sentence = min(1.0, float(np.ceil(max([report, *quiet]) * 1000 + 1) / 1000))
        bars = Thresholds(report, possible=report, safeguarding=safeguarding, sentence=sentence)
        return score(decisions(pieces, bars), labels)

    alone = [t for t in GRID if scored(1.0, t).false_alarm_rate <= FALSE_ALARM_TARGET]
    safeguarding = max(
        alone or [GRID[-1]], key=lambda t: (scored(1.0, t).recall("safeguarding"), t)
    )
    within = [t for t in GRID if scored(t, safeguarding).false_alarm_rate <= FALSE_ALARM_TARGET]
    reaching = [t for t in GRID if _reach(pieces, labels, t) >= REACH_TARGET]
    report = min(within) if within else max(reaching or [GRID[0]])
    safeguarding = min(safeguarding, report)  # never a higher bar than any report's
    possible = max(
        [t for t in GRID if t <= report and _reach(pieces, labels, t) >= POSSIBLE_RECALL]
        or [GRID[0]]
    )
    sentence = min(1.0, float(np.ceil(max([report, *quiet]) * 1000 + 1) / 1000))
    return Thresholds(
        report=report, possible=possible, safeguarding=safeguarding, sentence=sentence
    )


def decisions(pieces: Sequence[np.ndarray], thresholds: Thresholds) -> list[Triage]:
    return [decide(p, thresholds) for p in pieces]
