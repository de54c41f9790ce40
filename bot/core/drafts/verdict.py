"""The draft verdict, learned from what the rules and the meaning model found.

The rules say *what* is wrong (rule, section, quote, fix) and each carries a severity of
its own; blind writers often weigh the same finding differently (a logo banner is
`review` to them, a veiled dig at a colleague `do_not_post`). So the verdict is a small
multinomial logistic regression over signals that exist for any policy: which rules
flagged which sections and how severely, how many findings of each severity, the
meaning model's probability per section and its reading of how severe the draft is
(trained by `policybot train drafts`, weights `weights/verdict.json`, figures in
`weights/MEANING_CARD.md`).

Guards stay explicit: a finding a wrong "ok" would make dangerous is never downgraded to
`ok`, whatever the model says (`FLOORS`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from bot.core.models import Verdict

from .context import RuleFinding

WEIGHTS = Path(__file__).with_name("weights") / "verdict.json"
VERDICTS: tuple[Verdict, ...] = ("ok", "review", "do_not_post")
RANK: dict[str, int] = {v: i for i, v in enumerate(VERDICTS)}

# The least a finding of these rules allows, whatever the model says. A child identified
# (§3.2), a patient's identity or health (§3.1) and a reply to the media (§3.5, which only
# the communications team gives) cannot be taken back once posted, and no edit of ours
# makes them safe: never postable. Asking the public for personal details (§3.2) can be
# rewritten (signpost a form), so it is never `ok`. The blind batches hold too few of
# these to trust a model alone, and a rewrite offered for a post that names a patient
# would keep the patient in it. A reference given as an HRA employee is one §3.4 says
# staff "may not provide" (22 of 22 labelled drafts it finds are `do_not_post`).
FLOORS: dict[str, Verdict] = {
    "children": "do_not_post",
    "patient_data": "do_not_post",
    "media": "do_not_post",
    "professional_reference": "do_not_post",
    "personal_data_collection": "review",
}


def features(
    findings: Sequence[RuleFinding],
    probabilities: Mapping[str, float],
    severity: Mapping[str, float] | None = None,
) -> dict[str, float]:
    """Named signals of one draft; a name the model does not know is simply ignored.
    `severity`: the meaning model's P(verdict at least v) from the embedding alone."""
    out: dict[str, float] = {f"severity {v}": p for v, p in (severity or {}).items()}
    rank = [RANK[f.verdict] for f in findings]
    out["any do_not_post"] = float(2 in rank)
    out["review only"] = float(1 in rank and 2 not in rank)
    out["do_not_post findings"] = float(min(rank.count(2), 3))
    out["review findings"] = float(min(rank.count(1), 3))
    flagged = {f.section for f in findings}
    values = list(probabilities.values()) or [0.0]
    unflagged = [p for s, p in probabilities.items() if s not in flagged] or [0.0]
    out["meaning max"] = max(values)
    out["meaning max unflagged"] = max(unflagged)
    out["meaning over 0.5"] = float(sum(p >= 0.5 for p in values))
    for section, p in probabilities.items():
        out[f"meaning {section}"] = p
    for f in findings:
        out[f"section {f.section} {f.verdict}"] = 1.0
        out[f"rule {f.rule} {f.verdict}"] = 1.0
    return out


@dataclass(frozen=True)
class VerdictModel:
    names: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray  # one row per verdict, in VERDICTS order
    intercept: np.ndarray

    def row(self, named: Mapping[str, float]) -> np.ndarray:
        return np.array([named.get(n, 0.0) for n in self.names], dtype=np.float64)

    def learned(
        self,
        findings: Sequence[RuleFinding],
        probs: Mapping[str, float],
        severity: Mapping[str, float] | None = None,
    ) -> Verdict:
        named = features(findings, probs, severity)
        z = ((self.row(named) - self.mean) / self.scale) @ self.coef.T
        return VERDICTS[int(np.argmax(z + self.intercept))]

    def decide(
        self,
        findings: Sequence[RuleFinding],
        probs: Mapping[str, float],
        severity: Mapping[str, float] | None = None,
    ) -> Verdict:
        """The learned verdict, raised to the floor of any safety-critical finding."""
        verdict = self.learned(findings, probs, severity)
        floor = max((RANK[FLOORS[f.rule]] for f in findings if f.rule in FLOORS), default=0)
        return VERDICTS[max(RANK[verdict], floor)]

    def to_dict(self) -> dict[str, Any]:
        return {
            "verdicts": list(VERDICTS),
            "names": list(self.names),
            "mean": [round(float(x), 6) for x in self.mean],
            "scale": [round(float(x), 6) for x in self.scale],
            "coef": [[round(float(x), 6) for x in row] for row in self.coef],
            "intercept": [round(float(x), 6) for x in self.intercept],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> VerdictModel:
        assert tuple(data["verdicts"]) == VERDICTS
        return cls(
            names=tuple(data["names"]),
            mean=np.asarray(data["mean"], dtype=np.float64),
            scale=np.asarray(data["scale"], dtype=np.float64),
            coef=np.asarray(data["coef"], dtype=np.float64),
            intercept=np.asarray(data["intercept"], dtype=np.float64),
        )


def load_verdict(path: Path = WEIGHTS) -> VerdictModel | None:
    """The shipped model, or None: then the verdict is the worst finding's, as the rules say."""
    if not path.is_file():
        return None
    return VerdictModel.from_dict(json.loads(path.read_text(encoding="utf-8")))
