"""The verifier's soft decision, learned: is a summary that passed every hard check
(literals, names, section numbers, shape) supported by its passages?

The hand rules (word support, the paraphrase route, polarity, force, overreach) each
give a yes or no per clause; a faithful paraphrase often misses one of their bars by a
little. Here a small random forest reads what those steps measured, per clause, pooled
over the summary by its weakest clause: how much of it the policy words, how closely,
what it leaves unmatched (hardening words, names), its sentence cosine to the line, and
what each rule said. Only signals any policy would give: no word of this one.

Trained by `policybot train phrasing` (`decision_train.py`); weights in
`weights/decision.json`, figures in `weights/DECISION_CARD.md`. The bar is chosen so
that the training summaries' rejection stays at or above `REJECT_FLOOR`.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

WEIGHTS = Path(__file__).with_name("weights") / "decision.json"
RULE_REASONS = ("unsupported", "polarity", "instruction", "overreach")


@dataclass(frozen=True)
class ClaimSignals:
    """One clause as the verifier measured it against its best policy line(s)."""

    sentence: int
    reason: str | None  # what the hand rules say: one of RULE_REASONS, or None
    words: int = 0  # content words
    recall: float = 0.0  # share matched by the best line(s)
    soft: float = 0.0  # mean of each word's best cosine on those lines
    weakest: float = 0.0  # the worst-matched word's cosine
    near: float = 0.0  # mean of each word's best cosine on any line of the passages
    far: int = 0  # words near no word of the passages (under `clause_signals.LOOSE_WORD`)
    loose: float = 0.0  # share its best line(s) match at that looser cosine
    unmatched: int = 0
    hardening: int = 0  # unmatched hardening or widening words ("always", "every")
    names: int = 0  # unmatched capitalised words
    hardened: int = 0  # hardening words anywhere in the clause the lines never use
    lines: int = 1  # 2: a compound clause resting on two lines
    cosine: float = 0.0  # sentence embedding cosine to the best line or its pieces
    anywhere: float = 0.0  # … to any line of the passages: a paraphrase sharing few words
    # When that closest line is not the support and reads with the other polarity: how
    # much closer it is than the support (0 otherwise).
    reversed_by: float = 0.0
    support_reversed: bool = False  # the best line(s) read with the other polarity
    flipped: int = 0  # matched words whose own clause forbids where their line's asks, or back
    waives: bool = False  # "you don't need to …" where the lines waive nothing
    by_words: bool = False  # the word check alone passes
    by_sense: bool = False  # the paraphrase route passes
    negated: bool = False
    permits: bool = False
    obliges: bool = False
    universal: bool = False
    # How far it widens its lines (`scope.py`): a hedge made certain, the largest share
    # of a restricting clause of the lines it leaves out, widening words no line uses.
    hedge_dropped: bool = False
    restriction_dropped: float = 0.0
    scope_unstated: int = 0
    # Words its support leaves unmatched that a runner-up line of the other polarity matches.
    borrowed_reversed: int = 0

    @classmethod
    def unsupported(cls, sentence: int) -> ClaimSignals:
        """A clause with no policy line at all to rest on."""
        return cls(sentence, "unsupported")


def features(
    claims: Sequence[ClaimSignals], sentences: int, rule_accepts: bool
) -> dict[str, float]:
    """Named signals of one summary: its weakest clause on each measure, and counts."""
    if not claims:
        claims = (
            ClaimSignals(
                0,
                None,
                recall=1.0,
                soft=1.0,
                weakest=1.0,
                near=1.0,
                loose=1.0,
                cosine=1.0,
                anywhere=1.0,
            ),
        )
    n = len(claims)

    def worst(values: Sequence[float]) -> float:
        return float(min(values))

    missed = [c.cosine for c in claims if not c.by_words] or [1.0]
    out = {
        "rule accepts": float(rule_accepts),
        "clauses": math.log1p(n),
        "sentences": float(sentences),
        "min recall": worst([c.recall for c in claims]),
        "mean recall": float(np.mean([c.recall for c in claims])),
        "min soft recall": worst([c.soft for c in claims]),
        "min weakest word": worst([c.weakest for c in claims]),
        "min nearness anywhere": worst([c.near for c in claims]),
        "words far from the passages": float(sum(c.far for c in claims)),
        "min loose recall": worst([c.loose for c in claims]),
        "min cosine": worst([c.cosine for c in claims]),
        "min cosine of word misses": worst(missed),
        "min cosine anywhere": worst([c.anywhere for c in claims]),
        "closest line reversed by": float(max(c.reversed_by for c in claims)),
        "support reversed": float(sum(c.support_reversed for c in claims)),
        "words flipped": float(sum(c.flipped for c in claims)),
        "max share flipped": max(c.flipped / max(1, c.words) for c in claims),
        "waivers unstated": float(sum(c.waives for c in claims)),
        "max unmatched": float(max(c.unmatched for c in claims)),
        "unmatched": float(sum(c.unmatched for c in claims)),
        "hardening unmatched": float(sum(c.hardening for c in claims)),
        "names unmatched": float(sum(c.names for c in claims)),
        "hardened unstated": float(sum(c.hardened for c in claims)),
        "two-line clauses": float(sum(c.lines > 1 for c in claims)),
        "word misses": float(sum(not c.by_words for c in claims)),
        "paraphrase passes": float(sum(c.by_sense for c in claims)),
        "max words": math.log1p(max(c.words for c in claims)),
        "negated clauses": float(sum(c.negated for c in claims)) / n,
        "permitting clauses": float(sum(c.permits and not c.negated for c in claims)) / n,
        "universal clauses": float(sum(c.universal for c in claims)),
        "hedges dropped": float(sum(c.hedge_dropped for c in claims)),
        "max restriction dropped": float(max(c.restriction_dropped for c in claims)),
        "scope words unstated": float(sum(c.scope_unstated for c in claims)),
        "words borrowed from a reversed line": float(max(c.borrowed_reversed for c in claims)),
    }
    for reason in RULE_REASONS:
        out[f"rule {reason}"] = float(sum(c.reason == reason for c in claims))
    return out


@dataclass(frozen=True)
class Decision:
    """A random forest as flat arrays: every tree's nodes one after another, a leaf
    pointing at itself, so all trees descend together one level per step."""

    names: tuple[str, ...]
    roots: np.ndarray  # each tree's first node
    feature: np.ndarray  # per node; -1 at a leaf
    threshold: np.ndarray  # go left when the feature is <= this
    left: np.ndarray
    right: np.ndarray
    value: np.ndarray  # per node: the share of supported summaries (weighted) at a leaf
    depth: int
    bar: float  # accept at or above this probability

    def probability(self, named: dict[str, float]) -> float:
        # As the forest was fitted: scikit-learn compares float32 features.
        row = np.array([named.get(k, 0.0) for k in self.names], np.float32).astype(np.float64)
        nodes = self.roots
        for _ in range(self.depth):
            feature = self.feature[nodes]
            if feature.max() < 0:  # every tree at its leaf already: later steps stay put
                break
            goes_left = row[np.maximum(feature, 0)] <= self.threshold[nodes]
            nodes = np.where(goes_left, self.left[nodes], self.right[nodes])
        return float(self.value[nodes].mean())

    def accepts(self, claims: Sequence[ClaimSignals], sentences: int, rule_accepts: bool) -> bool:
        return self.probability(features(claims, sentences, rule_accepts)) >= self.bar

    def to_dict(self) -> dict[str, object]:
        return {
            "names": list(self.names),
            "bar": self.bar,
            "depth": self.depth,
            "roots": self.roots.tolist(),
            "feature": self.feature.tolist(),
            "threshold": self.threshold.tolist(),
            "left": self.left.tolist(),
            "right": self.right.tolist(),
            "value": [round(float(v), 6) for v in self.value],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Decision:
        def ints(key: str) -> np.ndarray:
            return np.asarray(data[key], dtype=np.intp)

        return cls(
            tuple(str(n) for n in data["names"]),
            ints("roots"),
            ints("feature"),
            np.asarray(data["threshold"], dtype=np.float64),
            ints("left"),
            ints("right"),
            np.asarray(data["value"], dtype=np.float64),
            int(data["depth"]),
            float(data["bar"]),
        )


@lru_cache(maxsize=4)  # read once per process, not per Verifier
def load_decision(path: Path = WEIGHTS) -> Decision | None:
    """The shipped decision; None (the hand rules decide alone) when there is none."""
    if not path.is_file():
        return None
    return Decision.from_dict(json.loads(path.read_text(encoding="utf-8")))
