"""Chroma behind one small class: the only module that knows Chroma's API."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import numpy as np

from bot.errors import StoreError

from .records import Chunk, ExampleQuestion, SectionTitle

_BATCH = 2000  # stay well under Chroma's max batch size
# Records beside the chunks: example questions and section titles, extra keys per section.
QUESTION, TITLE = "question", "title"


@dataclass(frozen=True)
class StoredChunk:
    chunk: Chunk
    content_hash: str
    metadata: dict[str, Any]


@dataclass(frozen=True)
class StoredKnowledge:
    """Everything in the store with its embedding: what the knowledge base is built from."""

    chunks: list[StoredChunk]
    chunk_vectors: np.ndarray
    questions: list[ExampleQuestion]
    question_vectors: np.ndarray
    titles: list[SectionTitle]
    title_vectors: np.ndarray


def _extra_metadata(item: ExampleQuestion | SectionTitle) -> dict[str, Any]:
    common = {"document": item.document, "section": item.section, "content_hash": item.content_hash}
    if isinstance(item, ExampleQuestion):
        return {**common, "kind": QUESTION}
    return {
        **common,
        "kind": TITLE,
        "title": item.title,
        "heading_path": " > ".join(item.heading_path),
    }


def _extra_text(item: ExampleQuestion | SectionTitle) -> str:
    return item.question if isinstance(item, ExampleQuestion) else item.title


def _matrix(rows: list[Any]) -> np.ndarray:
    if not rows:
        return np.zeros((0, 0), dtype=np.float32)
    return np.asarray(rows, dtype=np.float32)


def _metadata(chunk: Chunk, doc_meta: dict[str, str]) -> dict[str, Any]:
    return {
        "document": chunk.document,
        "section": chunk.section,
        "title": chunk.title,
        "heading_path": " > ".join(chunk.heading_path),
        "ordinal": chunk.ordinal,
        "content_hash": chunk.content_hash,
        "kind": "chunk",
        **doc_meta,
    }


def _chunk_from(text: str, meta: dict[str, Any]) -> Chunk:
    return Chunk(
        document=str(meta["document"]),
        section=str(meta["section"]),
        title=str(meta["title"]),
        heading_path=tuple(str(meta["heading_path"]).split(" > ")),
        text=text,
        ordinal=int(meta["ordinal"]),
    )


class VectorStore:
    def __init__(self, collection: Any) -> None:
        self._collection = collection

    @classmethod
    def open(cls, *, data_dir: Path, name: str, chroma_url: str | None = None) -> VectorStore:
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        if len(name) < 3:
            raise StoreError(f"Collection name {name!r} is too short: Chroma needs 3+ characters.")
        chroma_settings = ChromaSettings(anonymized_telemetry=False)
        try:
            if chroma_url:
                url = urlparse(chroma_url)
                client = chromadb.HttpClient(
                    host=url.hostname or "localhost",
                    port=url.port or (443 if url.scheme == "https" else 8000),
                    ssl=url.scheme == "https",
                    settings=chroma_settings,
                )
            else:
                path = data_dir / "chroma"
                path.mkdir(parents=True, exist_ok=True)
                client = chromadb.PersistentClient(path=str(path), settings=chroma_settings)
            collection = client.get_or_create_collection(
                name=name,
                configuration={"hnsw": {"space": "cosine"}},
                embedding_function=None,
            )
        except Exception as exc:
            where = chroma_url or str(data_dir / "chroma")
            raise StoreError(f"Cannot open the vector store at {where}: {exc}") from exc
        return cls(collection)

    def count(self) -> int:
        return int(self._collection.count())

    def hashes(self, document: str | None = None) -> dict[str, str]:
        """id → content hash, for one document or all."""
        where = {"document": document} if document else None
        found = self._collection.get(where=where, include=["metadatas"])
        return {
            id_: str(meta.get("content_hash", ""))
            for id_, meta in zip(found["ids"], found["metadatas"] or [], strict=False)
        }

    def documents(self) -> set[str]:
        found = self._collection.get(include=["metadatas"])
        return {str(meta["document"]) for meta in found["metadatas"] or []}

    def upsert(
        self, chunks: Sequence[Chunk], vectors: np.ndarray, doc_meta: dict[str, str]
    ) -> None:
        for start in range(0, len(chunks), _BATCH):
            part = chunks[start : start + _BATCH]
            self._collection.upsert(
                ids=[c.id for c in part],
                documents=[c.text for c in part],
                metadatas=[_metadata(c, doc_meta) for c in part],
                embeddings=vectors[start : start + _BATCH],
            )

    def upsert_extra(
        self, items: Sequence[ExampleQuestion | SectionTitle], vectors: np.ndarray
    ) -> None:
        for start in range(0, len(items), _BATCH):
            part = items[start : start + _BATCH]
            self._collection.upsert(
                ids=[item.id for item in part],
                documents=[_extra_text(item) for item in part],
                metadatas=[_extra_metadata(item) for item in part],
                embeddings=vectors[start : start + _BATCH],
            )

    def delete(self, ids: Sequence[str]) -> None:
        for start in range(0, len(ids), _BATCH):
            self._collection.delete(ids=list(ids[start : start + _BATCH]))

    def all_chunks(self) -> list[StoredChunk]:
        found = self._collection.get(include=["documents", "metadatas"])
        return [
            StoredChunk(_chunk_from(text, meta), str(meta.get("content_hash", "")), dict(meta))
            for text, meta in zip(found["documents"], found["metadatas"], strict=True)
            if meta.get("kind", "chunk") == "chunk"
        ]

    def load_all(self) -> StoredKnowledge:
        """Chunks, example questions and titles, each with its stored embedding."""
        found = self._collection.get(include=["documents", "metadatas", "embeddings"])
        vectors = found["embeddings"] if found["embeddings"] is not None else []
        chunks: list[StoredChunk] = []
        chunk_rows: list[Any] = []
        questions: list[ExampleQuestion] = []
        question_rows: list[Any] = []
        titles: list[SectionTitle] = []
        title_rows: list[Any] = []
        for text, meta, vector in zip(found["documents"], found["metadatas"], vectors, strict=True):
            kind = meta.get("kind", "chunk")
            doc, section = str(meta["document"]), str(meta["section"])
            if kind == QUESTION:
                questions.append(ExampleQuestion(document=doc, section=section, question=text))
                question_rows.append(vector)
            elif kind == TITLE:
                path = tuple(str(meta.get("heading_path", "")).split(" > "))
                titles.append(SectionTitle(doc, section, str(meta.get("title", text)), path))
                title_rows.append(vector)
            else:
                chunks.append(
                    StoredChunk(
                        _chunk_from(text, meta), str(meta.get("content_hash", "")), dict(meta)
                    )
                )
                chunk_rows.append(vector)
        return StoredKnowledge(
            chunks=chunks,
            chunk_vectors=_matrix(chunk_rows),
            questions=questions,
            question_vectors=_matrix(question_rows),
            titles=titles,
            title_vectors=_matrix(title_rows),
        )

    def query(self, vector: np.ndarray, k: int) -> list[tuple[str, float]]:
        """(chunk id, cosine similarity), best first."""
        if k <= 0:
            return []
        # No count() first to cap k: Chroma returns what it has (none for an empty
        # collection), and the count was a second lookup per query, ~2 ms at 20k chunks.
        found = self._collection.query(
            query_embeddings=[vector], n_results=k, include=["distances"]
        )
        return [
            (id_, 1.0 - float(distance))
            for id_, distance in zip(found["ids"][0], found["distances"][0], strict=True)
        ]
