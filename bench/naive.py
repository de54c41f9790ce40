"""The pipeline a user would build from the LangChain RAG tutorial, as the baseline.

RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200) over the policy
file, the same MiniLM model, a Chroma collection with Chroma's defaults, top-3. To
score it like policybot, each split is labelled with the section its start offset
falls in (a 1000-character split often runs on into the next section; the tutorial
has no notion of sections, so its start is the fairest single label).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from langchain_text_splitters import RecursiveCharacterTextSplitter

from ingest.embedder import Embedder
from ingest.sections import parse_document

CHUNK_SIZE = 1000
CHUNK_OVERLAP = 200
TOP_K = 3


def section_starts(text: str, name: str) -> list[tuple[int, str]]:
    """(offset of the heading line, section number), in document order."""
    starts: list[tuple[int, str]] = []
    position = 0
    for section in parse_document(text, name).sections:
        heading = re.compile(
            rf"^[ \t]*{re.escape(section.number)}\.?[ \t]+{re.escape(section.title)}",
            re.MULTILINE,
        )
        found = heading.search(text, position)
        if found:
            starts.append((found.start(), section.number))
            position = found.end()
    return starts


@dataclass(frozen=True)
class Split:
    text: str
    start: int
    section: str  # "" when it starts before the first heading (the front matter)


def split_policy(text: str, name: str) -> list[Split]:
    splitter = RecursiveCharacterTextSplitter(
        chunk_size=CHUNK_SIZE, chunk_overlap=CHUNK_OVERLAP, add_start_index=True
    )
    starts = section_starts(text, name)
    offsets = [offset for offset, _ in starts]
    splits = []
    for doc in splitter.create_documents([text]):
        start = int(doc.metadata["start_index"])
        at = bisect.bisect_right(offsets, start) - 1
        splits.append(Split(doc.page_content, start, starts[at][1] if at >= 0 else ""))
    return splits


class NaivePipeline:
    """Split → embed → Chroma → top-3, with no lexical search, no cache and no sections."""

    def __init__(self, *, policy: Path, embedder: Embedder, workdir: Path) -> None:
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        self.embedder = embedder
        self.splits = split_policy(policy.read_text(encoding="utf-8"), policy.stem)
        client = chromadb.PersistentClient(
            path=str(workdir / "naive-chroma"),
            settings=ChromaSettings(anonymized_telemetry=False),
        )
        # Chroma's default space (l2) as the tutorial leaves it; on unit vectors it
        # ranks exactly as cosine does.
        self._collection: Any = client.get_or_create_collection(
            "naive_tutorial", embedding_function=None
        )
        vectors = embedder.embed_batch([s.text for s in self.splits])
        self._collection.upsert(
            ids=[f"split-{i}" for i in range(len(self.splits))],
            embeddings=vectors,
            documents=[s.text for s in self.splits],
            metadatas=[{"section": s.section, "start": s.start} for s in self.splits],
        )

    def sections(self, question: str) -> list[str]:
        """Sections of the top-3 splits, best first (the tutorial embeds every query)."""
        vector = self.embedder.embed_batch([question])[0]
        found = self._collection.query(
            query_embeddings=[vector], n_results=TOP_K, include=["metadatas"]
        )
        return [str(meta["section"]) for meta in found["metadatas"][0]]

    def top(self, question: str) -> list[Split]:
        """The top-3 splits themselves, best first: what the tutorial hands its model."""
        vector = self.embedder.embed_batch([question])[0]
        found = self._collection.query(
            query_embeddings=[vector], n_results=TOP_K, include=["metadatas", "documents"]
        )
        return [
            Split(str(text), int(meta["start"]), str(meta["section"]))
            for text, meta in zip(found["documents"][0], found["metadatas"][0], strict=True)
        ]


@dataclass
class Quality:
    hit_at_3: int = 0
    top_1: int = 0
    total: int = 0

    def add(self, cited: Sequence[str], wanted: Sequence[str]) -> None:
        self.total += 1
        self.hit_at_3 += any(s in wanted for s in cited[:3])
        self.top_1 += bool(cited) and cited[0] in wanted

    def describe(self, attr: str) -> str:
        hits = getattr(self, attr)
        return f"{hits / self.total:.3f} ({hits}/{self.total})" if self.total else "n/a"
