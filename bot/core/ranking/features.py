"""Evidence per candidate section, in terms that carry over to any policy.

Each row describes one section against one question: how close the question is in
meaning to the section's passages, its title, its example questions and the passages
around its best one; how BM25 ranks it; whether its title shares the question's words;
whether it holds the kind of fact asked for (a contact, a quoted wording, a form) or
lists a name the question uses. Gaps to the best candidate let a pointwise model rank.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

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
    every: dict[int, float] = field(default_factory=dict)  # every passage's BM25 score

    # Computed once per question, not once per candidate section.
    @cached_property
    def stems(self) -> set[str]:
        return {stem(w) for w in words(self.text)}

    @cached_property
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


def _gather(values: np.ndarray, pad: np.ndarray) -> np.ndarray:
    """values[pad] with -inf where the pad is empty or the value left out (-1)."""
    if values.size == 0:
        return np.full(pad.shape, -np.inf)
    out = values[np.clip(pad, 0, None)].astype(np.float64)
    out[(pad < 0) | (out <= -1.0)] = -np.inf
    return out


def _stats(matrix: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Per row: max, mean of the top 2, mean of the top 3, mean (0 for an empty row)."""
    valid = np.isfinite(matrix)
    count = valid.sum(axis=1)
    ordered = -np.sort(-matrix, axis=1)
    safe = np.where(np.isfinite(ordered), ordered, 0.0)
    best = np.where(count > 0, safe[:, 0], 0.0)

    def top(k: int) -> np.ndarray:
        n = np.minimum(count, k)
        return np.where(n > 0, safe[:, :k].sum(axis=1) / np.maximum(n, 1), 0.0)

    mean = np.where(count > 0, np.where(valid, matrix, 0.0).sum(axis=1) / np.maximum(count, 1), 0)
    return best, top(2), top(3), mean


def _raw(index: SectionIndex, query: Query, sims: Similarities, chosen: list[int]) -> np.ndarray:
    picked = np.asarray(chosen)
    chunk_pad = index.chunk_pad[picked]
    chunk = _gather(sims.chunks, chunk_pad)
    chunk_max, chunk_top2, _top3, chunk_mean = _stats(chunk)
    key_max, _top2, key_top3, _mean = _stats(_gather(sims.keys, index.key_pad[picked]))
    has_keys = np.isfinite(_gather(sims.keys, index.key_pad[picked])).any(axis=1)
    best_rows = chunk_pad[np.arange(len(picked)), np.argmax(chunk, axis=1)]
    n = sims.chunks.size
    around = np.stack([best_rows - 1, best_rows + 1], axis=1)
    around_cos = np.where(
        (around >= 0) & (around < n), sims.chunks[np.clip(around, 0, max(n - 1, 0))], -np.inf
    )
    neighbour = np.where(np.isfinite(around_cos).any(axis=1), around_cos.max(axis=1), 0.0)
    bm25_rows = np.zeros(n)
    for row, score in query.bm25.items():
        bm25_rows[row] = score
    bm25 = np.where(chunk_pad >= 0, bm25_rows[np.clip(chunk_pad, 0, None)], 0.0).max(axis=1)
    stems, names = query.stems, query.names
    asks = (
        bool(_ASKS_CONTACT.search(query.text)),
        bool(_ASKS_QUOTE.search(query.text)),
        bool(_ASKS_FORM.search(query.text)),
    )
    scalar = []
    for i in chosen:
        ref = index.sections[i]
        fact = (
            (ref.has_contact and asks[0])
            or (ref.has_quote and asks[1])
            or (ref.has_form and asks[2])
        )
        scalar.append(
            [
                float(sims.titles[ref.title_row]) if ref.title_row >= 0 else 0.0,
                len(stems & ref.title_stems) / max(1, len(ref.title_stems)),
                float(fact),
                float(bool(names & ref.listed)),
                float(ref.heading_only),
                float(ref.front_matter),
            ]
        )
    extra = np.asarray(scalar, dtype=np.float64)
    return np.column_stack(
        [
            chunk_max,
            chunk_top2,
            chunk_mean,
            extra[:, 0],
            key_max,
            key_top3,
            has_keys.astype(np.float64),
            neighbour,
            bm25 / (bm25 + BM25_HALF),
            np.zeros(len(picked)),  # bm25_rank, filled in across candidates
            extra[:, 1],
            extra[:, 2],
            extra[:, 3],
            extra[:, 4],
            extra[:, 5],
        ]
    )


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
    dense = np.full(n, -np.inf)
    owned = index.section_of_chunk >= 0
    np.maximum.at(dense, index.section_of_chunk[owned], sims.chunks[owned])
    for heading, children in index.children.items():
        if children.size:
            dense[heading] = dense[children].max()
    dense = np.maximum(dense, _gather(sims.keys, index.key_pad).max(axis=1))
    titled = np.array([ref.title_row for ref in index.sections])
    if sims.titles.size:
        dense = np.maximum(dense, np.where(titled >= 0, sims.titles[np.clip(titled, 0, None)], -1))
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
    raw = _raw(index, query, sims, chosen)
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
