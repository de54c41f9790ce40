"""Keep a filled store in step with the knowledge folder across restarts.

A pulled edit to the policy or its example questions should count at the next start
without anyone remembering `policybot ingest`. What the folder held when it was last
ingested is recorded as a fingerprint; only when the folder differs is it synced, so a
document someone ingested by hand from another path (even under the same name) is not
overwritten at every start.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from ingest.embedder import SentenceTransformerEmbedder
from ingest.loaders import discover
from ingest.pipeline import IngestReport, ingest_documents, parse_paths, pending_changes
from ingest.store import VectorStore

from .errors import PolicybotError
from .settings import Settings

log = logging.getLogger(__name__)


def knowledge_fingerprint(folder: Path) -> str:
    """A hash of the folder's policy files: their paths within it and their bytes."""
    digest = hashlib.sha256()
    for path in discover([folder]):
        digest.update(str(path.relative_to(folder)).encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _record_path(settings: Settings) -> Path:
    return settings.data_dir / "knowledge" / f"{settings.collection}.sha256"


def record_knowledge(settings: Settings) -> None:
    """Note that the store now holds the knowledge folder as it is."""
    try:
        path = _record_path(settings)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(knowledge_fingerprint(settings.knowledge_dir) + "\n", "utf-8")
    except (OSError, PolicybotError) as exc:
        log.warning("could not record the knowledge folder's fingerprint: %s", exc)


def sync_knowledge(
    settings: Settings, store: VectorStore, embedder: SentenceTransformerEmbedder
) -> IngestReport | None:
    """Add and update what the knowledge folder changed since it was last ingested.

    Never removes a document. A shared Chroma server is another deployment's to fill
    (the ingest Job): it is only warned about.
    """
    try:
        current = knowledge_fingerprint(settings.knowledge_dir)
        recorded = _record_path(settings)
        if recorded.is_file() and recorded.read_text("utf-8").strip() == current:
            return None
        documents = parse_paths([settings.knowledge_dir])
    except (OSError, ValueError, PolicybotError) as exc:
        log.warning("could not read the knowledge folder to check the store: %s", exc)
        return None
    changed = pending_changes(documents, store)
    if changed and settings.chroma_url:
        log.warning(
            "the knowledge folder differs from the shared store for %s: run `policybot ingest`",
            ", ".join(changed),
        )
        return None
    report = None
    if changed:
        report = ingest_documents([d for d in documents if d.info.name in changed], store, embedder)
        log.info("knowledge folder changed since it was last ingested: %s", report.summary())
    record_knowledge(settings)
    return report
