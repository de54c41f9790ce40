"""A fitted linear model as plain numbers: standardise, weigh, squash to a probability.

Fitted by `bot.core.ranking.train` (scikit-learn's LogisticRegression); applying it is
a dot product, so answering never imports scikit-learn and costs microseconds.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

WEIGHTS = Path(__file__).with_name("weights.json")


@dataclass(frozen=True)
class LinearModel:
    names: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float

    def probability(self, rows: np.ndarray) -> np.ndarray:
        if rows.size == 0:
            return np.zeros(0)
        z = ((rows - self.mean) / self.scale) @ self.coef + self.intercept
        out: np.ndarray = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "names": list(self.names),
            "mean": [round(float(x), 6) for x in self.mean],
            "scale": [round(float(x), 6) for x in self.scale],
            "coef": [round(float(x), 6) for x in self.coef],
            "intercept": round(float(self.intercept), 6),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LinearModel:
        return cls(
            names=tuple(data["names"]),
            mean=np.asarray(data["mean"], dtype=np.float64),
            scale=np.asarray(data["scale"], dtype=np.float64),
            coef=np.asarray(data["coef"], dtype=np.float64),
            intercept=float(data["intercept"]),
        )


@dataclass(frozen=True)
class Weights:
    """The ranker, and a coverage model (with its threshold) for policies with example
    questions and one for policies without: each judges by the evidence it will have."""

    ranker: LinearModel
    coverage: LinearModel
    coverage_threshold: float
    coverage_bare: LinearModel
    coverage_bare_threshold: float
    # Answerable vs out of scope from the question's embedding alone, trained on this
    # policy's questions: a feature of the coverage model with example questions.
    scope: LinearModel | None = None

    def in_scope(self, vector: np.ndarray) -> float:
        """The scope model's probability; neutral (0.5) without one."""
        if self.scope is None:
            return 0.5
        unit = vector / max(float(np.linalg.norm(vector)), 1e-9)
        return float(self.scope.probability(unit[None, :])[0])

    def coverage_for(self, has_keys: bool) -> tuple[LinearModel, float]:
        if has_keys:
            return self.coverage, self.coverage_threshold
        return self.coverage_bare, self.coverage_bare_threshold

    def to_dict(self) -> dict[str, Any]:
        return {
            "ranker": self.ranker.to_dict(),
            "coverage": self.coverage.to_dict(),
            "coverage_threshold": round(self.coverage_threshold, 6),
            "coverage_bare": self.coverage_bare.to_dict(),
            "coverage_bare_threshold": round(self.coverage_bare_threshold, 6),
            "scope": self.scope.to_dict() if self.scope else None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Weights:
        return cls(
            ranker=LinearModel.from_dict(data["ranker"]),
            coverage=LinearModel.from_dict(data["coverage"]),
            coverage_threshold=float(data["coverage_threshold"]),
            coverage_bare=LinearModel.from_dict(data["coverage_bare"]),
            coverage_bare_threshold=float(data["coverage_bare_threshold"]),
            scope=LinearModel.from_dict(data["scope"]) if data.get("scope") else None,
        )


def load_weights(path: Path = WEIGHTS) -> Weights:
    return Weights.from_dict(json.loads(path.read_text(encoding="utf-8")))


def dump_weights(weights: Weights) -> str:
    return json.dumps(weights.to_dict(), indent=1) + "\n"
