"""Evidence per candidate section, in terms that carry over to any policy.

Each row describes one section against one question: how close the question is in
meaning to the section's passages, its title, its example questions and the passages
around its best one; how BM25 ranks it; whether its title shares the question's words;
whether it holds the kind of fact asked for (a contact, a quoted wording, a form) or
lists a name the question uses. Gaps to the best candidate let a pointwise model rank.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from ..lexical import stem, words
from .index import SectionIndex

NAMES = (
    "chunk_max",
    "chunk_top2",
    "chunk_mean",
    "title_cos",
    "key_max",
    "key_top3",
    "has_keys",
    "neighbour_max",
    "bm25",
    "bm25_rank",
    "title_overlap",
    "fact_match",
    "list_hit",
    "heading_only",
    "front_matter",
    "chunk_gap",
    "key_gap",
    "title_gap",
    "bm25_gap",
    "chunk_rank",
    "key_rank",
    "key_vote",
)
KEY_NEIGHBOURS = 10
BM25_HALF = 5.0
DENSE_CANDIDATES = 10
LEXICAL_CANDIDATES = 5

_ASKS_CONTACT = re.compile(
    r"\b(e-?mail|address|phone|number|call|ring|contact|get hold|reach)\b", re.I
)
_ASKS_QUOTE = re.compile(r"\b(disclaimer|wording|exact words|word for word|statement|say)\b", re.I)
_ASKS_FORM = re.compile(r"\b(form|checklist|template)\b", re.I)


@dataclass(frozen=True)
class Query:
    text: str
    vector: np.ndarray
    bm25: dict[int, float]  # chunk row -> BM25 score
    exclude: str = ""  # an example question's own text, left out of the keys (training)

    @property
    def stems(self) -> set[str]:
        return {stem(w) for w in words(self.text)}

    @property
    def names(self) -> set[str]:
        return {w.lower() for w in re.findall(r"[A-Za-z][\w'-]+", self.text)}


@dataclass(frozen=True)
class Similarities:
    chunks: np.ndarray
    keys: np.ndarray
    titles: np.ndarray


def similarities(index: SectionIndex, query: Query) -> Similarities:
    q = query.vector.astype(np.float32)
    q = q / max(float(np.linalg.norm(q)), 1e-9)
    chunks = index.chunk_vectors @ q if index.chunk_vectors.size else np.zeros(0, np.float32)
    keys = index.question_vectors @ q if index.question_vectors.size else np.zeros(0, np.float32)
    if query.exclude and keys.size:
        plain = " ".join(query.exclude.lower().split())
        for row, text in enumerate(index.question_texts):
            if text == plain:
                keys[row] = -1.0
    titles = index.title_vectors @ q if index.title_vectors.size else np.zeros(0, np.float32)
    return Similarities(chunks=chunks, keys=keys, titles=titles)


def _top_mean(values: np.ndarray, k: int) -> float:
    if values.size == 0:
        return 0.0
    if values.size <= k:
        return float(values.mean())
    return float(np.partition(values, -k)[-k:].mean())


def _raw(index: SectionIndex, query: Query, sims: Similarities, i: int) -> list[float]:
    ref = index.sections[i]
    chunk = sims.chunks[ref.chunk_rows]
    keys = sims.keys[ref.key_rows] if ref.key_rows.size else np.zeros(0, np.float32)
    keys = keys[keys > -1.0]
    best_row = int(ref.chunk_rows[int(np.argmax(chunk))])
    around = [r for r in (best_row - 1, best_row + 1) if 0 <= r < sims.chunks.size]
    bm25 = max((query.bm25.get(int(r), 0.0) for r in ref.chunk_rows), default=0.0)
    stems = query.stems
    asks = (
        (ref.has_contact and bool(_ASKS_CONTACT.search(query.text)))
        or (ref.has_quote and bool(_ASKS_QUOTE.search(query.text)))
        or (ref.has_form and bool(_ASKS_FORM.search(query.text)))
    )
    return [
        float(chunk.max()),
        _top_mean(chunk, 2),
        float(chunk.mean()),
        float(sims.titles[ref.title_row]) if ref.title_row >= 0 else 0.0,
        float(keys.max()) if keys.size else 0.0,
        _top_mean(keys, 3),
        float(keys.size > 0),
        max((float(sims.chunks[r]) for r in around), default=0.0),
        bm25 / (bm25 + BM25_HALF),
        0.0,  # bm25_rank, filled in across candidates
        len(stems & ref.title_stems) / max(1, len(ref.title_stems)),
        float(asks),
        float(bool(query.names & ref.listed)),
        float(ref.heading_only),
        float(ref.front_matter),
    ]


def _reciprocal_rank(values: np.ndarray) -> np.ndarray:
    order = np.argsort(-values, kind="stable")
    ranks = np.empty(len(values))
    ranks[order] = np.arange(len(values))
    out: np.ndarray = 1.0 / (1.0 + ranks)
    return out


def candidates(index: SectionIndex, query: Query, sims: Similarities) -> list[int]:
    """Sections worth scoring: the closest in meaning, and the best by BM25."""
    n = len(index.sections)
    if n <= DENSE_CANDIDATES + LEXICAL_CANDIDATES:
        return list(range(n))
    dense = np.full(n, -1.0)
    for i, ref in enumerate(index.sections):
        best = float(sims.chunks[ref.chunk_rows].max())
        if ref.key_rows.size:
            best = max(best, float(sims.keys[ref.key_rows].max()))
        if ref.title_row >= 0:
            best = max(best, float(sims.titles[ref.title_row]))
        dense[i] = best
    chosen = [int(i) for i in np.argsort(-dense)[:DENSE_CANDIDATES]]
    lexical = sorted(query.bm25.items(), key=lambda item: -item[1])
    for row, _score in lexical:
        section = int(index.section_of_chunk[row])
        if section >= 0 and section not in chosen:
            chosen.append(section)
        if len(chosen) >= DENSE_CANDIDATES + LEXICAL_CANDIDATES:
            break
    return chosen


def feature_rows(
    index: SectionIndex, query: Query, sims: Similarities | None = None
) -> tuple[list[int], np.ndarray]:
    """(candidate sections, one feature row each, columns as `NAMES`)."""
    sims = sims or similarities(index, query)
    chosen = candidates(index, query, sims)
    if not chosen:
        return [], np.zeros((0, len(NAMES)))
    raw = np.array([_raw(index, query, sims, i) for i in chosen], dtype=np.float64)
    bm25 = raw[:, 8]
    raw[:, 9] = np.where(bm25 > 0, _reciprocal_rank(bm25), 0.0)
    gaps = raw[:, [0, 4, 3, 8]] - raw[:, [0, 4, 3, 8]].max(axis=0)
    ranks = np.column_stack([_reciprocal_rank(raw[:, 0]), _reciprocal_rank(raw[:, 4])])
    return chosen, np.hstack([raw, gaps, ranks, _key_votes(index, sims, chosen)[:, None]])


def _key_votes(index: SectionIndex, sims: Similarities, chosen: list[int]) -> np.ndarray:
    """Share of the question's nearest example questions that belong to each section."""
    votes = np.zeros(len(chosen))
    if sims.keys.size == 0:
        return votes
    k = min(KEY_NEIGHBOURS, sims.keys.size)
    nearest = set(np.argpartition(-sims.keys, k - 1)[:k].tolist())
    for j, i in enumerate(chosen):
        rows = index.sections[i].key_rows
        votes[j] = sum(int(r) in nearest for r in rows) / k
    return votes
