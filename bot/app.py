"""Wire the core together from `Settings`: model, store, first-use ingest, assistant."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from ingest.embedder import SentenceTransformerEmbedder
from ingest.pipeline import IngestReport, ingest_documents, parse_paths, planned_chunks
from ingest.store import VectorStore

from .core.assistant import Assistant, Clock, utc_now
from .core.knowledge import KnowledgeBase
from .core.phrasing.claims import content_words
from .core.phrasing.literals import fact_texts
from .core.retrieval import Retriever
from .core.triage import TriageModel
from .errors import PolicybotError
from .knowledge_sync import record_knowledge, sync_knowledge
from .settings import Settings
from .threads import ThreadMemory

log = logging.getLogger(__name__)


@dataclass
class Core:
    settings: Settings
    embedder: SentenceTransformerEmbedder
    store: VectorStore
    kb: KnowledgeBase
    assistant: Assistant


def open_store(settings: Settings) -> VectorStore:
    return VectorStore.open(
        data_dir=settings.data_dir, name=settings.collection, chroma_url=settings.chroma_url
    )


def load_embedder(settings: Settings) -> SentenceTransformerEmbedder:
    return SentenceTransformerEmbedder(settings.model_path)


def run_ingest(
    settings: Settings,
    store: VectorStore,
    embedder: SentenceTransformerEmbedder,
    paths: list | None = None,
    *,
    progress_factory: Callable[[int], Callable[[int], None]] | None = None,
) -> IngestReport:
    targets = paths or [settings.knowledge_dir]
    documents = parse_paths(targets)
    if not documents:
        raise PolicybotError(
            f"No policy documents (.txt .md .docx .pdf .html) found in {', '.join(map(str, targets))}."
        )
    progress = progress_factory(planned_chunks(documents)) if progress_factory else None
    # Ingesting the whole knowledge folder also forgets documents removed from it.
    report = ingest_documents(documents, store, embedder, prune=paths is None, progress=progress)
    if paths is None:
        record_knowledge(settings)
    return report


def example_question_report(
    settings: Settings,
    store: VectorStore,
    embedder: SentenceTransformerEmbedder,
    report: IngestReport,
) -> list[str]:
    """Re-ask the companion questions; list those whose top section changed since last time."""
    from .regression import answers, changes, load_answers, report_lines, save_answers

    if not report.example_questions:
        return []
    retriever = Retriever(kb=KnowledgeBase.load(store), store=store, embedder=embedder)
    current = answers(retriever, report.example_questions)
    path = settings.data_dir / "regression" / f"{settings.collection}.json"
    previous = load_answers(path)
    first = not any(key in previous for key in current)
    found = changes(previous, current)
    save_answers(path, previous, current)
    return report_lines(current, found, first)


def _thread_memory(settings: Settings) -> ThreadMemory:
    from .escalation.db import make_engine

    # Made on first use, perhaps while the database is away: it never makes its folder.
    return ThreadMemory(
        lambda: make_engine(settings.effective_database_url, create_folder=False),
        ttl=timedelta(hours=settings.thread_memory_hours),
    )


def build_assist(settings: Settings, embedder: SentenceTransformerEmbedder, kb: KnowledgeBase):
    """The optional chat model and its verifier; None (and no langchain import) when
    POLICYBOT_LLM is unset."""
    if not settings.llm:
        return None
    from .core.phrasing.assist import ModelAssist
    from .core.phrasing.client import build_chat
    from .core.phrasing.verifier import Verifier
    from .core.phrasing.word_vectors import CachedWordVectors

    chat = build_chat(settings)
    vectors = CachedWordVectors(embedder.embed_batch)
    vectors.warm(w for chunk in kb.chunks for w in content_words(chunk.text))
    facts = fact_texts(kb.facts)
    log.info("generated summaries on: %s (timeout %.1f s)", chat.name, settings.llm_timeout_seconds)
    return ModelAssist(chat, Verifier(vectors), timeout=settings.llm_timeout_seconds, facts=facts)


def build_core(
    settings: Settings,
    *,
    embedder: SentenceTransformerEmbedder | None = None,
    clock: Clock = utc_now,
    on_unanswered: Callable[[str], object] | None = None,
) -> Core:
    embedder = embedder or load_embedder(settings)
    store = open_store(settings)
    if store.count() == 0:
        log.info("vector store is empty: ingesting %s", settings.knowledge_dir)
        report = run_ingest(settings, store, embedder)
        log.info("first-use ingest: %s", report.summary())
    else:
        sync_knowledge(settings, store, embedder)
    kb = KnowledgeBase.load(store)
    retriever = Retriever(kb=kb, store=store, embedder=embedder)
    assistant = Assistant(
        kb=kb,
        retriever=retriever,
        settings=settings,
        clock=clock,
        triage=TriageModel.load(embedder.sentence_transformer),
        on_unanswered=on_unanswered,
        remember_vector=embedder.remember,
        memory=_thread_memory(settings),
        assist=build_assist(settings, embedder, kb),
    )
    return Core(settings=settings, embedder=embedder, store=store, kb=kb, assistant=assistant)
