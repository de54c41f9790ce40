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
from .front_matter import front_matter_section
from .loaders import discover, load_text
from .questions import load_questions
from .records import Chunk, ExampleQuestion, ParsedDocument, Section, SectionTitle
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
    questions: int = 0  # example questions stored as keys
    questions_embedded: int = 0
    # Every example question of the documents ingested, a removed section's included.
    example_questions: list[ExampleQuestion] = field(default_factory=list)

    def summary(self) -> str:
        text = (
            f"{len(self.documents)} document(s): {self.added} added, {self.updated} updated, "
            f"{self.removed} removed, {self.unchanged} unchanged"
        )
        if self.questions:
            text += f"; {self.questions} example questions ({self.questions_embedded} embedded)"
        return text


def parse_file(path: Path) -> ParsedDocument:
    parsed = parse_document(load_text(path), name=path.stem)
    questions = tuple(load_questions(path, parsed.info.name))
    return ParsedDocument(info=parsed.info, sections=parsed.sections, questions=questions)


def all_sections(parsed: ParsedDocument) -> list[Section]:
    """The document's sections with its front matter first, as §0 (when it says anything)."""
    front = front_matter_section(parsed.info)
    return [front, *parsed.sections] if front else list(parsed.sections)


def section_titles(parsed: ParsedDocument) -> list[SectionTitle]:
    return [
        SectionTitle(s.document, s.number, s.title, s.heading_path) for s in all_sections(parsed)
    ]


def example_keys(parsed: ParsedDocument) -> list[ExampleQuestion]:
    """Example questions of sections the document has (a removed section's stay out)."""
    known = {s.number for s in all_sections(parsed)}
    return [q for q in parsed.questions if q.section in known]


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
    chunks = chunk_sections(all_sections(parsed))
    stored_all = store.hashes(parsed.info.name)
    stored = {id_: h for id_, h in stored_all.items() if "#" not in id_}
    _sync_extra(parsed, store, embedder, report, {i for i in stored_all if "#" in i})
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


def _sync_extra(
    parsed: ParsedDocument,
    store: VectorStore,
    embedder: Embedder,
    report: IngestReport,
    stored: set[str],
) -> None:
    """Titles and example questions: embedded when new, deleted when gone."""
    keys = example_keys(parsed)
    items: list[ExampleQuestion | SectionTitle] = [*section_titles(parsed), *keys]
    wanted = {item.id for item in items}
    new = [item for item in items if item.id not in stored]
    for start in range(0, len(new), 64):
        batch = new[start : start + 64]
        texts = [q.question if isinstance(q, ExampleQuestion) else q.title for q in batch]
        store.upsert_extra(batch, embedder.embed_batch(texts))
    stale = [id_ for id_ in stored if id_ not in wanted]
    if stale:
        store.delete(stale)
    report.questions += len(keys)
    report.questions_embedded += sum(isinstance(item, ExampleQuestion) for item in new)


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
        report.example_questions.extend(parsed.questions)
        _sync_document(parsed, store, embedder, report, progress)
    if prune:
        gone = store.documents() - set(report.documents)
        for name in sorted(gone):
            ids = list(store.hashes(name))
            store.delete(ids)
            chunks = sum("#" not in id_ for id_ in ids)  # titles and questions are not counted
            report.removed += chunks
            log.info("removed document %s (%d chunks)", name, chunks)
    return report


def pending_changes(documents: Iterable[ParsedDocument], store: VectorStore) -> list[str]:
    """Names of the documents whose passages, titles or example questions differ from
    what the store holds (an ingest would embed or delete something)."""
    changed = []
    for parsed in documents:
        wanted = {c.id for c in chunk_sections(all_sections(parsed))}
        wanted |= {title.id for title in section_titles(parsed)}
        wanted |= {question.id for question in example_keys(parsed)}
        if wanted != set(store.hashes(parsed.info.name)):
            changed.append(parsed.info.name)
    return changed


def parse_paths(paths: Iterable[Path]) -> list[ParsedDocument]:
    return [parse_file(path) for path in discover(paths)]


def planned_chunks(documents: Iterable[ParsedDocument]) -> int:
    """How many chunks the documents make: the progress bar's total."""
    return sum(len(chunk_sections(all_sections(d))) for d in documents)
