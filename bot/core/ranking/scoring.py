"""Section-level figures for the models: hit@3, top-1, refusals. Used by training and its card."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..knowledge import KnowledgeBase
from .features import Query
from .index import SectionIndex
from .model import Weights
from .negatives import NONE, NegativeKeys
from .ranker import SectionRanker

LEXICAL_CANDIDATES = 40


@dataclass
class Example:
    text: str
    gold: tuple[tuple[str, str], ...]  # (document or "*", section); empty when out of scope
    vector: np.ndarray


@dataclass
class Figures:
    answerable: int = 0
    hit3: int = 0
    top1: int = 0
    answerable_refused: int = 0
    oos: int = 0
    oos_refused: int = 0
    misses: list[str] = field(default_factory=list)

    def row(self) -> str:
        def share(a: int, b: int) -> str:
            return f"{a / b:.3f}" if b else "n/a"

        return (
            f"{self.answerable + self.oos} | {share(self.hit3, self.answerable)} | "
            f"{share(self.top1, self.answerable)} | {self.oos} | "
            f"{share(self.oos_refused, self.oos)} | "
            f"{share(self.answerable_refused, self.answerable)}"
        )


def make_query(kb: KnowledgeBase, text: str, vector: np.ndarray, exclude: str = "") -> Query:
    # One BM25 pass over every passage: the ranker reads the best few, the passage order all.
    every = kb.lexical.search(text, len(kb.chunks))
    return Query(text, vector, dict(every[:LEXICAL_CANDIDATES]), exclude, dict(every))


def matches(gold: tuple[tuple[str, str], ...], document: str, number: str) -> bool:
    return any(n == number and d in ("*", document) for d, n in gold)


def score_sections(
    kb: KnowledgeBase,
    weights: Weights,
    examples: list[Example],
    *,
    loo: bool,
    negatives: NegativeKeys = NONE,
) -> Figures:
    ranker = SectionRanker(SectionIndex(kb), weights, negatives)
    figures = Figures()
    for ex in examples:
        query = make_query(kb, ex.text, ex.vector, ex.text if loo else "")
        ranking = ranker.rank(query, kb.lexical.known_ratio(ex.text))
        if not ex.gold:
            figures.oos += 1
            figures.oos_refused += int(not ranking.covered)
            if ranking.covered:
                figures.misses.append(f"answered oos: {ex.text}")
            continue
        top = [(r.ref.document, r.ref.number) for r in ranking.sections[:3]]
        hits = [matches(ex.gold, d, n) for d, n in top]
        figures.answerable += 1
        figures.hit3 += int(any(hits))
        figures.top1 += int(bool(hits) and hits[0])
        figures.answerable_refused += int(not ranking.covered)
        if not hits or not hits[0]:
            figures.misses.append(
                f"{[g[1] for g in ex.gold]} got {[n for _d, n in top]}: {ex.text}"
            )
    return figures
