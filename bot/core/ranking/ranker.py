"""Rank a policy's sections for a question with the learned models, and judge coverage."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .coverage import COVERAGE_NAMES, coverage_row
from .features import Query, feature_rows, similarities
from .index import SectionIndex, SectionRef
from .model import Weights
from .negatives import NONE, NegativeKeys

_VOTE = COVERAGE_NAMES.index("negative_vote")
_SCOPE = COVERAGE_NAMES.index("in_scope")


@dataclass(frozen=True)
class RankedSection:
    position: int  # index into SectionIndex.sections
    ref: SectionRef
    probability: float


@dataclass(frozen=True)
class Ranking:
    sections: list[RankedSection]
    covered_probability: float
    covered: bool
    chunk_similarity: np.ndarray  # cosine of the question to every chunk row
    key_similarity: np.ndarray  # cosine of the question to every example question
    # Share of known out-of-scope questions among the question's nearest neighbours
    # (0 for a policy without them): 1.0 means every neighbour is a question it refuses.
    out_of_scope_vote: float = 0.0
    in_scope: float = 0.5  # the scope model's probability (0.5 without example questions)

    @property
    def best(self) -> RankedSection | None:
        return self.sections[0] if self.sections else None


class SectionRanker:
    def __init__(
        self, index: SectionIndex, weights: Weights, negatives: NegativeKeys = NONE
    ) -> None:
        self.index = index
        self.weights = weights
        self.negatives = negatives

    def rank(self, query: Query, known_ratio: float) -> Ranking:
        sims = similarities(self.index, query)
        chosen, rows = feature_rows(self.index, query, sims)
        probabilities = self.weights.ranker.probability(rows)
        order = np.argsort(-probabilities, kind="stable")
        ranked = [
            RankedSection(chosen[i], self.index.sections[chosen[i]], float(probabilities[i]))
            for i in order
        ]
        negative = self.negatives.similarities(query.vector, query.exclude)
        has_keys = self.index.question_vectors.size > 0
        scope = self.weights.in_scope(query.vector) if has_keys else 0.5
        coverage = coverage_row(
            self.index, query, rows, probabilities, known_ratio, negative, sims, scope
        )
        model, threshold = self.weights.coverage_for(has_keys)
        covered_p = float(model.probability(coverage[None, :])[0]) if ranked else 0.0
        return Ranking(
            sections=ranked,
            covered_probability=covered_p,
            covered=covered_p >= threshold,
            chunk_similarity=sims.chunks,
            key_similarity=sims.keys,
            out_of_scope_vote=float(coverage[_VOTE]),
            in_scope=float(coverage[_SCOPE]),
        )


def blend(now: Ranking, before: Ranking, weight: float = 0.5) -> Ranking:
    """The follow-up's ranking averaged with the previous turn's, section by section."""
    previous = {r.position: r.probability for r in before.sections}
    mixed = [
        RankedSection(
            r.position, r.ref, (1 - weight) * r.probability + weight * previous.get(r.position, 0.0)
        )
        for r in now.sections
    ]
    mixed.sort(key=lambda r: -r.probability)
    covered_p = max(now.covered_probability, before.covered_probability)
    return Ranking(
        sections=mixed,
        covered_probability=covered_p,
        covered=now.covered or before.covered,
        chunk_similarity=now.chunk_similarity,
        key_similarity=now.key_similarity,
        out_of_scope_vote=now.out_of_scope_vote,
        in_scope=now.in_scope,
    )
