"""From the classifier's probabilities to a decision. Pure: numbers in, `Triage` out.

The whole message and each of its sentences have a probability per label. A report kind
scores the whole message's probability, or a sentence's when that clears the stricter
`sentence` bar: a sentence read alone loses the "what if" around it, so it may only
add a report the whole message hid (a report inside a question), never a false alarm
on the dev split. A message's report score is the sum of its report kinds' scores (how
likely it is a report of any kind), and its kind is the likeliest of them: a message the
model splits between harassment and safeguarding is still plainly a report. Two bars,
chosen for recall on the dev split (`policybot train`):
at `report` the message is a report and reaches the communications team (media and
harassment are held for one confirming click, safeguarding goes at once); at `possible`
we answer what was asked and offer the one-tap "this is happening now" action.
Safeguarding has its own, lower bar: a lost safeguarding report is the worst failure.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from bot.core.models import EscalationKind

from .labels import LABELS, REPORT_LABELS


@dataclass(frozen=True)
class Thresholds:
    report: float
    possible: float
    safeguarding: float
    sentence: float


@dataclass(frozen=True)
class Triage:
    """The escalation kind (None: not a report), a kind that might be happening (an
    answer then offers the report action), and the report score that decided it."""

    escalation: EscalationKind | None
    possible: EscalationKind | None = None
    score: float = 0.0
    draft: float = 0.0  # the whole message's probability of being a draft to check


def kind_scores(probabilities: np.ndarray, sentence_bar: float) -> dict[str, float]:
    """Each report kind's score: the whole message's probability (row 0), or a
    sentence's (the other rows) when that clears `sentence_bar`."""
    scores: dict[str, float] = {}
    for kind in REPORT_LABELS:
        column = probabilities[:, LABELS.index(kind)]
        sentence = float(column[1:].max()) if len(column) > 1 else 0.0
        counts = sentence_bar < 1.0 and sentence >= sentence_bar  # a bar of 1: sentences off
        scores[kind] = max(float(column[0]), sentence if counts else 0.0)
    return scores


def report_score(scores: dict[str, float]) -> float:
    """How likely the message is a report of any kind (capped: sentences can overlap)."""
    return min(1.0, sum(scores.values()))


def decide(probabilities: np.ndarray, thresholds: Thresholds) -> Triage:
    draft = float(probabilities[0, LABELS.index("draft")])
    scores = kind_scores(probabilities, thresholds.sentence)
    total = report_score(scores)
    top = max(scores, key=lambda k: scores[k])
    # Safeguarding first: when it clears its own bar it is never sent as another kind.
    if scores["safeguarding"] >= thresholds.safeguarding:
        return Triage(escalation="safeguarding", score=scores["safeguarding"], draft=draft)
    if total >= thresholds.report:
        return Triage(escalation=top, score=total, draft=draft)  # type: ignore[arg-type]
    if total >= thresholds.possible:
        return Triage(escalation=None, possible=top, score=total, draft=draft)  # type: ignore[arg-type]
    return Triage(escalation=None, score=total, draft=draft)
