"""Files → chunks → embeddings → store, doing only the work that changed.

Chunk ids are content hashes, so a re-run embeds only new or edited chunks, deletes
the chunks an edit or a removed file left behind, and leaves the rest alone.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .chunks import chunk_sections
from .embedder import Embedder
from .loaders import discover, load_text
from .records import Chunk, ParsedDocument
from .sections import parse_document
from .store import VectorStore

log = logging.getLogger(__name__)

Progress = Callable[[int], None]


@dataclass
class IngestReport:
    documents: list[str] = field(default_factory=list)
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    embedded: int = 0

    def summary(self) -> str:
        return (
            f"{len(self.documents)} document(s): {self.added} added, {self.updated} updated, "
            f"{self.removed} removed, {self.unchanged} unchanged"
        )


def parse_file(path: Path) -> ParsedDocument:
    return parse_document(load_text(path), name=path.stem)


def _slot(chunk_id: str) -> str:
    # document:section:ordinal — the place a chunk fills, whatever its content.
    return chunk_id.rsplit(":", 1)[0]


def _doc_meta(parsed: ParsedDocument) -> dict[str, str]:
    info = parsed.info
    return {
        "doc_title": info.title,
        "doc_version": info.version or "",
        "doc_dates": "; ".join(info.dates),
    }


def _sync_document(
    parsed: ParsedDocument,
    store: VectorStore,
    embedder: Embedder,
    report: IngestReport,
    progress: Progress | None,
) -> None:
    chunks = chunk_sections(parsed.sections)
    stored = store.hashes(parsed.info.name)
    wanted = {c.id: c for c in chunks}
    new: list[Chunk] = [c for c in chunks if c.id not in stored]
    stale = [id_ for id_ in stored if id_ not in wanted]
    stale_slots = {_slot(id_) for id_ in stale}
    report.updated += sum(1 for c in new if _slot(c.id) in stale_slots)
    report.added += sum(1 for c in new if _slot(c.id) not in stale_slots)
    report.removed += sum(1 for id_ in stale if _slot(id_) not in {_slot(c.id) for c in new})
    report.unchanged += len(chunks) - len(new)
    if progress:
        progress(len(chunks) - len(new))
    for start in range(0, len(new), 64):
        batch = new[start : start + 64]
        vectors = embedder.embed_batch([c.embed_text for c in batch])
        store.upsert(batch, vectors, _doc_meta(parsed))
        report.embedded += len(batch)
        if progress:
            progress(len(batch))
    if stale:
        store.delete(stale)


def ingest_documents(
    documents: Iterable[ParsedDocument],
    store: VectorStore,
    embedder: Embedder,
    *,
    prune: bool = False,
    progress: Progress | None = None,
) -> IngestReport:
    report = IngestReport()
    for parsed in documents:
        report.documents.append(parsed.info.name)
        _sync_document(parsed, store, embedder, report, progress)
    if prune:
        gone = store.documents() - set(report.documents)
        for name in sorted(gone):
            ids = list(store.hashes(name))
            store.delete(ids)
            report.removed += len(ids)
            log.info("removed document %s (%d chunks)", name, len(ids))
    return report


def parse_paths(paths: Iterable[Path]) -> list[ParsedDocument]:
    return [parse_file(path) for path in discover(paths)]


def planned_chunks(documents: Iterable[ParsedDocument]) -> int:
    """How many chunks the documents make: the progress bar's total."""
    return sum(len(chunk_sections(d.sections)) for d in documents)
