"""A filled store catches up with an edited knowledge folder when the bot starts."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from bot.knowledge_sync import record_knowledge, sync_knowledge
from bot.settings import Settings
from ingest.pipeline import ingest_documents, parse_paths
from ingest.store import VectorStore

NEW_NUMBER = "out of hours call 07700 900123)"


@pytest.fixture
def store(tmp_path: Path) -> VectorStore:
    return VectorStore.open(data_dir=tmp_path / "data", name="policies")


def _edit_number(knowledge: Path) -> None:
    policy = next(knowledge.glob("*.txt"))
    text = policy.read_text(encoding="utf-8")
    policy.write_text(text.replace("out of hours call 07968 149916)", NEW_NUMBER), "utf-8")


def _texts(store: VectorStore) -> list[str]:
    return [s.chunk.text for s in store.all_chunks()]


def test_a_pulled_policy_edit_is_in_the_store_at_the_next_start(
    policy_copy: Path, store: VectorStore, embedder, tmp_path: Path
):
    other = tmp_path / "other"
    other.mkdir()
    (other / "expenses.md").write_text("# Expenses\n\n## 1. Travel\n\nClaim within 30 days.\n")
    ingest_documents(parse_paths([policy_copy, other]), store, embedder)
    settings = Settings(data_dir=tmp_path / "data", knowledge_dir=policy_copy)
    assert sync_knowledge(settings, store, embedder) is None  # nothing changed: no work

    _edit_number(policy_copy)
    report = sync_knowledge(settings, store, embedder)
    assert report is not None and (report.updated, report.removed) == (1, 0)
    assert any("07700 900123" in t for t in _texts(store))
    # A document ingested from another path is not the knowledge folder's to remove.
    assert store.documents() == {"hra-social-media-policy", "expenses"}


def test_a_document_ingested_by_hand_is_kept_while_the_folder_is_unchanged(
    policy_copy: Path, store: VectorStore, embedder, tmp_path: Path
):
    settings = Settings(data_dir=tmp_path / "data", knowledge_dir=policy_copy)
    ingest_documents(parse_paths([policy_copy]), store, embedder)
    record_knowledge(settings)
    edited = tmp_path / "edited"
    edited.mkdir()
    (edited / next(policy_copy.glob("*.txt")).name).write_text(
        next(policy_copy.glob("*.txt")).read_text("utf-8").replace("07968 149916)", "07700 900123)")
    )
    ingest_documents(parse_paths([edited]), store, embedder)  # `policybot ingest edited/`
    assert sync_knowledge(settings, store, embedder) is None
    assert any("07700 900123" in t for t in _texts(store))


def test_a_shared_store_is_only_warned_about(
    policy_copy: Path, store: VectorStore, embedder, tmp_path: Path, caplog
):
    ingest_documents(parse_paths([policy_copy]), store, embedder)
    _edit_number(policy_copy)
    settings = Settings(
        data_dir=tmp_path / "data", knowledge_dir=policy_copy, chroma_url="http://127.0.0.1:9"
    )
    with caplog.at_level(logging.WARNING):
        assert sync_knowledge(settings, store, embedder) is None
    assert "run `policybot ingest`" in caplog.text
    assert not any("07700 900123" in t for t in _texts(store))
