"""Does the policy answer this at all? Evidence about the question as a whole.

The best section's ranking probability and its closeness in meaning, BM25 support, the
share of the question's words the policy uses at all ("annual leave": "leave" never
appears), and whether the question names something the policy lists by name ("is
Reddit covered?": §1 lists it, so the answer is in the text).
"""

from __future__ import annotations

import numpy as np

from ..intents import asks_for_contact
from ..lexical import words
from .features import NAMES, Query, Similarities
from .index import SectionIndex

COVERAGE_NAMES = (
    "p_top",
    "p_margin",
    "chunk_max",
    "key_max",
    "title_cos",
    "bm25",
    "known_ratio",
    "listed",
    "content_words",
    "unknown_words",
    "key_vote",
    "negative_max",
    "negative_top3",
    "key_minus_negative",
    "negative_vote",
    "key3_minus_negative3",
    "asks_contact",
    "in_scope",
)
# Nearest neighbours among the policy's own example questions (or, without them, its
# passages) and the known out-of-scope questions: which side is the question nearer?
VOTERS = 10
_COL = {name: NAMES.index(name) for name in ("chunk_max", "key_max", "title_cos", "bm25")}


def coverage_row(
    index: SectionIndex,
    query: Query,
    rows: np.ndarray,
    probabilities: np.ndarray,
    known_ratio: float,
    negatives: np.ndarray,
    sims: Similarities,
    in_scope: float = 0.5,
) -> np.ndarray:
    """`known_ratio`: share of the question's content words the policy uses at all;
    `negatives`: the question's cosine to each out-of-scope example question;
    `sims`: its cosines to the policy's passages and example questions; `in_scope`: the
    scope model's probability (0.5, neutral, for a policy without example questions)."""
    if rows.size == 0:
        return np.zeros(len(COVERAGE_NAMES))
    negatives = negatives[negatives > -1.0]
    order = np.argsort(-probabilities)
    top = rows[order[0]]
    margin = probabilities[order[0]] - (probabilities[order[1]] if len(order) > 1 else 0.0)
    best = rows.max(axis=0)
    negative = sorted(negatives.tolist(), reverse=True)[:3] or [0.0]
    own = sims.keys[sims.keys > -1.0] if sims.keys.size else sims.chunks
    mine = sorted(own.tolist(), reverse=True)[:3] or [0.0]
    return np.array(
        [
            probabilities[order[0]],
            margin,
            best[_COL["chunk_max"]],
            best[_COL["key_max"]],
            top[_COL["title_cos"]],
            best[_COL["bm25"]],
            known_ratio,
            float(bool(query.names & index.listed)),
            min(len(words(query.text)), 10) / 10,
            min(round(len(words(query.text)) * (1 - known_ratio)), 4) / 4,
            top[NAMES.index("key_vote")],
            negative[0],
            sum(negative) / len(negative),
            best[_COL["key_max"]] - negative[0],
            _negative_vote(own, negatives),
            sum(mine) / len(mine) - sum(negative) / len(negative),
            float(asks_for_contact(query.text)),
            in_scope,
        ]
    )


def _negative_vote(own: np.ndarray, negatives: np.ndarray) -> float:
    """Share of out-of-scope questions among the question's nearest neighbours."""
    both = np.concatenate([own, negatives])
    if both.size == 0:
        return 0.0
    k = min(VOTERS, both.size)
    nearest = np.argpartition(-both, k - 1)[:k]
    return float((nearest >= own.size).sum()) / k
