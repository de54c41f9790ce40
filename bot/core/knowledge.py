"""What the bot knows, loaded once from the vector store: chunks, sections, facts.

The store is the single source of truth, so a replica that talks to a shared Chroma
server knows exactly what the ingest job wrote, with no policy file of its own.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from ingest.facts import extract_facts
from ingest.records import Chunk, DocumentInfo, ExampleQuestion, PolicyFacts, Section, SectionTitle
from ingest.store import StoredChunk, StoredKnowledge, VectorStore

from .lexical import LexicalIndex, tokenize


def _section_sort_key(number: str) -> tuple[int, ...]:
    return tuple(int(part) for part in number.split(".") if part.isdigit())


@dataclass
class KnowledgeBase:
    chunks: list[Chunk]
    sections: list[Section]
    documents: dict[str, DocumentInfo]
    facts: PolicyFacts
    lexical: LexicalIndex
    # Embeddings as stored (rows match `chunks`, `questions`, `titles`); ranking reads them.
    chunk_vectors: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), np.float32))
    questions: list[ExampleQuestion] = field(default_factory=list)
    question_vectors: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), np.float32))
    titles: list[SectionTitle] = field(default_factory=list)
    title_vectors: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), np.float32))
    _by_id: dict[str, int] = field(default_factory=dict)
    _sections: dict[tuple[str, str], Section] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._by_id = {chunk.id: i for i, chunk in enumerate(self.chunks)}
        self._sections = {(s.document, s.number): s for s in self.sections}

    @classmethod
    def from_stored(
        cls, stored: list[StoredChunk], vectors: np.ndarray | None = None
    ) -> KnowledgeBase:
        order = sorted(
            range(len(stored)),
            key=lambda i: (
                stored[i].chunk.document,
                _section_sort_key(stored[i].chunk.section),
                stored[i].chunk.ordinal,
            ),
        )
        stored = [stored[i] for i in order]
        if vectors is not None and len(vectors):
            vectors = vectors[order]
        chunks = [s.chunk for s in stored]
        grouped: dict[tuple[str, str], list[Chunk]] = defaultdict(list)
        documents: dict[str, DocumentInfo] = {}
        for item in stored:
            grouped[(item.chunk.document, item.chunk.section)].append(item.chunk)
            meta = item.metadata
            documents.setdefault(
                item.chunk.document,
                DocumentInfo(
                    name=item.chunk.document,
                    title=str(meta.get("doc_title", item.chunk.document)),
                    version=str(meta.get("doc_version") or "") or None,
                    dates=tuple(d for d in str(meta.get("doc_dates", "")).split("; ") if d),
                ),
            )
        sections = [
            Section(
                document=doc,
                number=number,
                title=parts[0].title,
                heading_path=parts[0].heading_path,
                blocks=tuple(c.text for c in parts),
            )
            for (doc, number), parts in grouped.items()
        ]
        return cls(
            chunks=chunks,
            sections=sections,
            documents=documents,
            facts=extract_facts(sections),
            lexical=LexicalIndex([c.embed_text for c in chunks]),
            chunk_vectors=vectors if vectors is not None else np.zeros((0, 0), np.float32),
        )

    @classmethod
    def from_knowledge(cls, stored: StoredKnowledge) -> KnowledgeBase:
        kb = cls.from_stored(stored.chunks, stored.chunk_vectors)
        kb.questions = stored.questions
        kb.question_vectors = stored.question_vectors
        kb.titles = stored.titles
        kb.title_vectors = stored.title_vectors
        return kb

    @classmethod
    def load(cls, store: VectorStore) -> KnowledgeBase:
        return cls.from_knowledge(store.load_all())

    def index_of(self, chunk_id: str) -> int | None:
        return self._by_id.get(chunk_id)

    def following(self, chunk: Chunk) -> Chunk | None:
        """The next chunk of the same section, if any."""
        row = self.index_of(chunk.id)
        if row is None or row + 1 >= len(self.chunks):
            return None
        after = self.chunks[row + 1]
        same = (after.document, after.section) == (chunk.document, chunk.section)
        return after if same else None

    def preceding(self, chunk: Chunk) -> Chunk | None:
        """The previous chunk of the same section, if any."""
        row = self.index_of(chunk.id)
        if row is None or row == 0:
            return None
        before = self.chunks[row - 1]
        same = (before.document, before.section) == (chunk.document, chunk.section)
        return before if same else None

    def section_chunks(self, chunk: Chunk) -> list[Chunk]:
        """Every chunk of `chunk`'s section, in document order."""
        key = (chunk.document, chunk.section)
        return [c for c in self.chunks if (c.document, c.section) == key]

    @cached_property
    def _passages_using(self) -> Counter[str]:
        return Counter(t for chunk in self.chunks for t in set(tokenize(chunk.text)))

    def passages_using(self, word_stem: str) -> int:
        """How many chunks use a word stem (0 for one the policy never uses)."""
        return self._passages_using[word_stem]

    def section(self, document: str, number: str) -> Section | None:
        return self._sections.get((document, number))

    @property
    def empty(self) -> bool:
        return not self.chunks
