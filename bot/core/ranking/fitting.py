"""The fitting pieces of ranking training: linear models as plain numbers, the ranker's
rows per question, cross-validated probabilities and the coverage threshold."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from ..knowledge import KnowledgeBase
from .coverage import COVERAGE_NAMES
from .features import NAMES, Query, Similarities, feature_rows, similarities
from .index import SectionIndex
from .model import LinearModel
from .scoring import Example, make_query, matches


def fit_linear(
    rows: np.ndarray, labels: np.ndarray, names: Sequence[str], c: float, balanced: bool = False
) -> LinearModel:
    """A standardised logistic regression as plain numbers (`LinearModel`)."""
    from sklearn.linear_model import LogisticRegression

    mean = rows.mean(axis=0)
    scale = rows.std(axis=0)
    scale[scale < 1e-4] = 1.0  # constant columns (one MiniLM dimension barely moves)
    model = LogisticRegression(C=c, max_iter=5000, class_weight="balanced" if balanced else None)
    model.fit((rows - mean) / scale, labels)
    return LinearModel(tuple(names), mean, scale, model.coef_[0], float(model.intercept_[0]))


@dataclass
class Rows:
    """Per question: its candidates' feature rows and labels, the query, its cosines."""

    features: list[np.ndarray] = field(default_factory=list)
    labels: list[np.ndarray] = field(default_factory=list)
    queries: list[Query] = field(default_factory=list)
    sims: list[Similarities] = field(default_factory=list)

    def __iadd__(self, other: Rows) -> Rows:
        self.features += other.features
        self.labels += other.labels
        self.queries += other.queries
        self.sims += other.sims
        return self


def ranker_rows(
    kb: KnowledgeBase, index: SectionIndex, examples: Sequence[Example], loo: bool
) -> Rows:
    out = Rows()
    for ex in examples:
        query = make_query(kb, ex.text, ex.vector, ex.text if loo else "")
        sims = similarities(index, query)
        chosen, rows = feature_rows(index, query, sims)
        refs = [index.sections[i] for i in chosen]
        out.features.append(rows)
        out.labels.append(np.array([matches(ex.gold, r.document, r.number) for r in refs], int))
        out.queries.append(query)
        out.sims.append(sims)
    return out


def cv_probabilities(
    features: list[np.ndarray], labels: list[np.ndarray], groups: list[int], c: float
) -> list[np.ndarray]:
    """Each question's probabilities from a model that never saw it (in either view)."""
    folds = 5
    out: list[np.ndarray] = [np.zeros(0)] * len(features)
    for fold in range(folds):
        held = [i for i in range(len(features)) if groups[i] % folds == fold]
        kept = [i for i in range(len(features)) if groups[i] % folds != fold]
        model = fit_linear(
            np.vstack([features[i] for i in kept]),
            np.concatenate([labels[i] for i in kept]),
            NAMES,
            c,
        )
        for i in held:
            out[i] = model.probability(features[i])
    return out


def threshold(probabilities: np.ndarray, answerable: np.ndarray, share: float) -> float:
    """The highest threshold that refuses at most `share` of answerable questions."""
    scores = np.sort(probabilities[answerable])
    allowed = int(np.floor(share * len(scores)))
    return float(scores[allowed]) - 1e-6 if len(scores) else 0.5


SCOPE_C = 0.1


def fit_scope(vectors: np.ndarray, labels: np.ndarray) -> tuple[LinearModel, np.ndarray]:
    """Answerable vs out of scope from the unit embedding; with each row's probability
    from a fold that never saw it (what the coverage model is trained on)."""
    rows = unit(vectors).astype(np.float64)
    names = [f"e{i}" for i in range(rows.shape[1])]
    held_out = np.zeros(len(labels))
    for fold in range(5):
        held = np.arange(len(labels)) % 5 == fold
        held_out[held] = fit_linear(rows[~held], labels[~held], names, SCOPE_C).probability(
            rows[held]
        )
    return fit_linear(rows, labels, names, SCOPE_C), held_out


def unit(rows: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    out: np.ndarray = (rows / np.maximum(norms, 1e-9)).astype(np.float32)
    return out


def cv_coverage(rows: np.ndarray, labels: np.ndarray, c: float) -> np.ndarray:
    out = np.zeros(len(labels))
    for fold in range(5):
        held = np.arange(len(labels)) % 5 == fold
        model = fit_linear(rows[~held], labels[~held], COVERAGE_NAMES, c)
        out[held] = model.probability(rows[held])
    return out
