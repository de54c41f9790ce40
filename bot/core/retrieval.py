"""Question → ranked sections (learned) → the passages of each, best first.

One query embedding is compared with every passage, section title and example question
held in memory (a matrix product: microseconds at one policy, ~2 ms at 20k passages);
BM25 adds the exact words the model blurs ("LinkedIn", a phone number). How much each
piece of evidence counts is learned (`ranking/`), not set by hand, and so is whether the
policy answers the question at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np

from ingest.records import Chunk
from ingest.store import VectorStore

from .asked_term import PolicyTerms
from .knowledge import KnowledgeBase
from .ranking.features import BM25_HALF, Query
from .ranking.index import SectionIndex, SectionRef
from .ranking.model import Weights, load_weights
from .ranking.negatives import load_negatives
from .ranking.passage_order import PassageOrder, load_passage_model
from .ranking.ranker import Ranking, SectionRanker, blend
from .ranking.scoring import make_query

SECTIONS_IN_HITS = 4
CHUNKS_PER_SECTION = 3


class QueryEmbedder(Protocol):
    def embed_query(self, text: str) -> np.ndarray: ...


@dataclass(frozen=True)
class Hit:
    chunk: Chunk
    score: float  # section probability x the passage's closeness relative to its best
    dense: float  # cosine similarity of the question to the passage
    lexical: float  # BM25 score, 0 when no word is shared


@dataclass(frozen=True)
class Retrieval:
    hits: list[Hit]
    covered: bool  # the coverage model's verdict: does the policy answer this?
    ranking: Ranking


class Retriever:
    def __init__(
        self,
        *,
        kb: KnowledgeBase,
        store: VectorStore | None = None,
        embedder: QueryEmbedder,
        weights: Weights | None = None,
        passage_order: PassageOrder | None = None,
    ) -> None:
        self.kb = kb
        self.store = store
        self.embedder = embedder
        self.index = SectionIndex(kb)
        self.ranker = SectionRanker(self.index, weights or load_weights(), load_negatives())
        self.passages = passage_order or PassageOrder(self.index, load_passage_model())
        self.terms = PolicyTerms(chunk.text for chunk in kb.chunks)

    def search(
        self,
        query: str,
        *,
        exclude: str = "",
        vector: np.ndarray | None = None,
        context: str | None = None,
    ) -> Retrieval:
        """`exclude`: an example question left out of the keys (the regression run);
        `context`: the thread's previous question, when `query` is a follow-up to it."""
        if vector is None:
            vector = self.embedder.embed_query(query)
        q = make_query(self.kb, query, vector, exclude)
        ranking = self.ranker.rank(q, self.kb.lexical.known_ratio(query))
        if context:
            # A follow-up stays on its thread's subject unless its own words move it.
            before = self.ranker.rank(
                make_query(self.kb, context, self.embedder.embed_query(context)),
                self.kb.lexical.known_ratio(context),
            )
            ranking = blend(ranking, before)
        # What a term of the policy means is answered by the policy, however few of the
        # question's other words it uses ("what does CAG stand for?": "stand" is unknown).
        covered = ranking.covered or self.terms.defines_asked(query)
        return Retrieval(hits=self._hits(q, ranking), covered=covered, ranking=ranking)

    def retrieve(self, query: str, k: int = 12) -> list[Hit]:
        return self.search(query).hits[:k]

    def _hits(self, query: Query, ranking: Ranking) -> list[Hit]:
        bm25 = query.bm25
        candidates = ranking.sections[:SECTIONS_IN_HITS]
        passages = [r.ref for r in candidates if not r.ref.heading_only]
        # The learned order decides which passage of each section leads.
        orders = iter(
            self.passages.order(
                self.passages.question(
                    query.text,
                    ranking.key_similarity,
                    ranking.chunk_similarity,
                    query.every,
                    self.kb.passages_using,
                ),
                [([int(r) for r in ref.chunk_rows], ref.key_rows) for ref in passages],
            )
        )
        hits: list[Hit] = []
        for ranked in candidates:
            ref = ranked.ref
            if ref.heading_only:
                hits.append(Hit(self._contents(ref), ranked.probability, 0.0, 0.0))
                continue
            order = next(orders)
            if not order:
                continue
            dense = {r: float(ranking.chunk_similarity[r]) for r in order}
            closeness = {
                r: max(0.01, dense[r] + 0.5 * bm25.get(r, 0.0) / (bm25.get(r, 0.0) + BM25_HALF))
                for r in order
            }
            best = max(closeness.values())
            # Each passage keeps its closeness as its share of the section's score, capped
            # so that the learned order holds.
            share = 1.0
            for r in order[:CHUNKS_PER_SECTION]:
                share = min(share, closeness[r] / best) if r != order[0] else 1.0
                hits.append(
                    Hit(self.kb.chunks[r], ranked.probability * share, dense[r], bm25.get(r, 0.0))
                )
        hits.sort(key=lambda hit: -hit.score)
        return hits

    def _contents(self, ref: SectionRef) -> Chunk:
        """A heading without text of its own is quoted as the list of its subsections."""
        depth = ref.number.count(".") + 1
        children = [
            f"{s.number} {s.title}"
            for s in self.index.sections
            if s.document == ref.document
            and s.number.startswith(ref.number + ".")
            and s.number.count(".") == depth
        ]
        return Chunk(
            document=ref.document,
            section=ref.number,
            title=ref.title,
            heading_path=ref.heading_path,
            text="; ".join(children),
            ordinal=0,
        )
