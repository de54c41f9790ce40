"""Does the policy answer this question at all? If not, say so rather than quote noise.

Three signals: how close the best passage is in meaning (cosine similarity of MiniLM
embeddings), whether the question shares content words with it (BM25), and how many
of the question's words the policy uses at all ("annual leave": "leave" never appears).
Thresholds were set on tests/eval/questions.jsonl and checked on tests/eval/holdout.jsonl.
"""

from __future__ import annotations

from collections.abc import Sequence

from .retrieval import Hit

STRONG_DENSE = 0.40
WEAK_DENSE = 0.25
MIN_KNOWN_WORDS = 0.4
LEXICAL_SUPPORT = 1.5


def is_covered(hits: Sequence[Hit], known_ratio: float) -> bool:
    if not hits:
        return False
    best_dense = max(hit.dense for hit in hits)
    best_lexical = max(hit.lexical for hit in hits)
    if best_dense >= STRONG_DENSE:
        return True
    return (
        best_dense >= WEAK_DENSE
        and known_ratio >= MIN_KNOWN_WORDS
        and best_lexical >= LEXICAL_SUPPORT
    )
